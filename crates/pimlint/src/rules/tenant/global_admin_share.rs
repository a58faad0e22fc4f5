use std::collections::BTreeSet;

use crate::diagnostic::{Diagnostic, Severity};
use crate::roles::GLOBAL_ADMINISTRATOR;
use crate::rules::context::Settings;
use crate::rules::declare_rule;
use crate::rules::options::ShareLimit;
use crate::tenant::Tenant;
use crate::tenant::model::PrincipalKind;

use super::{Finding, privileged_grants};

declare_rule! {
    /// Global Administrators are too large a share of the privileged users.
    ///
    /// ## What it does
    /// Counts the users that hold a highly privileged Entra role at the tenant scope (active
    /// or eligible, each user once; a user who is Global Administrator counts as one) and
    /// the share of them that are Global Administrators. By default a share of 30 % or more is
    /// a warning and 50 % or more an error, as Microsoft's Zero Trust assessment (21813)
    /// judges; under `cisa-scuba`, as CISA SCuBA MS.AAD.7.2 does, Global Administrators may
    /// not outnumber the users of the other privileged roles.
    ///
    /// ## Why it matters
    /// Most administrators need a narrower role; every Global Administrator who does not is
    /// standing risk.
    ///
    /// ## How to fix
    /// Give administrators the least privileged role that does their job.
    ///
    /// ## Options
    /// `[rules.global-admin-share]`: `warning-percent` (default 30), `error-percent` (default
    /// 50), `at-most-others` (default true under `cisa-scuba` only).
    ///
    /// ## Example
    /// ```text
    /// pimlint check examples/tenant-export/
    /// ```
    pub static GLOBAL_ADMIN_SHARE = ("PIM602", "global-admin-share", Tenant, Warning);
}

/// Compares Global Administrators with the other privileged users.
pub fn check(tenant: &Tenant, config: &dyn Settings, out: &mut Vec<Finding>) {
    let mut ga = BTreeSet::new();
    let mut others = BTreeSet::new();
    let mut first = None;
    for g in privileged_grants(tenant, config) {
        let Some(role) = &g.role else { continue };
        if !g.tenant_wide() {
            continue;
        }
        // A group's members hold its roles; the export shows them as group memberships.
        let users: Vec<&str> = match g.principal_kind {
            Some(PrincipalKind::Group) => tenant
                .group_members(&g.principal)
                .filter(|m| m.principal_kind.is_none_or(|k| k == PrincipalKind::User))
                .map(|m| m.principal.as_str())
                .collect(),
            Some(PrincipalKind::User) | None => vec![g.principal.as_str()],
            Some(_) => continue,
        };
        let set = if role == GLOBAL_ADMINISTRATOR {
            first.get_or_insert(g);
            &mut ga
        } else {
            &mut others
        };
        set.extend(users.into_iter().map(str::to_owned));
    }
    let others: BTreeSet<_> = others.difference(&ga).cloned().collect();
    let Some(first) = first else { return };
    let (n_ga, n_other) = (ga.len(), others.len());
    let total = n_ga + n_other;
    let percent = n_ga * 100 / total.max(1);
    let severity = match config.options().global_admin_share.limit(config.profile()) {
        ShareLimit::AtMostOthers if n_ga > n_other => Severity::Error,
        ShareLimit::AtMostOthers => return,
        ShareLimit::Percent(warning, error) => {
            if error.is_some_and(|e| percent >= usize::from(e)) {
                Severity::Error
            } else if warning.is_some_and(|w| percent >= usize::from(w)) {
                Severity::Warning
            } else {
                return;
            }
        }
    };
    let d = Diagnostic::new(
        &GLOBAL_ADMIN_SHARE,
        format!(
            "{n_ga} of {total} privileged users ({percent} %) are Global Administrators; the \
             other {n_other} hold narrower privileged roles"
        ),
        first.place.pointer.clone(),
    )
    .with_severity(severity)
    .with_help("give administrators the least privileged role that does their job");
    out.push(Finding {
        place: first.place.clone(),
        role: Some(GLOBAL_ADMINISTRATOR.to_owned()),
        scope: Some("/".to_owned()),
        diagnostic: d,
    });
}
