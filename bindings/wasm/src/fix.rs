//! `fixText`: the fixes findings carry, applied to text (at the places they name) or to a
//! document given as an object.

use pimlint::Options;
use pimlint::api::ApiError;
use pimlint::fix::FixError;
use serde_json::json;
use wasm_bindgen::prelude::*;

use crate::{config, input_error, internal, kind, ok, parse, text_of};

/// Applies the safe fixes (and, with `unsafe_fixes`, the unsafe ones) of the findings in
/// `text`. `located`: the text is what the user wrote, and comes back edited in place; else
/// it is a serialized object, and the fixed document comes back as a value.
#[wasm_bindgen(js_name = fixText)]
#[must_use]
pub fn fix_text(
    text: &[u8],
    located: bool,
    config_text: Option<String>,
    config_is_toml: bool,
    kind_name: Option<String>,
    unsafe_fixes: bool,
) -> String {
    let run = || -> Result<String, String> {
        let text = text_of(text, located)?;
        let options = Options {
            kind: kind(kind_name)?,
            schema: false,
            config: config(config_text, config_is_toml)?,
            format: None,
            parameters: None,
        };
        if located {
            let fixed =
                pimlint::fix::fix_text(text, &options, unsafe_fixes).map_err(|e| match e {
                    FixError::Input(e) => input_error(&ApiError::Input(e), true),
                    other @ FixError::Broken { .. } => internal(&other.to_string()),
                })?;
            Ok(ok(
                &json!({ "fixed": fixed.text, "applied": fixed.applied }),
            ))
        } else {
            let value = parse(text, false)?;
            let (fixed, applied) = pimlint::fix::fix_value(&value, &options, unsafe_fixes);
            Ok(ok(&json!({ "fixed": fixed, "applied": applied })))
        }
    };
    run().unwrap_or_else(|e| e)
}

/// Applies one fix (as a finding carries it, JSON) to `text`: at the places it names when
/// `located`, else to the parsed document, which comes back as a value.
#[wasm_bindgen(js_name = applyFixText)]
#[must_use]
pub fn apply_fix_text(text: &[u8], located: bool, fix_json: &str) -> String {
    let run = || -> Result<String, String> {
        let text = text_of(text, located)?;
        let edits = fix_edits(fix_json)?;
        let fix = pimlint::fix::Fix::safe("", edits);
        if located {
            let (fixed, applied) = pimlint::fix::text::apply(text, &[&fix]);
            if applied.is_empty() {
                return Err(internal(
                    "the fix does not apply to this text (it was changed since it was linted)",
                ));
            }
            Ok(ok(&fixed))
        } else {
            let mut value = parse(text, false)?;
            pimlint::fix::value::apply(&mut value, &fix.edits)
                .map_err(|e| internal(&e.to_string()))?;
            Ok(ok(&value))
        }
    };
    run().unwrap_or_else(|e| e)
}

/// The edits of a fix given as JSON (`{"edits": [{"op", "path", "value"}]}`).
fn fix_edits(fix_json: &str) -> Result<Vec<pimlint::fix::Edit>, String> {
    let value: serde_json::Value =
        serde_json::from_str(fix_json).map_err(|e| internal(&format!("not a fix: {e}")))?;
    let edits = value
        .get("edits")
        .and_then(serde_json::Value::as_array)
        .ok_or_else(|| internal("not a fix: it has no `edits` list"))?;
    edits
        .iter()
        .map(|edit| {
            let path = edit
                .get("path")
                .and_then(serde_json::Value::as_str)
                .and_then(|p| pimlint::Pointer::parse(p).ok())
                .ok_or_else(|| internal("not a fix: an edit has no valid `path`"))?;
            let value = edit.get("value").cloned();
            match (edit.get("op").and_then(serde_json::Value::as_str), value) {
                (Some("replace"), Some(value)) => Ok(pimlint::fix::Edit::Replace { path, value }),
                (Some("add"), Some(value)) => Ok(pimlint::fix::Edit::Add { path, value }),
                (Some("remove"), _) => Ok(pimlint::fix::Edit::Remove { path }),
                _ => Err(internal(
                    "not a fix: each edit is a replace or add with a value, or a remove",
                )),
            }
        })
        .collect()
}
