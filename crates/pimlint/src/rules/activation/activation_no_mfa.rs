use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{Enablement, Policy};
use crate::rules::context::RuleContext;
use crate::rules::declare_rule;
use crate::rules::helpers::{intune_control, role_phrase};

declare_rule! {
    /// Activation requires neither multi-factor authentication nor a Conditional Access
    /// authentication context.
    ///
    /// ## What it does
    /// Checks that `Enablement_EndUser_Assignment` lists `MultiFactorAuthentication`, or that
    /// `AuthenticationContext_EndUser_Assignment` is enabled. An error for highly privileged
    /// roles, a warning for the others.
    ///
    /// ## Why it matters
    /// Without it, a stolen password is enough to activate the role. PIM raises the alert
    /// "roles don't require multifactor authentication for activation", and Microsoft's
    /// deployment plan asks for it on admin roles. The Zero Trust assessment (51016) requires
    /// `MultiFactorAuthentication` in `enabledRules` for Intune Administrator and does not
    /// count an authentication context; pimlint accepts either.
    ///
    /// ## How to fix
    /// Add `MultiFactorAuthentication` to `enabledRules`, or require an authentication context
    /// (not both: the service refuses that combination).
    ///
    /// ## Example
    /// ```json
    /// { "id": "Enablement_EndUser_Assignment", "enabledRules": ["Justification"], … }
    /// ```
    pub static ACTIVATION_NO_MFA = ("PIM103", "activation-no-mfa", Activation, Error);
}

pub fn check(policy: &Policy, context: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    let Some(enablement) = &policy.rules.enablement_end_user_assignment else {
        return;
    };
    // An authentication context the document does not show (an update, a projection) may
    // be the one that requires MFA: then nothing is known to be missing.
    let acrs = match &policy.rules.authentication_context_end_user_assignment {
        Some(rule) => match &rule.is_enabled {
            Some(enabled) => enabled.value,
            None => return,
        },
        None if policy.is_whole() => false,
        None => return,
    };
    if enablement.requires(Enablement::MultiFactorAuthentication) != Some(false) || acrs {
        return;
    }
    let severity = if context.tier.is_privileged() {
        Severity::Error
    } else {
        Severity::Warning
    };
    let mut d = Diagnostic::new(
            &ACTIVATION_NO_MFA,
            format!(
                "activating {} requires neither MFA nor an authentication context{}",
                role_phrase(context),
                intune_control(policy, context)
            ),
            enablement.enabled_rules_pointer.clone(),
        )
        .with_severity(severity)
        .with_help("add \"MultiFactorAuthentication\" to enabledRules, or enable AuthenticationContext_EndUser_Assignment");
    if let Some(fix) = crate::fix::policy::require(
        enablement,
        "MultiFactorAuthentication",
        "add \"MultiFactorAuthentication\" to enabledRules",
    ) {
        d = d.with_fix(fix);
    }
    out.push(d);
}
