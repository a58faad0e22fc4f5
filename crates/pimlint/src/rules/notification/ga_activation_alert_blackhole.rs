use crate::diagnostic::Diagnostic;
use crate::model::Policy;
use crate::rules::context::{Profile, RuleContext, Tier};
use crate::rules::declare_rule;
use crate::rules::helpers::control;

declare_rule! {
    /// Global Administrator activations alert nobody: default recipients off and no address.
    ///
    /// ## What it does
    /// On the Global Administrator policy, checks `Notification_Admin_EndUser_Assignment`, the
    /// alert sent when someone activates the role: it must keep its default recipients or list
    /// at least one address in `notificationRecipients`. Blank entries do not count. Off
    /// unless selected (or the `zero-trust` and `strict` profiles).
    ///
    /// ## Why it matters
    /// Microsoft's Zero Trust assessment (21819, "Activation alert for Global Administrator
    /// role assignments") reads exactly this rule and fails it when it reaches nobody; default
    /// recipients alone pass there. CISA SCuBA asks more of the same rule (a dedicated mailbox,
    /// `ga-activation-alert-missing`). With neither, a Global Administrator activation, the
    /// moment an eligibility becomes control of the tenant, is seen by no one.
    ///
    /// ## How to fix
    /// Turn `isDefaultRecipientsEnabled` back on, or add a monitored security mailbox to
    /// `notificationRecipients`.
    ///
    /// ## Example
    /// ```json
    /// { "id": "Notification_Admin_EndUser_Assignment", "isDefaultRecipientsEnabled": false, "notificationRecipients": [], … }
    /// ```
    pub static GA_ACTIVATION_ALERT_BLACKHOLE = ("PIM412", "ga-activation-alert-blackhole", Notification, Warning);
}

pub fn check(policy: &Policy, context: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    if context.tier != Tier::GlobalAdministrator {
        return;
    }
    let Some(rule) = policy
        .rules
        .notification_admin_end_user_assignment
        .as_ref()
        .filter(|r| super::reaches_nobody(r))
    else {
        return;
    };
    let at = super::reaches_nobody_at(rule);
    out.push(
        Diagnostic::new(
            &GA_ACTIVATION_ALERT_BLACKHOLE,
            format!(
                "Global Administrator activations alert nobody: `Notification_Admin_EndUser_Assignment` \
                 has default recipients off and no address{}",
                control(context, &[(Profile::ZeroTrust, "Zero Trust 21819")])
            ),
            at,
        )
        .with_label(
            rule.recipients_pointer.clone(),
            "no address is listed here",
        )
        .with_help(
            "set \"isDefaultRecipientsEnabled\": true, or add a monitored security mailbox to \
             notificationRecipients",
        ),
    );
}
