use crate::diagnostic::Diagnostic;
use crate::rules::context::Settings;
use crate::rules::declare_rule;
use crate::tenant::Tenant;
use crate::tenant::model::Holding;

use super::{Finding, at_grant, privileged_grants, what};

declare_rule! {
    /// A highly privileged role is held active with no end.
    ///
    /// ## What it does
    /// Finds active schedules, instances and role assignments of highly privileged roles (and
    /// memberships of groups that hold one) that never end: `expiration.type` is
    /// `noExpiration`, or the end is `null`. Principals listed in `exclusions` (emergency
    /// access accounts) are left out.
    ///
    /// ## Why it matters
    /// Standing access is what PIM exists to remove: a permanent active assignment is in force
    /// every minute, whether or not anyone needs it. CISA SCuBA MS.AAD.7.4 allows it only for
    /// emergency access accounts.
    ///
    /// ## How to fix
    /// Make the principal eligible instead, and remove the active assignment.
    ///
    /// ## Options
    /// `[rules.permanent-active-privileged]`: `exclusions`, object ids or names of the
    /// principals allowed to keep it (break-glass accounts).
    ///
    /// ## Example
    /// ```text
    /// pimlint check examples/tenant-export/
    /// ```
    pub static PERMANENT_ACTIVE_PRIVILEGED = ("PIM603", "permanent-active-privileged", Tenant, Warning);
}

/// Reports privileged grants that are active and never end.
pub fn check(tenant: &Tenant, config: &dyn Settings, out: &mut Vec<Finding>) {
    let exclusions = &config.options().permanent_active_privileged;
    for g in privileged_grants(tenant, config) {
        let Some(at) = &g.permanent else { continue };
        if g.holding != Holding::Active
            || exclusions.excludes(&g.principal, g.principal_name.as_deref())
            || g.principal_sign_in
                .as_deref()
                .is_some_and(|s| exclusions.excludes(s, None))
        {
            continue;
        }
        let d = Diagnostic::new(
            &PERMANENT_ACTIVE_PRIVILEGED,
            format!("{} holds {} active with no end", g.who(), what(tenant, g)),
            at.clone(),
        )
        .with_help(
            "make the principal eligible and remove the active assignment; list emergency \
             access accounts under [rules.permanent-active-privileged] exclusions",
        );
        out.push(at_grant(g, d));
    }
}
