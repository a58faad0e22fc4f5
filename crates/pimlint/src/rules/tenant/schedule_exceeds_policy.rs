use std::collections::BTreeSet;

use crate::diagnostic::Diagnostic;
use crate::duration::describe;
use crate::model::Provider;
use crate::pointer::Pointer;
use crate::rules::context::Settings;
use crate::rules::declare_rule;
use crate::tenant::Tenant;
use crate::tenant::index::Grant;
use crate::tenant::limits::{Limit, PolicyLimits};
use crate::tenant::model::{Holding, ScheduleObject};

use super::{Finding, at_grant, what};

declare_rule! {
    /// A schedule outlives what its role's policy allows now.
    ///
    /// ## What it does
    /// Holds each eligibility and active assignment schedule (and instance) to the policy of
    /// its role at its own scope, read in the same run and joined through the policy
    /// assignments (an Azure grant at a resource group answers to the resource group's
    /// policy, not its subscription's: ARM role settings are not inherited): eligibilities
    /// to `Expiration_Admin_Eligibility`, active assignments to `Expiration_Admin_Assignment`,
    /// activations (`assignmentType` `Activated`) to `Expiration_EndUser_Assignment`. A
    /// schedule with no end fails when the rule says `isExpirationRequired: true`; one whose
    /// end lies further from its start than `maximumDuration` fails too. Nothing is reported
    /// when the role's policy is not in the run, or when the rule, its
    /// `isExpirationRequired` or its `maximumDuration` is absent: unknown is not a default.
    ///
    /// ## Why it matters
    /// The service checks a policy's limits only when a grant is made or extended. Tightening
    /// a policy leaves the grants made before in place: a permanent eligibility survives a
    /// policy that now requires a six-month end, and the policy reads stricter than the
    /// tenant is.
    ///
    /// ## How to fix
    /// Update the schedule (an `adminUpdate` request) to end within the policy's maximum, or
    /// remove it and grant it again under the current policy.
    ///
    /// ## Example
    /// ```text
    /// pimlint check examples/tenant-export/
    /// ```
    pub static SCHEDULE_EXCEEDS_POLICY = ("PIM611", "schedule-exceeds-policy", Tenant, Warning);
}

/// Which rule a grant answers to, and its name for messages.
fn limit_of<'a>(g: &Grant, p: &'a PolicyLimits) -> Option<(&'static str, Option<&'a Limit>)> {
    match g.holding {
        Holding::Eligible => Some(("Expiration_Admin_Eligibility", p.eligibility.as_ref())),
        Holding::Active if g.activated => {
            Some(("Expiration_EndUser_Assignment", p.activation.as_ref()))
        }
        Holding::Active if g.assigned => {
            Some(("Expiration_Admin_Assignment", p.assignment.as_ref()))
        }
        Holding::Active => None,
    }
}

/// "eligible", "active" or "activated".
const fn word(g: &Grant) -> &'static str {
    if g.activated {
        "activated"
    } else {
        super::holding_word(g.holding)
    }
}

/// Reports schedules that outlive their role's policy.
pub fn check(tenant: &Tenant, _config: &dyn Settings, out: &mut Vec<Finding>) {
    // An export with both schedules and instances shows the same grant twice.
    let mut seen = BTreeSet::new();
    for g in &tenant.grants {
        if g.object == ScheduleObject::RoleAssignment
            || !seen.insert((
                g.principal.clone(),
                g.role.clone(),
                g.group.clone(),
                g.scope.clone(),
                g.holding == Holding::Active,
                g.activated,
                g.start,
                g.end.as_ref().map(|(e, _)| *e),
            ))
        {
            continue;
        }
        let (role, scope) = match (&g.role, &g.group) {
            (Some(role), _) => (role.as_str(), g.scope.as_deref()),
            (None, Some((group, access))) if g.provider == Provider::Groups => {
                (access.as_str(), Some(group.as_str()))
            }
            _ => continue,
        };
        let scope = scope.map(str::to_ascii_lowercase);
        // Several policies for the same role and scope (exports of several tenants in one
        // run): a finding only when the grant outlives every one of them.
        let policies: Vec<&PolicyLimits> = tenant
            .policies_of(g.provider, role, scope.as_deref())
            .collect();
        let Some(found) = policies
            .iter()
            .map(|p| exceeds(tenant, g, p))
            .collect::<Option<Vec<_>>>()
        else {
            continue;
        };
        let Some(((message, label_at, label, rule_id), policy)) =
            found.into_iter().zip(policies).next()
        else {
            continue;
        };
        let at = g
            .permanent
            .clone()
            .or_else(|| g.end.as_ref().map(|(_, p)| p.clone()))
            .unwrap_or_else(|| g.place.pointer.clone());
        let mut d = Diagnostic::new(&SCHEDULE_EXCEEDS_POLICY, message, at).with_help(
            "update the schedule to end within the policy's limit, or remove it and grant it \
             again under the current policy",
        );
        if policy.place.input == g.place.input {
            d = d.with_label(label_at, label);
        } else {
            d = d.with_note(format!(
                "the policy's {rule_id} is in another input, at {label_at}"
            ));
        }
        out.push(at_grant(g, d));
    }
}

/// How a grant outlives one policy: the message, the policy member to point at, its label
/// and the rule's id; `None` when it does not, or when the limit is unknown.
fn exceeds(
    tenant: &Tenant,
    g: &Grant,
    policy: &PolicyLimits,
) -> Option<(String, Pointer, String, &'static str)> {
    let (rule_id, limit) = limit_of(g, policy)?;
    let limit = limit?;
    let required = limit.required.as_ref().filter(|r| r.value)?;
    let what_ = what(tenant, g);
    if g.permanent.is_some() {
        return Some((
            format!(
                "{} holds {} {} with no end, but the role's policy now requires an end \
                 ({rule_id}.isExpirationRequired)",
                g.who(),
                what_,
                word(g)
            ),
            required.pointer.clone(),
            "the policy requires an end here".to_owned(),
            rule_id,
        ));
    }
    let (start, (end, _), max) = (g.start?, g.end.as_ref()?, limit.maximum.as_ref()?);
    let allowed = max.value.after(&start)?;
    if *end <= allowed {
        return None;
    }
    Some((
        format!(
            "{} holds {} {} from {} to {}, longer than the role's policy now allows \
             ({rule_id}.maximumDuration {}, so until {})",
            g.who(),
            what_,
            word(g),
            start.to_rfc3339(),
            end.to_rfc3339(),
            describe(&max.value),
            allowed.to_rfc3339()
        ),
        max.pointer.clone(),
        format!("the policy allows at most {}", describe(&max.value)),
        rule_id,
    ))
}
