use crate::diagnostic::Diagnostic;
use crate::model::Policy;
use crate::rules::context::RuleContext;
use crate::rules::declare_rule;
use crate::rules::helpers::role_phrase;

declare_rule! {
    /// A notification is turned off (`notificationLevel: None`).
    ///
    /// ## What it does
    /// Flags notification rules whose level is `None`.
    ///
    /// ## Why it matters
    /// No mail is sent to anyone for that event, whatever the recipients say.
    ///
    /// ## How to fix
    /// Set `notificationLevel` to `All` (or `Critical`).
    ///
    /// ## Example
    /// ```json
    /// { "id": "Notification_Admin_Admin_Assignment", "notificationLevel": "None", … }
    /// ```
    pub static NOTIFICATION_LEVEL_NONE = ("PIM402", "notification-level-none", Notification, Warning);
}

pub fn check(policy: &Policy, context: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    for (id, rule) in policy.rules.notifications() {
        if let Some(level) = rule
            .notification_level
            .as_ref()
            .filter(|_| super::silenced(rule))
        {
            out.push(
                Diagnostic::new(
                    &NOTIFICATION_LEVEL_NONE,
                    format!(
                        "`{id}` is off: no mail when someone {} {}",
                        super::event(id),
                        role_phrase(context)
                    ),
                    level.pointer.clone(),
                )
                .with_help("set \"notificationLevel\": \"All\""),
            );
        }
    }
}
