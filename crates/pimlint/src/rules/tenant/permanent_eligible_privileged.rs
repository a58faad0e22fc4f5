use crate::diagnostic::Diagnostic;
use crate::rules::context::Settings;
use crate::rules::declare_rule;
use crate::tenant::Tenant;
use crate::tenant::model::Holding;

use super::{Finding, at_grant, privileged_grants, what};

declare_rule! {
    /// A highly privileged role is held eligible with no end.
    ///
    /// ## What it does
    /// Finds eligibility schedules and instances of highly privileged roles (and of
    /// memberships of groups that hold one) that never end.
    ///
    /// ## Why it matters
    /// An eligibility nobody reviews outlives the need for it; an end date forces the review.
    ///
    /// ## How to fix
    /// Give the eligibility an end date, and renew it when it is still needed.
    ///
    /// ## Example
    /// ```text
    /// pimlint check examples/tenant-export/
    /// ```
    pub static PERMANENT_ELIGIBLE_PRIVILEGED = ("PIM608", "permanent-eligible-privileged", Tenant, Warning);
}

/// Reports privileged eligibilities that never end.
pub fn check(tenant: &Tenant, config: &dyn Settings, out: &mut Vec<Finding>) {
    for g in privileged_grants(tenant, config) {
        let Some(at) = &g.permanent else { continue };
        if g.holding != Holding::Eligible {
            continue;
        }
        let d = Diagnostic::new(
            &PERMANENT_ELIGIBLE_PRIVILEGED,
            format!(
                "{} is eligible for {} with no end",
                g.who(),
                what(tenant, g)
            ),
            at.clone(),
        )
        .with_help("give the eligibility an end date");
        out.push(at_grant(g, d));
    }
}
