use crate::diagnostic::Diagnostic;
use crate::model::{Enablement, Policy};
use crate::rules::context::RuleContext;
use crate::rules::declare_rule;
use crate::rules::helpers::role_phrase;

declare_rule! {
    /// Making an active assignment does not require a justification.
    ///
    /// ## What it does
    /// Checks that `Enablement_Admin_Assignment` lists `Justification`.
    ///
    /// ## Why it matters
    /// Active assignments bypass activation; the justification is the only record of why one
    /// was made.
    ///
    /// ## How to fix
    /// Add `"Justification"` to `enabledRules` of `Enablement_Admin_Assignment`.
    ///
    /// ## Example
    /// ```json
    /// { "id": "Enablement_Admin_Assignment", "enabledRules": [], … }
    /// ```
    pub static ACTIVE_ASSIGNMENT_NO_JUSTIFICATION = ("PIM308", "active-assignment-no-justification", Assignment, Warning);
}

pub fn check(policy: &Policy, context: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    let Some(rule) = &policy.rules.enablement_admin_assignment else {
        return;
    };
    if rule.requires(Enablement::Justification) == Some(false) {
        out.push(
            Diagnostic::new(
                &ACTIVE_ASSIGNMENT_NO_JUSTIFICATION,
                format!(
                    "admins can make active assignments of {} without a justification",
                    role_phrase(context)
                ),
                rule.enabled_rules_pointer.clone(),
            )
            .with_help("add \"Justification\" to enabledRules")
            .with_fix(crate::fix::policy::require(
                rule,
                "Justification",
                "add \"Justification\" to enabledRules",
            )),
        );
    }
}
