//! Fixes that policy rules share: edits of the normalized model's located values.

use serde_json::Value;

use super::{Edit, Fix};
use crate::duration::IsoDuration;
use crate::model::{
    ApprovalMode, ApprovalRule, EnablementRule, ExpirationRule, Located, NotificationRule,
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

/// Turns approval on, when the rule already names the approvers of a single stage: approvers
/// cannot be invented, so a rule without them gets no fix.
#[must_use]
pub fn require_approval(rule: &ApprovalRule) -> Option<Fix> {
    let required = rule.is_approval_required.as_ref()?;
    let [stage] = rule.stages.as_deref()? else {
        return None;
    };
    if !stage.primary_approvers.iter().any(|a| a.id.is_some()) {
        return None;
    }
    let mut edits = vec![Edit::Replace {
        path: required.pointer.clone(),
        value: Value::Bool(true),
    }];
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
    Some(Fix::unsafe_(
        format!(
            "set \"isApprovalRequired\": true, with the {} approver{} the rule names",
            stage.primary_approvers.len(),
            if stage.primary_approvers.len() == 1 {
                ""
            } else {
                "s"
            }
        ),
        edits,
    ))
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
