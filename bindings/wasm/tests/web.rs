//! The exported functions, run as WebAssembly under Node and in headless Chromium
//! (`WASM_BINDGEN_USE_BROWSER=1`), by `scripts/test-wasm.sh`.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::expect_used, reason = "a failed expectation is a failed test")]

use pimlint_wasm::{
    check_tenant_text, explain_json, lint_text, rules_json, validate_text, version,
};
use serde_json::Value;
use wasm_bindgen_test::wasm_bindgen_test;

const GLOBAL_ADMIN: &str =
    include_str!("../../../examples/tenant-export/global-administrator.json");
const REQUEST: &str = include_str!("../../../examples/requests/activate-global-administrator.json");

fn answer(raw: &str) -> Value {
    serde_json::from_str(raw).expect("every export answers with JSON")
}

/// `lintText` with the defaults: no configuration, the kind and the format told from the text.
fn lint(text: &[u8], located: bool) -> Value {
    answer(&lint_text(text, located, None, false, None, None))
}

#[wasm_bindgen_test]
fn lints_text_with_line_and_column() {
    let out = lint(GLOBAL_ADMIN.as_bytes(), true);
    let found = out["ok"].as_array().expect("a list of diagnostics");
    let too_long = found
        .iter()
        .find(|d| d["code"] == "PIM102")
        .expect("PIM102 found");
    assert_eq!(too_long["line"], 85);
    assert_eq!(too_long["column"], 28);
    assert_eq!(too_long["pointer"], "/policy/rules/4/maximumDuration");
}

#[wasm_bindgen_test]
fn object_input_has_pointers_but_no_lines() {
    let compact = serde_json::to_string(&answer(GLOBAL_ADMIN)).expect("serializes");
    let out = lint(compact.as_bytes(), false);
    assert!(out["ok"][0]["line"].is_null());
    assert!(out["ok"][0]["pointer"].is_string());
}

#[wasm_bindgen_test]
fn configuration_as_json() {
    let config = |text: &str, toml: bool| {
        answer(&lint_text(
            GLOBAL_ADMIN.as_bytes(),
            true,
            Some(text.into()),
            toml,
            None,
            None,
        ))
    };
    let only = config(r#"{"select": ["PIM102"]}"#, false);
    assert_eq!(only["ok"].as_array().map(Vec::len), Some(1));
    let json = config(r#"{"ignore": ["PIM1"]}"#, false);
    assert!(
        json["ok"]
            .as_array()
            .is_some_and(|d| d.iter().all(|d| d["code"] != "PIM102"))
    );
    let bad = config(r#"{"selct": []}"#, false);
    assert_eq!(bad["error"]["name"], "ConfigError");
    assert!(
        bad["error"]["message"]
            .as_str()
            .is_some_and(|m| m.contains("did you mean `select`"))
    );
    // TOML text is not read by this build, and says so.
    assert_eq!(config("select = []", true)["error"]["name"], "ConfigError");
}

#[wasm_bindgen_test]
fn bad_input_is_an_error_with_a_place_and_later_calls_work() {
    let bad = lint(b"{\n  \"rules\": [}", true);
    assert_eq!(bad["error"]["name"], "InputError");
    assert_eq!(bad["error"]["line"], 2);
    let deep = "[".repeat(100_000);
    assert_eq!(lint(deep.as_bytes(), true)["error"]["name"], "InputError");
    // Bytes that are not UTF-8 (no TextEncoder writes them): an error at their offset.
    let not_utf8 = lint(b"{\"id\": \"\xff\"}", true);
    assert_eq!(not_utf8["error"]["name"], "InputError");
    assert!(
        not_utf8["error"]["message"]
            .as_str()
            .is_some_and(|m| m.contains("not valid UTF-8") && m.contains("offset 8"))
    );
    let ok = lint(GLOBAL_ADMIN.as_bytes(), true);
    assert!(ok["ok"].is_array());
}

#[wasm_bindgen_test]
fn a_named_input_format_reads_policy_as_code() {
    let plan = include_str!("../../../tests/fixtures/terraform/msgraph-plan.json");
    let out = answer(&lint_text(
        plan.as_bytes(),
        true,
        None,
        false,
        None,
        Some("terraform".into()),
    ));
    let found = out["ok"].as_array().expect("a list of diagnostics");
    assert!(found.iter().any(|d| d["code"] == "PIM102"
        && d["pointer"] == "/resource_changes/0/change/after/body/maximumDuration"));
    let wrong = answer(&lint_text(
        GLOBAL_ADMIN.as_bytes(),
        true,
        None,
        false,
        None,
        Some("terraform".into()),
    ));
    assert_eq!(wrong["error"]["name"], "InputError");
    let unknown = answer(&lint_text(
        plan.as_bytes(),
        true,
        None,
        false,
        None,
        Some("hcl".into()),
    ));
    assert_eq!(unknown["error"]["name"], "InputError");
}

#[wasm_bindgen_test]
fn validates_a_request_with_the_service_rule_names() {
    let out = answer(&validate_text(
        REQUEST.as_bytes(),
        true,
        GLOBAL_ADMIN.as_bytes(),
        "",
        b"",
        "2026-11-30T12:00:00Z",
        None,
    ));
    let verdict = &out["ok"];
    assert_eq!(verdict["verdict"], "rejected");
    assert_eq!(
        verdict["failedRules"],
        serde_json::json!(["ExpirationRule", "JustificationRule"])
    );
    let bad_now = answer(&validate_text(
        REQUEST.as_bytes(),
        true,
        GLOBAL_ADMIN.as_bytes(),
        "",
        b"",
        "tomorrow",
        None,
    ));
    assert_eq!(bad_now["error"]["name"], "InputError");
}

#[wasm_bindgen_test]
fn rules_explain_and_version() {
    let rules = answer(&rules_json());
    assert!(rules["ok"].as_array().is_some_and(|r| r.len() >= 30));
    assert!(
        answer(&explain_json("PIM102"))["ok"]
            .as_str()
            .is_some_and(|t| t.starts_with("# PIM102"))
    );
    assert!(
        answer(&explain_json("PIM1O2"))["error"]["message"]
            .as_str()
            .is_some_and(|m| m.contains("did you mean"))
    );
    assert_eq!(version(), env!("CARGO_PKG_VERSION"));
}

#[wasm_bindgen_test]
fn tenant_documents_are_cut_where_they_end_and_wrong_ends_are_errors() {
    let two = [GLOBAL_ADMIN, GLOBAL_ADMIN].concat();
    let at = u32::try_from(GLOBAL_ADMIN.len()).expect("a small file");
    let out = answer(&check_tenant_text(
        two.as_bytes(),
        vec![at, 2 * at],
        vec![1, 0],
        None,
        false,
    ));
    let found = out["ok"].as_array().expect("one list per document");
    assert_eq!(found.len(), 2);
    assert!(found[0][0]["line"].is_number() && found[1][0]["line"].is_null());
    // An end inside a document, one before the last and one past the bytes: errors that
    // name the document, never a trap.
    for ends in [vec![at / 2, 2 * at], vec![at, at - 1], vec![u32::MAX]] {
        let bad = answer(&check_tenant_text(
            two.as_bytes(),
            ends,
            vec![],
            None,
            false,
        ));
        assert_eq!(bad["error"]["name"], "InputError", "{bad}");
        assert!(bad["error"]["index"].is_number(), "{bad}");
    }
}
