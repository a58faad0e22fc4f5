use crate::rules::declare_rule;

declare_rule! {
    /// The policy requires multi-factor authentication for this request (the service's
    /// `MfaRule`); whether the caller's token has it cannot be known offline.
    ///
    /// ## What it does
    /// Reports `MultiFactorAuthentication` in the governing enablement rule as a requirement of
    /// the request, not a failure.
    ///
    /// ## Why it matters
    /// Requests made with a token that did not satisfy MFA fail with `MfaRule` ("Elevation
    /// Requires Multi-Factor Authentication", azure-docs #23549). Scripts running as a service
    /// principal can never satisfy it.
    ///
    /// ## How to fix
    /// Sign in with MFA before sending the request (for Graph, a token with the `mfa` claim).
    ///
    /// ## Example
    /// ```json
    /// "enabledRules": ["MultiFactorAuthentication", "Justification"]
    /// ```
    pub static MFA_REQUIRED = ("PIM505", "mfa-required", Request, Info);
}
