//! The CLI's stream splitter (big JSON files and NDJSON), read in small chunks so documents
//! straddle chunk boundaries.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[allow(dead_code, unreachable_pub)]
#[path = "../../crates/pimlint-cli/src/stream.rs"]
mod stream;

fuzz_target!(|data: &[u8]| {
    let reader = std::io::BufReader::with_capacity(7, data);
    for item in stream::JsonSplitter::new(reader) {
        if let Ok(doc) = item {
            let _ = pimlint::check_str(&doc.text, &pimlint::Options::default());
        }
    }
    for item in stream::NdJson::new(std::io::BufReader::with_capacity(5, data)) {
        let _ = item;
    }
});
