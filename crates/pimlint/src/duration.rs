//! ISO 8601 durations as PIM writes them (`PT8H`, `P365D`, `P1Y`, `P2W`).
//!
//! Graph types these as `Edm.Duration` and ARM as `string`; the service itself writes days,
//! hours and minutes. Years and months are calendar quantities: they have a fixed length only
//! once a start date is known, so comparisons without one say they are approximate.
//!
//! The parser is hand-written because its errors must say what to write instead
//! (`P1H` → `PT1H`), which general-purpose ISO 8601 parsers do not.

use std::cmp::Ordering;
use std::fmt;

use chrono::{DateTime, Months, TimeDelta, TimeZone};
use serde::{Serialize, Serializer};

/// A parsed, non-negative ISO 8601 duration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct IsoDuration {
    /// Calendar years.
    pub years: u32,
    /// Calendar months.
    pub months: u32,
    /// Weeks (only alone, `PnW`).
    pub weeks: u32,
    /// Days.
    pub days: u32,
    /// Hours.
    pub hours: u32,
    /// Minutes.
    pub minutes: u32,
    /// Whole seconds.
    pub seconds: u32,
    /// Fraction of a second, in milliseconds.
    pub millis: u32,
}

/// Why a text is not an ISO 8601 duration. Messages say what to write instead where possible.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DurationError {
    /// Nothing to parse.
    #[error("the duration is empty; write an ISO 8601 duration such as PT8H or P30D")]
    Empty,
    /// A leading minus sign.
    #[error("negative durations are not accepted")]
    Negative,
    /// No leading `P`.
    #[error("an ISO 8601 duration starts with 'P' (PT8H, P30D){}", suggest(.suggestion.as_ref()))]
    MissingP {
        /// What the text probably meant.
        suggestion: Option<String>,
    },
    /// A length written for people ("8 hours", "8h", "1.5h", "90 minutes", "1 day").
    #[error("did you mean {suggestion}? (ISO 8601 writes lengths as PnDTnHnM)")]
    HumanReadable {
        /// The text as written.
        text: String,
        /// The same length in ISO 8601.
        suggestion: String,
    },
    /// Units written in lower case.
    #[error("ISO 8601 duration designators are upper case{}", suggest(.suggestion.as_ref()))]
    LowerCase {
        /// The same text in upper case.
        suggestion: Option<String>,
    },
    /// `P` or `T` with no component after it.
    #[error("'{designator}' must be followed by at least one number and unit")]
    NoComponents {
        /// `P` or `T`.
        designator: char,
    },
    /// An hour or second unit before `T`.
    #[error("'{unit}' is a time unit and must come after 'T'{}", suggest(.suggestion.as_ref()))]
    TimeUnitWithoutT {
        /// The unit found.
        unit: char,
        /// The corrected text.
        suggestion: Option<String>,
    },
    /// A date unit after `T`.
    #[error("'{unit}' is a date unit and must come before 'T'")]
    DateUnitAfterT {
        /// The unit found.
        unit: char,
    },
    /// A unit with no number before it.
    #[error("unit '{unit}' has no number before it")]
    MissingNumber {
        /// The unit found.
        unit: char,
    },
    /// Digits at the end with no unit.
    #[error("the number {number} has no unit (Y, M, W, D before 'T'; H, M, S after)")]
    MissingUnit {
        /// The trailing number.
        number: String,
    },
    /// A character that is not a designator.
    #[error("unexpected character {found:?} at position {position}")]
    Unexpected {
        /// The character.
        found: char,
        /// Its 0-based character position.
        position: usize,
    },
    /// Units repeated or out of order.
    #[error("'{unit}' is repeated or out of order (the order is Y M W D T H M S)")]
    OutOfOrder {
        /// The offending unit.
        unit: char,
    },
    /// `W` mixed with other units.
    #[error("weeks cannot be combined with other units; write {suggestion}")]
    WeeksCombined {
        /// The same length in days.
        suggestion: String,
    },
    /// A decimal fraction on a unit other than seconds.
    #[error("only seconds may have a fraction (Edm.Duration); write {suggestion}")]
    Fraction {
        /// An equivalent whole-unit form, where one exists.
        suggestion: String,
    },
    /// A number too large to be a duration.
    #[error("the number {number} is too large")]
    Overflow {
        /// The number.
        number: String,
    },
}

fn suggest(suggestion: Option<&String>) -> String {
    suggestion
        .map(|s| format!("; did you mean {s}?"))
        .unwrap_or_default()
}

const DATE_UNITS: [char; 4] = ['Y', 'M', 'W', 'D'];
const TIME_UNITS: [char; 3] = ['H', 'M', 'S'];

impl IsoDuration {
    /// A duration of whole hours.
    #[must_use]
    pub const fn hours(hours: u32) -> Self {
        Self {
            years: 0,
            months: 0,
            weeks: 0,
            days: 0,
            hours,
            minutes: 0,
            seconds: 0,
            millis: 0,
        }
    }

    /// A duration of whole minutes.
    #[must_use]
    pub const fn minutes(minutes: u32) -> Self {
        let mut d = Self::hours(0);
        d.minutes = minutes;
        d
    }

    /// A duration of whole days.
    #[must_use]
    pub const fn days(days: u32) -> Self {
        let mut d = Self::hours(0);
        d.days = days;
        d
    }

    /// Parses an ISO 8601 duration.
    pub fn parse(text: &str) -> Result<Self, DurationError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(DurationError::Empty);
        }
        if text.starts_with('-') {
            return Err(DurationError::Negative);
        }
        // Compact upper-case text (`8H`, `1230M`) is ISO 8601 missing its `P`: said below.
        let spelled = text
            .chars()
            .any(|c| c.is_ascii_lowercase() || c.is_whitespace());
        if let Some(duration) = from_human(text).filter(|_| spelled) {
            return Err(DurationError::HumanReadable {
                text: text.to_owned(),
                suggestion: duration.to_string(),
            });
        }
        if text.chars().any(|c| c.is_ascii_lowercase()) {
            let upper = text.to_ascii_uppercase();
            let suggestion = match Self::parse(&upper) {
                Ok(_) => Some(upper),
                Err(
                    DurationError::TimeUnitWithoutT { suggestion, .. }
                    | DurationError::MissingP { suggestion },
                ) => suggestion,
                Err(_) => None,
            };
            return Err(DurationError::LowerCase { suggestion });
        }
        let Some(body) = text.strip_prefix('P') else {
            return Err(DurationError::MissingP {
                suggestion: guess_without_p(text),
            });
        };
        let mut out = Self::default();
        let mut in_time = false;
        let mut saw_time_designator = false;
        let mut components = 0usize;
        let mut time_components = 0usize;
        let mut number = String::new();
        // Position in the unit order Y M W D H M S; units must strictly advance.
        let mut last_rank: Option<usize> = None;
        let mut fraction_unit = None;
        for (i, c) in body.chars().enumerate() {
            match c {
                '0'..='9' | '.' | ',' => number.push(if c == ',' { '.' } else { c }),
                'T' => {
                    if in_time || !number.is_empty() {
                        return Err(DurationError::Unexpected {
                            found: c,
                            position: i + 1,
                        });
                    }
                    in_time = true;
                    saw_time_designator = true;
                }
                _ if c.is_ascii_uppercase() => {
                    if number.is_empty() {
                        return Err(DurationError::MissingNumber { unit: c });
                    }
                    let rank = if in_time {
                        match c {
                            'H' => 4,
                            'M' => 5,
                            'S' => 6,
                            _ if DATE_UNITS.contains(&c) => {
                                return Err(DurationError::DateUnitAfterT { unit: c });
                            }
                            _ => {
                                return Err(DurationError::Unexpected {
                                    found: c,
                                    position: i + 1,
                                });
                            }
                        }
                    } else {
                        match c {
                            'Y' => 0,
                            'M' => 1,
                            'W' => 2,
                            'D' => 3,
                            'H' | 'S' => {
                                return Err(DurationError::TimeUnitWithoutT {
                                    unit: c,
                                    suggestion: with_t_inserted(text),
                                });
                            }
                            _ => {
                                return Err(DurationError::Unexpected {
                                    found: c,
                                    position: i + 1,
                                });
                            }
                        }
                    };
                    if last_rank.is_some_and(|r| r >= rank) {
                        return Err(DurationError::OutOfOrder { unit: c });
                    }
                    if fraction_unit.is_some() {
                        // A fraction is only allowed on the last (smallest) component.
                        return Err(DurationError::Fraction {
                            suggestion: "whole units".to_owned(),
                        });
                    }
                    last_rank = Some(rank);
                    let (whole, frac) = split_number(&number)?;
                    if let Some(frac) = frac {
                        if c != 'S' || !in_time {
                            return Err(DurationError::Fraction {
                                suggestion: fraction_suggestion(whole, &frac, c, in_time),
                            });
                        }
                        out.millis = frac_to_millis(&frac);
                        fraction_unit = Some(c);
                    }
                    match rank {
                        0 => out.years = whole,
                        1 => out.months = whole,
                        2 => out.weeks = whole,
                        3 => out.days = whole,
                        4 => out.hours = whole,
                        5 => out.minutes = whole,
                        _ => out.seconds = whole,
                    }
                    number.clear();
                    components += 1;
                    if in_time {
                        time_components += 1;
                    }
                }
                _ => {
                    return Err(DurationError::Unexpected {
                        found: c,
                        position: i + 1,
                    });
                }
            }
        }
        if !number.is_empty() {
            return Err(DurationError::MissingUnit { number });
        }
        if saw_time_designator && time_components == 0 {
            return Err(DurationError::NoComponents { designator: 'T' });
        }
        if components == 0 {
            return Err(DurationError::NoComponents { designator: 'P' });
        }
        if out.weeks > 0 && components > 1 {
            let mut days = out;
            days.days = days.days.saturating_add(out.weeks.saturating_mul(7));
            days.weeks = 0;
            return Err(DurationError::WeeksCombined {
                suggestion: days.to_string(),
            });
        }
        Ok(out)
    }

    /// Whether the duration has calendar components (years or months).
    #[must_use]
    pub const fn is_calendar(&self) -> bool {
        self.years > 0 || self.months > 0
    }

    /// Whether the duration is zero.
    #[must_use]
    pub fn is_zero(&self) -> bool {
        *self == Self::default()
    }

    /// The exact length, for durations without years or months.
    #[must_use]
    pub fn fixed(&self) -> Option<TimeDelta> {
        (!self.is_calendar()).then(|| self.fixed_part())
    }

    fn fixed_part(&self) -> TimeDelta {
        let days = i64::from(self.weeks) * 7 + i64::from(self.days);
        TimeDelta::days(days)
            + TimeDelta::hours(i64::from(self.hours))
            + TimeDelta::minutes(i64::from(self.minutes))
            + TimeDelta::seconds(i64::from(self.seconds))
            + TimeDelta::milliseconds(i64::from(self.millis))
    }

    /// The length, counting a year as 365 days and a month as 30 days; `exact` is false when
    /// that approximation was used.
    #[must_use]
    pub fn approximate(&self) -> (TimeDelta, bool) {
        let calendar = TimeDelta::days(i64::from(self.years) * 365 + i64::from(self.months) * 30);
        (calendar + self.fixed_part(), !self.is_calendar())
    }

    /// The instant this duration after `start` (calendar-aware); `None` on overflow.
    #[must_use]
    pub fn after<Tz: TimeZone>(&self, start: &DateTime<Tz>) -> Option<DateTime<Tz>> {
        let months = self.years.checked_mul(12)?.checked_add(self.months)?;
        start
            .clone()
            .checked_add_months(Months::new(months))?
            .checked_add_signed(self.fixed_part())
    }

    /// Compares two durations; the flag is false when calendar units made it approximate.
    #[must_use]
    pub fn compare(&self, other: &Self) -> (Ordering, bool) {
        if let (Some(a), Some(b)) = (self.fixed(), other.fixed()) {
            return (a.cmp(&b), true);
        }
        if self.weeks == 0
            && other.weeks == 0
            && self.days == 0
            && other.days == 0
            && self.fixed_part().is_zero()
            && other.fixed_part().is_zero()
        {
            // Pure year/month values compare exactly in months.
            let a = u64::from(self.years) * 12 + u64::from(self.months);
            let b = u64::from(other.years) * 12 + u64::from(other.months);
            return (a.cmp(&b), true);
        }
        let (a, _) = self.approximate();
        let (b, _) = other.approximate();
        (a.cmp(&b), false)
    }
}

fn split_number(number: &str) -> Result<(u32, Option<String>), DurationError> {
    let (whole, frac) = match number.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (number, None),
    };
    if whole.is_empty() || frac.is_some_and(|f| f.is_empty() || f.contains('.')) {
        return Err(DurationError::Unexpected {
            found: '.',
            position: 0,
        });
    }
    let value = whole.parse::<u32>().map_err(|_| DurationError::Overflow {
        number: number.to_owned(),
    })?;
    Ok((value, frac.map(str::to_owned)))
}

fn frac_to_millis(frac: &str) -> u32 {
    let mut digits: String = frac.chars().take(3).collect();
    while digits.len() < 3 {
        digits.push('0');
    }
    digits.parse().unwrap_or(0)
}

/// `PT0.5H` → `PT30M`, `P1.5D` → `P1DT12H`: the same length in whole smaller units.
fn fraction_suggestion(whole: u32, frac: &str, unit: char, in_time: bool) -> String {
    let frac_value: f64 = format!("0.{frac}").parse().unwrap_or(0.0);
    let (per_unit_minutes, base) = match (unit, in_time) {
        ('H', true) => (60.0, IsoDuration::hours(whole)),
        ('M', true) => (1.0, IsoDuration::minutes(whole)),
        ('D', false) => (1440.0, IsoDuration::days(whole)),
        ('W', false) => (10080.0, IsoDuration::days(whole.saturating_mul(7))),
        _ => return "whole units".to_owned(),
    };
    let extra_minutes = (frac_value * per_unit_minutes).round();
    if extra_minutes.fract() != 0.0 || !(0.0..=1e9).contains(&extra_minutes) {
        return "whole units".to_owned();
    }
    // Bounded just above, so the conversion cannot truncate.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let extra = extra_minutes as u32;
    let mut d = base;
    d.days = d.days.saturating_add(extra / 1440);
    d.hours = d.hours.saturating_add(extra % 1440 / 60);
    d.minutes = d.minutes.saturating_add(extra % 60);
    d.to_string()
}

/// `P1H` → `PT1H`, `P1DT` errors aside: insert `T` before the first time unit's number.
fn with_t_inserted(text: &str) -> Option<String> {
    let body = text.strip_prefix('P')?;
    let first_time = body.find(['H', 'S'])?;
    let number_start = body[..first_time]
        .rfind(|c: char| !(c.is_ascii_digit() || c == '.'))
        .map_or(0, |i| i + 1);
    let candidate = format!("P{}T{}", &body[..number_start], &body[number_start..]);
    IsoDuration::parse(&candidate).ok().map(|_| candidate)
}

/// `8H` → `PT8H`, `30D` → `P30D`, `1230M` → `PT1230M`.
/// Reads a length written for people: numbers (a fraction allowed) each followed by a unit
/// (`8 hours`, `8h`, `1.5h`, `90 minutes`, `1 day`, `2 weeks`, `1h 30m`, `1 hour and 30
/// minutes`); `None` for anything else, ISO 8601 text included. Days and weeks stay days when
/// they are whole days; anything else is written in hours, minutes and seconds, the units PIM
/// uses for activations.
#[must_use]
pub fn from_human(text: &str) -> Option<IsoDuration> {
    const DAY: u64 = 86_400_000;
    const HOUR: u64 = 3_600_000;
    const MINUTE: u64 = 60_000;
    const SECOND: u64 = 1_000;
    let lower = text.trim().to_ascii_lowercase();
    if lower.starts_with('p') {
        return None;
    }
    let mut millis: u64 = 0;
    let mut rest = lower.as_str();
    let mut parts = 0;
    let mut whole_days = true;
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == ',');
        if let Some(after) = rest.strip_prefix("and ") {
            rest = after;
            continue;
        }
        if rest.is_empty() {
            break;
        }
        let digits = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        let number: f64 = rest[..digits].parse().ok()?;
        rest = rest[digits..].trim_start();
        let unit_len = rest
            .find(|c: char| !c.is_ascii_alphabetic())
            .unwrap_or(rest.len());
        let unit = &rest[..unit_len];
        rest = &rest[unit_len..];
        let scale = match unit {
            "w" | "wk" | "wks" | "week" | "weeks" => 7 * DAY,
            "d" | "day" | "days" => DAY,
            "h" | "hr" | "hrs" | "hour" | "hours" => {
                whole_days = false;
                HOUR
            }
            "m" | "min" | "mins" | "minute" | "minutes" => {
                whole_days = false;
                MINUTE
            }
            "s" | "sec" | "secs" | "second" | "seconds" => {
                whole_days = false;
                SECOND
            }
            _ => return None,
        };
        // Scales are whole milliseconds far below 2^52, so the conversion is exact.
        let scale = f64::from(u32::try_from(scale).ok()?);
        let product = number * scale;
        if !product.is_finite() || product > 1e15 {
            return None;
        }
        #[allow(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "the product is finite, non-negative and below 1e15, rounded to whole milliseconds"
        )]
        let amount = product.round() as u64;
        millis = millis.checked_add(amount)?;
        parts += 1;
    }
    if parts == 0 || millis == 0 {
        return None;
    }
    let mut out = IsoDuration::default();
    if whole_days && millis % DAY == 0 {
        out.days = u32::try_from(millis / DAY).ok()?;
        return Some(out);
    }
    out.hours = u32::try_from(millis / HOUR).ok()?;
    out.minutes = u32::try_from(millis % HOUR / MINUTE).ok()?;
    out.seconds = u32::try_from(millis % MINUTE / SECOND).ok()?;
    out.millis = u32::try_from(millis % SECOND).ok()?;
    Some(out)
}

fn guess_without_p(text: &str) -> Option<String> {
    let last = text.chars().last()?;
    let candidates = if TIME_UNITS.contains(&last) && last != 'M' {
        vec![format!("PT{text}")]
    } else if last == 'M' {
        // Minutes are far more common than months in PIM settings.
        vec![format!("PT{text}"), format!("P{text}")]
    } else {
        vec![format!("P{text}")]
    };
    candidates
        .into_iter()
        .find(|c| IsoDuration::parse(c).is_ok())
}

impl fmt::Display for IsoDuration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("P")?;
        for (value, unit) in [
            (self.years, 'Y'),
            (self.months, 'M'),
            (self.weeks, 'W'),
            (self.days, 'D'),
        ] {
            if value > 0 {
                write!(f, "{value}{unit}")?;
            }
        }
        let has_time = self.hours > 0 || self.minutes > 0 || self.seconds > 0 || self.millis > 0;
        if has_time {
            f.write_str("T")?;
            if self.hours > 0 {
                write!(f, "{}H", self.hours)?;
            }
            if self.minutes > 0 {
                write!(f, "{}M", self.minutes)?;
            }
            if self.seconds > 0 || self.millis > 0 {
                if self.millis > 0 {
                    let frac = format!("{:03}", self.millis);
                    write!(f, "{}.{}S", self.seconds, frac.trim_end_matches('0'))?;
                } else {
                    write!(f, "{}S", self.seconds)?;
                }
            }
        } else if self.years == 0 && self.months == 0 && self.weeks == 0 && self.days == 0 {
            f.write_str("T0S")?;
        }
        Ok(())
    }
}

impl Serialize for IsoDuration {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl schemars::JsonSchema for IsoDuration {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "IsoDuration".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "description": "An ISO 8601 duration such as PT8H, PT30M, P90D or P1Y.",
            "pattern": "^P(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?(T(\\d+H)?(\\d+M)?(\\d+(\\.\\d+)?S)?)?$"
        })
    }
}

impl<'de> serde::Deserialize<'de> for IsoDuration {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Self::parse(&text).map_err(|e| {
            serde::de::Error::custom(format!("{text:?} is not an ISO 8601 duration: {e}"))
        })
    }
}

/// Human phrasing of a duration for messages: `PT24H (24 hours)`.
#[must_use]
pub fn describe(d: &IsoDuration) -> String {
    let mut parts = Vec::new();
    for (value, one, many) in [
        (d.years, "year", "years"),
        (d.months, "month", "months"),
        (d.weeks, "week", "weeks"),
        (d.days, "day", "days"),
        (d.hours, "hour", "hours"),
        (d.minutes, "minute", "minutes"),
        (d.seconds, "second", "seconds"),
    ] {
        if value > 0 {
            parts.push(format!("{value} {}", if value == 1 { one } else { many }));
        }
    }
    if parts.is_empty() {
        "zero".to_owned()
    } else {
        parts.join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> IsoDuration {
        IsoDuration::parse(s).unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    fn err(s: &str) -> String {
        IsoDuration::parse(s).unwrap_err().to_string()
    }

    #[test]
    fn parses_what_the_service_writes() {
        assert_eq!(p("PT8H"), IsoDuration::hours(8));
        assert_eq!(p("PT30M"), IsoDuration::minutes(30));
        assert_eq!(p("P365D"), IsoDuration::days(365));
        assert_eq!(p("P1DT12H").fixed(), Some(TimeDelta::hours(36)));
        assert_eq!(p("P2W").fixed(), Some(TimeDelta::days(14)));
        assert_eq!(p("PT1.5S").millis, 500);
        assert_eq!(p("P1Y2M3DT4H5M6S").to_string(), "P1Y2M3DT4H5M6S");
        assert_eq!(p("PT0S").to_string(), "PT0S");
        assert!(p("PT0S").is_zero());
    }

    #[test]
    fn human_spellings_get_an_iso_suggestion() {
        for (text, want) in [
            ("8 hours", "PT8H"),
            ("8h", "PT8H"),
            ("8 hrs", "PT8H"),
            ("90 minutes", "PT1H30M"),
            ("90m", "PT1H30M"),
            ("1 day", "P1D"),
            ("2 weeks", "P14D"),
            ("1.5h", "PT1H30M"),
            ("1.5 days", "PT36H"),
            ("1h 30m", "PT1H30M"),
            ("1 hour and 30 minutes", "PT1H30M"),
            ("45 sec", "PT45S"),
        ] {
            assert_eq!(
                err(text),
                format!("did you mean {want}? (ISO 8601 writes lengths as PnDTnHnM)"),
                "{text}"
            );
            assert!(p(want).fixed().is_some(), "{want}");
        }
        for text in ["8", "h", "8 parsecs", "PT8H", "", "1e400 hours", "0h"] {
            assert_eq!(from_human(text), None, "{text}");
        }
        assert_eq!(
            err("p8h"),
            "ISO 8601 duration designators are upper case; did you mean PT8H?"
        );
    }

    #[test]
    fn errors_say_what_to_write() {
        assert_eq!(
            err("P1H"),
            "'H' is a time unit and must come after 'T'; did you mean PT1H?"
        );
        assert_eq!(
            err("1230M"),
            "an ISO 8601 duration starts with 'P' (PT8H, P30D); did you mean PT1230M?"
        );
        assert_eq!(
            err("pt8h"),
            "ISO 8601 duration designators are upper case; did you mean PT8H?"
        );
        assert_eq!(
            err("PT0.5H"),
            "only seconds may have a fraction (Edm.Duration); write PT30M"
        );
        assert_eq!(
            err("P1.5D"),
            "only seconds may have a fraction (Edm.Duration); write P1DT12H"
        );
        assert_eq!(
            err("P1W2D"),
            "weeks cannot be combined with other units; write P9D"
        );
        assert_eq!(err("-PT1H"), "negative durations are not accepted");
        assert_eq!(
            err(""),
            "the duration is empty; write an ISO 8601 duration such as PT8H or P30D"
        );
        assert_eq!(
            err("P"),
            "'P' must be followed by at least one number and unit"
        );
        assert_eq!(
            err("P1DT"),
            "'T' must be followed by at least one number and unit"
        );
        assert_eq!(
            err("PT8"),
            "the number 8 has no unit (Y, M, W, D before 'T'; H, M, S after)"
        );
        assert_eq!(err("PTH"), "unit 'H' has no number before it");
        assert_eq!(
            err("PT1M1H"),
            "'H' is repeated or out of order (the order is Y M W D T H M S)"
        );
        assert_eq!(err("PT1D"), "'D' is a date unit and must come before 'T'");
        assert_eq!(err("P99999999999D"), "the number 99999999999 is too large");
        assert!(err("P1X").starts_with("unexpected character 'X'"));
    }

    #[test]
    fn compares_exactly_when_it_can() {
        assert_eq!(p("PT24H").compare(&p("P1D")), (Ordering::Equal, true));
        assert_eq!(p("PT30M").compare(&p("PT29M")), (Ordering::Greater, true));
        assert_eq!(p("P1Y").compare(&p("P12M")), (Ordering::Equal, true));
        assert_eq!(p("P1Y").compare(&p("P365D")), (Ordering::Equal, false));
        assert_eq!(p("P3M").compare(&p("P90D")), (Ordering::Equal, false));
    }

    #[test]
    fn calendar_units_use_the_start_date() {
        let start = DateTime::parse_from_rfc3339("2027-01-31T00:00:00Z").unwrap();
        let end = p("P1M").after(&start).unwrap();
        assert_eq!(end.to_rfc3339(), "2027-02-28T00:00:00+00:00");
        let end = p("P1YT1H").after(&start).unwrap();
        assert_eq!(end.to_rfc3339(), "2028-01-31T01:00:00+00:00");
    }

    #[test]
    fn describes_for_messages() {
        assert_eq!(describe(&p("PT24H")), "24 hours");
        assert_eq!(describe(&p("P1DT1M")), "1 day 1 minute");
        assert_eq!(describe(&p("PT0S")), "zero");
    }
}
