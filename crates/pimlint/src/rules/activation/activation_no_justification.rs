use crate::diagnostic::Diagnostic;
use crate::model::{Enablement, Policy};
use crate::rules::context::RuleContext;
use crate::rules::declare_rule;
use crate::rules::helpers::{intune_control, role_phrase};

declare_rule! {
    /// Activation does not require a justification.
    ///
    /// ## What it does
    /// Checks that `Enablement_EndUser_Assignment` lists `Justification`.
    ///
    /// ## Why it matters
    /// The justification is what an auditor reads to tell routine activations from abuse;
    /// Microsoft's deployment plan asks for it, and the Zero Trust assessment (51016) requires
    /// it for Intune Administrator.
    ///
    /// ## How to fix
    /// Add `"Justification"` to `enabledRules`.
    ///
    /// ## Example
    /// ```json
    /// { "id": "Enablement_EndUser_Assignment", "enabledRules": ["MultiFactorAuthentication"], … }
    /// ```
    pub static ACTIVATION_NO_JUSTIFICATION = ("PIM107", "activation-no-justification", Activation, Warning);
}

pub fn check(policy: &Policy, context: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    let Some(enablement) = &policy.rules.enablement_end_user_assignment else {
        return;
    };
    if enablement.requires(Enablement::Justification) == Some(false) {
        out.push(
            Diagnostic::new(
                &ACTIVATION_NO_JUSTIFICATION,
                format!(
                    "activating {} does not require a justification{}",
                    role_phrase(context),
                    intune_control(policy, context)
                ),
                enablement.enabled_rules_pointer.clone(),
            )
            .with_help("add \"Justification\" to enabledRules")
            .with_fix(crate::fix::policy::require(
                enablement,
                "Justification",
                "add \"Justification\" to enabledRules",
            )),
        );
    }
}
