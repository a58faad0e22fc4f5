//! The JSON reader and kind detection: decode, parse, split into documents, detect each kind,
//! normalize and lint. Any input must give reports or an error, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = pimlint::decode(data) else {
        return;
    };
    if let Ok(value) = pimlint::parse_json(&text) {
        for slot in pimlint::kind::split(&value) {
            let _ = pimlint::kind::detect(slot.value, slot.hint);
        }
    }
    let _ = pimlint::check_str(&text, &pimlint::Options::default());
});
