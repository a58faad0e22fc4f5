//! The WebAssembly module of the `pimlint` npm package: JSON text in, JSON text out, over the
//! core's [`pimlint::api`]. The package's `index.js` turns objects into text, the answers into
//! plain objects, and failures into `PimlintError` subclasses; `index.d.ts` types it all.
//!
//! Every export returns an envelope, `{"ok": <result>}` or `{"error": {...}}`, so that bad
//! input never becomes a trap.

mod fix;

use chrono::DateTime;
use pimlint::api::{self, ApiError, Input};
use pimlint::config::{Config, ConfigError};
use pimlint::{DocumentKind, Options};
use serde::Serialize;
use serde_json::{Value, json};
use wasm_bindgen::prelude::*;

mod requirements;
mod tenant;

pub use tenant::check_tenant_text;

/// The answer `{"ok": value}`, written straight into one string.
fn ok<T: Serialize>(value: &T) -> String {
    #[derive(Serialize)]
    struct Answer<'a, T> {
        ok: &'a T,
    }
    serde_json::to_string(&Answer { ok: value }).unwrap_or_else(|e| internal(&e.to_string()))
}

fn internal(message: &str) -> String {
    json!({"error": {"name": "PimlintError", "message": message}}).to_string()
}

fn input_error(error: &ApiError, located: bool) -> String {
    let (line, column) = if located {
        error.line_column().unzip()
    } else {
        (None, None)
    };
    let message = if located {
        error.to_string()
    } else {
        match error {
            ApiError::Document {
                pointer, message, ..
            } if !pointer.is_empty() => format!("at {pointer}: {message}"),
            ApiError::Document { message, .. } => message.clone(),
            ApiError::Input(e) => e.to_string(),
        }
    };
    json!({"error": {
        "name": "InputError",
        "message": message,
        "pointer": error.pointer(),
        "line": line,
        "column": column,
    }})
    .to_string()
}

fn config_error(error: &ConfigError) -> String {
    let (line, column) = match error {
        ConfigError::Invalid { line, column, .. } => (*line, *column),
        ConfigError::Io { .. } => (None, None),
    };
    json!({"error": {
        "name": "ConfigError",
        "message": error.to_string(),
        "line": line,
        "column": column,
    }})
    .to_string()
}

/// A configuration given as TOML text (`pimlint.toml`) or as JSON text of the same shape.
fn config(config: Option<String>, toml: bool) -> Result<Config, String> {
    let Some(text) = config else {
        return Ok(Config::default());
    };
    if toml {
        // The TOML parser is left out of this build to keep the module small.
        return Err(config_error(&ConfigError::Invalid {
            path: None,
            line: None,
            column: None,
            message: "this build reads the configuration as an object of the pimlint.toml shape (e.g. {\"select\": [\"PIM1\"]}), not as TOML text".to_owned(),
        }));
    }
    let value: Value = serde_json::from_str(&text).map_err(|e| {
        config_error(&ConfigError::Invalid {
            path: None,
            line: None,
            column: None,
            message: e.to_string(),
        })
    })?;
    Config::from_value(value).map_err(|e| config_error(&e))
}

fn kind(kind: Option<String>) -> Result<Option<DocumentKind>, String> {
    kind.map(|k| {
        k.parse::<DocumentKind>()
            .map_err(|e| json!({"error": {"name": "InputError", "message": e}}).to_string())
    })
    .transpose()
}

fn format_in(name: Option<String>) -> Result<Option<pimlint::formats::Format>, String> {
    name.map(|f| {
        f.parse::<pimlint::formats::Format>()
            .map_err(|e| json!({"error": {"name": "InputError", "message": e}}).to_string())
    })
    .transpose()
}

fn parse(text: &str, located: bool) -> Result<Value, String> {
    pimlint::parse_json(text).map_err(|e| input_error(&ApiError::Input(e), located))
}

/// Lints `text`, JSON text as UTF-8 bytes: `index.js` encodes the string with a
/// `TextEncoder`, which copies a long text into the module several times faster than passing
/// the string itself. `located`: the text is what the user wrote (findings carry line and
/// column), not a serialization of an object. `config`: JSON or, with `config_is_toml`, TOML
/// text. `format_name`: the input format (`terraform`, `arm-template`, `easypim`,
/// `powershell`).
#[wasm_bindgen(js_name = lintText)]
#[must_use]
pub fn lint_text(
    text: &[u8],
    located: bool,
    config_text: Option<String>,
    config_is_toml: bool,
    kind_name: Option<String>,
    format_name: Option<String>,
) -> String {
    let run = || -> Result<String, String> {
        // Every member given: `..Options::default()` would build a configuration to drop.
        let options = Options {
            kind: kind(kind_name)?,
            schema: false,
            config: config(config_text, config_is_toml)?,
            format: format_in(format_name)?,
            parameters: None,
        };
        utf8(text)
            .and_then(|text| api::lint_str(text, located, &options))
            .map(|found| ok(&found))
            .map_err(|e| input_error(&e, located))
    };
    run().unwrap_or_else(|e| e)
}

/// Text passed as bytes. A `TextEncoder` writes only UTF-8; this guards the module's own
/// callers.
fn utf8(bytes: &[u8]) -> Result<&str, ApiError> {
    std::str::from_utf8(bytes).map_err(|e| {
        ApiError::Input(pimlint::InputError::NotUtf8 {
            offset: e.valid_up_to(),
        })
    })
}

/// [`utf8`], failing with the error envelope.
fn text_of(bytes: &[u8], located: bool) -> Result<&str, String> {
    utf8(bytes).map_err(|e| input_error(&e, located))
}

/// The iteration-3 calls that replace the documents of PIM's older APIs in `text`.
#[wasm_bindgen(js_name = migrateText)]
#[must_use]
pub fn migrate_text(text: &[u8], located: bool) -> String {
    let run = || -> Result<String, String> {
        let text = text_of(text, located)?;
        let value = parse(text, located)?;
        let input = Input {
            value: &value,
            text: located.then_some(text),
        };
        api::migrate(input)
            .map(|migrated| ok(&migrated))
            .map_err(|e| input_error(&e, located))
    };
    run().unwrap_or_else(|e| e)
}

/// Validates the request in `request` against the policies in `policy` at `now` (RFC 3339),
/// after applying `updates` (a JSON array of rule updates, or empty) to the policy.
#[wasm_bindgen(js_name = validateText)]
#[must_use]
#[allow(
    clippy::needless_pass_by_value,
    reason = "wasm-bindgen hands optional strings over by value"
)]
pub fn validate_text(
    request: &[u8],
    request_located: bool,
    policy: &[u8],
    updates: &str,
    tenant: &[u8],
    now: &str,
    scope: Option<String>,
) -> String {
    let scope = scope.as_deref();
    let run = || -> Result<String, String> {
        let now = parse_now(now)?;
        let request = text_of(request, request_located)?;
        let policy = text_of(policy, false)?;
        let tenant = text_of(tenant, false)?;
        let request_value = parse(request, request_located)?;
        let policy_value = parse(policy, false)?;
        let update_values: Vec<serde_json::Value> = if updates.is_empty() {
            Vec::new()
        } else {
            match parse(updates, false)? {
                serde_json::Value::Array(items) => items,
                other => vec![other],
            }
        };
        let update_inputs: Vec<Input<'_>> = update_values.iter().map(Input::value).collect();
        let tenant_values = tenant_values(tenant)?;
        let tenant_inputs: Vec<Input<'_>> = tenant_values.iter().map(Input::value).collect();
        let request_input = Input {
            value: &request_value,
            text: request_located.then_some(request),
        };
        api::validate_in_tenant(
            request_input,
            &[Input::value(&policy_value)],
            &update_inputs,
            &tenant_inputs,
            scope,
            now,
        )
        .map(|verdict| ok(&verdict))
        .map_err(|e| input_error(&e, request_located))
    };
    run().unwrap_or_else(|e| e)
}

/// `options.now`, RFC 3339.
fn parse_now(now: &str) -> Result<DateTime<chrono::FixedOffset>, String> {
    DateTime::parse_from_rfc3339(now).map_err(|e| {
        json!({"error": {
            "name": "InputError",
            "message": format!("options.now: {now:?} is not an RFC 3339 date and time with a time zone ({e})"),
        }})
        .to_string()
    })
}

/// The documents of `options.tenant`, given as one JSON array text (`""`: none).
fn tenant_values(tenant: &str) -> Result<Vec<serde_json::Value>, String> {
    if tenant.is_empty() {
        return Ok(Vec::new());
    }
    Ok(match parse(tenant, false)? {
        serde_json::Value::Array(items) => items,
        other => vec![other],
    })
}

/// Every rule, in code order.
#[wasm_bindgen(js_name = rulesJson)]
#[must_use]
pub fn rules_json() -> String {
    ok(&api::rules())
}

/// A rule's documentation (Markdown), by code or name.
#[wasm_bindgen(js_name = explainJson)]
#[must_use]
pub fn explain_json(code: &str) -> String {
    if let Some(text) = api::explain(code) {
        return ok(&text);
    }
    let hint = api::suggest_rule(code)
        .map(|n| format!("; did you mean {n}?"))
        .unwrap_or_default();
    json!({"error": {"name": "PimlintError", "message": format!("unknown rule {code:?}{hint}")}})
        .to_string()
}

/// The package version.
#[wasm_bindgen(js_name = version)]
#[must_use]
pub fn version() -> String {
    pimlint::VERSION.to_owned()
}
