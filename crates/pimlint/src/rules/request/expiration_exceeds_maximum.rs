use crate::rules::declare_rule;

declare_rule! {
    /// The request asks for longer than the policy's maximum duration (the service's
    /// `ExpirationRule`).
    ///
    /// ## What it does
    /// Computes the requested length (`duration`, or `endDateTime` minus the start) and compares
    /// it with `maximumDuration` of the expiration rule that governs the request:
    /// `Expiration_EndUser_Assignment` for activations, `Expiration_Admin_Assignment` for active
    /// assignments, `Expiration_Admin_Eligibility` for eligible ones. Exactly the maximum passes.
    /// Years and months are measured from the request's start.
    ///
    /// ## Why it matters
    /// The service rejects the request with `RoleAssignmentRequestPolicyValidationFailed`,
    /// `The following policy rules failed: ["ExpirationRule"]`. Activation tools that ask for a
    /// fixed 8 hours fail on every role whose maximum is shorter (az-pim-cli #66, PIMTools #5).
    ///
    /// ## How to fix
    /// Ask for the maximum or less, or change the policy's maximum if the role needs longer.
    ///
    /// ## Example
    /// ```json
    /// { "action": "selfActivate", "scheduleInfo": { "expiration": { "type": "afterDuration", "duration": "PT10H" } }, … }
    /// ```
    pub static EXPIRATION_EXCEEDS_MAXIMUM = ("PIM501", "expiration-exceeds-maximum", Request, Error);
}
