use crate::diagnostic::Diagnostic;
use crate::model::{Enablement, Policy};
use crate::roles;
use crate::rules::context::RuleContext;
use crate::rules::declare_rule;
use crate::rules::helpers::role_phrase;

declare_rule! {
    /// Activation of a role that should need a ticket does not require one.
    ///
    /// ## What it does
    /// For the roles listed in the rule's options (Global Administrator by default), checks
    /// that `Enablement_EndUser_Assignment` lists `Ticketing`. Off unless selected (or the
    /// `strict` profile).
    ///
    /// ## Why it matters
    /// Microsoft's deployment plan asks for an incident or change ticket to activate Global
    /// Administrator, so every activation can be traced to a reason in the ticketing system.
    ///
    /// ## How to fix
    /// Add `"Ticketing"` to `enabledRules`.
    ///
    /// ## Options
    /// `[rules.activation-no-ticket]`: `roles`, role names or ids; `privileged` means every
    /// highly privileged role.
    ///
    /// ## Example
    /// ```json
    /// { "id": "Enablement_EndUser_Assignment", "enabledRules": ["MultiFactorAuthentication", "Justification"], … }
    /// ```
    pub static ACTIVATION_NO_TICKET = ("PIM108", "activation-no-ticket", Activation, Warning);
}

pub fn check(policy: &Policy, context: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    let (Some(enablement), Some(role)) =
        (&policy.rules.enablement_end_user_assignment, &policy.role)
    else {
        return;
    };
    let wanted = context.options.activation_no_ticket.roles.iter().any(|r| {
        (r == "privileged" && context.tier.is_privileged())
            || roles::find(r).map_or_else(
                || r.eq_ignore_ascii_case(&role.template_id),
                |b| b.id.eq_ignore_ascii_case(&role.template_id),
            )
    });
    if wanted && enablement.requires(Enablement::Ticketing) == Some(false) {
        out.push(
            Diagnostic::new(
                &ACTIVATION_NO_TICKET,
                format!(
                    "activating {} does not require a ticket",
                    role_phrase(context)
                ),
                enablement.enabled_rules_pointer.clone(),
            )
            .with_help("add \"Ticketing\" to enabledRules"),
        );
    }
}
