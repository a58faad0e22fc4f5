//! Locating pointers in text: spans, line and column, document arrays, rule starts.

use super::*;

fn text_at(text: &str, pointer: &str) -> String {
    let loc = Locator::new(text);
    let found = loc.locate(&Pointer::parse(pointer).unwrap()).unwrap();
    assert!(found.exact, "{pointer} not found exactly");
    text[found.span.start..found.span.end].to_owned()
}

const DOC: &str = r#"{
  "a": {"b": [10, {"c d": "x\"y"}, [1, 2]]},
  "e/f": true,
  "g~h": null,
  "esc\u0061ped": 1,
  "": "empty"
}"#;

#[test]
fn indexed_document_arrays_give_the_same_places() {
    let array = r#" [ {"a": 1}, {"a": [2, 3]} ,{"a": "x"}]"#;
    assert_eq!(text_at(array, "/1/a/1"), "3");
    assert_eq!(text_at(array, "/2/a"), r#""x""#);
    assert_eq!(text_at(array, "/0"), r#"{"a": 1}"#);
    let list = r#"{"@odata.context": "x", "value": [{"id": "p0"}, {"id": "p1"}], "value2": 1}"#;
    assert_eq!(text_at(list, "/value/1/id"), r#""p1""#);
    assert_eq!(text_at(list, "/value2"), "1");
    assert_eq!(text_at(list, "/value"), r#"[{"id": "p0"}, {"id": "p1"}]"#);
    let loc = Locator::new(list);
    let missing = loc.locate(&Pointer::parse("/value/7/id").unwrap()).unwrap();
    assert!(!missing.exact);
    assert_eq!(
        &list[missing.span.start..missing.span.end],
        r#"[{"id": "p0"}, {"id": "p1"}]"#
    );
    let leading_zero = loc.locate(&Pointer::parse("/value/01").unwrap()).unwrap();
    assert!(!leading_zero.exact);
}

#[test]
fn lines_are_indexed_only_when_a_place_is_asked_for() {
    let loc = Locator::new(DOC);
    assert!(loc.line_cols(&[]).is_empty());
    assert!(
        loc.line_starts.get().is_none(),
        "nothing placed, no line read"
    );
    let e = DOC.find("\"e/f\"").unwrap();
    assert_eq!(
        loc.line_cols(&[e, 0]),
        [
            LineCol { line: 3, column: 3 },
            LineCol { line: 1, column: 1 }
        ]
    );
    assert_eq!(loc.line_col(e), LineCol { line: 3, column: 3 });
    assert_eq!(
        loc.line_starts.get().map(Vec::len),
        Some(DOC.lines().count())
    );
}

#[test]
fn finds_nested_values() {
    assert_eq!(text_at(DOC, "/a/b/0"), "10");
    assert_eq!(text_at(DOC, "/a/b/1/c d"), r#""x\"y""#);
    assert_eq!(text_at(DOC, "/a/b/2"), "[1, 2]");
    assert_eq!(text_at(DOC, "/a/b/2/1"), "2");
    assert_eq!(text_at(DOC, ""), DOC);
}

#[test]
fn honours_pointer_escapes_and_json_escapes() {
    assert_eq!(text_at(DOC, "/e~1f"), "true");
    assert_eq!(text_at(DOC, "/g~0h"), "null");
    assert_eq!(text_at(DOC, "/escaped"), "1");
    assert_eq!(text_at(DOC, "/"), r#""empty""#);
}

#[test]
fn missing_member_falls_back_to_ancestor() {
    let loc = Locator::new(DOC);
    let found = loc.locate(&Pointer::parse("/a/b/7").unwrap()).unwrap();
    assert!(!found.exact);
    assert_eq!(
        &DOC[found.span.start..found.span.end],
        r#"[10, {"c d": "x\"y"}, [1, 2]]"#
    );
    let found = loc.locate(&Pointer::parse("/a/b/01").unwrap()).unwrap();
    assert!(!found.exact, "leading zeros are not array indices");
}

#[test]
fn key_span_points_at_member_name() {
    let loc = Locator::new(DOC);
    let found = loc.locate(&Pointer::parse("/e~1f").unwrap()).unwrap();
    let key = found.key.unwrap();
    assert_eq!(&DOC[key.start..key.end], r#""e/f""#);
}

#[test]
fn line_and_column_count_characters() {
    let text = "{\n  \"é\": \"ü\", \"x\": 1\n}";
    let loc = Locator::new(text);
    let found = loc.locate(&Pointer::parse("/x").unwrap()).unwrap();
    assert_eq!(
        loc.line_col(found.span.start),
        LineCol {
            line: 2,
            column: 18
        }
    );
    assert_eq!(loc.line_col(0), LineCol { line: 1, column: 1 });
    assert_eq!(loc.line_col(10_000), LineCol { line: 3, column: 2 });
}

#[test]
fn deep_nesting_costs_no_stack() {
    let depth = 200_000;
    let text = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    let loc = Locator::new(&text);
    let found = loc.locate(&Pointer::parse("/0/0/0").unwrap()).unwrap();
    assert_eq!(found.span.start, 3);
}

#[test]
fn a_scan_stopped_in_a_settled_list_keeps_the_last_of_repeated_members() {
    let p = |s: &str| Pointer::parse(s).unwrap();
    let lists = [ListAt {
        pointer: p("/policy/rules"),
        starts: Vec::new(),
    }];
    // A member repeated after the list, outside it: the scan must not stop early.
    let text =
        r#"{"policy":{"displayName":"a","rules":[{"id":"x"},{"id":"y"}],"displayName":"b"}}"#;
    let locator = Locator::new(text);
    let (id, name) = (p("/policy/rules/0/id"), p("/policy/displayName"));
    let found = locator.locate_many_in(&[&id, &name], &lists);
    assert_eq!(found, vec![locator.locate(&id), locator.locate(&name)]);
    let span = found[1].unwrap().span;
    assert_eq!(&text[span.start..span.end], "\"b\"");
    // A member repeated inside the element: the element is read to its end.
    let text = r#"{"policy":{"rules":[{"id":"x","id":"z"},{"id":"y"}]}}"#;
    let locator = Locator::new(text);
    let found = locator.locate_many_in(&[&id], &lists);
    let span = found[0].unwrap().span;
    assert_eq!(&text[span.start..span.end], "\"z\"");
    // A pointer that is not in the list's elements is placed wherever the list ends.
    let list = p("/policy/rules");
    let found = locator.locate_many_in(&[&id, &list], &lists);
    assert_eq!(found, vec![locator.locate(&id), locator.locate(&list)]);
}

#[test]
fn a_list_that_knows_where_its_elements_start_is_read_there_alone() {
    let p = |s: &str| Pointer::parse(s).unwrap();
    let text = r#"{"a":[1,"#.to_owned() + r#"{"id":"x"}, {"id":"y","n":[2]}],"b":0}"#;
    let locator = Locator::new(&text);
    let first = text.find(r#"{"id":"x""#).unwrap();
    let second = text.find(r#"{"id":"y""#).unwrap();
    let list = |starts: Vec<Option<usize>>| {
        [ListAt {
            pointer: p("/a"),
            starts,
        }]
    };
    let (x, y, n) = (p("/a/1/id"), p("/a/2/n/0"), p("/a/2/none"));
    let set = [&x, &y, &n];
    let whole = locator.locate_many(&set);
    assert_eq!(
        locator.locate_many_in(&set, &list(vec![None, Some(first), Some(second)])),
        whole
    );
    // Read where the list says, not from the root: a start that is wrong shows it.
    let found = locator.locate_many_in(&[&x], &list(vec![None, Some(second), None]));
    let span = found[0].unwrap().span;
    assert_eq!(&text[span.start..span.end], "\"y\"");
    // An element whose start is not known, a start that is not an object, or a pointer
    // outside the elements: the scan starts at the root.
    for starts in [
        vec![None, None, Some(second)],
        vec![None, Some(first + 1), Some(second)],
    ] {
        assert_eq!(locator.locate_many_in(&set, &list(starts)), whole);
    }
    let outside = p("/b");
    assert_eq!(
        locator.locate_many_in(&[&x, &outside], &list(vec![None, Some(second), None])),
        locator.locate_many(&[&x, &outside])
    );
}

#[test]
fn base_offset_locates_inside_a_larger_file() {
    let text = "{\"x\":1}\n{\"y\": [true]}";
    let loc = Locator::new(text);
    let found = loc.locate_in(8, &Pointer::parse("/y/0").unwrap()).unwrap();
    assert_eq!(&text[found.span.start..found.span.end], "true");
    assert_eq!(loc.line_col(found.span.start).line, 2);
}
