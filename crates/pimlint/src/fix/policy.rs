//! Fixes that policy rules share: edits of the normalized model's located values.

use serde_json::{Map, Value, json};

use super::{Edit, Fix};
use crate::config::{Approver, ApproverType};
use crate::duration::IsoDuration;
use crate::model::{
    ApprovalMode, ApprovalRule, ApprovalStage, EnablementRule, ExpirationRule, Located,
    NotificationRule,
};

/// Adds `what` (`MultiFactorAuthentication`, `Justification`) to an enablement rule's
/// `enabledRules`.
#[must_use]
pub fn require(rule: &EnablementRule, what: &str, message: &str) -> Option<Fix> {
    rule.enabled_rules.as_ref()?;
    Some(Fix::unsafe_(
        message,
        vec![Edit::Add {
            path: rule.enabled_rules_pointer.key("-"),
            value: Value::String(what.to_owned()),
        }],
    ))
}

/// Lowers a maximum duration to `limit`.
#[must_use]
pub fn shorten(max: &Located<IsoDuration>, limit: &IsoDuration) -> Fix {
    Fix::replace_unsafe(
        format!("set \"maximumDuration\": \"{limit}\""),
        &max.pointer,
        Value::String(limit.to_string()),
    )
}

/// Requires assignments to end, no later than `limit` (kept when the rule's maximum is already
/// within it).
#[must_use]
pub fn require_expiration(rule: &ExpirationRule, limit: &IsoDuration) -> Option<Fix> {
    let flag = rule.is_expiration_required.as_ref()?;
    let mut edits = vec![Edit::Replace {
        path: flag.pointer.clone(),
        value: Value::Bool(true),
    }];
    let mut message = "set \"isExpirationRequired\": true".to_owned();
    match &rule.maximum_duration {
        Some(max) if max.value.compare(limit).0 != std::cmp::Ordering::Greater => {}
        Some(max) => {
            edits.push(Edit::Replace {
                path: max.pointer.clone(),
                value: Value::String(limit.to_string()),
            });
            message = format!("{message} and \"maximumDuration\": \"{limit}\"");
        }
        None => {
            edits.push(Edit::Add {
                path: rule.pointer.key("maximumDuration"),
                value: Value::String(limit.to_string()),
            });
            message = format!("{message} and \"maximumDuration\": \"{limit}\"");
        }
    }
    Some(Fix::unsafe_(message, edits))
}

/// A configured approver as the document writes approvers: a Graph subject set
/// (`#microsoft.graph.singleUser` with `userId`, `#microsoft.graph.groupMembers` with
/// `groupId`), or an ARM user set (`id`, `userType`, `isBackup`, and `description` when
/// configured).
#[must_use]
pub fn approver_value(approver: &Approver, arm: bool) -> Option<Value> {
    let (kind, id) = approver.subject()?;
    let id = id.trim().to_ascii_lowercase();
    let mut out = Map::new();
    if arm {
        out.insert("id".into(), Value::String(id));
        out.insert(
            "userType".into(),
            Value::from(match kind {
                ApproverType::User => "User",
                ApproverType::Group => "Group",
            }),
        );
        out.insert("isBackup".into(), Value::Bool(false));
        if let Some(description) = &approver.description {
            out.insert("description".into(), Value::String(description.clone()));
        }
    } else {
        let (odata, member) = match kind {
            ApproverType::User => ("#microsoft.graph.singleUser", "userId"),
            ApproverType::Group => ("#microsoft.graph.groupMembers", "groupId"),
        };
        out.insert("@odata.type".into(), Value::from(odata));
        out.insert(member.into(), Value::String(id));
    }
    Some(Value::Object(out))
}

/// The configured approvers a stage does not list yet (by object id).
fn missing<'a>(stage: Option<&ApprovalStage>, configured: &'a [Approver]) -> Vec<&'a Approver> {
    let listed: Vec<String> = stage
        .map(|s| {
            s.primary_approvers
                .iter()
                .filter_map(|a| a.id.as_ref())
                .map(|id| id.value.trim().to_ascii_lowercase())
                .collect()
        })
        .unwrap_or_default();
    let mut out: Vec<&Approver> = Vec::new();
    for approver in configured {
        let Some((_, id)) = approver.subject() else {
            continue;
        };
        let id = id.trim().to_ascii_lowercase();
        let seen = out
            .iter()
            .filter_map(|a| a.subject())
            .any(|(_, other)| other.trim().eq_ignore_ascii_case(&id));
        if !listed.contains(&id) && !seen {
            out.push(approver);
        }
    }
    out
}

/// The edits that make the rule's single approval stage list the configured approvers
/// (adding the stage when the rule has none, with the service's defaults: one day to
/// approve, approver justification required, no escalation). `None` when there is nothing
/// to add, or the rule has several stages.
fn name_approvers(rule: &ApprovalRule, configured: &[Approver], arm: bool) -> Option<Vec<Edit>> {
    let stages = rule.stages.as_deref().unwrap_or_default();
    if stages.len() > 1 {
        return None;
    }
    let stage = stages.first();
    let to_add: Vec<Value> = missing(stage, configured)
        .into_iter()
        .filter_map(|a| approver_value(a, arm))
        .collect();
    if to_add.is_empty() {
        return None;
    }
    Some(match stage {
        Some(stage) if stage.primary_approvers.is_empty() => vec![Edit::Add {
            path: stage.primary_approvers_pointer.clone(),
            value: Value::Array(to_add),
        }],
        Some(stage) => to_add
            .into_iter()
            .map(|value| Edit::Add {
                path: stage.primary_approvers_pointer.key("-"),
                value,
            })
            .collect(),
        None => vec![Edit::Add {
            path: rule.stages_pointer.clone(),
            value: json!([{
                "approvalStageTimeOutInDays": 1,
                "isApproverJustificationRequired": true,
                "escalationTimeInMinutes": 0,
                "isEscalationEnabled": false,
                "primaryApprovers": to_add,
                "escalationApprovers": []
            }]),
        }],
    })
}

fn count_phrase(n: usize, what: &str) -> String {
    format!("{n} {what}{}", if n == 1 { "" } else { "s" })
}

/// Turns approval on: with the approvers the rule's single stage already names, or else with
/// the configured approvers (`[rules.approval] approvers`). Approvers cannot be invented: a
/// rule that names none, without configured approvers, gets no fix.
#[must_use]
pub fn require_approval(rule: &ApprovalRule, configured: &[Approver], arm: bool) -> Option<Fix> {
    let required = rule.is_approval_required.as_ref()?;
    let stages = rule.stages.as_deref().unwrap_or_default();
    let named = match stages {
        [stage] => stage
            .primary_approvers
            .iter()
            .filter(|a| a.id.is_some())
            .count(),
        _ => 0,
    };
    let mut edits = vec![Edit::Replace {
        path: required.pointer.clone(),
        value: Value::Bool(true),
    }];
    let message = if named > 0 {
        format!(
            "set \"isApprovalRequired\": true, with the {} the rule names",
            count_phrase(
                stages.first().map_or(0, |s| s.primary_approvers.len()),
                "approver"
            )
        )
    } else {
        edits.extend(name_approvers(rule, configured, arm)?);
        format!(
            "set \"isApprovalRequired\": true, with the {} configured in [rules.approval]",
            count_phrase(configured.len(), "approver")
        )
    };
    if let Some(mode) = rule
        .approval_mode
        .as_ref()
        .filter(|m| m.value == ApprovalMode::NoApproval)
    {
        edits.push(Edit::Replace {
            path: mode.pointer.clone(),
            value: Value::String("SingleStage".to_owned()),
        });
    }
    Some(Fix::unsafe_(message, edits))
}

/// Adds the configured approvers (`[rules.approval] approvers`) that a required approval does
/// not list yet; `None` when none are configured or all are listed.
#[must_use]
pub fn add_approvers(rule: &ApprovalRule, configured: &[Approver], arm: bool) -> Option<Fix> {
    let edits = name_approvers(rule, configured, arm)?;
    let stage = rule.stages.as_deref().and_then(<[_]>::first);
    let added = missing(stage, configured).len();
    Some(Fix::unsafe_(
        format!(
            "add the {} configured in [rules.approval] to primaryApprovers",
            count_phrase(added, "approver")
        ),
        edits,
    ))
}

/// Sends a notification that reaches nobody to the configured recipients
/// (`[rules.notification] recipients`), or else to its default recipients.
#[must_use]
pub fn notify(rule: &NotificationRule, recipients: &[String]) -> Option<Fix> {
    if recipients.is_empty() {
        return notify_default_recipients(rule);
    }
    Some(Fix::unsafe_(
        format!(
            "write the {} configured in [rules.notification] to \"notificationRecipients\"",
            count_phrase(recipients.len(), "recipient")
        ),
        vec![Edit::Add {
            path: rule.recipients_pointer.clone(),
            value: recipient_list(recipients),
        }],
    ))
}

/// Sends notifications that reach only their default recipients to the configured recipients
/// as well (`[rules.notification] recipients`); none when no recipient is configured.
#[must_use]
pub fn notify_also(rules: &[&NotificationRule], recipients: &[String]) -> Option<Fix> {
    if recipients.is_empty() || rules.is_empty() {
        return None;
    }
    let value = recipient_list(recipients);
    Some(Fix::unsafe_(
        format!(
            "write the {} configured in [rules.notification] to \"notificationRecipients\" of {}",
            count_phrase(recipients.len(), "recipient"),
            count_phrase(rules.len(), "notification rule")
        ),
        rules
            .iter()
            .map(|rule| Edit::Add {
                path: rule.recipients_pointer.clone(),
                value: value.clone(),
            })
            .collect(),
    ))
}

/// The configured recipients as a `notificationRecipients` array.
fn recipient_list(recipients: &[String]) -> Value {
    Value::Array(
        recipients
            .iter()
            .map(|r| Value::String(r.trim().to_owned()))
            .collect(),
    )
}

/// Sends a notification to its default recipients.
#[must_use]
pub fn notify_default_recipients(rule: &NotificationRule) -> Option<Fix> {
    let flag = rule.is_default_recipients_enabled.as_ref()?;
    Some(Fix::replace_unsafe(
        "set \"isDefaultRecipientsEnabled\": true",
        &flag.pointer,
        Value::Bool(true),
    ))
}
