use crate::diagnostic::Diagnostic;
use crate::model::{NotificationRule, Policy, RuleId};
use crate::rules::context::{Profile, RuleContext};
use crate::rules::declare_rule;
use crate::rules::helpers::{control, role_phrase};

declare_rule! {
    /// Assigning a highly privileged role alerts no dedicated mailbox.
    ///
    /// ## What it does
    /// On the policy of a highly privileged role (the active profile's set, Global
    /// Administrator included), checks that `Notification_Admin_Admin_Eligibility` and
    /// `Notification_Admin_Admin_Assignment` each list at least one address in
    /// `notificationRecipients`. Default recipients do not count. Blank entries do not count
    /// either, although ScubaGear counts them.
    /// When the run links a PIM for Groups group to the role (the group's role assignments or
    /// eligibilities, or a ScubaGear export), the group's `member` policy is checked the same
    /// way with the role's settings, as ScubaGear does.
    ///
    /// ## Why it matters
    /// An eligible or active assignment to a highly privileged role is how an attacker with
    /// a foothold keeps it. The default recipients are the role's own administrators, who may
    /// be the attacker; a security mailbox hears of it independently. CISA SCuBA (MS.AAD.7.7,
    /// SHALL) requires it for its eight roles, and ScubaGear checks exactly these two rules.
    ///
    /// ## How to fix
    /// Add a monitored security mailbox to `notificationRecipients` of both rules.
    ///
    /// ## Example
    /// ```json
    /// { "id": "Notification_Admin_Admin_Assignment", "notificationRecipients": [], … }
    /// ```
    pub static ASSIGNMENT_ALERT_MISSING = ("PIM409", "assignment-alert-missing", Notification, Warning);
}

/// Whether a notification rule lists no usable address.
pub(crate) fn no_recipient(rule: &NotificationRule) -> bool {
    rule.recipients
        .as_ref()
        .is_some_and(|list| list.iter().all(|r| r.value.trim().is_empty()))
}

pub fn check(policy: &Policy, context: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    if !context.tier.is_privileged() {
        return;
    }
    let rules = [
        (
            RuleId::NotificationAdminAdminEligibility,
            &policy.rules.notification_admin_admin_eligibility,
        ),
        (
            RuleId::NotificationAdminAdminAssignment,
            &policy.rules.notification_admin_admin_assignment,
        ),
    ];
    for (id, rule) in rules {
        let Some(rule) = rule.as_ref().filter(|r| no_recipient(r)) else {
            continue;
        };
        out.push(
            Diagnostic::new(
                &ASSIGNMENT_ALERT_MISSING,
                format!(
                    "`{id}` alerts no dedicated mailbox when someone {} {}{}",
                    super::event(id),
                    role_phrase(context),
                    control(context, &[(Profile::CisaScuba, "MS.AAD.7.7")])
                ),
                rule.recipients_pointer.clone(),
            )
            .with_help("add a monitored security mailbox to notificationRecipients")
            .with_note(
                "the default recipients are the role's own administrators; they do not count",
            ),
        );
    }
}
