use crate::diagnostic::Diagnostic;
use crate::rules::context::Settings;
use crate::rules::declare_rule;
use crate::tenant::Tenant;
#[allow(unused_imports, reason = "one template for the principal checks")]
use crate::tenant::model::PrincipalKind;

use super::{Finding, at_grant, holding_word, privileged_grants, what};

declare_rule! {
    /// A highly privileged role is held by a service principal.
    ///
    /// ## What it does
    /// Finds grants (active or eligible) of highly privileged roles, and memberships of groups
    /// that hold one, whose principal is a service principal (an application or a managed identity), as the export's expanded `principal` says.
    ///
    /// ## Why it matters
    /// An application's credentials sit in code, pipelines and key vaults; PIM cannot ask it for MFA or a justification, and its activity is reviewed less. Microsoft's Zero Trust assessment flags privileged roles held by applications.
    ///
    /// ## How to fix
    /// Give the application the narrowest permissions it needs (application permissions or a narrower role), or document why it needs the role.
    ///
    /// ## Example
    /// ```text
    /// pimlint check examples/tenant-export/
    /// ```
    pub static PRIVILEGED_SERVICE_PRINCIPAL = ("PIM607", "privileged-service-principal", Tenant, Warning);
}

/// Reports privileged grants held this way.
pub fn check(tenant: &Tenant, config: &dyn Settings, out: &mut Vec<Finding>) {
    for g in privileged_grants(tenant, config) {
        let Some(at) = (g.principal_kind == Some(PrincipalKind::ServicePrincipal)).then(|| {
            g.principal_at
                .clone()
                .unwrap_or_else(|| g.place.pointer.clone())
        }) else {
            continue;
        };
        let d = Diagnostic::new(
            &PRIVILEGED_SERVICE_PRINCIPAL,
            format!(
                "{} holds {} ({})",
                g.who(),
                what(tenant, g),
                holding_word(g.holding)
            ),
            at,
        )
        .with_help("give the application the narrowest permissions it needs, or a narrower role");
        out.push(at_grant(g, d));
    }
}
