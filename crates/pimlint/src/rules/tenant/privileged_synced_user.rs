use crate::diagnostic::Diagnostic;
use crate::rules::context::Settings;
use crate::rules::declare_rule;
use crate::tenant::Tenant;
#[allow(unused_imports, reason = "one template for the principal checks")]
use crate::tenant::model::PrincipalKind;

use super::{Finding, at_grant, holding_word, privileged_grants, what};

declare_rule! {
    /// A highly privileged role is held by a user synchronized from on-premises.
    ///
    /// ## What it does
    /// Finds grants (active or eligible) of highly privileged roles, and memberships of groups
    /// that hold one, whose principal is a user synchronized from on-premises Active Directory (`onPremisesSyncEnabled` is true), as the export's expanded `principal` says.
    ///
    /// ## Why it matters
    /// Whoever controls the on-premises directory then controls the cloud role: a compromise of Active Directory becomes a compromise of the tenant. CISA SCuBA MS.AAD.7.3 and CIS ask for cloud-only privileged accounts.
    ///
    /// ## How to fix
    /// Give the role to a cloud-only account.
    ///
    /// ## Example
    /// ```text
    /// pimlint check examples/tenant-export/
    /// ```
    pub static PRIVILEGED_SYNCED_USER = ("PIM606", "privileged-synced-user", Tenant, Warning);
}

/// Reports privileged grants held this way.
pub fn check(tenant: &Tenant, config: &dyn Settings, out: &mut Vec<Finding>) {
    for g in privileged_grants(tenant, config) {
        let Some(at) = g.synced.clone() else { continue };
        let d = Diagnostic::new(
            &PRIVILEGED_SYNCED_USER,
            format!(
                "{} is synchronized from on-premises and holds {} ({})",
                g.who(),
                what(tenant, g),
                holding_word(g.holding)
            ),
            at,
        )
        .with_help("give the role to a cloud-only account");
        out.push(at_grant(g, d));
    }
}
