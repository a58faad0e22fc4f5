//! `api::validate`: a request and a policy, split from one input at the first NUL byte.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pimlint::api::Input;

fuzz_target!(|text: &str| {
    let (request, policy) = text.split_once('\0').unwrap_or((text, "{}"));
    let (Ok(request_value), Ok(policy_value)) = (
        serde_json::from_str::<serde_json::Value>(request),
        serde_json::from_str::<serde_json::Value>(policy),
    ) else {
        return;
    };
    let Some(now) = chrono::DateTime::parse_from_rfc3339("2026-11-30T12:00:00Z").ok() else {
        return;
    };
    let _ = pimlint::api::validate(
        Input {
            value: &request_value,
            text: Some(request),
        },
        &[Input {
            value: &policy_value,
            text: Some(policy),
        }],
        &[],
        None,
        now,
    );
});
