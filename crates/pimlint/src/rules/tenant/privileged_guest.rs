use crate::diagnostic::Diagnostic;
use crate::rules::context::Settings;
use crate::rules::declare_rule;
use crate::tenant::Tenant;
#[allow(unused_imports, reason = "one template for the principal checks")]
use crate::tenant::model::PrincipalKind;

use super::{Finding, at_grant, holding_word, privileged_grants, what};

declare_rule! {
    /// A highly privileged role is held by a guest.
    ///
    /// ## What it does
    /// Finds grants (active or eligible) of highly privileged roles, and memberships of groups
    /// that hold one, whose principal is a guest (`userType` is `Guest`), as the export's expanded `principal` says.
    ///
    /// ## Why it matters
    /// A guest account is governed by another organisation: its password, its MFA and its offboarding are not yours. CISA SCuBA and Microsoft's Zero Trust assessment keep privileged roles to member accounts.
    ///
    /// ## How to fix
    /// Give the role to a member account of this tenant.
    ///
    /// ## Example
    /// ```text
    /// pimlint check examples/tenant-export/
    /// ```
    pub static PRIVILEGED_GUEST = ("PIM605", "privileged-guest", Tenant, Warning);
}

/// Reports privileged grants held this way.
pub fn check(tenant: &Tenant, config: &dyn Settings, out: &mut Vec<Finding>) {
    for g in privileged_grants(tenant, config) {
        let Some(at) = g.guest.clone() else { continue };
        let d = Diagnostic::new(
            &PRIVILEGED_GUEST,
            format!(
                "{} is a guest and holds {} ({})",
                g.who(),
                what(tenant, g),
                holding_word(g.holding)
            ),
            at,
        )
        .with_help("give the role to a member account of this tenant");
        out.push(at_grant(g, d));
    }
}
