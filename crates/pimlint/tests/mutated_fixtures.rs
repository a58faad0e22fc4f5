//! The fuzz targets' smoke run on stable: every fixture, mutated at random (bytes replaced,
//! inserted, deleted, the text cut short), goes through the JSON reader and kind detection,
//! `lint_text`, `validate`, the duration parser and the configuration reader without a panic.
//! `just fuzz TARGET` runs the same entry points under libFuzzer for longer.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code fails loudly"
)]

mod support;

use std::path::Path;
use std::sync::OnceLock;

use pimlint::api::{self, Input};
use pimlint::config::Config;
use pimlint::duration::IsoDuration;
use proptest::prelude::*;

use support::workspace;

fn collect(dir: &Path, out: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.filter_map(Result::ok).collect();
    entries.sort_by_key(std::fs::DirEntry::path);
    for e in entries {
        let path = e.path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|x| x == "json") {
            if let Ok(text) = std::fs::read_to_string(&path) {
                out.push(text);
            }
        }
    }
}

/// Every JSON fixture: rules/, tests/fixtures/, examples/.
fn fixtures() -> &'static [String] {
    static FIXTURES: OnceLock<Vec<String>> = OnceLock::new();
    FIXTURES.get_or_init(|| {
        let mut out = Vec::new();
        for dir in ["rules", "tests/fixtures", "examples"] {
            collect(&workspace().join(dir), &mut out);
        }
        assert!(out.len() > 100, "fixtures not found");
        out
    })
}

#[derive(Debug, Clone)]
enum Edit {
    Replace(usize, u8),
    Insert(usize, u8),
    Delete(usize, usize),
    Truncate(usize),
}

fn apply(text: &str, edits: &[Edit]) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for edit in edits {
        let len = bytes.len().max(1);
        match *edit {
            Edit::Replace(at, b) => {
                if let Some(x) = bytes.get_mut(at % len) {
                    *x = b;
                }
            }
            Edit::Insert(at, b) => bytes.insert((at % len).min(bytes.len()), b),
            Edit::Delete(at, n) => {
                let start = (at % len).min(bytes.len());
                let end = (start + n).min(bytes.len());
                bytes.drain(start..end);
            }
            Edit::Truncate(at) => bytes.truncate(at % len),
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

/// JSON's own punctuation and letters of PIM members, so mutations stay close to documents.
fn byte() -> impl Strategy<Value = u8> {
    prop_oneof![
        prop::sample::select(b"{}[]\":,0123456789 .-PTHMDYtrufalsn\\\n".to_vec()),
        any::<u8>(),
    ]
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (any::<usize>(), byte()).prop_map(|(a, b)| Edit::Replace(a, b)),
        (any::<usize>(), byte()).prop_map(|(a, b)| Edit::Insert(a, b)),
        (any::<usize>(), 1usize..64).prop_map(|(a, n)| Edit::Delete(a, n)),
        any::<usize>().prop_map(Edit::Truncate),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn mutated_fixtures_never_panic(
        pick in any::<usize>(),
        other in any::<usize>(),
        edits in prop::collection::vec(edit(), 1..6),
    ) {
        let all = fixtures();
        let text = apply(&all[pick % all.len()], &edits);
        let options = pimlint::Options::default();
        let _ = pimlint::check_str(&text, &options);
        let _ = api::lint_text(&text, &options);
        if let (Ok(request), Ok(policy)) = (
            pimlint::parse_json(&text),
            pimlint::parse_json(&all[other % all.len()]),
        ) {
            let now = chrono::DateTime::parse_from_rfc3339("2026-11-30T12:00:00Z").unwrap();
            let _ = api::validate(
                Input { value: &request, text: Some(&text) },
                &[Input { value: &policy, text: None }],
                &[],
                None,
                now,
            );
        }
    }

    #[test]
    fn durations_round_trip(text in "[PTYMWDHS0-9.,a-z ]{0,16}") {
        if let Ok(d) = IsoDuration::parse(&text) {
            prop_assert_eq!(IsoDuration::parse(&d.to_string()).ok(), Some(d));
        }
        if let Some(d) = pimlint::duration::from_human(&text) {
            prop_assert!(IsoDuration::parse(&d.to_string()).is_ok(), "{} suggests {}", text, d);
        }
    }

    #[test]
    fn configurations_read_or_fail_cleanly(
        edits in prop::collection::vec(edit(), 0..4),
    ) {
        let base = "profile = \"strict\"\nignore = [\"PIM2\"]\n[severity]\nPIM102 = \"error\"\n\
                    [rules.activation-too-long]\nmaximum = \"PT6H\"\n\
                    [[overrides]]\nroles = [\"Global Administrator\"]\nignore = [\"PIM404\"]\n";
        let text = apply(base, &edits);
        if let Ok(config) = Config::from_toml(&text, false) {
            let shown = config.show();
            prop_assert!(Config::from_toml(&shown, false).is_ok(), "{}", shown);
        }
    }
}
