//! Checks of a request alone: what it may ask without its policy or the time.

use crate::diagnostic::Diagnostic;
use crate::model::{
    Action, ApiEnum, ExpirationType, Level, Presence, Provider, RequestKind, RuleId,
    ScheduleRequest,
};
use crate::pointer::Pointer;
use crate::rules::request::{
    action_not_valid::ACTION_NOT_VALID, schedule_inconsistent::SCHEDULE_INCONSISTENT,
};

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

pub(super) fn action_text(request: &ScheduleRequest, action: Action) -> String {
    if request.kind.is_arm() {
        action.arm_str()
    } else {
        action.as_str().to_owned()
    }
}

/// The policy rules that judge a request: (expiration, enablement, end-user approval and
/// authentication context apply).
pub(super) fn governing_rules(request: &ScheduleRequest) -> (Option<RuleId>, Option<RuleId>, bool) {
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
pub(super) fn describe_request(request: &ScheduleRequest) -> &'static str {
    match (request.request_kind, request.level) {
        (Some(RequestKind::Activation), _) => "activation",
        (Some(RequestKind::EligibleAssignment), _) | (_, Level::Eligibility) => {
            "eligible assignment"
        }
        _ => "active assignment",
    }
}
