//! The CLI's stream splitter (big JSON files and NDJSON), read in small chunks so documents
//! straddle chunk boundaries; and its UTF-16 decoder, which must give what a whole read gives.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[allow(dead_code, unreachable_pub)]
#[path = "../../crates/pimlint-cli/src/stream.rs"]
mod stream;

#[allow(dead_code, unreachable_pub)]
#[path = "../../crates/pimlint-cli/src/utf16.rs"]
mod utf16;

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
    // UTF-16 only: its marks are two bytes long.
    let Some((encoding, 2)) = encoding_rs::Encoding::for_bom(data) else {
        return;
    };
    let mut text = Vec::new();
    let streamed = std::io::Read::read_to_end(
        &mut utf16::Utf16Reader::new(std::io::BufReader::with_capacity(3, data), encoding),
        &mut text,
    );
    match (pimlint::decode(data), streamed) {
        (Ok(whole), Ok(_)) => assert_eq!(whole.as_bytes(), text.as_slice()),
        (Err(whole), Err(streamed)) => assert_eq!(whole.to_string(), streamed.to_string()),
        (whole, streamed) => panic!("whole: {whole:?}, streamed: {streamed:?}"),
    }
});
