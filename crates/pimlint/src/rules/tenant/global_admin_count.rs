use crate::diagnostic::{Diagnostic, Severity};
use crate::roles::GLOBAL_ADMINISTRATOR;
use crate::rules::context::Settings;
use crate::rules::declare_rule;
use crate::tenant::Tenant;
use crate::tenant::model::PrincipalKind;

use super::Finding;

declare_rule! {
    /// The number of Global Administrators is outside the bounds.
    ///
    /// ## What it does
    /// Counts the principals that hold Global Administrator at the tenant scope, active or
    /// eligible, each once: directly, or as members of a group that holds the role when the
    /// export has the group's PIM for Groups memberships. Users are counted, as CISA SCuBA and
    /// CIS count; service principals only with `count-service-principals`. A group whose
    /// members the export lacks is named in a note and not counted.
    ///
    /// ## Why it matters
    /// Global Administrator has unfettered access to the tenant. Too many holders make a
    /// compromise likelier; fewer than two leave no one to recover when one account is lost.
    /// CISA SCuBA MS.AAD.7.1 asks for 2 to 8, the CIS Microsoft 365 benchmark for 2 to 4,
    /// Microsoft's Zero Trust assessment for at most 8.
    ///
    /// ## How to fix
    /// Move administrators to finer-grained roles, or name a second emergency access account.
    ///
    /// ## Options
    /// `[rules.global-admin-count]`: `minimum` (default 2; none under `zero-trust`), `maximum`
    /// (default 8; 4 under `cis-m365`), `count-service-principals` (default false).
    ///
    /// ## Example
    /// ```text
    /// pimlint check examples/tenant-export/
    /// ```
    pub static GLOBAL_ADMIN_COUNT = ("PIM601", "global-admin-count", Tenant, Warning);
}

/// Counts Global Administrators against the configured bounds.
pub fn check(tenant: &Tenant, config: &dyn Settings, out: &mut Vec<Finding>) {
    let options = &config.options().global_admin_count;
    let (holders, opaque) = tenant.holders(GLOBAL_ADMINISTRATOR);
    let mut counted: Vec<_> = holders
        .values()
        .filter(|g| match g.principal_kind {
            Some(PrincipalKind::ServicePrincipal) => options.count_service_principals,
            Some(PrincipalKind::Group) => false,
            _ => true,
        })
        .collect();
    counted.sort_by(|a, b| a.place.cmp(&b.place));
    let Some(first) = counted.first().copied().or(opaque.first()) else {
        return;
    };
    let (minimum, maximum) = options.bounds(config.profile());
    let n = counted.len();
    let message = match (minimum, maximum) {
        (Some(min), _) if n < min => format!(
            "{n} Global Administrator{}; at least {min} are wanted so that one account lost \
             does not lock the tenant",
            if n == 1 { "" } else { "s" }
        ),
        (_, Some(max)) if n > max => {
            format!("{n} Global Administrators; at most {max} are wanted")
        }
        _ => return,
    };
    let names: Vec<String> = counted.iter().map(|g| g.who()).collect();
    let mut d = Diagnostic::new(&GLOBAL_ADMIN_COUNT, message, first.place.pointer.clone())
        .with_help(if minimum.is_some_and(|m| n < m) {
            "make a second (emergency access) account eligible for Global Administrator"
        } else {
            "move administrators to finer-grained roles"
        })
        .with_note(format!("counted: {}", names.join(", ")));
    for g in counted.iter().skip(1) {
        if g.place.input == first.place.input {
            d = d.with_label(
                g.place.pointer.clone(),
                format!("also holds it: {}", g.who()),
            );
        }
    }
    if !opaque.is_empty() {
        let groups: Vec<String> = opaque.iter().map(|g| g.who()).collect();
        let note = d.note.take().unwrap_or_default();
        d = d.with_note(format!(
            "{note}; not counted, as the export lacks their members: {}",
            groups.join(", ")
        ));
    }
    if n == 0 {
        d = d.with_severity(Severity::Error);
    }
    out.push(Finding {
        place: first.place.clone(),
        role: Some(GLOBAL_ADMINISTRATOR.to_owned()),
        scope: Some("/".to_owned()),
        diagnostic: d,
    });
}
