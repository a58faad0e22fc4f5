//! Whether a principal can make the request, from the tenant's schedules and instances: is it
//! eligible for the role at the scope (directly or through a group), from when until when,
//! what later windows it has, whether the role is already active, and where each of these is
//! written in the export.
//!
//! Absent is unknown: when the export lists no eligibilities of the policy's provider (or, for
//! PIM for Groups, of the policy's group), `eligible` is `null`, never `false`.

use std::fmt::Write as _;

use chrono::{DateTime, FixedOffset, SecondsFormat};
use serde::Serialize;

use super::Requirements;
use crate::duration::IsoDuration;
use crate::model::{Action, Provider};
use crate::pointer::Pointer;
use crate::tenant::Tenant;
use crate::tenant::index::Grant;
use crate::tenant::model::{Holding, PrincipalKind, ScheduleObject};
use crate::tenant::verdict::{Wanted, in_force};

/// The principal's standing for the role and scope of the requirements, at `now`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Eligibility {
    /// The principal as the export shows it.
    pub principal: Principal,
    /// The time this is judged at (RFC 3339).
    pub now: String,
    /// `true` eligible at `now`, `false` not, `null` unknown: the export lists no
    /// eligibilities where the request acts, or the policy does not name its role.
    pub eligible: Option<bool>,
    /// Why `eligible` is `null`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unknown_because: Option<String>,
    /// The eligibility in force at `now` (the one that lasts longest, when several are).
    pub current: Option<Window>,
    /// Eligibilities that start after `now`, earliest first.
    pub later: Vec<Window>,
    /// `true` the principal already holds the role active at `now`, `false` not, `null`
    /// unknown (the export lists no active assignments where the request acts).
    pub active: Option<bool>,
    /// The active assignment in force at `now`.
    pub active_assignment: Option<Window>,
    /// Activations: the longest activation that can start at `now`, in seconds: the policy's
    /// maximum, cut short by the end of the eligibility it uses; `null` when neither is known
    /// or the principal is not eligible.
    pub maximum_seconds: Option<i64>,
    /// The same as an ISO 8601 duration.
    pub maximum_duration: Option<IsoDuration>,
    /// What sets `maximumSeconds`: `policy` or `eligibility` (its end comes first).
    pub limited_by: Option<&'static str>,
}

/// A principal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Principal {
    /// Object id, as given.
    pub id: String,
    /// Display name, when the export expands the principal.
    pub name: Option<String>,
    /// Sign-in name (users).
    pub sign_in: Option<String>,
    /// `user`, `group`, `service-principal`, `other`, when the export says.
    pub kind: Option<PrincipalKind>,
}

/// One grant of the role to the principal, and where the export writes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Window {
    /// Start (RFC 3339), when the export says.
    pub start: Option<String>,
    /// End (RFC 3339): of the grant, or of the group membership it goes through when that
    /// ends first; `null` when it has none or the export does not say.
    pub end: Option<String>,
    /// `true` when the export says it never ends.
    pub permanent: bool,
    /// `direct`, or `group` when the role is held by a group the principal is a member of.
    pub through: &'static str,
    /// The group, when `through` is `group`.
    pub group: Option<Group>,
    /// `memberType` as the export writes it (`Direct`, `Group`, `Inherited`).
    pub member_type: Option<String>,
    /// A `schedule`, an `instance` or a `role-assignment`.
    pub object: ScheduleObject,
    /// Where it is.
    pub source: Source,
}

/// The group a grant goes through.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Group {
    /// Object id.
    pub id: String,
    /// Display name, when expanded.
    pub name: Option<String>,
    /// The principal's membership: `active` or `eligible` (then it is activated first).
    pub membership: Holding,
    /// When the membership ends (RFC 3339), when it does.
    pub membership_end: Option<String>,
    /// Where the membership is.
    pub source: Source,
}

/// Where an object of the tenant export is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Source {
    /// The tenant input it is in (0-based, in the order given).
    pub input: usize,
    /// The file, when the front end reads files (the CLI); `null` otherwise.
    pub file: Option<String>,
    /// The object in that input.
    pub pointer: Pointer,
}

fn time(t: DateTime<FixedOffset>) -> String {
    t.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

fn source(g: &Grant) -> Source {
    Source {
        input: g.place.input,
        file: None,
        pointer: g.place.pointer.clone(),
    }
}

/// A grant with the effective end (the earlier of its own and its group membership's).
struct Found<'a> {
    grant: &'a Grant,
    membership: Option<&'a Grant>,
    end: Option<DateTime<FixedOffset>>,
}

impl Found<'_> {
    fn window(&self, tenant: &Tenant) -> Window {
        let g = self.grant;
        Window {
            start: g.start.map(time),
            end: self.end.map(time),
            permanent: g.permanent.is_some()
                && self.membership.is_none_or(|m| m.permanent.is_some()),
            through: if self.membership.is_some() {
                "group"
            } else {
                "direct"
            },
            group: self.membership.map(|m| Group {
                id: g.principal.clone(),
                name: g.principal_name.clone().or_else(|| {
                    tenant
                        .grants
                        .iter()
                        .find(|o| o.principal == g.principal && o.principal_name.is_some())
                        .and_then(|o| o.principal_name.clone())
                }),
                membership: m.holding,
                membership_end: m.end.as_ref().map(|(e, _)| time(*e)),
                source: source(m),
            }),
            member_type: g.member_type.clone(),
            object: g.object,
            source: source(g),
        }
    }
}

/// The earlier of two ends, `None` being no end.
fn earlier(
    a: Option<DateTime<FixedOffset>>,
    b: Option<DateTime<FixedOffset>>,
) -> Option<DateTime<FixedOffset>> {
    match (a, b) {
        (Some(x), Some(y)) => Some(x.min(y)),
        (x, y) => x.or(y),
    }
}

/// The grants of `holding` giving `principal` the role, each with the membership it goes
/// through (the one that lasts longest) and its effective end.
fn found<'a>(
    tenant: &'a Tenant,
    wanted: Wanted<'_>,
    principal: &str,
    holding: Holding,
) -> Vec<Found<'a>> {
    let mut out: Vec<Found<'a>> = Vec::new();
    for grant in tenant.matching_of(wanted, holding) {
        let membership = (grant.principal != principal)
            .then(|| {
                tenant
                    .group_members(&grant.principal)
                    .filter(|m| m.principal == principal)
                    .max_by_key(|m| (m.end.is_none(), m.end.as_ref().map(|(e, _)| *e)))
            })
            .flatten();
        let end = earlier(
            grant.end.as_ref().map(|(e, _)| *e),
            membership.and_then(|m| m.end.as_ref().map(|(e, _)| *e)),
        );
        // A schedule and its instance show the same grant: keep the first.
        let same = out.iter().any(|f| {
            f.grant.start == grant.start
                && f.end == end
                && f.grant.principal == grant.principal
                && f.grant.scope == grant.scope
        });
        if !same {
            out.push(Found {
                grant,
                membership,
                end,
            });
        }
    }
    out
}

/// Whether a found grant is in force at `at`.
fn current(f: &Found<'_>, at: DateTime<FixedOffset>) -> bool {
    in_force(f.grant, at) && f.end.is_none_or(|e| e > at)
}

/// The longest-lasting of the grants in force at `at`.
fn longest<'a, 'b>(found: &'b [Found<'a>], at: DateTime<FixedOffset>) -> Option<&'b Found<'a>> {
    found
        .iter()
        .filter(|f| current(f, at))
        .max_by_key(|f| (f.end.is_none(), f.end))
}

/// An ISO 8601 duration of whole seconds (`PT4H30M`).
fn iso(seconds: i64) -> Option<IsoDuration> {
    let (h, m, s) = (seconds / 3600, seconds % 3600 / 60, seconds % 60);
    let mut text = "PT".to_owned();
    for (n, unit) in [(h, 'H'), (m, 'M'), (s, 'S')] {
        if n > 0 {
            let _ = write!(text, "{n}{unit}");
        }
    }
    if text == "PT" {
        text.push_str("0S");
    }
    IsoDuration::parse(&text).ok()
}

/// Whether `principal` can make the request `needs` describes, at `now`, from `tenant`.
#[must_use]
pub fn eligibility(
    tenant: &Tenant,
    needs: &Requirements,
    principal: &str,
    now: DateTime<FixedOffset>,
) -> Eligibility {
    let id = principal.trim().to_ascii_lowercase();
    let shown = tenant.grants.iter().find(|g| g.principal == id);
    let named = tenant
        .grants
        .iter()
        .find(|g| g.principal == id && g.principal_name.is_some())
        .or(shown);
    let mut out = Eligibility {
        principal: Principal {
            id: principal.trim().to_owned(),
            name: named.and_then(|g| g.principal_name.clone()),
            sign_in: named.and_then(|g| g.principal_sign_in.clone()),
            kind: shown.and_then(|g| g.principal_kind),
        },
        now: time(now),
        eligible: None,
        unknown_because: None,
        current: None,
        later: Vec::new(),
        active: None,
        active_assignment: None,
        maximum_seconds: None,
        maximum_duration: None,
        limited_by: None,
    };
    let provider = needs.provider;
    let scope = needs.policy.scope.as_deref();
    let Some(role) = needs.policy.role.as_ref() else {
        out.unknown_because = Some(
            "the policy does not name the role it governs, so its holders cannot be looked up"
                .to_owned(),
        );
        return out;
    };
    let wanted = Wanted {
        provider,
        principal: &id,
        role: &role.template_id,
        scope,
    };
    let where_ = match provider {
        Provider::Groups => format!("group {}", scope.unwrap_or("(not named)")),
        other => other.describe().to_owned() + "s",
    };
    if tenant.knows_of(provider, scope, Holding::Eligible) {
        let eligible = found(tenant, wanted, &id, Holding::Eligible);
        let now_in = longest(&eligible, now);
        out.eligible = Some(now_in.is_some());
        out.current = now_in.map(|f| f.window(tenant));
        let mut later: Vec<&Found<'_>> = eligible
            .iter()
            .filter(|f| f.grant.start.is_some_and(|s| s > now))
            .collect();
        later.sort_by_key(|f| f.grant.start);
        out.later = later.into_iter().map(|f| f.window(tenant)).collect();
        let activation = needs.kind.action == Action::SelfActivate;
        if let (true, Some(f)) = (activation, now_in) {
            let policy = (needs.expiration.required != Some(false))
                .then_some(needs.expiration.maximum_seconds)
                .flatten();
            let left = f.end.map(|e| (e - now).num_seconds());
            let (seconds, by) = match (policy, left) {
                (Some(p), Some(l)) if l < p => (Some(l), Some("eligibility")),
                (Some(p), _) => (Some(p), Some("policy")),
                (None, Some(l)) => (Some(l), Some("eligibility")),
                (None, None) => (None, None),
            };
            out.maximum_seconds = seconds;
            out.maximum_duration = seconds.and_then(iso);
            out.limited_by = by;
        }
    } else {
        out.unknown_because = Some(format!(
            "the tenant export lists no eligibilities of {where_}"
        ));
    }
    if tenant.knows_of(provider, scope, Holding::Active) {
        let active = found(tenant, wanted, &id, Holding::Active);
        let now_in = longest(&active, now);
        out.active = Some(now_in.is_some());
        out.active_assignment = now_in.map(|f| f.window(tenant));
    }
    out
}

impl Eligibility {
    /// Names the file of each tenant input (`files[input]`), for a front end that reads files.
    pub fn name_files(&mut self, files: &[String]) {
        let name = |s: &mut Source| s.file = files.get(s.input).cloned();
        for w in self
            .current
            .iter_mut()
            .chain(self.later.iter_mut())
            .chain(self.active_assignment.iter_mut())
        {
            name(&mut w.source);
            if let Some(g) = &mut w.group {
                name(&mut g.source);
            }
        }
    }
}

/// Every principal the export shows holding something (groups left out: they do not make
/// requests), by name then id: what a portal lists to pick the requester from.
#[must_use]
pub fn principals(tenant: &Tenant) -> Vec<Principal> {
    let mut out: Vec<Principal> = Vec::new();
    for g in &tenant.grants {
        if g.principal_kind == Some(PrincipalKind::Group) {
            continue;
        }
        match out.iter_mut().find(|p| p.id == g.principal) {
            Some(p) => {
                if p.name.is_none() {
                    p.name.clone_from(&g.principal_name);
                }
                if p.sign_in.is_none() {
                    p.sign_in.clone_from(&g.principal_sign_in);
                }
                if p.kind.is_none() {
                    p.kind = g.principal_kind;
                }
            }
            None => out.push(Principal {
                id: g.principal.clone(),
                name: g.principal_name.clone(),
                sign_in: g.principal_sign_in.clone(),
                kind: g.principal_kind,
            }),
        }
    }
    out.sort_by(|a, b| {
        (a.name.is_none(), a.name.as_deref(), &a.id).cmp(&(
            b.name.is_none(),
            b.name.as_deref(),
            &b.id,
        ))
    });
    out
}
