//! PIM for Groups groups that hold a highly privileged role.
//!
//! A group's `member` policy decides how its members activate the membership, and through it
//! the role the group holds. ScubaGear therefore checks CISA MS.AAD.7.6–7.9 on the `member`
//! policy of every PIM for Groups group that holds one of its roles, active or eligible, as if
//! it were the role's own policy. pimlint does the same: when a run links a group to a
//! privileged role, the group's member policy is checked by the approval and notification rules
//! with that role's tier and per-role settings, once per role the group holds.
//!
//! The link comes from the tenant's role assignment or eligibility schedules and instances whose
//! principal is the group (in any input of the run), or from a ScubaGear export, which files the
//! group's member policy rules under each role the group holds.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::Value;

use crate::DocumentReport;
use crate::config::{Config, RuleContext, Tier};
use crate::diagnostic::Diagnostic;
use crate::model::{Document, Policy, Provider};
use crate::pointer::Pointer;
use crate::powershell::Converted;
use crate::roles::{self, GLOBAL_ADMINISTRATOR};
use crate::rules::{Check, REGISTRY};

use super::Tenant;
use super::model::Holding;

/// The rules a group's member policy is checked with, with the tier of a role it holds:
/// approval (`PIM201`, `PIM202`) and the alerts (`PIM404`, `PIM409`–`PIM411`).
pub const GROUP_RULES: [&str; 6] = ["PIM201", "PIM202", "PIM404", "PIM409", "PIM410", "PIM411"];

/// A role a PIM for Groups group holds, and what its member policy gives for that role.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GroupRole {
    /// The group: its name where the run gives it, else its id.
    pub group: String,
    /// The group's id, where the run gives it.
    pub group_id: Option<String>,
    /// The role's template id, lower case.
    pub role: String,
    /// The role's name.
    pub role_name: String,
    /// What shows the link ("an eligibility", "an active assignment", "a ScubaGear export").
    pub through: String,
    /// The findings of the role's approval and alert rules on the member policy (they are in
    /// the document's findings too).
    pub diagnostics: Vec<Diagnostic>,
}

impl GroupRole {
    /// How a report names the object: "members of group X (holds Global Administrator)".
    #[must_use]
    pub fn label(&self) -> String {
        format!("members of group {} (holds {})", self.group, self.role_name)
    }
}

/// The tier a role gives the policy of a group that holds it.
fn tier(role: &str, config: &Config) -> Tier {
    if role.eq_ignore_ascii_case(GLOBAL_ADMINISTRATOR) {
        Tier::GlobalAdministrator
    } else if config.is_privileged(role, None) {
        Tier::Privileged
    } else {
        Tier::Other
    }
}

/// Checks a group's member policy with the approval and alert rules of a role the group holds,
/// with that role's tier, options, overrides and severities.
#[must_use]
pub fn check_policy(
    policy: &Policy,
    role: &str,
    role_name: &str,
    (group, group_id): (&str, Option<&str>),
    through: &str,
    config: &Config,
) -> GroupRole {
    let scope = policy.scope.as_ref().map(|s| s.value.as_str());
    let context = RuleContext {
        config,
        options: config.options_for(Some(role), scope),
        tier: tier(role, config),
        role_name: Some(format!(
            "membership of group {group} (which holds {role_name})"
        )),
    };
    let mut found = Vec::new();
    for rule in REGISTRY
        .iter()
        .filter(|r| GROUP_RULES.contains(&r.meta.code))
    {
        if let Check::Policy(check) = rule.check {
            if config.is_enabled(rule.meta) {
                check(policy, &context, &mut found);
            }
        }
    }
    for d in &mut found {
        if !d.message.contains(group) {
            d.message = format!(
                "{}; on the `member` policy of group {group}, which holds {role_name}",
                d.message
            );
        }
        let id = group_id.map(|id| format!(" ({id})")).unwrap_or_default();
        let note = format!(
            "group {group}{id} holds {role_name} ({through}): its members activate the role by \
             activating their membership, so ScubaGear checks the group's `member` policy \
             with the role's controls"
        );
        d.note = Some(match d.note.take() {
            Some(n) => format!("{note}; {n}"),
            None => note,
        });
    }
    config.apply(&mut found, Some(role), scope);
    GroupRole {
        group: group.to_owned(),
        group_id: group_id.map(str::to_owned),
        role: role.to_ascii_lowercase(),
        role_name: role_name.to_owned(),
        through: through.to_owned(),
        diagnostics: found,
    }
}

/// Whether a PIM for Groups policy is a group's `member` policy: it says so (an expanded
/// policy assignment), or a policy assignment of the run links it to `member`.
fn is_member_policy(policy: &Policy, tenant: &Tenant) -> bool {
    if let Some(role) = &policy.role {
        return role.id.value.eq_ignore_ascii_case("member");
    }
    let Some(id) = &policy.id else {
        return false;
    };
    let id = id.value.to_ascii_lowercase();
    tenant
        .policy_links
        .iter()
        .any(|l| l.provider == Provider::Groups && l.policy == id && l.role == "member")
}

/// Checks the member policy of every group of the run that holds a privileged role, once per
/// role, and adds the findings to the policy's document. `inputs` are the reports of each input,
/// as [`super::check_run`] numbers them.
pub fn check_run(tenant: &Tenant, inputs: &mut [&mut Vec<DocumentReport>], config: &Config) {
    let mut results: Vec<(usize, usize, GroupRole)> = Vec::new();
    for (i, reports) in inputs.iter().enumerate() {
        for (j, report) in reports.iter().enumerate() {
            let Some(Document::Policy(policy)) = &report.document else {
                continue;
            };
            if policy.provider != Provider::Groups || !is_member_policy(policy, tenant) {
                continue;
            }
            let Some(scope) = &policy.scope else {
                continue;
            };
            let group = scope
                .value
                .rsplit('/')
                .next()
                .unwrap_or(&scope.value)
                .to_ascii_lowercase();
            // Each privileged role the group holds, once (the first grant that shows it).
            let mut held = BTreeMap::new();
            for g in tenant.grants.iter().filter(|g| {
                g.principal == group
                    && g.group.is_none()
                    && g.provider == Provider::EntraRoles
                    && g.role.is_some()
                    && tenant.is_privileged(g, config)
            }) {
                if let Some(role) = &g.role {
                    held.entry(role.clone()).or_insert(g);
                }
            }
            for (role, g) in held {
                if report.group_roles.iter().any(|r| r.role == role) {
                    continue;
                }
                let name = tenant
                    .grants
                    .iter()
                    .filter(|x| x.principal == group)
                    .find_map(|x| x.principal_name.clone())
                    .unwrap_or_else(|| group.clone());
                let through = match g.holding {
                    Holding::Active => "an active assignment",
                    Holding::Eligible => "an eligibility",
                };
                let role_name = tenant.role_name(&role, Some(g));
                results.push((
                    i,
                    j,
                    check_policy(
                        policy,
                        &role,
                        &role_name,
                        (&name, Some(&group)),
                        through,
                        config,
                    ),
                ));
            }
        }
    }
    for (i, j, result) in results {
        if let Some(report) = inputs.get_mut(i).and_then(|r| r.get_mut(j)) {
            report
                .diagnostics
                .extend(result.diagnostics.iter().cloned());
            report.group_roles.push(result);
        }
    }
}

/// The writer name of ScubaGear exports.
pub(crate) const SCUBAGEAR: &str = "ScubaGear";

/// A ScubaGear export files a group's member policy rules under each privileged role the group
/// holds (`privileged_roles[].Rules[]` with `RuleSourceType` "PIM Group" and the group's name in
/// `RuleSource`): each group policy read from a role's entry is checked with that role. Runs on
/// the converted documents, before their pointers are mapped back to the export.
pub(crate) fn check_scubagear(
    reports: &mut [DocumentReport],
    converted: &Converted,
    original: &Value,
    config: &Config,
) {
    let origin = |report: &DocumentReport| converted.pointers.original(&report.pointer);
    // The role of each `privileged_roles` entry, from the role's own policy.
    let mut entry_roles: Vec<(Pointer, String)> = Vec::new();
    for report in reports.iter() {
        if let Some(Document::Policy(p)) = &report.document {
            if let (Provider::EntraRoles, Some(role)) = (p.provider, &p.role) {
                entry_roles.push((origin(report), role.template_id.to_ascii_lowercase()));
            }
        }
    }
    for report in reports.iter_mut() {
        let Some(Document::Policy(policy)) = &report.document else {
            continue;
        };
        if policy.provider != Provider::Groups {
            continue;
        }
        // The group's policy is placed at its first rule, inside the role's entry.
        let at = origin(report);
        let Some((entry, role)) = entry_roles.iter().find(|(entry, _)| {
            at.text()
                .strip_prefix(&*entry.text())
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
        }) else {
            continue;
        };
        if !config.is_privileged(role, None) {
            continue;
        }
        let group = policy
            .rules_pointer
            .as_ref()
            .map(|at| converted.pointers.original(&at.index(0)))
            .and_then(|at| original.pointer(&at.key("RuleSource").text()))
            .and_then(Value::as_str)
            .filter(|name| !name.is_empty())
            .map_or_else(|| "(not named in the export)".to_owned(), str::to_owned);
        let role_name = original
            .pointer(&entry.key("DisplayName").text())
            .and_then(Value::as_str)
            .map(str::to_owned)
            .or_else(|| roles::name_of(role).map(str::to_owned))
            .unwrap_or_else(|| role.clone());
        let result = check_policy(
            policy,
            role,
            &role_name,
            (&group, None),
            "the ScubaGear export files its member policy under the role",
            config,
        );
        report
            .diagnostics
            .extend(result.diagnostics.iter().cloned());
        report.group_roles.push(result);
    }
}
