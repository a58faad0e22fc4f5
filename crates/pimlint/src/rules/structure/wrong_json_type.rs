use serde_json::Value;

use crate::diagnostic::Diagnostic;
use crate::fix::Fix;
use crate::pointer::Pointer;
use crate::rules::declare_rule;

declare_rule! {
    /// A member has the wrong JSON type: a string where a boolean belongs, an object where a
    /// list belongs, and so on.
    ///
    /// ## What it does
    /// Checks the JSON type of every member pimlint reads against the Graph and ARM
    /// definitions, and reports each mismatch at its exact location. The rest of the document is
    /// still checked.
    ///
    /// ## Why it matters
    /// The service rejects the whole request, often with a message that does not name the
    /// member (`InputPolicyNotFound` for `"isExpirationRequired": "true"` in EasyPIM #60, #138).
    /// Configuration tools that template JSON as text produce these easily.
    ///
    /// ## How to fix
    /// Write the value with its JSON type: `true` rather than `"true"`, `1` rather than `"1"`,
    /// a list `[ … ]` where the API takes a collection.
    ///
    /// ## Example
    /// ```json
    /// { "id": "Expiration_Admin_Eligibility", "isExpirationRequired": "true", … }
    /// ```
    pub static WRONG_JSON_TYPE = ("PIM007", "wrong-json-type", Structure, Error);
}

/// The JSON type a member should have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expected {
    /// `true` / `false`.
    Boolean,
    /// A string.
    String,
    /// A whole number.
    Integer,
    /// An object.
    Object,
    /// An array.
    Array,
}

impl Expected {
    const fn phrase(self) -> &'static str {
        match self {
            Self::Boolean => "a boolean (true or false)",
            Self::String => "a string",
            Self::Integer => "a whole number",
            Self::Object => "an object",
            Self::Array => "a list",
        }
    }
}

/// How a JSON value reads in a message.
#[must_use]
pub fn describe(value: &Value) -> String {
    match value {
        Value::Null => "null".to_owned(),
        Value::Bool(b) => format!("the boolean {b}"),
        Value::Number(n) => format!("the number {n}"),
        Value::String(s) if s.chars().count() > 40 => {
            let head: String = s.chars().take(40).collect();
            format!("the string \"{head}…\"")
        }
        Value::String(s) => format!("the string {s:?}"),
        Value::Array(a) => format!(
            "a list of {} item{}",
            a.len(),
            if a.len() == 1 { "" } else { "s" }
        ),
        Value::Object(_) => "an object".to_owned(),
    }
}

/// A member at `at` holding `found` where `expected` belongs.
pub fn diagnostic(at: &Pointer, expected: Expected, found: &Value) -> Diagnostic {
    let name = at.last().map_or_else(
        || "the document".to_owned(),
        |k| {
            if k.parse::<usize>().is_ok() {
                format!("item {k}")
            } else {
                format!("`{k}`")
            }
        },
    );
    let mut d = Diagnostic::new(
        &WRONG_JSON_TYPE,
        format!(
            "{name} must be {}, not {}",
            expected.phrase(),
            describe(found)
        ),
        at.clone(),
    );
    let help = match (expected, found) {
        (Expected::Boolean, Value::String(s))
            if s.eq_ignore_ascii_case("true") || s.eq_ignore_ascii_case("false") =>
        {
            Some(format!("write {} without quotes", s.to_ascii_lowercase()))
        }
        (Expected::Integer, Value::String(s)) if s.trim().parse::<i64>().is_ok() => {
            Some(format!("write {} without quotes", s.trim()))
        }
        (Expected::Integer, Value::Number(n)) => Some(format!(
            "{n} is not a whole number the service accepts (a 64-bit integer)"
        )),
        (Expected::Array, Value::String(s)) => Some(format!("wrap it in a list: [{s:?}]")),
        // A bare number where a duration belongs: quoting it would only make another error.
        (Expected::String, Value::Number(n))
            if at.last().is_some_and(|k| {
                k.eq_ignore_ascii_case("maximumDuration") || k.eq_ignore_ascii_case("duration")
            }) =>
        {
            Some(format!(
                "write an ISO 8601 duration: \"PT{n}H\" for {n} hours, \"PT{n}M\" for {n} \
                 minutes, \"P{n}D\" for {n} days"
            ))
        }
        (Expected::String, Value::Number(n)) => Some(format!("write it as a string: \"{n}\"")),
        _ => None,
    };
    if let Some(help) = help {
        d = d.with_help(help);
    }
    if let Some((message, value)) = fix(at, expected, found) {
        d = d.with_fix(Fix::replace_safe(message, at, value));
    }
    d
}

/// The value the writer plainly meant, where there is exactly one: `"true"` for `true`,
/// `"5"` for `5`, a lone string for a list of it, a number for its text. A number where a
/// duration belongs has several readings (hours? minutes?) and gets none.
fn fix(at: &Pointer, expected: Expected, found: &Value) -> Option<(String, Value)> {
    match (expected, found) {
        (Expected::Boolean, Value::String(s)) => {
            let b = match s.to_ascii_lowercase().as_str() {
                "true" => true,
                "false" => false,
                _ => return None,
            };
            Some((format!("write {b} without quotes"), Value::Bool(b)))
        }
        (Expected::Integer, Value::String(s)) => {
            let n = s.trim().parse::<i64>().ok()?;
            Some((format!("write {n} without quotes"), Value::from(n)))
        }
        (Expected::Array, Value::String(_)) => Some((
            "wrap it in a list".to_owned(),
            Value::Array(vec![found.clone()]),
        )),
        (Expected::String, Value::Number(n))
            if !at.last().is_some_and(|k| {
                k.eq_ignore_ascii_case("maximumDuration") || k.eq_ignore_ascii_case("duration")
            }) =>
        {
            Some((
                format!("write it as a string: \"{n}\""),
                Value::String(n.to_string()),
            ))
        }
        _ => None,
    }
}
