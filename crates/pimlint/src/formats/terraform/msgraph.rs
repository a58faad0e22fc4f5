//! The Microsoft Graph provider (`microsoft/msgraph`): `msgraph_resource` and
//! `msgraph_update_resource` send their `body` to the Graph URL in `url`, so the body is the
//! Graph document that URL takes, and the URL says which:
//!
//! | `url` | the body is |
//! |---|---|
//! | `policies/roleManagementPolicies/{id}` | a policy update (`PATCH`): only the rules it carries |
//! | `policies/roleManagementPolicies/{id}/rules/{ruleId}` | one policy rule (`PATCH`) |
//! | `roleManagement/directory/roleAssignmentScheduleRequests` | a role assignment request |
//! | `roleManagement/directory/roleEligibilityScheduleRequests` | a role eligibility request |
//! | `identityGovernance/privilegedAccess/group/assignmentScheduleRequests` | a group assignment request |
//! | `identityGovernance/privilegedAccess/group/eligibilityScheduleRequests` | a group eligibility request |
//!
//! Any other URL is not PIM's and is skipped. A body value known only after apply is
//! unknown, never a default; a URL known only after apply leaves the body's own
//! `@odata.type` to say what it is.

use serde_json::{Map, Value};

use super::Node;
use crate::DocumentKind;
use crate::pointer::Pointer;
use crate::powershell::PointerMap;

/// What a Graph URL takes: the kind of body, and the policy and rule ids it names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Target {
    pub kind: DocumentKind,
    pub policy_id: Option<String>,
    pub rule_id: Option<String>,
}

/// Reads a Graph URL as the provider takes it: relative (`policies/…`, with or without a
/// leading `/`), or absolute with its version (`https://graph.microsoft.com/beta/policies/…`);
/// a query string is ignored. `None` for a URL that is not PIM's.
pub(super) fn target(url: &str) -> Option<Target> {
    let path = url.split(['?', '#']).next().unwrap_or(url);
    let path = path.split_once("://").map_or(path, |(_, rest)| {
        rest.split_once('/').map_or("", |(_, p)| p)
    });
    let mut segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    if segments
        .first()
        .is_some_and(|s| s.eq_ignore_ascii_case("v1.0") || s.eq_ignore_ascii_case("beta"))
    {
        segments.remove(0);
    }
    let is = |i: usize, name: &str| {
        segments
            .get(i)
            .is_some_and(|s| s.eq_ignore_ascii_case(name))
    };
    let of = |kind| Target {
        kind,
        policy_id: None,
        rule_id: None,
    };
    if is(0, "policies") && is(1, "roleManagementPolicies") {
        let policy_id = segments.get(2).map(|s| (*s).to_owned());
        return match segments.len() {
            3 => Some(Target {
                kind: DocumentKind::GraphPolicyUpdate,
                policy_id,
                rule_id: None,
            }),
            5 if is(3, "rules") => Some(Target {
                kind: DocumentKind::GraphPolicyRule,
                policy_id,
                rule_id: segments.get(4).map(|s| (*s).to_owned()),
            }),
            _ => None,
        };
    }
    if segments.len() == 3 && is(0, "roleManagement") && is(1, "directory") {
        return match segments[2].to_ascii_lowercase().as_str() {
            "roleassignmentschedulerequests" => Some(of(DocumentKind::GraphRoleAssignmentRequest)),
            "roleeligibilityschedulerequests" => {
                Some(of(DocumentKind::GraphRoleEligibilityRequest))
            }
            _ => None,
        };
    }
    if segments.len() == 4
        && is(0, "identityGovernance")
        && is(1, "privilegedAccess")
        && is(2, "group")
    {
        return match segments[3].to_ascii_lowercase().as_str() {
            "assignmentschedulerequests" => Some(of(DocumentKind::GraphGroupAssignmentRequest)),
            "eligibilityschedulerequests" => Some(of(DocumentKind::GraphGroupEligibilityRequest)),
            _ => None,
        };
    }
    None
}

/// The body of a `msgraph_resource` / `msgraph_update_resource` that a PIM URL takes, with
/// its kind; `None` when the resource is not PIM's.
pub(super) fn body(
    r: &Node<'_>,
    at: &Pointer,
    map: &mut PointerMap,
    lost: &mut Vec<(Pointer, String)>,
) -> Option<(Value, DocumentKind)> {
    let url = r.key("url");
    let body = r.key("body");
    let value = match body.known() {
        Some(Value::Object(obj)) => Some(Value::Object(obj.clone())),
        // A body written as `jsonencode(…)`: findings point at the string.
        Some(Value::String(text)) => serde_json::from_str::<Value>(text)
            .ok()
            .filter(Value::is_object),
        _ => None,
    };
    let target = if let Some(text) = url.known().and_then(Value::as_str) {
        target(text)?
    } else {
        // Known only after apply: the body's own type says what it is, or nothing does.
        let kind = crate::kind::detect(value.as_ref()?, None).ok()?;
        let kind = match kind {
            DocumentKind::GraphPolicy | DocumentKind::GraphPolicyUpdate => {
                DocumentKind::GraphPolicyUpdate
            }
            DocumentKind::GraphPolicyRule
            | DocumentKind::GraphRoleAssignmentRequest
            | DocumentKind::GraphRoleEligibilityRequest
            | DocumentKind::GraphGroupAssignmentRequest
            | DocumentKind::GraphGroupEligibilityRequest => kind,
            _ => return None,
        };
        Target {
            kind,
            policy_id: None,
            rule_id: None,
        }
    };
    let Some(mut value) = value else {
        let why = if body.known().is_some() {
            "`body` is not a JSON object"
        } else {
            "the plan leaves `body` unknown (not set, or known only after apply)"
        };
        lost.push((r.at.clone(), why.to_owned()));
        // Nothing known: a request with no members, or an update that carries no rule.
        return Some(if target.kind.is_request() {
            (Value::Object(Map::new()), target.kind)
        } else {
            (
                serde_json::json!({ "rules": [] }),
                DocumentKind::GraphPolicyUpdate,
            )
        });
    };
    map.link(at, &body.at);
    // Values known only after apply are absent from `after`: unknown, and said so.
    let mut unknown = Vec::new();
    if let Some(marks) = body.unknown {
        unknown_paths(marks, &mut Vec::new(), &mut unknown);
    }
    for path in &mut unknown {
        // A list with an element not known yet (an approver whose id comes from another
        // resource) is not known: the whole list is unknown, not a shorter or a faulty one.
        if let Some(list) = path.iter().position(|k| k.parse::<usize>().is_ok()) {
            path.truncate(list);
        }
        remove(&mut value, path);
    }
    unknown.dedup();
    if !unknown.is_empty() {
        let names: Vec<String> = unknown
            .iter()
            .map(|p| format!("`{}`", p.join(".")))
            .collect();
        lost.push((
            body.at.clone(),
            format!(
                "the plan leaves {} of `body` unknown (known only after apply)",
                names.join(", ")
            ),
        ));
    }
    // The URL names what a body may leave out: the policy, the rule.
    if let Value::Object(obj) = &mut value {
        let named = match target.kind {
            DocumentKind::GraphPolicyUpdate => target.policy_id.as_ref(),
            DocumentKind::GraphPolicyRule => target.rule_id.as_ref(),
            _ => None,
        };
        if let Some(id) = named {
            if !obj.contains_key("id") {
                obj.insert("id".into(), id.clone().into());
                map.link(&at.key("id"), &url.at);
            }
        }
    }
    Some((value, target.kind))
}

/// The paths `after_unknown` marks `true` under a value.
fn unknown_paths(marks: &Value, path: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
    match marks {
        Value::Bool(true) => out.push(path.clone()),
        Value::Object(obj) => {
            for (k, v) in obj {
                path.push(k.clone());
                unknown_paths(v, path, out);
                path.pop();
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                path.push(i.to_string());
                unknown_paths(v, path, out);
                path.pop();
            }
        }
        _ => {}
    }
}

/// Removes the member at `path` (an array element becomes `null`, so indexes hold).
fn remove(value: &mut Value, path: &[String]) {
    let Some((last, parents)) = path.split_last() else {
        return;
    };
    let mut at = value;
    for key in parents {
        let next = match at {
            Value::Object(obj) => obj.get_mut(key),
            Value::Array(items) => key.parse::<usize>().ok().and_then(|i| items.get_mut(i)),
            _ => None,
        };
        let Some(next) = next else {
            return;
        };
        at = next;
    }
    match at {
        Value::Object(obj) => {
            obj.remove(last);
        }
        Value::Array(items) => {
            if let Some(slot) = last.parse::<usize>().ok().and_then(|i| items.get_mut(i)) {
                *slot = Value::Null;
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_name_the_body_they_take() {
        let t = target("policies/roleManagementPolicies/Directory_x_y").unwrap();
        assert_eq!(t.kind, DocumentKind::GraphPolicyUpdate);
        assert_eq!(t.policy_id.as_deref(), Some("Directory_x_y"));
        let t = target(
            "/policies/roleManagementPolicies/Group_g_p/rules/Expiration_EndUser_Assignment",
        )
        .unwrap();
        assert_eq!(t.kind, DocumentKind::GraphPolicyRule);
        assert_eq!(t.rule_id.as_deref(), Some("Expiration_EndUser_Assignment"));
        let t = target(
            "https://graph.microsoft.com/beta/roleManagement/directory/roleAssignmentScheduleRequests?x=1",
        )
        .unwrap();
        assert_eq!(t.kind, DocumentKind::GraphRoleAssignmentRequest);
        assert_eq!(
            target("v1.0/identityGovernance/privilegedAccess/group/eligibilityScheduleRequests")
                .unwrap()
                .kind,
            DocumentKind::GraphGroupEligibilityRequest
        );
        assert!(target("applications").is_none());
        assert!(target("policies/roleManagementPolicies").is_none());
        assert!(target("policies/roleManagementPolicyAssignments/x").is_none());
    }

    #[test]
    fn unknown_members_are_removed_not_defaulted() {
        let mut body = serde_json::json!({"a": {"b": 1, "c": 2}, "l": [1, 2]});
        let marks = serde_json::json!({"a": {"b": true}, "l": [false, true]});
        let mut paths = Vec::new();
        unknown_paths(&marks, &mut Vec::new(), &mut paths);
        for p in &paths {
            remove(&mut body, p);
        }
        assert_eq!(body, serde_json::json!({"a": {"c": 2}, "l": [1, null]}));
    }
}
