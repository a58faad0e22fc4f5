//! Applying edits to a parsed document.

use serde_json::Value;

use super::Edit;
use crate::pointer::Pointer;

/// Why an edit does not apply to a document.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("cannot apply the edit at {path:?}: {reason}")]
pub struct EditError {
    /// The edit's path.
    pub path: String,
    /// What is in the way.
    pub reason: &'static str,
}

fn error(path: &Pointer, reason: &'static str) -> EditError {
    EditError {
        path: path.to_string(),
        reason,
    }
}

/// The container the path's parent designates, and the path's last token.
fn parent_of<'v>(
    document: &'v mut Value,
    path: &Pointer,
) -> Result<(&'v mut Value, String), EditError> {
    let (Some(parent), Some(last)) = (path.parent(), path.last()) else {
        return Err(error(path, "the whole document cannot be edited"));
    };
    let container = document
        .pointer_mut(&parent.text())
        .ok_or_else(|| error(path, "its parent does not exist"))?;
    Ok((container, last))
}

/// Applies `edits` in order; on error the document may be partly edited (callers apply to a
/// copy).
pub fn apply(document: &mut Value, edits: &[Edit]) -> Result<(), EditError> {
    let mut copy = document.clone();
    for edit in edits {
        apply_one(&mut copy, edit)?;
    }
    *document = copy;
    Ok(())
}

fn apply_one(document: &mut Value, edit: &Edit) -> Result<(), EditError> {
    match edit {
        Edit::Replace { path, value } => {
            let slot = document
                .pointer_mut(&path.text())
                .ok_or_else(|| error(path, "nothing is there to replace"))?;
            *slot = value.clone();
        }
        Edit::Add { path, value } => {
            let (container, last) = parent_of(document, path)?;
            match container {
                Value::Object(map) => {
                    map.insert(last, value.clone());
                }
                Value::Array(items) if last == "-" => items.push(value.clone()),
                Value::Array(items) => {
                    let index = last
                        .parse::<usize>()
                        .ok()
                        .filter(|&i| i <= items.len())
                        .ok_or_else(|| error(path, "the index is not in the list"))?;
                    items.insert(index, value.clone());
                }
                _ => return Err(error(path, "its parent is not an object or a list")),
            }
        }
        Edit::Remove { path } => {
            let (container, last) = parent_of(document, path)?;
            match container {
                Value::Object(map) => {
                    map.remove(&last)
                        .ok_or_else(|| error(path, "no such member"))?;
                }
                Value::Array(items) => {
                    let index = last
                        .parse::<usize>()
                        .ok()
                        .filter(|&i| i < items.len())
                        .ok_or_else(|| error(path, "the index is not in the list"))?;
                    items.remove(index);
                }
                _ => return Err(error(path, "its parent is not an object or a list")),
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn p(s: &str) -> Pointer {
        Pointer::parse(s).unwrap()
    }

    #[test]
    fn edits_follow_json_patch() {
        let mut doc = json!({"a": [1, 2], "b": {"c": "x"}});
        apply(
            &mut doc,
            &[
                Edit::Replace {
                    path: p("/b/c"),
                    value: json!(true),
                },
                Edit::Add {
                    path: p("/a/-"),
                    value: json!(3),
                },
                Edit::Add {
                    path: p("/a/0"),
                    value: json!(0),
                },
                Edit::Add {
                    path: p("/b/d"),
                    value: json!(null),
                },
                Edit::Remove { path: p("/a/1") },
            ],
        )
        .unwrap();
        assert_eq!(doc, json!({"a": [0, 2, 3], "b": {"c": true, "d": null}}));
    }

    #[test]
    fn a_failing_edit_leaves_the_document_alone() {
        let mut doc = json!({"a": 1});
        let e = apply(
            &mut doc,
            &[
                Edit::Replace {
                    path: p("/a"),
                    value: json!(2),
                },
                Edit::Remove { path: p("/zz") },
            ],
        )
        .unwrap_err();
        assert_eq!(e.reason, "no such member");
        assert_eq!(doc, json!({"a": 1}));
    }
}
