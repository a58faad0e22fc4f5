//! `--format remediation` and `remediation-json`: the Graph / ARM calls that apply each
//! fixable finding to the tenant a document was exported from.

use std::fmt::Write as _;

use pimlint::fix::remediate::{Call, az_rest, calls};
use serde::Serialize;

use crate::check::FileOutcome;

/// The calls for each file that could be read.
fn all(files: &[FileOutcome]) -> Vec<(&str, Vec<Call>)> {
    files
        .iter()
        .filter_map(|file| {
            let reports = file.result.as_ref().ok()?;
            let value = pimlint::parse_json(file.text.as_deref()?).ok()?;
            let options = file.options.as_deref().cloned().unwrap_or_default();
            Some((file.path.as_str(), calls(&value, reports, &options)))
        })
        .collect()
}

/// `az rest` commands, each after comments naming the policy and the findings it answers.
pub fn text(files: &[FileOutcome]) -> String {
    let mut out = String::new();
    let mut count = 0;
    for (path, calls) in all(files) {
        for call in calls {
            count += 1;
            let role = call
                .role
                .as_deref()
                .map(|r| format!(" ({r})"))
                .unwrap_or_default();
            let at = if call.document.is_root() {
                String::new()
            } else {
                format!(" {}", call.document)
            };
            let _ = writeln!(out, "# {path}{at}{role}");
            for fix in &call.fixes {
                let _ = writeln!(
                    out,
                    "#   {} {} ({}): {}",
                    fix.code,
                    fix.rule,
                    fix.applicability.as_str(),
                    fix.message
                );
            }
            let _ = writeln!(out, "{}\n", az_rest(&call));
        }
    }
    let _ = writeln!(
        out,
        "# {} for the fixable findings of policies read from a tenant; unsafe ones change \
         settings: review before running.",
        crate::output::plural(count, "call", "calls")
    );
    out
}

#[derive(Serialize)]
struct JsonCall<'a> {
    path: &'a str,
    #[serde(flatten)]
    call: Call,
}

/// One JSON array of calls (`path`, `document`, `role`, `method`, `url`, `body`, `bodyKind`,
/// `fixes`) a script can replay.
pub fn json(files: &[FileOutcome]) -> String {
    let list: Vec<JsonCall<'_>> = all(files)
        .into_iter()
        .flat_map(|(path, calls)| calls.into_iter().map(move |call| JsonCall { path, call }))
        .collect();
    let mut out = serde_json::to_string_pretty(&list).unwrap_or_default();
    out.push('\n');
    out
}
