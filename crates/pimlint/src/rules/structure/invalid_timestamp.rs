use crate::diagnostic::Diagnostic;
use crate::pointer::Pointer;
use crate::rules::declare_rule;

declare_rule! {
    /// A date and time is not an RFC 3339 timestamp with a time zone.
    ///
    /// ## What it does
    /// Parses `startDateTime`, `endDateTime` and the other timestamps pimlint reads as
    /// RFC 3339 (`2026-12-01T08:00:00Z`, `2026-12-01T09:00:00+01:00`).
    ///
    /// ## Why it matters
    /// Graph types these as `DateTimeOffset`: a value without a time zone or in a local format
    /// is rejected, or read in a time zone the author did not mean, which moves an activation
    /// window by hours.
    ///
    /// ## How to fix
    /// Write the time in UTC with `Z`, or with an explicit offset.
    ///
    /// ## Example
    /// ```json
    /// "scheduleInfo": { "startDateTime": "2026-12-01 08:00", … }
    /// ```
    pub static INVALID_TIMESTAMP = ("PIM015", "invalid-timestamp", Structure, Error);
}

/// `text` at `at` is not a timestamp.
pub fn diagnostic(at: &Pointer, text: &str, reason: &str) -> Diagnostic {
    Diagnostic::new(
        &INVALID_TIMESTAMP,
        format!("{text:?} is not an RFC 3339 timestamp: {reason}"),
        at.clone(),
    )
    .with_help("write it like 2026-12-01T08:00:00Z (UTC) or 2026-12-01T09:00:00+01:00")
}
