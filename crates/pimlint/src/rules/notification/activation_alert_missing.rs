use crate::diagnostic::Diagnostic;
use crate::model::Policy;
use crate::rules::context::{Profile, RuleContext, Tier};
use crate::rules::declare_rule;
use crate::rules::helpers::{control, role_phrase};

declare_rule! {
    /// Activating a highly privileged role other than Global Administrator alerts no
    /// dedicated mailbox.
    ///
    /// ## What it does
    /// On the policy of a highly privileged role other than Global Administrator (the active
    /// profile's set), checks that `Notification_Admin_EndUser_Assignment` lists at least one
    /// address in `notificationRecipients`. Default recipients and blank entries do not count.
    /// Global Administrator is checked by `ga-activation-alert-missing` (PIM404).
    /// When the run links a PIM for Groups group to the role (the group's role assignments or
    /// eligibilities, or a ScubaGear export), the group's `member` policy is checked the same
    /// way with the role's settings, as ScubaGear does.
    ///
    /// ## Why it matters
    /// An activation is the moment a standing eligibility turns into power; a security mailbox
    /// should hear of it. CISA SCuBA asks for it for its seven other highly privileged roles
    /// (MS.AAD.7.9, SHOULD). The Zero Trust assessment (21820) checks the same rule for every
    /// role Microsoft labels privileged, but fails it only when default recipients are on and
    /// no address is listed; with default recipients off and no address, pimlint reports it
    /// here too and `notification-blackhole` (PIM401) says that nobody is told at all.
    ///
    /// ## How to fix
    /// Add a monitored security mailbox to `notificationRecipients`.
    ///
    /// ## Example
    /// ```json
    /// { "id": "Notification_Admin_EndUser_Assignment", "notificationRecipients": [], … }
    /// ```
    pub static ACTIVATION_ALERT_MISSING = ("PIM410", "activation-alert-missing", Notification, Warning);
}

pub fn check(policy: &Policy, context: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    if context.tier != Tier::Privileged {
        return;
    }
    let Some(rule) = policy
        .rules
        .notification_admin_end_user_assignment
        .as_ref()
        .filter(|r| super::assignment_alert_missing::no_recipient(r))
    else {
        return;
    };
    out.push(
        Diagnostic::new(
            &ACTIVATION_ALERT_MISSING,
            format!(
                "activations of {} alert no dedicated mailbox{}",
                role_phrase(context),
                control(
                    context,
                    &[
                        (Profile::CisaScuba, "MS.AAD.7.9"),
                        (Profile::ZeroTrust, "Zero Trust 21820")
                    ]
                )
            ),
            rule.recipients_pointer.clone(),
        )
        .with_help("add a monitored security mailbox to notificationRecipients"),
    );
}
