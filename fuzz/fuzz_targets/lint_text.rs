//! `api::lint_text`, the call the bindings make: findings located in the text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let _ = pimlint::api::lint_text(text, &pimlint::Options::default());
});
