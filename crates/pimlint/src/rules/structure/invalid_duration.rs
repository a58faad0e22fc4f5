use crate::diagnostic::Diagnostic;
use serde_json::Value;

use crate::duration::{DurationError, IsoDuration};
use crate::fix::Fix;
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
    let d = Diagnostic::new(
        &INVALID_DURATION,
        format!("{text:?} is not a valid ISO 8601 duration: {error}"),
        at.clone(),
    )
    .with_help("durations look like PT8H (8 hours), PT30M (30 minutes) or P15D (15 days)");
    let Some(s) = suggestion(error) else {
        return d;
    };
    let message = format!("write {s:?}");
    let value = Value::String(s.to_owned());
    // Without its `P` the unit is a guess (`1230M` may have meant 12 h 30 min, not 1230
    // minutes): the fix is offered, not applied by default.
    if matches!(error, DurationError::MissingP { .. }) {
        d.with_fix(Fix::replace_unsafe(message, at, value))
    } else {
        d.with_fix(Fix::replace_safe(message, at, value))
    }
}

/// The spelling of the same length that the error names, when there is exactly one: hours
/// without `T` (`P8H`), lower case, a missing `P`, a length written for people (`8 hours`),
/// weeks mixed with days, a fraction of a whole unit. Each is checked to be a valid duration.
fn suggestion(error: &DurationError) -> Option<&str> {
    let s = match error {
        DurationError::MissingP { suggestion }
        | DurationError::LowerCase { suggestion }
        | DurationError::TimeUnitWithoutT { suggestion, .. } => suggestion.as_deref()?,
        DurationError::HumanReadable { suggestion, .. }
        | DurationError::WeeksCombined { suggestion }
        | DurationError::Fraction { suggestion } => suggestion.as_str(),
        _ => return None,
    };
    IsoDuration::parse(s).is_ok().then_some(s)
}
