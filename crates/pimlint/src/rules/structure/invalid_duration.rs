use crate::diagnostic::Diagnostic;
use crate::duration::DurationError;
use crate::pointer::Pointer;
use crate::rules::declare_rule;

declare_rule! {
    /// A duration is not a valid ISO 8601 duration.
    ///
    /// ## What it does
    /// Parses every duration pimlint reads (`maximumDuration` of expiration rules, the
    /// `duration` of a request's expiration) as ISO 8601 (`PnYnMnDTnHnMnS` or `PnW`) and says
    /// what is wrong and what to write instead.
    ///
    /// ## Why it matters
    /// The service rejects malformed durations, and a value that parses to something else
    /// than meant is worse: a script that sent `"1230M"` for twelve and a half hours got
    /// `ActiveDurationTooShort` (DCToolbox #50). Hours written without `T` (`P1H`) are the most
    /// common mistake.
    ///
    /// ## How to fix
    /// Write durations as the service does: `PT8H`, `PT30M`, `P15D`, `P365D`. Time units
    /// (hours, minutes, seconds) follow `T`.
    ///
    /// ## Example
    /// ```json
    /// { "id": "Expiration_EndUser_Assignment", "isExpirationRequired": true, "maximumDuration": "P8H", … }
    /// ```
    pub static INVALID_DURATION = ("PIM008", "invalid-duration", Structure, Error);
}

/// `text` at `at` is not a duration.
pub fn diagnostic(at: &Pointer, text: &str, error: &DurationError) -> Diagnostic {
    Diagnostic::new(
        &INVALID_DURATION,
        format!("{text:?} is not a valid ISO 8601 duration: {error}"),
        at.clone(),
    )
    .with_help("durations look like PT8H (8 hours), PT30M (30 minutes) or P15D (15 days)")
}
