use crate::rules::declare_rule;

declare_rule! {
    /// An activation asks for less than five minutes (the service's `ActiveDurationTooShort`).
    ///
    /// ## What it does
    /// Flags activations whose requested length is under `PT5M`.
    ///
    /// ## Why it matters
    /// The service rejects them: "The Active duration is too short. Minimum required is 5
    /// minutes" — typically the result of a unit mistake upstream (DCToolbox #50).
    ///
    /// ## How to fix
    /// Ask for at least `PT5M`; check how the duration was computed.
    ///
    /// ## Example
    /// ```json
    /// "expiration": { "type": "afterDuration", "duration": "PT4M" }
    /// ```
    pub static ACTIVATION_TOO_SHORT = ("PIM506", "activation-too-short", Request, Error);
}
