use crate::diagnostic::Diagnostic;
use crate::model::Policy;
use crate::rules::context::RuleContext;
use crate::rules::declare_rule;

declare_rule! {
    /// Approval is required, but approvers get no mail about requests.
    ///
    /// ## What it does
    /// When activation needs approval, checks that `Notification_Approver_EndUser_Assignment`
    /// is on and reaches someone.
    ///
    /// ## Why it matters
    /// Approvers learn of pending requests by e-mail; without it, requests wait until they
    /// expire.
    ///
    /// ## How to fix
    /// Set its `notificationLevel` to `All` and keep the default recipients (the approvers).
    ///
    /// ## Example
    /// ```json
    /// { "id": "Notification_Approver_EndUser_Assignment", "notificationLevel": "None", … }
    /// ```
    pub static APPROVER_NOT_NOTIFIED = ("PIM408", "approver-not-notified", Notification, Error);
}

pub fn check(policy: &Policy, _context: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    let Some(approval) = crate::rules::approval::required(policy) else {
        return;
    };
    let Some(rule) = &policy.rules.notification_approver_end_user_assignment else {
        return;
    };
    if super::silenced(rule) || super::reaches_nobody(rule) {
        let at = if super::silenced(rule) {
            rule.notification_level.as_ref().map(|l| l.pointer.clone())
        } else {
            rule.is_default_recipients_enabled
                .as_ref()
                .map(|d| d.pointer.clone())
        };
        out.push(
            Diagnostic::new(
                &APPROVER_NOT_NOTIFIED,
                "activations need approval, but approvers get no mail about pending requests",
                at.unwrap_or_else(|| rule.pointer.clone()),
            )
            .with_label(
                approval
                    .is_approval_required
                    .as_ref()
                    .map_or_else(|| approval.pointer.clone(), |a| a.pointer.clone()),
                "approval is required here",
            )
            .with_help(
                "set \"notificationLevel\": \"All\" and \"isDefaultRecipientsEnabled\": true",
            ),
        );
    }
}
