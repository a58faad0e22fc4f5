//! The rules of a policy, one method each, applied to a request.

use chrono::{DateTime, FixedOffset, TimeDelta};

use crate::diagnostic::{Diagnostic, Severity};
use crate::duration::{IsoDuration, describe};
use crate::model::{
    ApproverKind, Enablement, ExpirationType, Level, Presence, Provider, RequestKind, RuleId,
};
use crate::pointer::Pointer;
use crate::rules::request::{
    activation_too_short::ACTIVATION_TOO_SHORT, approval_required::APPROVAL_REQUIRED,
    approver_is_requestor::APPROVER_IS_REQUESTOR, auth_context_required::AUTH_CONTEXT_REQUIRED,
    expiration_exceeds_maximum::EXPIRATION_EXCEEDS_MAXIMUM,
    expiration_required::EXPIRATION_REQUIRED, justification_missing::JUSTIFICATION_MISSING,
    mfa_required::MFA_REQUIRED, schedule_inconsistent::SCHEDULE_INCONSISTENT,
    ticket_ignored::TICKET_IGNORED, ticket_missing::TICKET_MISSING,
};

use super::request::describe_request;
use super::{Judge, MIN_ACTIVATION, Requirement};

impl Judge<'_> {
    pub(super) fn fail(&mut self, service_rule: &'static str, diagnostic: Diagnostic) {
        if !self.failed.contains(&service_rule) {
            self.failed.push(service_rule);
        }
        self.out.push(diagnostic);
    }

    pub(super) fn require(&mut self, rule: &'static str, message: String) {
        self.requirements.push(Requirement { rule, message });
    }

    pub(super) fn expiration(
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

    pub(super) fn enablement(&mut self, rule_id: RuleId) {
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

    pub(super) fn justification(&mut self, note: &str) {
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

    pub(super) fn approval(&mut self) {
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

    pub(super) fn authentication_context(&mut self) {
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

pub(super) fn describe_delta(delta: TimeDelta) -> String {
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
