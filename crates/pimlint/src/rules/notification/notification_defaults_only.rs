use crate::diagnostic::Diagnostic;
use crate::model::Policy;
use crate::rules::context::{Profile, RuleContext};
use crate::rules::declare_rule;
use crate::rules::helpers::{control, role_phrase};

declare_rule! {
    /// Notifications about a highly privileged role go only to the default recipients.
    ///
    /// ## What it does
    /// On the policy of a highly privileged role, lists the notification rules (of the nine)
    /// that keep `isDefaultRecipientsEnabled: true` and name no address in
    /// `notificationRecipients`. One finding per policy, at the first such rule. Rules with
    /// default recipients off are left to `notification-blackhole` (PIM401).
    ///
    /// ## Why it matters
    /// The default recipients are the people involved (the role's administrators, the
    /// requestor, the approvers). Microsoft's Zero Trust assessment (21818) expects each of the
    /// nine notifications of a privileged role to reach someone else as well, such as a
    /// monitored mailbox, so that assignments, activations and approvals are seen by a team
    /// that can act on them.
    ///
    /// ## How to fix
    /// Add a monitored mailbox to `notificationRecipients` of each rule listed. The fix
    /// (unsafe) writes the addresses of `[rules.notification] recipients` to each; with no
    /// address configured, there is no fix.
    ///
    /// ## Options
    /// `[rules.notification]`: `recipients`, the addresses the fix writes.
    ///
    /// ## Example
    /// ```json
    /// { "id": "Notification_Requestor_EndUser_Assignment", "isDefaultRecipientsEnabled": true, "notificationRecipients": [], … }
    /// ```
    pub static NOTIFICATION_DEFAULTS_ONLY = ("PIM411", "notification-defaults-only", Notification, Info);
}

pub fn check(policy: &Policy, context: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    if !context.tier.is_privileged() {
        return;
    }
    let defaults_only: Vec<_> = policy
        .rules
        .notifications()
        .filter(|(_, rule)| {
            rule.is_default_recipients_enabled
                .as_ref()
                .is_some_and(|d| d.value)
                && !super::silenced(rule)
                && super::assignment_alert_missing::no_recipient(rule)
        })
        .collect();
    let Some((_, first)) = defaults_only.first() else {
        return;
    };
    let names: Vec<String> = defaults_only
        .iter()
        .map(|(id, _)| format!("`{id}`"))
        .collect();
    out.push(
        Diagnostic::new(
            &NOTIFICATION_DEFAULTS_ONLY,
            format!(
                "{} of the notification rules of {} reach only the default recipients: {}{}",
                defaults_only.len(),
                role_phrase(context),
                names.join(", "),
                control(context, &[(Profile::ZeroTrust, "Zero Trust 21818")])
            ),
            first.recipients_pointer.clone(),
        )
        .with_help("add a monitored mailbox to notificationRecipients of each rule listed")
        .with_fix(crate::fix::policy::notify_also(
            &defaults_only
                .iter()
                .map(|(_, rule)| *rule)
                .collect::<Vec<_>>(),
            &context.options.notification.recipients,
        )),
    );
}
