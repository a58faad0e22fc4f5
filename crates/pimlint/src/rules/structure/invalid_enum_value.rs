use crate::diagnostic::Diagnostic;
use crate::pointer::Pointer;
use crate::rules::declare_rule;
use crate::suggest::nearest;

declare_rule! {
    /// A value is not one of those the API documents for its member.
    ///
    /// ## What it does
    /// Checks string enums against the Graph and ARM definitions: `caller`, `level`,
    /// `operations`, `enabledRules`, `approvalMode`, `notificationType`, `recipientType`,
    /// `notificationLevel`, approver types, a request's `action` / `requestType`, its expiration
    /// `type` and a group request's `accessId`. Letter case is not significant.
    ///
    /// ## Why it matters
    /// The service rejects unknown values, and some near-misses are traps: `AuthenticationContext`
    /// is not an `enabledRules` value (the authentication context has its own rule), and a
    /// policy-as-code tool that maps names to values can silently drop a requirement.
    ///
    /// ## How to fix
    /// Use one of the documented values; the message lists them and suggests the nearest.
    ///
    /// ## Example
    /// ```json
    /// { "id": "Enablement_EndUser_Assignment", "enabledRules": ["MFA", "Justification"], … }
    /// ```
    pub static INVALID_ENUM_VALUE = ("PIM009", "invalid-enum-value", Structure, Error);
}

/// `found` at `at` is not one of `allowed` (`what` names the member for the message).
pub fn diagnostic(at: &Pointer, what: &str, found: &str, allowed: &[&str]) -> Diagnostic {
    let d = Diagnostic::new(
        &INVALID_ENUM_VALUE,
        format!(
            "{found:?} is not a valid {what}; expected one of {}",
            allowed.join(", ")
        ),
        at.clone(),
    );
    let special = (what == "enabled rule" && found.eq_ignore_ascii_case("AuthenticationContext"))
        .then_some(
            "an authentication context is required through the \
             `AuthenticationContext_EndUser_Assignment` rule (isEnabled, claimValue), not here",
        );
    match (special, nearest(found, allowed.iter().copied())) {
        (Some(s), _) => d.with_help(s),
        (None, Some(s)) => d.with_help(format!("did you mean {s}?")),
        (None, None) => d,
    }
}
