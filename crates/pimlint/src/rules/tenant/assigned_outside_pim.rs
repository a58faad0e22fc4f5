use std::collections::BTreeSet;

use crate::diagnostic::Diagnostic;
use crate::rules::context::Settings;
use crate::rules::declare_rule;
use crate::tenant::Tenant;
use crate::tenant::model::{Holding, ScheduleObject};

use super::{Finding, at_grant, privileged_grants, what};

declare_rule! {
    /// A highly privileged role was assigned active outside PIM.
    ///
    /// ## What it does
    /// Finds active grants of highly privileged roles that PIM did not make: an assignment
    /// schedule whose `createdUsing` is `null` (ARM: no `roleAssignmentScheduleRequestId`),
    /// an assignment instance whose `startDateTime` is `null`, and a role assignment with no
    /// assignment schedule or instance for the same principal, role and scope when the export
    /// has them. This is how CISA SCuBA MS.AAD.7.5 tells assignments made outside PIM.
    ///
    /// ## Why it matters
    /// An assignment made outside PIM skips its policy: no approval, no justification, no
    /// end, no notification.
    ///
    /// ## How to fix
    /// Remove the assignment and grant the role through PIM (an eligibility, or a time-bound
    /// active assignment).
    ///
    /// ## Example
    /// ```text
    /// pimlint check examples/tenant-export/
    /// ```
    pub static ASSIGNED_OUTSIDE_PIM = ("PIM604", "assigned-outside-pim", Tenant, Warning);
}

/// Reports active privileged grants made outside PIM.
pub fn check(tenant: &Tenant, config: &dyn Settings, out: &mut Vec<Finding>) {
    let scheduled: BTreeSet<_> = tenant
        .grants
        .iter()
        .filter(|g| g.holding == Holding::Active && g.object != ScheduleObject::RoleAssignment)
        .map(|g| (g.principal.clone(), g.role.clone(), g.scope.clone()))
        .collect();
    let mut reported = BTreeSet::new();
    for g in privileged_grants(tenant, config) {
        if g.holding != Holding::Active || g.role.is_none() {
            continue;
        }
        let (at, how) = match (&g.outside_pim, g.object) {
            (Some(at), ScheduleObject::Schedule) => (at.clone(), "its schedule has no request"),
            (Some(at), _) => (at.clone(), "it has no start, as standing assignments do"),
            (None, ScheduleObject::RoleAssignment)
                if !scheduled.is_empty()
                    && !scheduled.contains(&(
                        g.principal.clone(),
                        g.role.clone(),
                        g.scope.clone(),
                    )) =>
            {
                (
                    g.place.pointer.clone(),
                    "no assignment schedule or instance in the export matches it",
                )
            }
            _ => continue,
        };
        if !reported.insert((g.principal.clone(), g.role.clone(), g.scope.clone())) {
            continue;
        }
        let d = Diagnostic::new(
            &ASSIGNED_OUTSIDE_PIM,
            format!(
                "{} holds {} through an assignment made outside PIM: {how}",
                g.who(),
                what(tenant, g)
            ),
            at,
        )
        .with_help("remove the assignment and grant the role through PIM");
        out.push(at_grant(g, d));
    }
}
