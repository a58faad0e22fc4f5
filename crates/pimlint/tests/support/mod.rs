//! What the test files share: where the workspace is, and its JSON files.

#![allow(dead_code, reason = "each test file uses what it needs")]

use std::path::{Path, PathBuf};

/// The root of the workspace.
pub fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Every `.json` file below `dir`, in path order; none when `dir` does not exist.
pub fn json_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "json") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// The pointer of every member of every object and every element of every array inside
/// `value`, below `at`, in document order.
pub fn member_pointers(value: &serde_json::Value, at: &str, out: &mut Vec<String>) {
    match value {
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                let here = format!("{at}/{}", k.replace('~', "~0").replace('/', "~1"));
                out.push(here.clone());
                member_pointers(v, &here, out);
            }
        }
        serde_json::Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                let here = format!("{at}/{i}");
                out.push(here.clone());
                member_pointers(v, &here, out);
            }
        }
        _ => {}
    }
}

/// A value of each JSON type, and the discriminators of two rule types, to put in place of a
/// member.
pub fn replacements() -> Vec<serde_json::Value> {
    use serde_json::json;
    vec![
        serde_json::Value::Null,
        json!(true),
        json!(7),
        json!(-7),
        json!(1.5),
        json!(18_446_744_073_709_551_615_u64),
        json!("text"),
        json!("#microsoft.graph.unifiedRoleManagementPolicyExpirationRule"),
        json!("RoleManagementPolicyApprovalRule"),
        json!([]),
        json!([1, "a", null, {"b": 2}]),
        json!({"k": [true]}),
    ]
}
