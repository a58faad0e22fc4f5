//! Applying edits to the original text at the located spans, so indentation, member order
//! and every untouched byte stay as written.

use serde_json::Value;

use super::{Edit, Fix};
use crate::locate::Locator;
use crate::pointer::Pointer;

/// One replacement of the text: bytes `start..end` become `with` (an insertion when
/// `start == end`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Splice {
    /// First byte replaced.
    pub start: usize,
    /// One past the last byte replaced.
    pub end: usize,
    /// The new text.
    pub with: String,
}

impl Splice {
    /// Whether two splices touch: such edits wait for the next round, so that each round's
    /// edits never see each other's text.
    const fn touches(&self, other: &Self) -> bool {
        self.start <= other.end && other.start <= self.end
    }
}

/// Applies as many of `fixes` as do not touch each other, in the order given; returns the new
/// text and the indices of the fixes applied. A fix whose edits cannot all be placed (a path
/// that is not in the text) is left out whole.
#[must_use]
pub fn apply(text: &str, fixes: &[&Fix]) -> (String, Vec<usize>) {
    let locator = Locator::new(text);
    let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let mut taken: Vec<Splice> = Vec::new();
    let mut applied = Vec::new();
    for (index, fix) in fixes.iter().enumerate() {
        let Some(splices) = place(&locator, newline, &fix.edits) else {
            continue;
        };
        if splices.iter().any(|s| taken.iter().any(|t| s.touches(t))) {
            continue;
        }
        taken.extend(splices);
        applied.push(index);
    }
    taken.sort_by_key(|s| (s.start, s.end));
    let mut out = String::with_capacity(text.len() + 64);
    let mut at = 0;
    for splice in &taken {
        out.push_str(&text[at..splice.start]);
        out.push_str(&splice.with);
        at = splice.end;
    }
    out.push_str(&text[at..]);
    (out, applied)
}

/// Where and how `fix` changes `text`, for formats that carry text replacements (SARIF);
/// `None` when an edit cannot be placed.
#[must_use]
pub fn splices(text: &str, fix: &Fix) -> Option<Vec<Splice>> {
    let locator = Locator::new(text);
    let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
    place(&locator, newline, &fix.edits)
}

/// The splices of one fix's edits, or `None` when one cannot be placed or two overlap.
fn place(locator: &Locator<'_>, newline: &str, edits: &[Edit]) -> Option<Vec<Splice>> {
    let mut splices: Vec<Splice> = Vec::new();
    for edit in edits {
        let splice = splice(locator, newline, edit)?;
        // Two insertions at one place (two members added to one object) join in order.
        if let Some(same) = splices
            .iter_mut()
            .find(|s| s.start == s.end && splice.start == splice.end && s.start == splice.start)
        {
            same.with.push_str(&splice.with);
            continue;
        }
        if splices
            .iter()
            .any(|s| s.start < splice.end && splice.start < s.end)
        {
            return None;
        }
        splices.push(splice);
    }
    Some(splices)
}

fn splice(locator: &Locator<'_>, newline: &str, edit: &Edit) -> Option<Splice> {
    let text = locator.text();
    let bytes = text.as_bytes();
    match edit {
        Edit::Replace { path, value } => {
            let found = locator.locate(path).filter(|f| f.exact)?;
            Some(Splice {
                start: found.span.start,
                end: found.span.end,
                with: render(value, indent_at(text, found.span.start), newline),
            })
        }
        Edit::Add { path, value } => {
            let parent = path.parent()?;
            let last = path.last()?;
            let container = locator.locate(&parent).filter(|f| f.exact)?.span;
            match bytes.get(container.start)? {
                b'{' => {
                    if let Some(member) = locator.locate(path).filter(|f| f.exact) {
                        return Some(Splice {
                            start: member.span.start,
                            end: member.span.end,
                            with: render(value, indent_at(text, member.span.start), newline),
                        });
                    }
                    let name = serde_json::to_string(&last).ok()?;
                    Some(append(text, container.start, container.end, |indent| {
                        format!("{name}: {}", render(value, indent, newline))
                    }))
                }
                b'[' => {
                    let before = (last != "-")
                        .then(|| locator.locate(path).filter(|f| f.exact))
                        .flatten();
                    if let Some(element) = before {
                        let sep = match opening_space(text, container.start) {
                            "" => " ",
                            sep => sep,
                        };
                        let indent = indent_at(text, element.span.start);
                        return Some(Splice {
                            start: element.span.start,
                            end: element.span.start,
                            with: format!("{},{sep}", render(value, indent, newline)),
                        });
                    }
                    if last != "-" && last.parse::<usize>().ok()? != count(locator, &parent) {
                        return None;
                    }
                    Some(append(text, container.start, container.end, |indent| {
                        render(value, indent, newline)
                    }))
                }
                _ => None,
            }
        }
        Edit::Remove { path } => {
            let found = locator.locate(path).filter(|f| f.exact)?;
            let start = found.key.map_or(found.span.start, |k| k.start);
            let end = found.span.end;
            let after = skip_ws(bytes, end);
            if bytes.get(after) == Some(&b',') {
                // Up to the next member, which takes the removed one's place and indentation.
                return Some(Splice {
                    start,
                    end: skip_ws(bytes, after + 1),
                    with: String::new(),
                });
            }
            let before = text[..start].trim_end_matches([' ', '\t', '\r', '\n']);
            if before.ends_with(',') {
                return Some(Splice {
                    start: before.len() - 1,
                    end,
                    with: String::new(),
                });
            }
            // The only member or element: the container becomes empty.
            let container = locator.locate(&path.parent()?)?.span;
            Some(Splice {
                start: container.start + 1,
                end: container.end - 1,
                with: String::new(),
            })
        }
    }
}

/// How many elements the array at `pointer` has.
fn count(locator: &Locator<'_>, pointer: &Pointer) -> usize {
    let mut n = 0;
    while locator.locate(&pointer.index(n)).is_some_and(|f| f.exact) {
        n += 1;
    }
    n
}

/// Adds an item at the end of the object or array spanning `start..end`, laid out like its
/// first item (on its own line with the same indentation, or on the same line).
fn append(text: &str, start: usize, end: usize, item: impl FnOnce(&str) -> String) -> Splice {
    let inner = &text[start + 1..end - 1];
    if inner.trim().is_empty() {
        let indent = indent_at(text, start);
        return Splice {
            start: start + 1,
            end: end - 1,
            with: item(indent),
        };
    }
    let last = start + 1 + inner.trim_end_matches([' ', '\t', '\r', '\n']).len();
    let sep = opening_space(text, start);
    let sep = if sep.is_empty() { " " } else { sep };
    let indent = sep.rsplit('\n').next().unwrap_or("");
    Splice {
        start: last,
        end: last,
        with: format!(",{sep}{}", item(indent)),
    }
}

/// The white space between an opening bracket at `start` and the first item.
fn opening_space(text: &str, start: usize) -> &str {
    let rest = &text[start + 1..];
    &rest[..rest.len() - rest.trim_start_matches([' ', '\t', '\r', '\n']).len()]
}

/// The indentation of the line holding `offset`.
fn indent_at(text: &str, offset: usize) -> &str {
    let line = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let rest = &text[line..];
    &rest[..rest.len() - rest.trim_start_matches([' ', '\t']).len()]
}

fn skip_ws(bytes: &[u8], mut pos: usize) -> usize {
    while matches!(bytes.get(pos), Some(b' ' | b'\t' | b'\n' | b'\r')) {
        pos += 1;
    }
    pos
}

/// A value as JSON text: scalars and empty containers on one line, others laid out over lines
/// indented from `indent`.
fn render(value: &Value, indent: &str, newline: &str) -> String {
    let compact = match value {
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.is_empty(),
        _ => true,
    };
    if compact {
        return serde_json::to_string(value).unwrap_or_default();
    }
    // A short list of scalars stays on one line, as people write `["Justification"]`.
    if let Value::Array(items) = value {
        if items.len() <= 3 && items.iter().all(|v| !v.is_array() && !v.is_object()) {
            let items: Vec<String> = items
                .iter()
                .map(|v| serde_json::to_string(v).unwrap_or_default())
                .collect();
            return format!("[{}]", items.join(", "));
        }
    }
    let pretty = serde_json::to_string_pretty(value).unwrap_or_default();
    pretty.replace('\n', &format!("{newline}{indent}"))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn p(s: &str) -> Pointer {
        Pointer::parse(s).unwrap()
    }

    fn fixed(text: &str, edits: Vec<Edit>) -> String {
        let fix = Fix::safe("test", edits);
        let (out, taken) = apply(text, &[&fix]);
        assert_eq!(taken, vec![0], "the fix was not placed in {text}");
        out
    }

    #[test]
    fn replace_keeps_everything_else() {
        let text = "{\n  \"a\": \"true\",  \"b\" : [1,2]\n}\n";
        let out = fixed(
            text,
            vec![Edit::Replace {
                path: p("/a"),
                value: json!(true),
            }],
        );
        assert_eq!(out, "{\n  \"a\": true,  \"b\" : [1,2]\n}\n");
    }

    #[test]
    fn add_follows_the_layout_of_the_container() {
        let text = "{\r\n    \"list\": [\r\n        \"x\"\r\n    ],\r\n    \"empty\": []\r\n}";
        let out = fixed(
            text,
            vec![
                Edit::Add {
                    path: p("/list/-"),
                    value: json!("y"),
                },
                Edit::Add {
                    path: p("/empty/0"),
                    value: json!("z"),
                },
                Edit::Add {
                    path: p("/new"),
                    value: json!({"k": 1}),
                },
            ],
        );
        assert_eq!(
            out,
            "{\r\n    \"list\": [\r\n        \"x\",\r\n        \"y\"\r\n    ],\r\n    \"empty\": [\"z\"],\r\n    \"new\": {\r\n      \"k\": 1\r\n    }\r\n}"
        );
        serde_json::from_str::<Value>(&out).unwrap();
    }

    #[test]
    fn add_before_an_element_and_to_a_one_line_object() {
        let out = fixed(
            r#"{"a": [1, 2], "o": {"x": 1}}"#,
            vec![
                Edit::Add {
                    path: p("/a/0"),
                    value: json!(0),
                },
                Edit::Add {
                    path: p("/o/y"),
                    value: json!("é"),
                },
            ],
        );
        assert_eq!(out, r#"{"a": [0, 1, 2], "o": {"x": 1, "y": "é"}}"#);
    }

    #[test]
    fn remove_takes_its_comma() {
        let text = "{\n  \"a\": 1,\n  \"b\": [1, 2, 3],\n  \"c\": {\"only\": true}\n}";
        let out = fixed(
            text,
            vec![
                Edit::Remove { path: p("/a") },
                Edit::Remove { path: p("/b/2") },
                Edit::Remove { path: p("/c/only") },
            ],
        );
        assert_eq!(out, "{\n  \"b\": [1, 2],\n  \"c\": {}\n}");
    }

    #[test]
    fn touching_fixes_wait_and_missing_paths_are_skipped() {
        let text = r#"{"a": "1", "b": "2"}"#;
        let one = Fix::replace_safe("one", &p("/a"), json!(1));
        let again = Fix::replace_safe("again", &p("/a"), json!(2));
        let missing = Fix::replace_safe("missing", &p("/zz"), json!(2));
        let two = Fix::replace_safe("two", &p("/b"), json!(2));
        let (out, taken) = apply(text, &[&one, &again, &missing, &two]);
        assert_eq!(taken, vec![0, 3]);
        assert_eq!(out, r#"{"a": 1, "b": 2}"#);
    }
}
