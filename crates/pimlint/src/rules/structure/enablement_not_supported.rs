use crate::diagnostic::Diagnostic;
use crate::model::{Enablement, Policy, RuleId};
use crate::rules::context::RuleContext;
use crate::rules::declare_rule;

declare_rule! {
    /// `Ticketing` is required on an admin enablement rule, where the service does not support
    /// it.
    ///
    /// ## What it does
    /// Flags `Ticketing` in `Enablement_Admin_Assignment` or `Enablement_Admin_Eligibility`;
    /// tickets exist only for activations (`Enablement_EndUser_Assignment`).
    ///
    /// ## Why it matters
    /// The service rejects the update; a policy-as-code tool that offered Ticketing for admin
    /// rules had to be fixed (EasyPIM #239, PR #240).
    ///
    /// ## How to fix
    /// Remove `Ticketing` from the admin rule; require it on `Enablement_EndUser_Assignment`.
    ///
    /// ## Example
    /// ```json
    /// { "id": "Enablement_Admin_Assignment", "enabledRules": ["Justification", "Ticketing"], … }
    /// ```
    pub static ENABLEMENT_NOT_SUPPORTED = ("PIM010", "enablement-not-supported", Structure, Error);
}

pub fn check(policy: &Policy, _context: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    for (id, rule) in [
        (
            RuleId::EnablementAdminAssignment,
            &policy.rules.enablement_admin_assignment,
        ),
        (
            RuleId::EnablementAdminEligibility,
            &policy.rules.enablement_admin_eligibility,
        ),
    ] {
        if let Some(ticketing) = rule.as_ref().and_then(|r| r.find(Enablement::Ticketing)) {
            out.push(
                Diagnostic::new(
                    &ENABLEMENT_NOT_SUPPORTED,
                    format!("`{id}` cannot require Ticketing: tickets exist only for activations"),
                    ticketing.pointer.clone(),
                )
                .with_help(
                    "remove it, and require Ticketing on Enablement_EndUser_Assignment instead",
                ),
            );
        }
    }
}
