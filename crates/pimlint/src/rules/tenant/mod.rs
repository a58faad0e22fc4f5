//! `PIM6xx`: checks over the tenant view, joined from every document of a run.

use std::collections::BTreeSet;

use crate::diagnostic::Diagnostic;
use crate::rules::context::Settings;
use crate::tenant::index::{Grant, Place, Tenant};
use crate::tenant::model::Holding;

pub mod assigned_outside_pim;
pub mod global_admin_count;
pub mod global_admin_share;
pub mod permanent_active_privileged;
pub mod permanent_eligible_privileged;
pub mod pim_alert_disabled;
pub mod privileged_guest;
pub mod privileged_role_no_policy;
pub mod privileged_service_principal;
pub mod privileged_synced_user;
pub mod schedule_exceeds_policy;

/// A tenant finding and the object it belongs to.
#[derive(Debug, Clone)]
pub struct Finding {
    /// The primary object.
    pub place: Place,
    /// The role the finding is about (for per-role configuration), lower case.
    pub role: Option<String>,
    /// The scope the finding is about.
    pub scope: Option<String>,
    /// The finding; its pointer is `place.pointer` or inside that object.
    pub diagnostic: Diagnostic,
}

/// The signature of a tenant check.
pub type TenantCheck = fn(&Tenant, &dyn Settings, &mut Vec<Finding>);

/// The privileged grants, once per principal, role (or group) and holding: an export with
/// both schedules and instances shows the same grant twice.
pub(crate) fn privileged_grants<'a>(tenant: &'a Tenant, config: &dyn Settings) -> Vec<&'a Grant> {
    let mut seen = BTreeSet::new();
    tenant
        .grants
        .iter()
        .filter(|g| tenant.is_privileged(g, config))
        .filter(|g| {
            seen.insert((
                g.principal.clone(),
                g.role.clone(),
                g.group.clone(),
                g.scope.clone(),
                g.holding == Holding::Active,
            ))
        })
        .collect()
}

/// What a grant gives, for messages: "Global Administrator" or "membership of group <id>".
pub(crate) fn what(tenant: &Tenant, grant: &Grant) -> String {
    match (&grant.role, &grant.group) {
        (Some(role), _) => tenant.role_name(role, Some(grant)),
        (None, Some((group, access))) => {
            let name = tenant
                .grants
                .iter()
                .find(|g| &g.principal == group)
                .and_then(|g| g.principal_name.as_deref())
                .map_or_else(|| group.clone(), |n| format!("{n} ({group})"));
            let what = if access == "owner" {
                "ownership"
            } else {
                "membership"
            };
            format!("{what} of group {name}, which holds a privileged role")
        }
        (None, None) => "a role".to_owned(),
    }
}

/// A finding about one grant.
pub(crate) fn at_grant(grant: &Grant, diagnostic: Diagnostic) -> Finding {
    Finding {
        place: grant.place.clone(),
        role: grant.role.clone(),
        scope: grant.scope.clone(),
        diagnostic,
    }
}

/// "active" or "eligible".
pub(crate) const fn holding_word(holding: Holding) -> &'static str {
    match holding {
        Holding::Active => "active",
        Holding::Eligible => "eligible",
    }
}
