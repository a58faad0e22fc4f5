use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{Policy, RecipientType};
use crate::rules::context::RuleContext;
use crate::rules::declare_rule;
use crate::rules::helpers::role_phrase;

declare_rule! {
    /// A notification goes to nobody: default recipients off and no extra recipients.
    ///
    /// ## What it does
    /// Checks the nine notification rules: each must keep its default recipients or name extra
    /// addresses. An error for admin notifications of highly privileged roles, a warning
    /// otherwise. (A rule at level `None` is reported by `notification-level-none`.)
    ///
    /// ## Why it matters
    /// Nobody learns that someone was assigned or activated the role. The Zero Trust
    /// assessment fails exactly this on the activation alert of Global Administrator (21819,
    /// checked on its own by `ga-activation-alert-blackhole`); its tests 21818 and 21820 fail
    /// the opposite case, default recipients only (see `notification-defaults-only` and
    /// `activation-alert-missing`).
    ///
    /// ## How to fix
    /// Turn `isDefaultRecipientsEnabled` back on, or add a monitored mailbox to
    /// `notificationRecipients`. The fix (unsafe) writes the addresses of
    /// `[rules.notification] recipients` to `notificationRecipients` or, when none are
    /// configured, turns the default recipients back on.
    ///
    /// ## Options
    /// `[rules.notification]`: `recipients`, the addresses the fix writes.
    ///
    /// ## Example
    /// ```json
    /// { "id": "Notification_Admin_EndUser_Assignment", "isDefaultRecipientsEnabled": false, "notificationRecipients": [], … }
    /// ```
    pub static NOTIFICATION_BLACKHOLE = ("PIM401", "notification-blackhole", Notification, Warning);
}

pub fn check(policy: &Policy, context: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    for (id, rule) in policy.rules.notifications() {
        if !super::reaches_nobody(rule) || super::silenced(rule) {
            continue;
        }
        let admin = id.recipient() == Some(RecipientType::Admin);
        let severity = if admin && context.tier.is_privileged() {
            Severity::Error
        } else {
            Severity::Warning
        };
        let at = super::reaches_nobody_at(rule);
        out.push(
            Diagnostic::new(
                &NOTIFICATION_BLACKHOLE,
                format!(
                    "`{id}` notifies nobody when someone {} {}: default recipients are off and no address is listed",
                    super::event(id),
                    role_phrase(context),
                ),
                at,
            )
            .with_severity(severity)
            .with_help("set \"isDefaultRecipientsEnabled\": true, or add a monitored mailbox to notificationRecipients")
            .with_fix(crate::fix::policy::notify(
                rule,
                &context.options.notification.recipients,
            )),
        );
    }
}
