//! `validate` with the tenant: what the service answers about eligibility and existing
//! assignments, from the schedules and instances of an export.

use chrono::{DateTime, FixedOffset};

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{Action, Level, Provider, ScheduleRequest};
use crate::rules::request::{
    already_active::ALREADY_ACTIVE, exceeds_eligibility::EXCEEDS_ELIGIBILITY,
    no_assignment_to_change::NO_ASSIGNMENT_TO_CHANGE, not_eligible::NOT_ELIGIBLE,
};
use crate::validate::{Outcome, ValidateOptions, Verdict};

use super::Tenant;
use super::index::Grant;
use super::model::Holding;

/// The service's name of the eligibility requirement.
const ELIGIBILITY_RULE: &str = "EligibilityRule";

/// What a grant must hold to give a principal a role: the principal, the role (Entra role
/// template id or Azure role definition GUID; `member`/`owner` for groups) and the scope (the
/// group id for groups), as a request or a policy names them.
#[derive(Debug, Clone, Copy)]
pub struct Wanted<'a> {
    /// Entra roles, groups or Azure resources.
    pub provider: Provider,
    /// The principal's object id.
    pub principal: &'a str,
    /// The role, or `member`/`owner`; a full ARM id is read by its last segment.
    pub role: &'a str,
    /// The scope (directory scope, ARM scope, or group id); `None` is the directory `/`.
    pub scope: Option<&'a str>,
}

impl Tenant {
    /// Whether the export shows grants of `holding` where the request acts: any for Entra
    /// roles and Azure resources (their lists cover the directory or the scope), and for the
    /// request's group under PIM for Groups (exported group by group). Without them,
    /// eligibility and existence stay unknown.
    fn knows(&self, request: &ScheduleRequest, holding: Holding) -> bool {
        self.knows_of(
            request.provider,
            request.scope.as_ref().map(|s| s.value.as_str()),
            holding,
        )
    }

    /// [`Self::knows`] for a provider and scope (the group id for groups).
    pub(crate) fn knows_of(
        &self,
        provider: Provider,
        scope: Option<&str>,
        holding: Holding,
    ) -> bool {
        let group = scope.map(str::to_ascii_lowercase);
        self.grants.iter().any(|g| {
            g.provider == provider
                && g.holding == holding
                && (provider != Provider::Groups
                    || g.group.as_ref().map(|(id, _)| id) == group.as_ref())
        })
    }

    /// The grants of `holding` that give the request's principal its role at its scope:
    /// directly, or through a group whose members include it.
    fn matching<'a>(&'a self, request: &'a ScheduleRequest, holding: Holding) -> Vec<&'a Grant> {
        let (Some(principal), Some(role)) = (&request.principal_id, &request.role_definition_id)
        else {
            return Vec::new();
        };
        self.matching_of(
            Wanted {
                provider: request.provider,
                principal: &principal.value,
                role: &role.value,
                scope: request.scope.as_ref().map(|s| s.value.as_str()),
            },
            holding,
        )
    }

    /// The grants of `holding` that give `wanted.principal` the role at the scope: directly,
    /// or through a group whose members (as PIM for Groups grants show them) include it.
    pub(crate) fn matching_of(&self, wanted: Wanted<'_>, holding: Holding) -> Vec<&Grant> {
        let principal = wanted.principal.to_ascii_lowercase();
        let role = wanted
            .role
            .rsplit('/')
            .next()
            .unwrap_or(wanted.role)
            .to_ascii_lowercase();
        let scope = wanted.scope.map(str::to_ascii_lowercase);
        self.grants
            .iter()
            .filter(|g| g.provider == wanted.provider && g.holding == holding)
            .filter(|g| match wanted.provider {
                Provider::Groups => g.group.as_ref().is_some_and(|(group, access)| {
                    Some(group) == scope.as_ref() && *access == role
                }),
                Provider::EntraRoles => {
                    g.role.as_deref() == Some(role.as_str())
                        && g.scope.as_deref().unwrap_or("/").to_ascii_lowercase()
                            == scope.clone().unwrap_or_else(|| "/".to_owned())
                }
                Provider::AzureResources => {
                    g.role.as_deref() == Some(role.as_str())
                        && scope.as_deref().is_some_and(|s| {
                            g.scope.as_deref().is_some_and(|gs| {
                                let gs = gs.to_ascii_lowercase();
                                s == gs || s.starts_with(&format!("{}/", gs.trim_end_matches('/')))
                            })
                        })
                }
            })
            .filter(|g| {
                g.principal == principal
                    || self
                        .group_members(&g.principal)
                        .any(|m| m.principal == principal)
            })
            .collect()
    }
}

/// Whether a grant is in force at `at`.
pub(crate) fn in_force(g: &Grant, at: DateTime<FixedOffset>) -> bool {
    g.start.is_none_or(|s| s <= at) && g.end.as_ref().is_none_or(|(e, _)| *e > at)
}

/// Judges `request` against the tenant and updates `verdict`: eligibility becomes a verdict
/// (`not-eligible`, `exceeds-eligibility`), so do activations of what is already active and
/// changes to what does not exist. Nothing changes when the export does not show grants of
/// the request's provider.
pub fn judge(
    request: &ScheduleRequest,
    tenant: &Tenant,
    options: &ValidateOptions,
    verdict: &mut Verdict,
) {
    let Some(action) = &request.action else {
        return;
    };
    let start = request.start.as_ref().map_or(options.now, |s| s.value);
    let at = action.pointer.clone();
    match action.value {
        Action::SelfActivate if tenant.knows(request, Holding::Eligible) => {
            verdict.requirements.retain(|r| r.rule != ELIGIBILITY_RULE);
            let eligible: Vec<&Grant> = tenant
                .matching(request, Holding::Eligible)
                .into_iter()
                .filter(|g| in_force(g, start))
                .collect();
            if eligible.is_empty() {
                verdict.failed_rules.push(ELIGIBILITY_RULE);
                verdict.diagnostics.push(
                    Diagnostic::new(
                        &NOT_ELIGIBLE,
                        format!(
                            "the principal holds no eligibility for this role at this scope \
                             at {}; the service answers RoleAssignmentRequestPolicyValidationFailed \
                             (EligibilityRule)",
                            start.to_rfc3339()
                        ),
                        request
                            .principal_id
                            .as_ref()
                            .map_or_else(|| at.clone(), |p| p.pointer.clone()),
                    )
                    .with_help("make the principal eligible first, or activate a role it is eligible for"),
                );
            } else if let Some(end) = request_end(request, start) {
                let latest = eligible
                    .iter()
                    .map(|g| g.end.as_ref().map(|(e, _)| *e))
                    .max_by(|a, b| match (a, b) {
                        (None, _) | (_, None) => a.is_none().cmp(&b.is_none()),
                        (Some(x), Some(y)) => x.cmp(y),
                    })
                    .flatten();
                if let Some(eligibility_end) = latest.filter(|e| *e < end) {
                    verdict.diagnostics.push(
                        Diagnostic::new(
                            &EXCEEDS_ELIGIBILITY,
                            format!(
                                "the activation would end at {}, after the eligibility it uses \
                                 ends ({})",
                                end.to_rfc3339(),
                                eligibility_end.to_rfc3339()
                            ),
                            request
                                .expiration
                                .as_ref()
                                .map_or_else(|| at.clone(), |e| e.pointer.clone()),
                        )
                        .with_help("end the activation with the eligibility, or extend the eligibility first"),
                    );
                }
            }
            let active = tenant
                .matching(request, Holding::Active)
                .into_iter()
                .find(|g| in_force(g, start));
            if let Some(active) = active {
                verdict.diagnostics.push(
                    Diagnostic::new(
                        &ALREADY_ACTIVE,
                        format!(
                            "{} already holds this role active at {}; the service answers \
                             RoleAssignmentExists",
                            active.who(),
                            start.to_rfc3339()
                        ),
                        at,
                    )
                    .with_help("use the active assignment, or extend it"),
                );
            }
        }
        Action::SelfDeactivate
        | Action::SelfExtend
        | Action::AdminExtend
        | Action::AdminUpdate
        | Action::AdminRemove => {
            let holding = if request.level == Level::Eligibility {
                Holding::Eligible
            } else {
                Holding::Active
            };
            if !tenant.knows(request, holding) {
                return;
            }
            if tenant.matching(request, holding).is_empty() {
                verdict.diagnostics.push(
                    Diagnostic::new(
                        &NO_ASSIGNMENT_TO_CHANGE,
                        format!(
                            "the tenant has no {} of this role at this scope for the principal \
                             to change; the service answers RoleAssignmentDoesNotExist",
                            if holding == Holding::Eligible {
                                "eligibility"
                            } else {
                                "active assignment"
                            }
                        ),
                        at,
                    )
                    .with_help("check the principal, role and scope"),
                );
            }
        }
        _ => {}
    }
    if verdict
        .diagnostics
        .iter()
        .any(|d| d.severity == Severity::Error)
        && verdict.verdict != Outcome::Unknown
    {
        verdict.verdict = Outcome::Rejected;
    }
}

/// When the request would end, when it says.
fn request_end(
    request: &ScheduleRequest,
    start: DateTime<FixedOffset>,
) -> Option<DateTime<FixedOffset>> {
    let e = request.expiration.as_ref()?;
    if let Some(end) = &e.end {
        return Some(end.value);
    }
    let d = e.duration.as_ref()?;
    d.value.after(&start)
}
