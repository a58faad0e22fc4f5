use crate::rules::declare_rule;

declare_rule! {
    /// The activation needs a Conditional Access authentication context.
    ///
    /// ## What it does
    /// Reports an enabled `AuthenticationContext_EndUser_Assignment` rule as a requirement,
    /// with its claim value (`c1` …).
    ///
    /// ## Why it matters
    /// The caller's token must carry the `acrs` claim for that context; a token without it is
    /// refused and the user must sign in again to satisfy the Conditional Access policy.
    ///
    /// ## How to fix
    /// Acquire a token with the authentication context (claims challenge `acrs` = the claim
    /// value) before sending the request.
    ///
    /// ## Example
    /// ```json
    /// { "id": "AuthenticationContext_EndUser_Assignment", "isEnabled": true, "claimValue": "c1", … }
    /// ```
    pub static AUTH_CONTEXT_REQUIRED = ("PIM508", "auth-context-required", Request, Info);
}
