//! Remediation: the Graph and ARM calls that apply a policy's fixes to the live tenant it was
//! exported from.
//!
//! A finding on a policy read from the service (a GET response, an export) carries edits of
//! one of its rules. For Microsoft Graph, each rule is updated on its own
//! (`PATCH /policies/roleManagementPolicies/{policyId}/rules/{ruleId}` with the whole rule,
//! `@odata.type` and `id` included); for Azure Resource Manager, the policy is updated with the
//! rules that change (`PATCH {policyId}?api-version=2020-10-01`, `properties.rules`).

use std::fmt::Write as _;

use serde::Serialize;
use serde_json::{Value, json};

use super::{Applicability, Edit};
use crate::DocumentReport;
use crate::kind::DocumentKind;
use crate::model::{Document, Provider, RuleEntry};
use crate::pointer::Pointer;

/// The Graph endpoint rules are updated at.
pub const GRAPH: &str = "https://graph.microsoft.com/v1.0";
/// The ARM endpoint.
pub const ARM: &str = "https://management.azure.com";
/// The ARM api-version the calls use (the first generally available one for role management
/// policies).
pub const ARM_API_VERSION: &str = "2020-10-01";

/// One HTTP call that brings a policy (or one of its rules) in line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Call {
    /// Where the policy is in its file.
    pub document: Pointer,
    /// The role the policy governs, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// `PATCH`.
    pub method: &'static str,
    /// The full URL.
    pub url: String,
    /// The JSON body.
    pub body: Value,
    /// The document kind the body is (`graph-policy-rule`, `arm-policy-update`): what
    /// `pimlint check --kind` reads it as.
    pub body_kind: DocumentKind,
    /// The findings the call answers.
    pub fixes: Vec<Remedied>,
}

/// A finding a call answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Remedied {
    /// Code.
    pub code: &'static str,
    /// Rule name.
    pub rule: &'static str,
    /// Where the finding is in the file.
    pub pointer: Pointer,
    /// Safe or unsafe.
    pub applicability: Applicability,
    /// What the fix does.
    pub message: String,
}

/// A rule of a policy that fixes change: its pointer and id, the rule as fixed, and the fixes.
struct Touched {
    document: Pointer,
    pointer: Pointer,
    id: String,
    rule: Value,
    fixes: Vec<Remedied>,
}

/// Rounds of fix-and-recheck: a fix can bring up a finding of its own (turning approval on
/// leaves extensions unapproved), whose fix then joins the same call.
const MAX_ROUNDS: usize = 8;

/// The calls that apply the fixes of the findings in `reports` (documents of the file
/// `value`, checked with `options`): one per Graph rule, one per ARM policy. The fixed rules
/// are checked again, with the policy around them, until no fix is left, so each body is one
/// pimlint finds clean of what it fixes. Findings outside a policy's rules, and policies
/// without an id, have no call.
#[must_use]
pub fn calls(value: &Value, reports: &[DocumentReport], options: &crate::Options) -> Vec<Call> {
    let mut current = value.clone();
    let mut done: Vec<Touched> = Vec::new();
    let mut rechecked;
    let mut latest = reports;
    for _ in 0..MAX_ROUNDS {
        let round = touch(&current, latest);
        if round.is_empty() {
            break;
        }
        for t in round {
            if let Some(slot) = current.pointer_mut(&t.pointer.text()) {
                *slot = t.rule.clone();
            }
            match done.iter_mut().find(|f| f.pointer == t.pointer) {
                Some(f) => {
                    f.rule = t.rule;
                    f.fixes.extend(t.fixes);
                }
                None => done.push(t),
            }
        }
        rechecked = crate::check_value(&current, options);
        latest = &rechecked;
    }
    let mut out = Vec::new();
    for report in reports {
        let Some(Document::Policy(policy)) = &report.document else {
            continue;
        };
        let Some(policy_id) = policy.id.as_ref().map(|id| id.value.as_str()) else {
            continue;
        };
        let touched: Vec<&Touched> = done
            .iter()
            .filter(|t| t.document == report.pointer)
            .collect();
        if touched.is_empty() {
            continue;
        }
        match policy.provider {
            Provider::EntraRoles | Provider::Groups => {
                for t in touched {
                    out.push(Call {
                        document: report.pointer.clone(),
                        role: report.role.clone(),
                        method: "PATCH",
                        url: format!(
                            "{GRAPH}/policies/roleManagementPolicies/{}/rules/{}",
                            segment(policy_id),
                            segment(&t.id)
                        ),
                        body: t.rule.clone(),
                        body_kind: DocumentKind::GraphPolicyRule,
                        fixes: t.fixes.clone(),
                    });
                }
            }
            Provider::AzureResources => {
                let resource = if policy_id.starts_with('/') {
                    policy_id.to_owned()
                } else {
                    let Some(scope) = policy.scope.as_ref() else {
                        continue;
                    };
                    format!(
                        "{}/providers/Microsoft.Authorization/roleManagementPolicies/{}",
                        scope.value.trim_end_matches('/'),
                        segment(policy_id)
                    )
                };
                let mut fixes = Vec::new();
                let mut rules = Vec::new();
                for t in touched {
                    // A fix of several rules is named once.
                    for fix in &t.fixes {
                        if !fixes.contains(fix) {
                            fixes.push(fix.clone());
                        }
                    }
                    rules.push(t.rule.clone());
                }
                out.push(Call {
                    document: report.pointer.clone(),
                    role: report.role.clone(),
                    method: "PATCH",
                    url: format!("{ARM}{resource}?api-version={ARM_API_VERSION}"),
                    body: json!({ "properties": { "rules": rules } }),
                    body_kind: DocumentKind::ArmPolicyUpdate,
                    fixes,
                });
            }
        }
    }
    out
}

/// One round: the rules of `value` that the fixes in `reports` change, as fixed.
fn touch(value: &Value, reports: &[DocumentReport]) -> Vec<Touched> {
    let mut touched: Vec<Touched> = Vec::new();
    for report in reports {
        let Some(Document::Policy(policy)) = &report.document else {
            continue;
        };
        if policy.id.is_none() {
            continue;
        }
        // The edits of the fixes taken this round.
        let mut applied: Vec<&Edit> = Vec::new();
        'fixes: for d in &report.diagnostics {
            let Some(fix) = &d.fix else { continue };
            // The rules the fix's edits fall in, each with its edits (a fix may change several
            // rules, such as the recipients of several notifications).
            let mut groups: Vec<(&RuleEntry, Vec<Edit>)> = Vec::new();
            for edit in &fix.edits {
                let Some(entry) = policy
                    .entries
                    .iter()
                    .find(|e| is_under(edit.path(), &e.pointer))
                else {
                    continue 'fixes;
                };
                let relative = relative_to(edit, &entry.pointer);
                match groups.iter_mut().find(|(e, _)| e.pointer == entry.pointer) {
                    Some((_, edits)) => edits.push(relative),
                    None => groups.push((entry, vec![relative])),
                }
            }
            // A fix that no longer applies (another fix of the same rule changed its place) is
            // left for the next round.
            if fix.edits.iter().any(|e| applied.contains(&e)) {
                continue;
            }
            // Each rule as fixed; the fix applies to all of them or to none.
            let mut staged = Vec::with_capacity(groups.len());
            for (entry, edits) in &groups {
                let Some(id) = entry.id.as_ref().map(|id| id.value.clone()) else {
                    continue 'fixes;
                };
                let current = touched
                    .iter()
                    .find(|t| t.pointer == entry.pointer)
                    .map(|t| &t.rule)
                    .or_else(|| value.pointer(&entry.pointer.text()));
                let Some(mut rule) = current.cloned() else {
                    continue 'fixes;
                };
                if super::value::apply(&mut rule, edits).is_err() {
                    continue 'fixes;
                }
                staged.push((entry.pointer.clone(), id, rule));
            }
            applied.extend(&fix.edits);
            for (pointer, id, rule) in staged {
                let remedied = Remedied {
                    code: d.code,
                    rule: d.rule,
                    pointer: d.pointer.clone(),
                    applicability: fix.applicability,
                    message: fix.message.clone(),
                };
                match touched.iter_mut().find(|t| t.pointer == pointer) {
                    Some(t) => {
                        t.rule = rule;
                        t.fixes.push(remedied);
                    }
                    None => touched.push(Touched {
                        document: report.pointer.clone(),
                        pointer,
                        id,
                        rule,
                        fixes: vec![remedied],
                    }),
                }
            }
        }
    }
    touched
}

fn is_under(path: &Pointer, base: &Pointer) -> bool {
    path.text()
        .strip_prefix(&*base.text())
        .is_some_and(|rest| rest.starts_with('/'))
}

fn relative_to(edit: &Edit, base: &Pointer) -> Edit {
    let strip = |p: &Pointer| {
        Pointer::parse(p.text().strip_prefix(&*base.text()).unwrap_or(&p.text()))
            .unwrap_or_default()
    };
    match edit {
        Edit::Replace { path, value } => Edit::Replace {
            path: strip(path),
            value: value.clone(),
        },
        Edit::Add { path, value } => Edit::Add {
            path: strip(path),
            value: value.clone(),
        },
        Edit::Remove { path } => Edit::Remove { path: strip(path) },
    }
}

/// An id as one URL path segment: characters outside the unreserved set and `/` percent
/// encoded (Graph policy ids hold `_` only, but an id is data).
fn segment(id: &str) -> String {
    let mut out = String::with_capacity(id.len());
    for b in id.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// A call as an `az rest` command for a POSIX shell (the body in single quotes).
#[must_use]
pub fn az_rest(call: &Call) -> String {
    let body = serde_json::to_string(&call.body).unwrap_or_default();
    format!(
        "az rest --method {} --url {} --headers Content-Type=application/json --body {}",
        call.method.to_ascii_lowercase(),
        shell_quote(&call.url),
        shell_quote(&body)
    )
}

/// Single-quotes a word for a POSIX shell.
fn shell_quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', r"'\''"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_one_segment_and_bodies_are_quoted() {
        assert_eq!(segment("Directory_a-b_c"), "Directory_a-b_c");
        assert_eq!(segment("a/b c"), "a%2Fb%20c");
        assert_eq!(shell_quote("it's"), r"'it'\''s'");
    }
}
