use crate::diagnostic::Diagnostic;
use crate::model::{Enablement, Policy};
use crate::rules::context::RuleContext;
use crate::rules::declare_rule;

declare_rule! {
    /// MFA is required to make eligible assignments, which app-only automation cannot satisfy.
    ///
    /// ## What it does
    /// Reports `MultiFactorAuthentication` in `Enablement_Admin_Eligibility`. Off unless
    /// selected (or the `strict` profile): it matters where pipelines assign roles.
    ///
    /// ## Why it matters
    /// The portal has no setting for this rule, so it is easy to set by API and forget; with
    /// it, service principals that onboard eligible assignments in bulk fail (EasyPIM #113).
    ///
    /// ## How to fix
    /// Remove it if eligible assignments are made by automation; keep it if only people assign.
    ///
    /// ## Example
    /// ```json
    /// { "id": "Enablement_Admin_Eligibility", "enabledRules": ["MultiFactorAuthentication"], … }
    /// ```
    pub static ADMIN_ELIGIBILITY_MFA = ("PIM110", "admin-eligibility-mfa", Activation, Info);
}

pub fn check(policy: &Policy, _context: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    let Some(mfa) = policy
        .rules
        .enablement_admin_eligibility
        .as_ref()
        .and_then(|r| r.find(Enablement::MultiFactorAuthentication))
    else {
        return;
    };
    out.push(
        Diagnostic::new(
            &ADMIN_ELIGIBILITY_MFA,
            "eligible assignments require MFA from the assigning admin; app-only automation cannot make them",
            mfa.pointer.clone(),
        )
        .with_help("remove it if a pipeline assigns eligibility with a service principal"),
    );
}
