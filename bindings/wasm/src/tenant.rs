//! `checkTenantText`: lint the documents of a tenant export together, with the joins over all
//! of them (`PIM6xx`).

use pimlint::Options;
use pimlint::api::Input;
use serde_json::{Value, json};
use wasm_bindgen::prelude::*;

use super::{config, input_error, ok, parse, text_of};

/// Lints every document of `texts` (JSON texts as UTF-8 bytes, one after another; document
/// `i` ends at byte `ends[i]`; `located[i]` non-zero when it came as text, so its findings
/// carry line and column) and joins them into one tenant view: one list of findings per
/// document, in order, with the tenant findings in the list of the document they are about.
/// `index.js` encodes the texts into one buffer, which crosses into the module in one copy.
#[wasm_bindgen(js_name = checkTenantText)]
#[must_use]
#[allow(
    clippy::needless_pass_by_value,
    reason = "wasm-bindgen hands vectors and optional strings over by value"
)]
pub fn check_tenant_text(
    texts: &[u8],
    ends: Vec<u32>,
    located: Vec<u8>,
    config_text: Option<String>,
    config_is_toml: bool,
) -> String {
    let run = || -> Result<String, String> {
        let options = Options {
            schema: false,
            config: config(config_text, config_is_toml)?,
            format: None,
            kind: None,
            parameters: None,
        };
        let is_located = |i: usize| located.get(i).is_some_and(|l| *l != 0);
        let texts = split(texts, &ends)
            .enumerate()
            .map(|(i, bytes)| text_of(bytes, is_located(i)).map_err(|e| indexed(&e, i)))
            .collect::<Result<Vec<&str>, _>>()?;
        let values = texts
            .iter()
            .enumerate()
            .map(|(i, text)| parse(text, is_located(i)).map_err(|e| indexed(&e, i)))
            .collect::<Result<Vec<Value>, _>>()?;
        let inputs: Vec<Input<'_>> = values
            .iter()
            .zip(&texts)
            .enumerate()
            .map(|(i, (value, text))| Input {
                value,
                text: is_located(i).then_some(*text),
            })
            .collect();
        pimlint::tenant::api::check(&inputs, &options)
            .map(|found| ok(&found))
            .map_err(|e| indexed(&input_error(&e.error, is_located(e.index)), e.index))
    };
    run().unwrap_or_else(|e| e)
}

/// The documents of `bytes`, each ending at its place in `ends` (clamped to the bytes, so that
/// a wrong end gives a short or empty document, which then fails to parse, never a trap).
fn split<'b>(bytes: &'b [u8], ends: &[u32]) -> impl Iterator<Item = &'b [u8]> {
    let mut start = 0;
    ends.iter().map(move |&end| {
        let end = usize::try_from(end).map_or(bytes.len(), |e| e.clamp(start, bytes.len()));
        let document = &bytes[start..end];
        start = end;
        document
    })
}

/// Prefixes the message of an error envelope with the index of the document and adds it.
fn indexed(envelope: &str, index: usize) -> String {
    let Ok(mut value) = serde_json::from_str::<Value>(envelope) else {
        return envelope.to_owned();
    };
    if let Some(error) = value.get_mut("error").and_then(Value::as_object_mut) {
        let message = error
            .get("message")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned();
        error.insert(
            "message".to_owned(),
            json!(format!("documents[{index}]: {message}")),
        );
        error.insert("index".to_owned(), json!(index));
    }
    value.to_string()
}
