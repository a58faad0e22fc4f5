use crate::rules::declare_rule;

declare_rule! {
    /// The policy requires a justification and the request has none, or only blanks (the
    /// service's `JustificationRule`).
    ///
    /// ## What it does
    /// Checks `justification` when the governing enablement rule lists `Justification`.
    ///
    /// ## Why it matters
    /// The service rejects the request with `JustificationRule`. Blank strings do not count.
    ///
    /// ## How to fix
    /// Say why the access is needed in `justification`.
    ///
    /// ## Example
    /// ```json
    /// { "action": "selfActivate", "justification": "  ", … }
    /// ```
    pub static JUSTIFICATION_MISSING = ("PIM503", "justification-missing", Request, Error);
}
