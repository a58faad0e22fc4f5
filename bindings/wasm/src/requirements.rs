//! `requirementsText` and `policiesText`: what a request must carry under a policy.

use pimlint::api::{self, Input};
use pimlint::requirements::{RequestKindName, Selector};
use serde_json::json;
use wasm_bindgen::prelude::*;

use super::{input_error, ok, parse, parse_now, tenant_values, text_of};

/// What a request of `kind` must carry under the policy in `text` that governs `role` at
/// `scope`, or the one at the JSON pointer `policy_at`; with `tenant` (a JSON array of the
/// export's documents) and `principal`, the principal's eligibility at `now`.
#[wasm_bindgen(js_name = requirementsText)]
#[must_use]
#[allow(
    clippy::needless_pass_by_value,
    reason = "wasm-bindgen hands optional strings over by value"
)]
#[allow(
    clippy::too_many_arguments,
    reason = "the options object of requirements(), flattened for wasm-bindgen"
)]
pub fn requirements_text(
    text: &[u8],
    located: bool,
    kind: &str,
    role: Option<String>,
    scope: Option<String>,
    policy_at: Option<String>,
    tenant: &[u8],
    principal: Option<String>,
    now: &str,
) -> String {
    let run = || -> Result<String, String> {
        let kind: RequestKindName =
            kind.parse()
                .map_err(|e: pimlint::requirements::UnknownKind| {
                    json!({"error": {"name": "InputError", "message": e.to_string()}}).to_string()
                })?;
        let text = text_of(text, located)?;
        let value = parse(text, located)?;
        let input = Input {
            value: &value,
            text: located.then_some(text),
        };
        let select = Selector {
            role: role.as_deref(),
            scope: scope.as_deref(),
            policy: policy_at.as_deref(),
        };
        let found = match principal.as_deref() {
            None => api::requirements(input, kind, select),
            Some(id) => {
                let now = parse_now(now)?;
                let values = tenant_values(text_of(tenant, false)?)?;
                let inputs: Vec<Input<'_>> = values.iter().map(Input::value).collect();
                api::requirements_for(
                    input,
                    kind,
                    select,
                    api::ForPrincipal {
                        id,
                        tenant: &inputs,
                        now,
                    },
                )
            }
        };
        found
            .map(|found| ok(&found))
            .map_err(|e| input_error(&e, located))
    };
    run().unwrap_or_else(|e| e)
}

/// Every principal the documents of `tenant` (a JSON array text) show holding something.
#[wasm_bindgen(js_name = principalsText)]
#[must_use]
pub fn principals_text(tenant: &[u8]) -> String {
    let run = || -> Result<String, String> {
        let values = tenant_values(text_of(tenant, false)?)?;
        let inputs: Vec<Input<'_>> = values.iter().map(Input::value).collect();
        api::principals(&inputs)
            .map(|found| ok(&found))
            .map_err(|e| input_error(&e, false))
    };
    run().unwrap_or_else(|e| e)
}

/// Every policy in `text` with the role and scope it governs.
#[wasm_bindgen(js_name = policiesText)]
#[must_use]
pub fn policies_text(text: &[u8], located: bool) -> String {
    let run = || -> Result<String, String> {
        let text = text_of(text, located)?;
        let value = parse(text, located)?;
        let input = Input {
            value: &value,
            text: located.then_some(text),
        };
        api::policies(input)
            .map(|found| ok(&found))
            .map_err(|e| input_error(&e, located))
    };
    run().unwrap_or_else(|e| e)
}
