use crate::diagnostic::Diagnostic;
use crate::model::{Enablement, Policy};
use crate::rules::context::RuleContext;
use crate::rules::declare_rule;
use crate::rules::helpers::role_phrase;

declare_rule! {
    /// Making an active assignment of a highly privileged role does not require the admin's
    /// MFA.
    ///
    /// ## What it does
    /// For highly privileged roles, checks that `Enablement_Admin_Assignment` lists
    /// `MultiFactorAuthentication`.
    ///
    /// ## Why it matters
    /// Active assignments grant the role at once; an attacker with an admin's password could
    /// hand it out. Tools that copy policies have dropped this setting (EasyPIM #239).
    ///
    /// ## How to fix
    /// Add `"MultiFactorAuthentication"` to `enabledRules` of `Enablement_Admin_Assignment`.
    ///
    /// ## Example
    /// ```json
    /// { "id": "Enablement_Admin_Assignment", "enabledRules": ["Justification"], … }
    /// ```
    pub static ACTIVE_ASSIGNMENT_NO_MFA = ("PIM307", "active-assignment-no-mfa", Assignment, Warning);
}

pub fn check(policy: &Policy, context: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    if !context.tier.is_privileged() {
        return;
    }
    let Some(rule) = &policy.rules.enablement_admin_assignment else {
        return;
    };
    if rule.requires(Enablement::MultiFactorAuthentication) == Some(false) {
        out.push(
            Diagnostic::new(
                &ACTIVE_ASSIGNMENT_NO_MFA,
                format!(
                    "admins can make active assignments of {} without MFA",
                    role_phrase(context)
                ),
                rule.enabled_rules_pointer.clone(),
            )
            .with_help("add \"MultiFactorAuthentication\" to enabledRules")
            .with_fix(crate::fix::policy::require(
                rule,
                "MultiFactorAuthentication",
                "add \"MultiFactorAuthentication\" to enabledRules",
            )),
        );
    }
}
