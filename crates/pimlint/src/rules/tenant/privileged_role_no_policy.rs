use std::collections::BTreeSet;

use crate::diagnostic::Diagnostic;
use crate::model::Provider;
use crate::rules::context::Settings;
use crate::rules::declare_rule;
use crate::tenant::Tenant;

use super::{Finding, at_grant, privileged_grants};

declare_rule! {
    /// A highly privileged role that someone holds has no policy among the inputs.
    ///
    /// ## What it does
    /// When the run includes policy assignments (or policies expanded from them), finds the
    /// highly privileged Entra roles held in the export whose role no policy assignment
    /// names. Without policy assignments in the run, nothing is said: their absence is
    /// unknown, not missing. Microsoft's Zero Trust assessment (21820) asks that every
    /// privileged role's settings be reviewed.
    ///
    /// ## Why it matters
    /// Each role's activation rules (MFA, approval, duration, notifications) live in its
    /// policy; a held role whose policy is not in the export is not checked by any other
    /// rule.
    ///
    /// ## How to fix
    /// Export the role's policy assignment with its policy
    /// (`roleManagementPolicyAssignments?$expand=policy($expand=rules)`), and review it.
    ///
    /// ## Example
    /// ```text
    /// pimlint check examples/tenant-export/
    /// ```
    pub static PRIVILEGED_ROLE_NO_POLICY = ("PIM609", "privileged-role-no-policy", Tenant, Warning);
}

/// Reports held privileged roles that no policy assignment names.
pub fn check(tenant: &Tenant, config: &dyn Settings, out: &mut Vec<Finding>) {
    if !tenant.has_policy_assignments {
        return;
    }
    let mut reported = BTreeSet::new();
    for g in privileged_grants(tenant, config) {
        let Some(role) = &g.role else { continue };
        if g.provider != Provider::EntraRoles
            || tenant.policy_roles.contains(role)
            || !reported.insert(role.clone())
        {
            continue;
        }
        let at = g.role_at.clone().unwrap_or_else(|| g.place.pointer.clone());
        let d = Diagnostic::new(
            &PRIVILEGED_ROLE_NO_POLICY,
            format!(
                "{} is held by {}, and no policy assignment among the inputs names the role",
                tenant.role_name(role, Some(g)),
                g.who()
            ),
            at,
        )
        .with_help(
            "add the role's policy assignment with its policy to the export, and review its \
             settings",
        );
        out.push(at_grant(g, d));
    }
}
