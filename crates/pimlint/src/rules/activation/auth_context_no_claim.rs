use crate::diagnostic::Diagnostic;
use crate::model::Policy;
use crate::rules::context::RuleContext;
use crate::rules::declare_rule;

declare_rule! {
    /// An authentication context is required on activation but names no context.
    ///
    /// ## What it does
    /// When `AuthenticationContext_EndUser_Assignment` has `isEnabled: true`, checks that
    /// `claimValue` names a Conditional Access authentication context (`c1` to `c99`).
    ///
    /// ## Why it matters
    /// The service rejects the update when the claim is null or empty
    /// (terraform-provider-azuread #1761); a value that is not a context id never matches a
    /// Conditional Access policy.
    ///
    /// ## How to fix
    /// Set `claimValue` to the id of the authentication context (`c1` …), or disable the rule.
    ///
    /// ## Example
    /// ```json
    /// { "id": "AuthenticationContext_EndUser_Assignment", "isEnabled": true, "claimValue": null, … }
    /// ```
    pub static AUTH_CONTEXT_NO_CLAIM = ("PIM105", "auth-context-no-claim", Activation, Error);
}

fn is_context_id(claim: &str) -> bool {
    claim
        .strip_prefix('c')
        .and_then(|n| n.parse::<u8>().ok())
        .is_some_and(|n| (1..=99).contains(&n))
}

pub fn check(policy: &Policy, _context: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    let Some(rule) = &policy.rules.authentication_context_end_user_assignment else {
        return;
    };
    if !rule.is_enabled.as_ref().is_some_and(|e| e.value) {
        return;
    }
    match &rule.claim_value {
        Some(claim) if is_context_id(claim.value.trim()) => {}
        Some(claim) => out.push(
            Diagnostic::new(
                &AUTH_CONTEXT_NO_CLAIM,
                format!(
                    "{:?} is not an authentication context id (c1 to c99)",
                    claim.value
                ),
                claim.pointer.clone(),
            )
            .with_help("set \"claimValue\" to the context's id, e.g. \"c1\""),
        ),
        None => out.push(
            Diagnostic::new(
                &AUTH_CONTEXT_NO_CLAIM,
                "the authentication context is required, but `claimValue` names none",
                rule.pointer.clone(),
            )
            .with_help("set \"claimValue\" to the context's id, e.g. \"c1\""),
        ),
    }
}
