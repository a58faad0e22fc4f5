//! Finding the policy that governs a request among many documents.

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{Document, Policy, PolicyAssignment, Provider, ScheduleRequest};
use crate::rules::request::no_governing_policy::NO_GOVERNING_POLICY;

/// The key a policy is found by: provider, role, scope (lower-cased).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct PolicyKey {
    provider: Provider,
    role: String,
    scope: String,
}

fn normalize_scope(scope: &str) -> String {
    crate::scope::canonical(scope)
}

fn role_key(role: &str) -> String {
    role.rsplit('/').next().unwrap_or(role).to_ascii_lowercase()
}

/// Policies by the role and scope they govern, built from any mix of documents: policies,
/// expanded policy assignments, and plain policy assignments with the policies they name.
#[derive(Debug, Default)]
pub struct PolicyIndex<'a> {
    entries: Vec<(PolicyKey, usize)>,
    policies: Vec<(&'a Policy, usize)>,
}

impl<'a> PolicyIndex<'a> {
    /// Indexes documents; `source` is the caller's tag for where each came from.
    pub fn new(documents: impl IntoIterator<Item = (&'a Document, usize)>) -> Self {
        let mut index = Self::default();
        let mut assignments: Vec<&'a PolicyAssignment> = Vec::new();
        for (document, source) in documents {
            match document {
                Document::Policy(policy) => {
                    let position = index.policies.len();
                    index.policies.push((policy, source));
                    if let Some(role) = &policy.role {
                        index.entries.push((
                            key_of(
                                policy.provider,
                                &role.id.value,
                                policy.scope.as_ref().map(|s| s.value.as_str()),
                            ),
                            position,
                        ));
                    }
                }
                Document::PolicyAssignment(assignment) => assignments.push(assignment),
                _ => {}
            }
        }
        for assignment in assignments {
            let (Some(policy_id), Some(role)) = (&assignment.policy_id, &assignment.role) else {
                continue;
            };
            let found = index.policies.iter().position(|(p, _)| {
                p.id.as_ref()
                    .is_some_and(|id| id.value.eq_ignore_ascii_case(&policy_id.value))
            });
            if let Some(position) = found {
                index.entries.push((
                    key_of(
                        assignment.provider,
                        &role.id.value,
                        assignment.scope.as_ref().map(|s| s.value.as_str()),
                    ),
                    position,
                ));
            }
        }
        index
    }

    /// How many policies the index holds.
    #[must_use]
    pub fn len(&self) -> usize {
        self.policies.len()
    }

    /// Whether it holds none.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.policies.is_empty()
    }

    /// The policy that governs `request`, with its source tag; or a `PIM516` finding that says
    /// what was looked for. `scope` overrides the request's own (an ARM body's scope is in the
    /// URL it is sent to).
    ///
    /// When the request states its scope, only a policy for exactly that scope governs it
    /// (Azure role settings are not inherited). When it does not, and exactly one policy of its
    /// provider was given, that one is used and the verdict says so.
    #[allow(
        clippy::result_large_err,
        reason = "the error is the finding itself, built once per request"
    )]
    pub fn find(
        &self,
        request: &ScheduleRequest,
        scope: Option<&str>,
    ) -> Result<Found<'a>, Diagnostic> {
        let role = request.role_definition_id.as_ref();
        let request_scope = scope.or(request.scope.as_ref().map(|s| s.value.as_str()));
        let at = role.map_or_else(|| request.pointer.clone(), |r| r.pointer.clone());
        let Some(role) = role else {
            return Err(Diagnostic::new(
                &NO_GOVERNING_POLICY,
                "the request names no role, so no policy can be found for it",
                at,
            ));
        };
        let candidates: Vec<usize> = self
            .policies
            .iter()
            .enumerate()
            .filter(|(_, (p, _))| p.provider == request.provider)
            .map(|(i, _)| i)
            .collect();
        let found = |position: usize, assumed: Option<Diagnostic>| {
            let (policy, source) = self.policies[position];
            Found {
                policy,
                source,
                assumed,
            }
        };
        let role_name = role_display(&role.value);
        if let Some(request_scope) = request_scope {
            let wanted = key_of(request.provider, &role.value, Some(request_scope));
            if let Some((_, position)) = self.entries.iter().find(|(k, _)| *k == wanted) {
                return Ok(found(*position, None));
            }
            // A policy that does not name its role governs the request only when it is the one
            // policy given, and it is at the request's scope.
            if let [only] = candidates.as_slice() {
                let (policy, _) = self.policies[*only];
                let unnamed = !self.entries.iter().any(|(_, pos)| pos == only);
                let scope_fits = request.provider == Provider::EntraRoles
                    || policy.scope.as_ref().is_some_and(|s| {
                        crate::scope::canonical(&s.value) == crate::scope::canonical(request_scope)
                    });
                if unnamed && scope_fits {
                    return Ok(found(*only, None));
                }
            }
        } else if let [only] = candidates.as_slice() {
            let (policy, _) = self.policies[*only];
            let named = self
                .entries
                .iter()
                .filter(|(_, pos)| pos == only)
                .map(|(k, _)| k)
                .collect::<Vec<_>>();
            let role_fits =
                named.is_empty() || named.iter().any(|k| k.role == role_key(&role.value));
            if role_fits {
                let place = policy.scope.as_ref().map_or_else(
                    || "whose scope it does not say".to_owned(),
                    |s| format!("at scope {}", s.value),
                );
                let assumed = Diagnostic::new(
                    &NO_GOVERNING_POLICY,
                    format!(
                        "the request does not say its scope, so the only policy given ({place}) was applied to {role_name}"
                    ),
                    request.pointer.clone(),
                )
                .with_severity(Severity::Info)
                .with_help("pass --scope with the scope in the URL the request is sent to, to check that this is its policy");
                return Ok(found(*only, Some(assumed)));
            }
        }
        if request.provider == Provider::AzureResources && request_scope.is_none() {
            return Err(Diagnostic::new(
                &NO_GOVERNING_POLICY,
                format!("the request does not say its scope (an ARM request body's scope is in the URL it is sent to), and Azure role settings are per scope: none of the {} policies given can be chosen for {role_name}", candidates.len()),
                at,
            )
            .with_help("pass --scope /subscriptions/<id>[/resourceGroups/<name>…], or add properties.scope"));
        }
        let what = match request.provider {
            Provider::EntraRoles => role_name,
            Provider::Groups => format!("{} of group {}", role.value, request_scope.unwrap_or("?")),
            Provider::AzureResources => {
                format!("{role_name} at scope {}", request_scope.unwrap_or("?"))
            }
        };
        let mut diagnostic = Diagnostic::new(
            &NO_GOVERNING_POLICY,
            match self.policies.len() {
                0 => format!("no policy was given, so nothing governs {what}"),
                1 => format!("the policy given does not govern {what}"),
                n => format!("none of the {n} policies given governs {what}"),
            },
            at,
        )
        .with_help("pass the policy of this role at this exact scope, with its policy assignment (which names the role)");
        if request.provider == Provider::AzureResources {
            diagnostic = diagnostic.with_note(
                "Azure role settings are per scope: a subscription's policy does not govern its resource groups or resources",
            );
        }
        Err(diagnostic)
    }
}

/// The policy that governs a request.
#[derive(Debug)]
pub struct Found<'a> {
    /// The policy.
    pub policy: &'a Policy,
    /// The caller's tag for where it came from.
    pub source: usize,
    /// When the policy was chosen because it was the only one given: an info that says so.
    pub assumed: Option<Diagnostic>,
}

/// `Global Administrator (62e90394-…)` when the role is a known built-in one, else the id.
fn role_display(role: &str) -> String {
    let id = role.rsplit('/').next().unwrap_or(role);
    crate::roles::name_of(id)
        .map_or_else(|| format!("role {role}"), |name| format!("{name} ({id})"))
}

fn key_of(provider: Provider, role: &str, scope: Option<&str>) -> PolicyKey {
    PolicyKey {
        provider,
        role: role_key(role),
        // Entra role settings are per role for the whole directory, whatever the request's
        // administrative unit; groups and Azure resources are per scope.
        scope: match provider {
            Provider::EntraRoles => "/".to_owned(),
            _ => normalize_scope(scope.unwrap_or_default()),
        },
    }
}
