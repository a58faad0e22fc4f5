use crate::diagnostic::Diagnostic;
use crate::model::Policy;
use crate::rules::context::{Profile, RuleContext, Tier};
use crate::rules::declare_rule;
use crate::rules::helpers::control;

declare_rule! {
    /// Global Administrator activations alert no dedicated mailbox.
    ///
    /// ## What it does
    /// On the Global Administrator policy, checks that `Notification_Admin_EndUser_Assignment`
    /// lists at least one address in `notificationRecipients`.
    /// When the run links a PIM for Groups group to the role (the group's role assignments or
    /// eligibilities, or a ScubaGear export), the group's `member` policy is checked the same
    /// way with the role's settings, as ScubaGear does.
    ///
    /// ## Why it matters
    /// CISA SCuBA (MS.AAD.7.8) requires that Global Administrator activations alert a security
    /// mailbox, not only the default recipients (the role's own administrators, who may be the
    /// attacker). The Zero Trust assessment (21820) checks the same rule on every privileged
    /// role, Global Administrator included.
    ///
    /// ## How to fix
    /// Add a monitored security mailbox to `notificationRecipients`.
    ///
    /// ## Example
    /// ```json
    /// { "id": "Notification_Admin_EndUser_Assignment", "notificationRecipients": [], … }
    /// ```
    pub static GA_ACTIVATION_ALERT_MISSING = ("PIM404", "ga-activation-alert-missing", Notification, Warning);
}

pub fn check(policy: &Policy, context: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    if context.tier != Tier::GlobalAdministrator {
        return;
    }
    let Some(rule) = &policy.rules.notification_admin_end_user_assignment else {
        return;
    };
    let Some(recipients) = &rule.recipients else {
        return;
    };
    if recipients.iter().any(|r| !r.value.trim().is_empty()) {
        return;
    }
    out.push(
        Diagnostic::new(
            &GA_ACTIVATION_ALERT_MISSING,
            format!(
                "Global Administrator activations alert no dedicated mailbox{}",
                control(
                    context,
                    &[
                        (Profile::CisaScuba, "MS.AAD.7.8"),
                        (Profile::ZeroTrust, "Zero Trust 21820")
                    ]
                )
            ),
            rule.recipients_pointer.clone(),
        )
        .with_help("add a monitored security mailbox to notificationRecipients"),
    );
}
