use crate::diagnostic::Diagnostic;
use crate::model::{Enablement, Policy};
use crate::rules::context::RuleContext;
use crate::rules::declare_rule;

declare_rule! {
    /// Activation requires both MFA and an authentication context, which the service refuses
    /// (`MfaAndAcrsConflict`).
    ///
    /// ## What it does
    /// Flags `MultiFactorAuthentication` in `Enablement_EndUser_Assignment` together with an
    /// enabled `AuthenticationContext_EndUser_Assignment`.
    ///
    /// ## Why it matters
    /// The service rejects the update with `MfaAndAcrsConflict`: the authentication context's
    /// Conditional Access policy is where MFA (or stronger) is required. Tools that copy
    /// settings between roles hit this (EasyPIM #121; the Terraform provider declares the two
    /// settings as conflicting). Only activation has an authentication context
    /// (`AuthenticationContext_EndUser_Assignment`; no admin rule exists), so MFA on
    /// `Enablement_Admin_Assignment` never conflicts with it and is not reported.
    ///
    /// ## How to fix
    /// Remove `MultiFactorAuthentication` and require MFA in the Conditional Access policy that
    /// targets the authentication context; or disable the authentication context.
    ///
    /// ## Example
    /// ```json
    /// "enabledRules": ["MultiFactorAuthentication"], … { "id": "AuthenticationContext_EndUser_Assignment", "isEnabled": true, "claimValue": "c1" }
    /// ```
    pub static MFA_AND_AUTH_CONTEXT = ("PIM104", "mfa-and-auth-context", Activation, Error);
}

pub fn check(policy: &Policy, _context: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    let (Some(enablement), Some(acrs)) = (
        &policy.rules.enablement_end_user_assignment,
        &policy.rules.authentication_context_end_user_assignment,
    ) else {
        return;
    };
    let (Some(mfa), Some(enabled)) = (
        enablement.find(Enablement::MultiFactorAuthentication),
        acrs.is_enabled.as_ref().filter(|e| e.value),
    ) else {
        return;
    };
    out.push(
        Diagnostic::new(
            &MFA_AND_AUTH_CONTEXT,
            "activation requires both MultiFactorAuthentication and an authentication context; the service rejects this (MfaAndAcrsConflict)",
            mfa.pointer.clone(),
        )
        .with_label(enabled.pointer.clone(), "the authentication context is enabled here")
        .with_help("remove MultiFactorAuthentication and require MFA in the Conditional Access policy of the context"),
    );
}
