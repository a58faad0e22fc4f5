//! Predicting what the PIM service does with a schedule request under its policy.
//!
//! [`validate`] judges one normalized request against the policy that governs it, at a time
//! the caller gives (`now` is an input, the clock is never read). [`PolicyIndex`] finds that
//! policy among many documents without guessing.

use chrono::{DateTime, FixedOffset, TimeDelta};
use serde::Serialize;

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{Document, Policy, RequestKind, ScheduleRequest};
use crate::pointer::Pointer;
use crate::rules::request::{
    approval_required::APPROVAL_REQUIRED, start_in_the_past::START_IN_THE_PAST,
};

/// What the service will do with the request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    /// Granted as asked (once the requirements that cannot be checked offline are met).
    Accepted,
    /// Accepted, but waiting for an approver.
    PendingApproval,
    /// Refused.
    Rejected,
    /// Not judged: no policy given governs the request, so what the service will do depends on
    /// a policy pimlint was not shown.
    Unknown,
}

/// Something the service will demand that cannot be checked offline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Requirement {
    /// The service's name for it where it has one (`MfaRule`, `EligibilityRule`), else the
    /// policy rule type (`ApprovalRule`, `AuthenticationContextRule`).
    pub rule: &'static str,
    /// What exactly is needed.
    pub message: String,
}

/// The prediction for one request.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Verdict {
    /// Accepted, pending approval, or rejected.
    pub verdict: Outcome,
    /// The service's names of the policy rules the request fails (`ExpirationRule`, …).
    pub failed_rules: Vec<&'static str>,
    /// What the service will demand that cannot be checked offline.
    pub requirements: Vec<Requirement>,
    /// Findings, pointing into the request.
    pub diagnostics: Vec<Diagnostic>,
    /// The policy that decided: the caller's source tag and the policy's pointer there.
    #[serde(skip)]
    pub policy: Option<(usize, Pointer)>,
}

/// Inputs of a validation besides the request and the policy.
#[derive(Debug, Clone, Copy)]
pub struct ValidateOptions {
    /// The time to validate at (the request's start when it has none).
    pub now: DateTime<FixedOffset>,
}

/// A start further back than this before `now` is worth a warning.
const STALE_START: TimeDelta = TimeDelta::days(1);

/// The service refuses shorter activations (`ActiveDurationTooShort`).
const MIN_ACTIVATION: TimeDelta = TimeDelta::minutes(5);

mod index;
mod judge;
mod request;

pub use index::{Found, PolicyIndex};
use judge::describe_delta;
pub use request::check_request;
use request::governing_rules;

struct Judge<'a> {
    request: &'a ScheduleRequest,
    policy: &'a Policy,
    out: Vec<Diagnostic>,
    failed: Vec<&'static str>,
    requirements: Vec<Requirement>,
    pending: bool,
}

/// Judges `request` against `policy` (the one that governs it) at `options.now`, structural
/// checks included.
pub fn validate(request: &ScheduleRequest, policy: &Policy, options: &ValidateOptions) -> Verdict {
    let mut prior = Vec::new();
    check_request(request, &mut prior);
    judge(request, policy, options, prior)
}

/// Validates the request of a checked document: its findings so far (reading and structural)
/// are kept, the governing policy is looked up in `index`, and the request is judged. `None`
/// when the document is not a request.
pub fn validate_report(
    report: &crate::DocumentReport,
    index: &PolicyIndex<'_>,
    scope: Option<&str>,
    options: &ValidateOptions,
) -> Option<Verdict> {
    let Some(Document::Request(request)) = &report.document else {
        return None;
    };
    let prior = report.diagnostics.clone();
    Some(match index.find(request, scope) {
        Ok(found) => {
            let mut prior = prior;
            if let Some(assumed) = found.assumed {
                prior.push(assumed);
            }
            let mut verdict = judge(request, found.policy, options, prior);
            verdict.policy = Some((found.source, found.policy.pointer.clone()));
            verdict
        }
        Err(missing) => {
            let mut diagnostics = prior;
            diagnostics.push(missing);
            Verdict {
                verdict: Outcome::Unknown,
                failed_rules: Vec::new(),
                requirements: Vec::new(),
                diagnostics,
                policy: None,
            }
        }
    })
}

/// The policy as the service leaves it after a `PATCH` carrying `updates` (single rules, lists
/// of rules, partial policy bodies): each rule an update carries replaces the policy's; the
/// others stay as they are. `Err` says why when `policies` is not exactly one policy.
pub fn apply_updates<'p>(
    policies: impl IntoIterator<Item = &'p Document>,
    updates: impl IntoIterator<Item = &'p Document>,
) -> Result<Policy, String> {
    let found: Vec<&Policy> = policies
        .into_iter()
        .filter_map(|d| match d {
            Document::Policy(p) => Some(p),
            _ => None,
        })
        .collect();
    let [base] = found.as_slice() else {
        return Err(format!(
            "rule updates apply to one policy, and {} {} given",
            found.len(),
            if found.len() == 1 { "was" } else { "were" }
        ));
    };
    let mut policy = (*base).clone();
    for update in updates {
        match update {
            Document::Policy(update) => policy.rules.apply(&update.rules),
            _ => {
                return Err(
                    "an update is a policy rule, a list of rules or a partial policy body"
                        .to_owned(),
                );
            }
        }
    }
    Ok(policy)
}

/// The policy- and time-dependent judgement, on top of the findings `prior` already holds.
fn judge(
    request: &ScheduleRequest,
    policy: &Policy,
    options: &ValidateOptions,
    prior: Vec<Diagnostic>,
) -> Verdict {
    let mut judge = Judge {
        request,
        policy,
        out: prior,
        failed: Vec::new(),
        requirements: Vec::new(),
        pending: false,
    };
    let now = options.now;
    let start = request.start.as_ref().map_or(now, |s| s.value);
    if let Some(s) = &request.start {
        if now - s.value > STALE_START {
            judge.out.push(
                Diagnostic::new(
                    &START_IN_THE_PAST,
                    format!(
                        "the request starts at {}, {} before the time it is validated at ({})",
                        s.value.to_rfc3339(),
                        describe_delta(now - s.value),
                        now.to_rfc3339()
                    ),
                    s.pointer.clone(),
                )
                .with_help("leave startDateTime out to start now, or set the intended time"),
            );
        }
    }
    let (expiration, enablement, end_user) = governing_rules(request);
    if let Some(rule) = expiration {
        judge.expiration(rule, start, now);
    }
    if let Some(rule) = enablement {
        judge.enablement(rule);
    }
    if end_user {
        judge.approval();
        judge.authentication_context();
        judge.require(
            "EligibilityRule",
            "the principal must hold an eligible assignment of this role at this scope (EligibilityRule); pimlint cannot see eligibility schedules".to_owned(),
        );
    }
    if matches!(
        request.request_kind,
        Some(RequestKind::Extension | RequestKind::Renewal)
    ) && request
        .action
        .as_ref()
        .is_some_and(|a| a.value.caller() == crate::model::Caller::EndUser)
    {
        judge.pending = true;
        let message =
            "an administrator must approve this self-service extension or renewal".to_owned();
        judge.require("ApprovalRule", message.clone());
        judge.out.push(Diagnostic::new(
            &APPROVAL_REQUIRED,
            message,
            request.pointer.clone(),
        ));
    }
    let rejected = judge.out.iter().any(|d| d.severity == Severity::Error);
    Verdict {
        verdict: if rejected {
            Outcome::Rejected
        } else if judge.pending {
            Outcome::PendingApproval
        } else {
            Outcome::Accepted
        },
        failed_rules: judge.failed,
        requirements: judge.requirements,
        diagnostics: judge.out,
        policy: None,
    }
}
