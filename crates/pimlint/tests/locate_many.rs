//! Locating many findings in one scan gives the same places as locating them one by one: over
//! every JSON file of the repository's fixtures, for every finding, and for every value (and
//! some absent members) of every document; and where a value starts is found alike without
//! scanning to its end.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test code fails loudly"
)]

mod support;

use std::path::{Path, PathBuf};

use pimlint::api::Located;
use pimlint::{Locator, Options, Pointer};
use serde_json::Value;

use support::json_files;

fn fixtures() -> Vec<(PathBuf, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut files = Vec::new();
    for dir in ["rules", "tests", "examples"] {
        files.extend(json_files(&root.join(dir)));
    }
    files
        .into_iter()
        .filter_map(|p| {
            let bytes = std::fs::read(&p).ok()?;
            let text = pimlint::decode(&bytes).ok()?.into_owned();
            Some((p, text))
        })
        .collect()
}

/// Every value's pointer, plus for each object a member it lacks and for each array an index
/// past its end (and one with a leading zero), which fall back to the container.
fn pointers(value: &Value, at: &Pointer, out: &mut Vec<Pointer>) {
    out.push(at.clone());
    match value {
        Value::Object(map) => {
            out.push(at.key("no such member").key("x"));
            for (k, v) in map {
                pointers(v, &at.key(k), out);
            }
        }
        Value::Array(items) => {
            out.push(at.index(items.len()));
            if !items.is_empty() {
                out.push(Pointer::parse(&format!("{at}/00")).unwrap());
            }
            for (i, v) in items.iter().enumerate() {
                pointers(v, &at.index(i), out);
            }
        }
        _ => out.push(at.key("inside a scalar")),
    }
}

#[test]
fn one_scan_places_every_pointer_as_one_by_one() {
    let files = fixtures();
    assert!(files.len() > 100, "fixtures found: {}", files.len());
    let mut checked = 0;
    for (path, text) in &files {
        let Ok(value) = serde_json::from_str::<Value>(text) else {
            continue;
        };
        let mut all = Vec::new();
        pointers(&value, &Pointer::root(), &mut all);
        // Shuffled order and repeats must not matter.
        all.reverse();
        all.push(Pointer::root());
        let locator = Locator::new(text);
        let refs: Vec<&Pointer> = all.iter().collect();
        let many = locator.locate_many(&refs);
        for (pointer, found) in all.iter().zip(&many) {
            assert_eq!(
                *found,
                locator.locate(pointer),
                "{}: {pointer}",
                path.display()
            );
            // The span of a value found is that value's text, whatever it holds.
            if let Some(f) = found.filter(|f| f.exact) {
                let written: Value = serde_json::from_str(&text[f.span.start..f.span.end])
                    .unwrap_or_else(|e| panic!("{}: {pointer}: {e}", path.display()));
                assert_eq!(
                    Some(&written),
                    value.pointer(&pointer.text()),
                    "{}: {pointer}",
                    path.display()
                );
            }
            // Where a value starts, found without scanning to its end.
            assert_eq!(
                locator.start_of(pointer),
                found.map(|f| f.span.start),
                "{}: start of {pointer}",
                path.display()
            );
            checked += 1;
        }
        let offsets: Vec<usize> = many
            .iter()
            .flatten()
            .flat_map(|f| [f.span.end, f.span.start])
            .collect();
        let places = locator.line_cols(&offsets);
        for (offset, place) in offsets.iter().zip(&places) {
            assert_eq!(*place, locator.line_col(*offset), "{}", path.display());
        }
    }
    assert!(checked > 10_000, "pointers checked: {checked}");
}

#[test]
fn findings_are_placed_as_one_by_one() {
    let mut findings = 0;
    for (path, text) in fixtures() {
        let Ok(reports) = pimlint::check_str(&text, &Options::default()) else {
            continue;
        };
        let locator = Locator::new(&text);
        for report in reports {
            let one_by_one: Vec<Located> = report
                .diagnostics
                .iter()
                .map(|d| Located::new(d, Some(&locator)))
                .collect();
            assert_eq!(
                Located::all(&report.diagnostics, Some(&locator)),
                one_by_one,
                "{}",
                path.display()
            );
            // Stopping at the end of the rule that holds the last finding changes nothing.
            assert_eq!(
                Located::all_in(&report.diagnostics, Some(&locator), &report.lists),
                one_by_one,
                "{}",
                path.display()
            );
            findings += one_by_one.len();
        }
    }
    assert!(findings > 100, "findings compared: {findings}");
}

#[test]
fn a_scan_that_stops_after_the_rule_of_the_last_pointer_places_them_alike() {
    let mut checked = 0;
    for (path, text) in fixtures() {
        let Ok((_, mut read)) = pimlint::source::skeleton::read(&text) else {
            continue;
        };
        let lists = read.lists(&Pointer::root());
        let value: Value = serde_json::from_str(&text).unwrap();
        let mut all = Vec::new();
        pointers(&value, &Pointer::root(), &mut all);
        let locator = Locator::new(&text);
        // Pointers into the lists' elements: each alone, each with the one after it, and
        // each with one outside the lists (which keeps the scan going to the end).
        let inside: Vec<&Pointer> = all
            .iter()
            .filter(|p| {
                lists
                    .iter()
                    .any(|l| p.text().starts_with(&format!("{}/", l.pointer)))
            })
            .collect();
        for (i, pointer) in inside.iter().enumerate() {
            let mut sets = vec![vec![*pointer], vec![*pointer, &all[0]]];
            if let Some(next) = inside.get(i + 1) {
                sets.push(vec![*next, *pointer]);
            }
            for set in sets {
                let found = locator.locate_many_in(&set, &lists);
                let one_by_one: Vec<_> = set.iter().map(|p| locator.locate(p)).collect();
                assert_eq!(found, one_by_one, "{}: {set:?}", path.display());
                checked += 1;
            }
        }
    }
    assert!(checked > 10_000, "pointer sets checked: {checked}");
}

#[test]
fn nothing_to_locate_and_text_that_is_not_json() {
    let locator = Locator::new("{\"a\": [1, 2]}");
    assert!(locator.locate_many(&[]).is_empty());
    assert!(locator.line_cols(&[]).is_empty());
    let broken = Locator::new("{\"a\": ");
    let a = Pointer::root().key("a");
    assert_eq!(broken.locate_many(&[&a]), vec![broken.locate(&a)]);
}

#[test]
fn rule_lists_read_from_text_know_where_their_rules_start() {
    let (mut known, mut unknown) = (0, 0);
    for (path, text) in fixtures() {
        let Ok((_, mut read)) = pimlint::source::skeleton::read(&text) else {
            continue;
        };
        let locator = Locator::new(&text);
        for list in read.lists(&Pointer::root()) {
            let value: Value = serde_json::from_str(&text).unwrap();
            let elements = value
                .pointer(&list.pointer.text())
                .and_then(Value::as_array)
                .map_or(0, Vec::len);
            assert_eq!(list.starts.len(), elements, "{}", path.display());
            for (i, start) in list.starts.iter().enumerate() {
                let element = list.pointer.index(i);
                match start {
                    Some(start) => {
                        let found = locator.locate(&element).unwrap();
                        assert!(found.exact, "{}: {element}", path.display());
                        assert_eq!(found.span.start, *start, "{}: {element}", path.display());
                        known += 1;
                    }
                    None => unknown += 1,
                }
            }
        }
    }
    // Unknown only for an element that is not an object, is empty, or begins with an
    // escaped name.
    assert!(
        known > 1_000 && unknown < known / 20,
        "{known} known, {unknown} not"
    );
}
