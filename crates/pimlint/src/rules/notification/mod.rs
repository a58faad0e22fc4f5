//! `PIM4xx`: who learns about assignments and activations.

pub mod activation_alert_missing;
pub mod approver_not_notified;
pub mod assignment_alert_missing;
pub mod bad_recipient;
pub mod ga_activation_alert_blackhole;
pub mod ga_activation_alert_missing;
pub mod notification_blackhole;
pub mod notification_defaults_only;
pub mod notification_level_none;

use crate::model::{NotificationLevel, NotificationRule};

/// Where a finding that a rule reaches nobody points: its default-recipients switch, else the rule.
pub(crate) fn reaches_nobody_at(rule: &NotificationRule) -> crate::pointer::Pointer {
    rule.is_default_recipients_enabled
        .as_ref()
        .map_or_else(|| rule.pointer.clone(), |d| d.pointer.clone())
}

/// Whether a notification rule reaches nobody: default recipients off and no extra address.
pub(crate) fn reaches_nobody(rule: &NotificationRule) -> bool {
    let defaults_off = rule
        .is_default_recipients_enabled
        .as_ref()
        .is_some_and(|d| !d.value);
    defaults_off
        && rule
            .recipients
            .as_ref()
            .is_some_and(|list| list.iter().all(|r| r.value.trim().is_empty()))
}

/// Whether a notification rule sends nothing at all.
pub(crate) fn silenced(rule: &NotificationRule) -> bool {
    rule.notification_level
        .as_ref()
        .is_some_and(|l| l.value == NotificationLevel::None)
}

/// What a notification rule is about, for messages.
pub(crate) fn event(id: crate::model::RuleId) -> &'static str {
    use crate::model::{Caller, Level};
    match (id.caller(), id.level()) {
        (Caller::EndUser, _) => "activates",
        (_, Level::Eligibility) => "is made eligible for",
        _ => "is actively assigned",
    }
}
