//! The ISO 8601 duration parser and the reader of human spellings; what parses displays as
//! text that parses back to the same duration.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pimlint::duration::{IsoDuration, from_human};

fuzz_target!(|text: &str| {
    if let Ok(d) = IsoDuration::parse(text) {
        let shown = d.to_string();
        assert_eq!(IsoDuration::parse(&shown).ok(), Some(d), "{text:?} shows as {shown:?}");
        let _ = d.approximate();
        let _ = d.compare(&IsoDuration::hours(8));
    }
    if let Some(d) = from_human(text) {
        assert!(IsoDuration::parse(&d.to_string()).is_ok(), "{text:?} suggests {d}");
    }
});
