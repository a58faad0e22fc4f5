use crate::diagnostic::Diagnostic;
use crate::model::Policy;
use crate::rules::context::RuleContext;
use crate::rules::declare_rule;
use crate::rules::helpers::{intune_control, role_phrase};

declare_rule! {
    /// Activations are not required to end.
    ///
    /// ## What it does
    /// Flags `isExpirationRequired: false` on `Expiration_EndUser_Assignment`.
    ///
    /// ## Why it matters
    /// An activation with no end is a standing assignment in disguise, which is what PIM is
    /// there to remove. The Zero Trust assessment (51016) requires an end for Intune
    /// Administrator activations.
    ///
    /// ## How to fix
    /// Set `isExpirationRequired` to `true` with a `maximumDuration` of a few hours.
    ///
    /// ## Example
    /// ```json
    /// { "id": "Expiration_EndUser_Assignment", "isExpirationRequired": false, … }
    /// ```
    pub static ACTIVATION_EXPIRY_NOT_REQUIRED = ("PIM109", "activation-expiry-not-required", Activation, Warning);
}

pub fn check(policy: &Policy, context: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    let Some(required) = policy
        .rules
        .expiration_end_user_assignment
        .as_ref()
        .and_then(|r| r.is_expiration_required.as_ref())
    else {
        return;
    };
    if !required.value {
        out.push(
            Diagnostic::new(
                &ACTIVATION_EXPIRY_NOT_REQUIRED,
                format!(
                    "activations of {} are not required to end{}",
                    role_phrase(context),
                    intune_control(policy, context)
                ),
                required.pointer.clone(),
            )
            .with_help("set \"isExpirationRequired\": true with a maximumDuration such as PT8H"),
        );
    }
}
