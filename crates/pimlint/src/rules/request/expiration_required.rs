use crate::rules::declare_rule;

declare_rule! {
    /// The request asks for no end while the policy requires one (the service's
    /// `ExpirationRule`).
    ///
    /// ## What it does
    /// Flags `noExpiration` requests — and ARM eligibility requests with `AfterDuration` and a
    /// `null` duration, which the service takes as permanent — when the governing expiration
    /// rule has `isExpirationRequired: true`.
    ///
    /// ## Why it matters
    /// The service rejects permanent assignments the policy forbids with `ExpirationRule`;
    /// infrastructure-as-code that asks for permanent eligibility by default fails on every
    /// role whose policy requires an end (terraform-provider-azuread #1450, azurerm #22766).
    ///
    /// ## How to fix
    /// Give the assignment an end within the policy's maximum, or allow permanent assignments
    /// in the policy if that is really intended.
    ///
    /// ## Example
    /// ```json
    /// { "action": "adminAssign", "scheduleInfo": { "expiration": { "type": "noExpiration" } }, … }
    /// ```
    pub static EXPIRATION_REQUIRED = ("PIM502", "expiration-required", Request, Error);
}
