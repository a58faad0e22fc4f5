//! Predicting what the PIM service does with a schedule request under its policy.
//!
//! [`validate`] judges one normalized request against the policy that governs it, at a time
//! the caller gives (`now` is an input, the clock is never read). [`PolicyIndex`] finds that
//! policy among many documents without guessing.

use chrono::{DateTime, FixedOffset, TimeDelta};
use serde::Serialize;

use crate::diagnostic::{Diagnostic, Severity};
use crate::duration::{IsoDuration, describe};
use crate::model::{
    Action, ApiEnum, ApproverKind, Document, Enablement, ExpirationType, Level, Policy,
    PolicyAssignment, Presence, Provider, RequestKind, RuleId, ScheduleRequest,
};
use crate::pointer::Pointer;
use crate::rules::request::{
    action_not_valid::ACTION_NOT_VALID, activation_too_short::ACTIVATION_TOO_SHORT,
    approval_required::APPROVAL_REQUIRED, approver_is_requestor::APPROVER_IS_REQUESTOR,
    auth_context_required::AUTH_CONTEXT_REQUIRED,
    expiration_exceeds_maximum::EXPIRATION_EXCEEDS_MAXIMUM,
    expiration_required::EXPIRATION_REQUIRED, justification_missing::JUSTIFICATION_MISSING,
    mfa_required::MFA_REQUIRED, no_governing_policy::NO_GOVERNING_POLICY,
    schedule_inconsistent::SCHEDULE_INCONSISTENT, start_in_the_past::START_IN_THE_PAST,
    ticket_ignored::TICKET_IGNORED, ticket_missing::TICKET_MISSING,
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

/// Checks of a request that need neither its policy nor the time.
pub fn check_request(request: &ScheduleRequest, out: &mut Vec<Diagnostic>) {
    if let Some(action) = &request.action {
        if request.level == Level::Eligibility
            && matches!(action.value, Action::SelfActivate | Action::SelfDeactivate)
        {
            out.push(
                Diagnostic::new(
                    &ACTION_NOT_VALID,
                    format!(
                        "`{}` is not an action of eligibility requests: activations are assignment requests",
                        action_text(request, action.value)
                    ),
                    action.pointer.clone(),
                )
                .with_help(format!(
                    "send it as a {}",
                    if request.kind.is_arm() {
                        "roleAssignmentScheduleRequest"
                    } else if request.provider == Provider::Groups {
                        "privilegedAccessGroupAssignmentScheduleRequest"
                    } else {
                        "unifiedRoleAssignmentScheduleRequest"
                    }
                )),
            );
        }
    }
    let Some(expiration) = &request.expiration else {
        return;
    };
    let type_name = |t: ExpirationType| -> String {
        if request.kind.is_arm() {
            let s = t.as_str();
            let mut c = s.chars();
            c.next()
                .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                .unwrap_or_default()
        } else {
            t.as_str().to_owned()
        }
    };
    let inconsistent = |message: String, at: &Pointer| {
        Diagnostic::new(&SCHEDULE_INCONSISTENT, message, at.clone())
    };
    let type_at = expiration
        .expiration_type
        .as_ref()
        .map_or_else(|| expiration.pointer.clone(), |t| t.pointer.clone());
    let has_duration = expiration.duration_member == Presence::Given;
    let has_end = expiration.end_member == Presence::Given;
    match expiration.expiration_type.as_ref().map(|t| t.value) {
        Some(t @ ExpirationType::AfterDuration) => {
            if has_end {
                out.push(
                    inconsistent(
                        format!(
                            "`{}` takes `duration`, but `endDateTime` is set too",
                            type_name(t)
                        ),
                        &type_at,
                    )
                    .with_help("remove `endDateTime`, or use afterDateTime without `duration`"),
                );
            }
            if !has_duration {
                if expiration.duration_member == Presence::Null && request.kind.is_arm() {
                    if request.level == Level::Assignment {
                        out.push(
                            inconsistent(
                                "`AfterDuration` with a null `duration` is rejected on assignment requests (on eligibility requests it means permanent)".to_owned(),
                                &expiration.pointer.key("duration"),
                            )
                            .with_help("give a duration such as PT8H, or use NoExpiration if permanent is allowed"),
                        );
                    }
                } else {
                    out.push(
                        inconsistent(format!("`{}` needs a `duration`", type_name(t)), &type_at)
                            .with_help("add \"duration\": \"PT8H\" (or the length you need)"),
                    );
                }
            }
        }
        Some(t @ ExpirationType::AfterDateTime) => {
            if has_duration {
                out.push(
                    inconsistent(
                        format!(
                            "`{}` takes `endDateTime`, but `duration` is set too",
                            type_name(t)
                        ),
                        &type_at,
                    )
                    .with_help("remove `duration`, or use afterDuration without `endDateTime`"),
                );
            }
            if !has_end {
                out.push(
                    inconsistent(
                        format!("`{}` needs an `endDateTime`", type_name(t)),
                        &type_at,
                    )
                    .with_help("add \"endDateTime\" with the end, e.g. 2026-12-01T18:00:00Z"),
                );
            }
        }
        Some(t @ ExpirationType::NoExpiration) if has_duration || has_end => {
            out.push(
                inconsistent(
                    format!(
                        "`{}` takes neither `duration` nor `endDateTime`, but one is set",
                        type_name(t)
                    ),
                    &type_at,
                )
                .with_help("remove them, or say afterDuration / afterDateTime"),
            );
        }
        None if has_duration || has_end => {
            out.push(
                inconsistent(
                    "the expiration has a `duration` or `endDateTime` but no `type`".to_owned(),
                    &expiration.pointer,
                )
                .with_help(if has_duration {
                    "add \"type\": \"afterDuration\""
                } else {
                    "add \"type\": \"afterDateTime\""
                }),
            );
        }
        _ => {}
    }
    if let (Some(start), Some(end)) = (&request.start, &expiration.end) {
        if end.value <= start.value {
            out.push(
                inconsistent(
                    format!(
                        "the schedule ends at {} but starts at {}",
                        end.value.to_rfc3339(),
                        start.value.to_rfc3339()
                    ),
                    &end.pointer,
                )
                .with_label(start.pointer.clone(), "the start")
                .with_help("set an end after the start"),
            );
        }
    }
}

fn action_text(request: &ScheduleRequest, action: Action) -> String {
    if request.kind.is_arm() {
        action.arm_str()
    } else {
        action.as_str().to_owned()
    }
}

/// The policy rules that judge a request: (expiration, enablement, end-user approval and
/// authentication context apply).
fn governing_rules(request: &ScheduleRequest) -> (Option<RuleId>, Option<RuleId>, bool) {
    let Some(kind) = request.request_kind else {
        return (None, None, false);
    };
    match (kind, request.level) {
        (RequestKind::Deactivation | RequestKind::Removal, _) => (None, None, false),
        (RequestKind::Activation, _) => (
            Some(RuleId::ExpirationEndUserAssignment),
            Some(RuleId::EnablementEndUserAssignment),
            true,
        ),
        (RequestKind::Extension | RequestKind::Renewal, Level::Assignment)
            if request
                .action
                .as_ref()
                .is_some_and(|a| a.value.caller() == crate::model::Caller::EndUser) =>
        {
            (
                Some(RuleId::ExpirationEndUserAssignment),
                Some(RuleId::EnablementEndUserAssignment),
                false,
            )
        }
        (_, Level::Assignment) => (
            Some(RuleId::ExpirationAdminAssignment),
            Some(RuleId::EnablementAdminAssignment),
            false,
        ),
        (_, Level::Eligibility) => (
            Some(RuleId::ExpirationAdminEligibility),
            Some(RuleId::EnablementAdminEligibility),
            false,
        ),
    }
}

/// What the request asks for, in words for messages.
fn describe_request(request: &ScheduleRequest) -> &'static str {
    match (request.request_kind, request.level) {
        (Some(RequestKind::Activation), _) => "activation",
        (Some(RequestKind::EligibleAssignment), _) | (_, Level::Eligibility) => {
            "eligible assignment"
        }
        _ => "active assignment",
    }
}

struct Judge<'a> {
    request: &'a ScheduleRequest,
    policy: &'a Policy,
    out: Vec<Diagnostic>,
    failed: Vec<&'static str>,
    requirements: Vec<Requirement>,
    pending: bool,
}

impl Judge<'_> {
    fn fail(&mut self, service_rule: &'static str, diagnostic: Diagnostic) {
        if !self.failed.contains(&service_rule) {
            self.failed.push(service_rule);
        }
        self.out.push(diagnostic);
    }

    fn require(&mut self, rule: &'static str, message: String) {
        self.requirements.push(Requirement { rule, message });
    }

    fn expiration(
        &mut self,
        rule_id: RuleId,
        start: DateTime<FixedOffset>,
        now: DateTime<FixedOffset>,
    ) {
        let request = self.request;
        let Some(rule) = self.policy.rules.expiration(rule_id) else {
            return;
        };
        let Some(expiration) = &request.expiration else {
            return;
        };
        let required = rule
            .is_expiration_required
            .as_ref()
            .is_some_and(|r| r.value);
        let what = describe_request(request);
        let kind = expiration.expiration_type.as_ref().map(|t| t.value);
        let permanent = kind == Some(ExpirationType::NoExpiration)
            || (request.kind.is_arm()
                && request.level == Level::Eligibility
                && kind == Some(ExpirationType::AfterDuration)
                && expiration.duration_member == Presence::Null);
        let rule_note = |member: &str, at: Option<&Pointer>| {
            format!(
                "policy rule `{rule_id}` ({member} at {})",
                at.map_or_else(|| rule.pointer.to_string(), ToString::to_string)
            )
        };
        if permanent {
            if required {
                let at = expiration
                    .expiration_type
                    .as_ref()
                    .map_or_else(|| expiration.pointer.clone(), |t| t.pointer.clone());
                let max = rule
                    .maximum_duration
                    .as_ref()
                    .map(|m| format!(" of at most {}", m.value))
                    .unwrap_or_default();
                self.fail(
                    "ExpirationRule",
                    Diagnostic::new(
                        &EXPIRATION_REQUIRED,
                        format!(
                            "the {what} is asked without an end, but the policy requires one{max} (ExpirationRule)"
                        ),
                        at,
                    )
                    .with_help("give an end: afterDuration with a duration within the maximum")
                    .with_note(rule_note(
                        "isExpirationRequired: true",
                        rule.is_expiration_required.as_ref().map(|r| &r.pointer),
                    )),
                );
            }
            return;
        }
        // The requested end, and how it was asked.
        let (end, asked, at) = match (kind, &expiration.duration, &expiration.end) {
            (Some(ExpirationType::AfterDuration), Some(d), _) => (
                d.value.after(&start),
                format!("lasts {} ({})", d.value, describe(&d.value)),
                d.pointer.clone(),
            ),
            (Some(ExpirationType::AfterDateTime), _, Some(e)) => (
                Some(e.value),
                format!("ends at {}", e.value.to_rfc3339()),
                e.pointer.clone(),
            ),
            _ => return,
        };
        let Some(end) = end else { return };
        if request.request_kind == Some(RequestKind::Activation) && end - start < MIN_ACTIVATION {
            self.out.push(
                Diagnostic::new(
                    &ACTIVATION_TOO_SHORT,
                    format!(
                        "the activation {asked}; the service requires at least 5 minutes (ActiveDurationTooShort)"
                    ),
                    at.clone(),
                )
                .with_help("ask for PT5M or more"),
            );
        }
        if end <= now {
            self.out.push(
                Diagnostic::new(
                    &SCHEDULE_INCONSISTENT,
                    format!(
                        "the {what} would end at {}, before the time it is validated at ({})",
                        end.to_rfc3339(),
                        now.to_rfc3339()
                    ),
                    at.clone(),
                )
                .with_help("move the start or the end into the future"),
            );
        }
        let (true, Some(max)) = (required, &rule.maximum_duration) else {
            return;
        };
        let Some(allowed_end) = max.value.after(&start) else {
            return;
        };
        if end > allowed_end {
            let over = end - allowed_end;
            self.fail(
                "ExpirationRule",
                Diagnostic::new(
                    &EXPIRATION_EXCEEDS_MAXIMUM,
                    format!(
                        "the {what} {asked}; the policy allows at most {} ({}), so it is {} too long (ExpirationRule)",
                        max.value,
                        describe(&max.value),
                        describe_delta(over)
                    ),
                    at,
                )
                .with_help(format!("ask for {} or less", max.value))
                .with_note(rule_note("maximumDuration", Some(&max.pointer))),
            );
        }
    }

    fn enablement(&mut self, rule_id: RuleId) {
        let request = self.request;
        let Some(rule) = self.policy.rules.enablement(rule_id) else {
            return;
        };
        let what = describe_request(request);
        if let Some(entry) = rule.find(Enablement::Justification) {
            self.justification(&format!(
                "policy rule `{rule_id}` requires Justification ({})",
                entry.pointer
            ));
        }
        match (rule.find(Enablement::Ticketing), &request.ticket) {
            (Some(entry), ticket) => {
                let number = ticket
                    .as_ref()
                    .and_then(|t| t.number.as_ref())
                    .filter(|n| !n.value.trim().is_empty());
                if number.is_none() {
                    let at = ticket
                        .as_ref()
                        .map_or_else(|| request.pointer.clone(), |t| t.pointer.clone());
                    self.fail(
                        "TicketingRule",
                        Diagnostic::new(
                            &TICKET_MISSING,
                            format!("the policy requires ticket information for this {what}, and the request has no ticket number (TicketingRule)"),
                            at,
                        )
                        .with_help("add \"ticketInfo\": { \"ticketNumber\": \"…\", \"ticketSystem\": \"…\" }")
                        .with_note(format!("policy rule `{rule_id}` requires Ticketing ({})", entry.pointer)),
                    );
                }
            }
            (None, Some(ticket)) if rule.enabled_rules.is_some() => self.out.push(
                Diagnostic::new(
                    &TICKET_IGNORED,
                    format!("the request carries ticket information, but policy rule `{rule_id}` does not require tickets; the service does not check it"),
                    ticket.pointer.clone(),
                ),
            ),
            (None, _) => {}
        }
        if let Some(entry) = rule.find(Enablement::MultiFactorAuthentication) {
            let message = format!(
                "the caller must have signed in with multi-factor authentication for this {what} (MfaRule); this cannot be checked offline"
            );
            self.require("MfaRule", message.clone());
            self.out.push(
                Diagnostic::new(&MFA_REQUIRED, message, request.pointer.clone()).with_note(
                    format!(
                        "policy rule `{rule_id}` requires MultiFactorAuthentication ({})",
                        entry.pointer
                    ),
                ),
            );
        }
    }

    fn justification(&mut self, note: &str) {
        let request = self.request;
        let blank = request
            .justification
            .as_ref()
            .is_none_or(|j| j.value.trim().is_empty());
        if !blank || self.failed.contains(&"JustificationRule") {
            return;
        }
        let (at, message) = match &request.justification {
            Some(j) => (
                j.pointer.clone(),
                "the justification is blank, and the policy requires one (JustificationRule)",
            ),
            None => (
                request.pointer.clone(),
                "the request has no justification, and the policy requires one (JustificationRule)",
            ),
        };
        self.fail(
            "JustificationRule",
            Diagnostic::new(&JUSTIFICATION_MISSING, message, at)
                .with_help("say why the access is needed in \"justification\"")
                .with_note(note.to_owned()),
        );
    }

    fn approval(&mut self) {
        let request = self.request;
        let Some(rule) = &self.policy.rules.approval_end_user_assignment else {
            return;
        };
        if !rule.is_approval_required.as_ref().is_some_and(|r| r.value) {
            return;
        }
        if rule
            .is_requestor_justification_required
            .as_ref()
            .is_some_and(|r| r.value)
        {
            self.justification(&format!(
                "policy rule `Approval_EndUser_Assignment` requires a requestor justification ({})",
                rule.setting_pointer
            ));
        }
        self.pending = true;
        let approvers: Vec<_> = rule
            .stages()
            .iter()
            .flat_map(|s| &s.primary_approvers)
            .collect();
        let names: Vec<String> = approvers
            .iter()
            .map(|a| {
                let kind = match &a.kind {
                    Some(ApproverKind::User) => "user",
                    Some(ApproverKind::Group) => "members of group",
                    Some(ApproverKind::Other(name)) => name.as_str(),
                    None => "approver",
                };
                let id = a.id.as_ref().map_or("?", |i| i.value.as_str());
                match &a.description {
                    Some(d) if !d.is_empty() => format!("{kind} {id} ({d})"),
                    _ => format!("{kind} {id}"),
                }
            })
            .collect();
        let (message, severity) = if names.is_empty() {
            match self.policy.provider {
                Provider::AzureResources => (
                    "the activation needs approval, but the policy names no approvers and Azure resource roles have no default approvers: nobody can approve it".to_owned(),
                    Severity::Warning,
                ),
                _ => (
                    "the activation will wait for approval by Privileged Role Administrators and Global Administrators (the policy names no approvers)".to_owned(),
                    Severity::Info,
                ),
            }
        } else {
            (
                format!(
                    "the activation will wait for approval by {}",
                    names.join(", ")
                ),
                Severity::Info,
            )
        };
        self.require("ApprovalRule", message.clone());
        self.out.push(
            Diagnostic::new(&APPROVAL_REQUIRED, message, request.pointer.clone())
                .with_severity(severity)
                .with_note(format!(
                    "policy rule `Approval_EndUser_Assignment` ({})",
                    rule.pointer
                )),
        );
        // Nobody approves their own request.
        if let Some(principal) = &request.principal_id {
            let others = approvers.iter().any(|a| {
                a.kind != Some(ApproverKind::User)
                    || a.id
                        .as_ref()
                        .is_none_or(|i| !i.value.eq_ignore_ascii_case(&principal.value))
            });
            if !approvers.is_empty() && !others {
                self.out.push(
                    Diagnostic::new(
                        &APPROVER_IS_REQUESTOR,
                        "the only approver is the requestor, who cannot approve their own request: it can never be approved",
                        principal.pointer.clone(),
                    )
                    .with_help("add another approver, or a group of approvers"),
                );
            }
        }
    }

    fn authentication_context(&mut self) {
        let request = self.request;
        let Some(rule) = &self.policy.rules.authentication_context_end_user_assignment else {
            return;
        };
        if !rule.is_enabled.as_ref().is_some_and(|e| e.value) {
            return;
        }
        let claim = rule
            .claim_value
            .as_ref()
            .map_or("(no claim value set)", |c| c.value.as_str());
        let message = format!(
            "the caller's token must satisfy Conditional Access authentication context {claim} (acrs claim) for this activation"
        );
        self.require("AuthenticationContextRule", message.clone());
        self.out.push(
            Diagnostic::new(&AUTH_CONTEXT_REQUIRED, message, request.pointer.clone()).with_note(
                format!(
                    "policy rule `AuthenticationContext_EndUser_Assignment` ({})",
                    rule.pointer
                ),
            ),
        );
    }
}

fn describe_delta(delta: TimeDelta) -> String {
    let minutes = delta.num_minutes();
    if minutes < 1 {
        return format!("{} seconds", delta.num_seconds());
    }
    let days = minutes / 1440;
    let hours = minutes % 1440 / 60;
    let mins = minutes % 60;
    let d = IsoDuration {
        days: u32::try_from(days).unwrap_or(u32::MAX),
        hours: u32::try_from(hours).unwrap_or(0),
        minutes: u32::try_from(mins).unwrap_or(0),
        ..IsoDuration::default()
    };
    describe(&d)
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
