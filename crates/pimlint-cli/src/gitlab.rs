//! GitLab Code Quality: the Code Climate issue JSON GitLab reads from a
//! `artifacts:reports:codequality` file.

use std::fmt::Write as _;

use pimlint::{Locator, Severity};
use serde_json::{Value, json};

use crate::formats::Item;

/// FNV-1a, 64 bits: a fingerprint that stays the same across runs and builds.
fn fingerprint(parts: &[&str]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for byte in part.bytes().chain(std::iter::once(0)) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    let mut out = String::with_capacity(16);
    let _ = write!(out, "{hash:016x}");
    out
}

const fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "major",
        Severity::Warning => "minor",
        Severity::Info => "info",
    }
}

/// One Code Climate issue per finding, and a `blocker` per input that could not be read.
pub fn gitlab(items: &[Item<'_>]) -> String {
    let mut issues = Vec::new();
    for item in items {
        let locator = item.text.map(Locator::new);
        for d in &item.diagnostics {
            let line = locator
                .as_ref()
                .and_then(|l| l.locate(&d.pointer).map(|f| l.line_col(f.span.start).line))
                .unwrap_or(1);
            let mut description = format!("{} {}: {}", d.code, d.rule, d.message);
            if let Some(note) = &d.note {
                let _ = write!(description, " ({note})");
            }
            issues.push(json!({
                "type": "issue",
                "check_name": d.code,
                "description": description,
                "content": {"body": d.help.clone().unwrap_or_default()},
                "categories": ["Security"],
                "severity": severity(d.severity),
                "fingerprint": fingerprint(&[item.path, d.code, &d.pointer.text(), &d.message]),
                "location": {"path": item.path, "lines": {"begin": line}},
            }));
        }
        for (message, offset) in &item.failures {
            let line = match (locator.as_ref(), offset) {
                (Some(l), Some(o)) => l.line_col(*o).line,
                _ => 1,
            };
            issues.push(json!({
                "type": "issue",
                "check_name": "pimlint",
                "description": message,
                "categories": ["Bug Risk"],
                "severity": "blocker",
                "fingerprint": fingerprint(&[item.path, "unreadable", message]),
                "location": {"path": item.path, "lines": {"begin": line}},
            }));
        }
    }
    let mut out = serde_json::to_string_pretty(&Value::Array(issues)).unwrap_or_default();
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_are_stable_and_distinct() {
        assert_eq!(fingerprint(&["a", "b"]), fingerprint(&["a", "b"]));
        assert_ne!(fingerprint(&["ab", ""]), fingerprint(&["a", "b"]));
        assert_eq!(fingerprint(&[]).len(), 16);
    }
}
