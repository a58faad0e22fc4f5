//! Terraform plans and state, as `terraform show -json` writes them.
//!
//! Resources are read from `resource_changes[].change.after` (with `after_unknown` saying
//! which values are known only after apply) and, for those not there (a state file, or a
//! plan without changes), from `planned_values` / `values`, `root_module` and every nested
//! `child_modules`. Data sources are skipped.
//!
//! | resource | read as |
//! |---|---|
//! | `azurerm_role_management_policy` | an ARM policy update: the rules its blocks set |
//! | `azuread_group_role_management_policy` | a Graph policy update for a group (PIM for Groups) |
//! | `azapi_resource`, `azapi_update_resource` of type `Microsoft.Authorization/roleManagementPolicies@…` | its `body`, an ARM document |
//! | `msgraph_resource`, `msgraph_update_resource` with a PIM `url` | its `body`, the Graph document the URL takes (see `msgraph`) |
//!
//! The role a policy governs is known from `role_definition_id` (azurerm) and
//! `assignment_type` (azuread: member or owner), so the role's limits apply; a body (azapi,
//! msgraph) does not name its role, so the general limits apply there.
//!
//! Both providers update the policy the service already has, and change only what the
//! configuration sets: an argument left out (null, or known only after apply) stays as the
//! service has it, so it is unknown here, never a default.

mod msgraph;

use serde_json::{Map, Value};

use super::Adapted;
use super::writer::{Api, PolicyWriter};
use crate::pointer::Pointer;
use crate::powershell::{Converted, PointerMap};

const WRITER: &str = "Terraform";

/// Whether `value` is `terraform show -json` output.
#[must_use]
pub fn is_terraform(value: &Value) -> bool {
    let Some(obj) = value.as_object() else {
        return false;
    };
    obj.contains_key("format_version")
        && [
            "planned_values",
            "values",
            "resource_changes",
            "terraform_version",
        ]
        .iter()
        .any(|k| obj.contains_key(*k))
}

/// A value in the plan, with what `after_unknown` says of it.
#[derive(Debug, Clone)]
struct Node<'v> {
    value: Option<&'v Value>,
    unknown: Option<&'v Value>,
    at: Pointer,
    /// The argument path, for messages (`activation_rules.maximum_duration`).
    name: String,
}

impl<'v> Node<'v> {
    fn is_unknown(&self) -> bool {
        matches!(self.unknown, Some(Value::Bool(true)))
    }

    fn key(&self, key: &str) -> Self {
        Self {
            value: self.value.and_then(|v| v.get(key)),
            unknown: if self.is_unknown() {
                self.unknown
            } else {
                self.unknown.and_then(|u| u.get(key))
            },
            at: self.at.key(key),
            name: if self.name.is_empty() {
                key.to_owned()
            } else {
                format!("{}.{key}", self.name)
            },
        }
    }

    fn index(&self, i: usize) -> Self {
        Self {
            value: self.value.and_then(|v| v.get(i)),
            unknown: if self.is_unknown() {
                self.unknown
            } else {
                self.unknown.and_then(|u| u.get(i))
            },
            at: self.at.index(i),
            name: self.name.clone(),
        }
    }

    /// The value, when it is known and set.
    fn known(&self) -> Option<&'v Value> {
        if self.is_unknown() {
            return None;
        }
        self.value.filter(|v| !v.is_null())
    }

    /// The first element of a nested block list (`activation_rules { … }`), when set.
    fn block(&self, key: &str) -> Option<Self> {
        let list = self.key(key);
        match list.known()? {
            Value::Array(items) if !items.is_empty() => Some(list.index(0)),
            Value::Object(_) => Some(list),
            _ => None,
        }
    }
}

/// One resource instance in the plan or state.
struct Resource<'v> {
    address: String,
    kind: &'v str,
    values: Node<'v>,
}

fn resources(plan: &Value) -> Vec<Resource<'_>> {
    let mut out = Vec::new();
    let mut seen = std::collections::HashSet::new();
    if let Some(changes) = plan.get("resource_changes").and_then(Value::as_array) {
        for (i, change) in changes.iter().enumerate() {
            if change.get("mode").and_then(Value::as_str) == Some("data") {
                continue;
            }
            let (Some(address), Some(kind)) = (
                change.get("address").and_then(Value::as_str),
                change.get("type").and_then(Value::as_str),
            ) else {
                continue;
            };
            let Some(after) = change.pointer("/change/after").filter(|v| v.is_object()) else {
                // Being destroyed: nothing to check.
                seen.insert(address.to_owned());
                continue;
            };
            seen.insert(address.to_owned());
            out.push(Resource {
                address: address.to_owned(),
                kind,
                values: Node {
                    value: Some(after),
                    unknown: change.pointer("/change/after_unknown"),
                    at: Pointer::root()
                        .key("resource_changes")
                        .index(i)
                        .key("change")
                        .key("after"),
                    name: String::new(),
                },
            });
        }
    }
    for top in ["planned_values", "values"] {
        if let Some(root) = plan.get(top).and_then(|v| v.get("root_module")) {
            let at = Pointer::root().key(top).key("root_module");
            walk_module(root, &at, &mut seen, &mut out);
        }
    }
    out
}

fn walk_module<'v>(
    module: &'v Value,
    at: &Pointer,
    seen: &mut std::collections::HashSet<String>,
    out: &mut Vec<Resource<'v>>,
) {
    if let Some(list) = module.get("resources").and_then(Value::as_array) {
        for (i, r) in list.iter().enumerate() {
            if r.get("mode").and_then(Value::as_str) == Some("data") {
                continue;
            }
            let (Some(address), Some(kind), Some(values)) = (
                r.get("address").and_then(Value::as_str),
                r.get("type").and_then(Value::as_str),
                r.get("values").filter(|v| v.is_object()),
            ) else {
                continue;
            };
            if !seen.insert(address.to_owned()) {
                continue;
            }
            out.push(Resource {
                address: address.to_owned(),
                kind,
                values: Node {
                    value: Some(values),
                    unknown: None,
                    at: at.key("resources").index(i).key("values"),
                    name: String::new(),
                },
            });
        }
    }
    if let Some(children) = module.get("child_modules").and_then(Value::as_array) {
        for (i, child) in children.iter().enumerate() {
            walk_module(child, &at.key("child_modules").index(i), seen, out);
        }
    }
}

/// Converts a plan or state; `None` when `value` is not one.
#[must_use]
pub fn convert(value: &Value) -> Option<Adapted> {
    if !is_terraform(value) {
        return None;
    }
    let mut map = PointerMap::default();
    let mut docs = Vec::new();
    let mut lost = Vec::new();
    let mut names = Vec::new();
    let mut given = Vec::new();
    for resource in resources(value) {
        let at = Pointer::root().index(docs.len());
        // The adapters may link the document more closely (an azapi body).
        map.link(&at, &resource.values.at);
        let doc = match resource.kind {
            "azurerm_role_management_policy" => {
                Some(policy(&resource, Api::Arm, &at, &mut map, &mut lost))
            }
            "azuread_group_role_management_policy" => {
                Some(policy(&resource, Api::Graph, &at, &mut map, &mut lost))
            }
            "azapi_resource" | "azapi_update_resource" => {
                azapi(&resource, &at, &mut map, &mut lost)
            }
            "msgraph_resource" | "msgraph_update_resource" => {
                msgraph::body(&resource.values, &at, &mut map, &mut lost).map(|(doc, kind)| {
                    given.push((
                        at.clone(),
                        super::Given {
                            kind: Some(kind),
                            role: None,
                        },
                    ));
                    doc
                })
            }
            _ => None,
        };
        if let Some(role) = doc.as_ref().and_then(|_| role(&resource, &at, &mut map)) {
            given.push((
                at.clone(),
                super::Given {
                    kind: None,
                    role: Some(role),
                },
            ));
        }
        if let Some(doc) = doc {
            names.push((
                map.original(&at),
                format!("in Terraform resource `{}`", resource.address),
            ));
            docs.push(doc);
        }
    }
    Some(Adapted {
        converted: Converted {
            value: Value::Array(docs),
            pointers: map,
            writer: WRITER,
            lost,
        },
        names,
        given,
    })
}

/// The role a resource's policy governs, when the plan knows it: `role_definition_id` of
/// `azurerm_role_management_policy`, `assignment_type` (member or owner) of
/// `azuread_group_role_management_policy`. A policy body (azapi, msgraph) does not name its
/// role; the policy assignment does, so there the role stays unknown.
fn role(resource: &Resource<'_>, at: &Pointer, map: &mut PointerMap) -> Option<(String, Pointer)> {
    let key = match resource.kind {
        "azurerm_role_management_policy" => "role_definition_id",
        "azuread_group_role_management_policy" => "assignment_type",
        _ => return None,
    };
    let node = resource.values.key(key);
    let id = node.known()?.as_str().filter(|s| !s.is_empty())?;
    // Not a member of the converted body: a pointer of its own, linked to the argument.
    let id_at = at.key("roleDefinitionId");
    map.link(&id_at, &node.at);
    // The group's roles are `member` and `owner` whatever case the plan writes.
    let id = if key == "assignment_type" {
        id.to_ascii_lowercase()
    } else {
        id.to_owned()
    };
    Some((id, id_at))
}

/// Reads what the configuration sets, noting what it leaves unknown.
struct Reader<'a> {
    out: PolicyWriter,
    unknown: Vec<String>,
    _marker: std::marker::PhantomData<&'a ()>,
}

impl Reader<'_> {
    fn get<'v>(&mut self, node: &Node<'v>) -> Option<&'v Value> {
        let v = node.known();
        if v.is_none() {
            self.unknown.push(node.name.clone());
        }
        v
    }

    fn set(&mut self, rule: &str, path: &[&str], node: &Node<'_>, block: &Node<'_>) {
        if let Some(v) = self.get(node) {
            let r = self.out.rule(rule, &block.at);
            self.out.set(r, path, v.clone(), &node.at);
        }
    }

    /// `enabledRules`: written only when all three settings are known, since the provider
    /// keeps the service's value for any it does not set.
    fn enablement(&mut self, rule: &str, block: &Node<'_>) {
        let settings = [
            (
                "require_multifactor_authentication",
                "MultiFactorAuthentication",
            ),
            ("require_justification", "Justification"),
            ("require_ticket_info", "Ticketing"),
        ];
        let mut enabled = Vec::new();
        let mut complete = true;
        for (key, name) in settings {
            match self.get(&block.key(key)) {
                Some(Value::Bool(true)) => enabled.push(Value::from(name)),
                Some(Value::Bool(false)) => {}
                _ => complete = false,
            }
        }
        if complete {
            let r = self.out.rule(rule, &block.at);
            self.out
                .set(r, &["enabledRules"], Value::Array(enabled), &block.at);
        }
    }
}

fn policy(
    resource: &Resource<'_>,
    api: Api,
    at: &Pointer,
    map: &mut PointerMap,
    lost: &mut Vec<(Pointer, String)>,
) -> Value {
    let r = &resource.values;
    let mut rd = Reader {
        out: PolicyWriter::new(api),
        unknown: Vec::new(),
        _marker: std::marker::PhantomData,
    };
    if let Some(b) = r.block("eligible_assignment_rules") {
        let id = "Expiration_Admin_Eligibility";
        rd.set(
            id,
            &["isExpirationRequired"],
            &b.key("expiration_required"),
            &b,
        );
        rd.set(id, &["maximumDuration"], &b.key("expire_after"), &b);
    } else {
        rd.unknown.push("eligible_assignment_rules".into());
    }
    if let Some(b) = r.block("active_assignment_rules") {
        let id = "Expiration_Admin_Assignment";
        rd.set(
            id,
            &["isExpirationRequired"],
            &b.key("expiration_required"),
            &b,
        );
        rd.set(id, &["maximumDuration"], &b.key("expire_after"), &b);
        rd.enablement("Enablement_Admin_Assignment", &b);
    } else {
        rd.unknown.push("active_assignment_rules".into());
    }
    if let Some(b) = r.block("activation_rules") {
        rd.set(
            "Expiration_EndUser_Assignment",
            &["maximumDuration"],
            &b.key("maximum_duration"),
            &b,
        );
        rd.enablement("Enablement_EndUser_Assignment", &b);
        let approval = "Approval_EndUser_Assignment";
        rd.set(
            approval,
            &["setting", "isApprovalRequired"],
            &b.key("require_approval"),
            &b,
        );
        approvers(&mut rd, &b, approval);
        let context = b.key("required_conditional_access_authentication_context");
        if let Some(claim) = rd.get(&context).and_then(Value::as_str) {
            let id = "AuthenticationContext_EndUser_Assignment";
            let i = rd.out.rule(id, &b.at);
            rd.out.set(
                i,
                &["isEnabled"],
                Value::Bool(!claim.is_empty()),
                &context.at,
            );
            rd.out.set(i, &["claimValue"], claim.into(), &context.at);
        }
    } else {
        rd.unknown.push("activation_rules".into());
    }
    if let Some(b) = r.block("notification_rules") {
        notifications(&mut rd, &b);
    } else {
        rd.unknown.push("notification_rules".into());
    }
    if !rd.unknown.is_empty() {
        lost.push((r.at.clone(), unknown_note(&rd.unknown)));
    }
    let mut doc = Map::new();
    match api {
        Api::Arm => {
            let props_at = at.key("properties");
            map.link(&props_at, &r.at);
            let rules = rd.out.finish(&props_at.key("rules"), map);
            let mut props = Map::new();
            props.insert("rules".into(), rules);
            doc.insert("properties".into(), Value::Object(props));
        }
        Api::Graph => {
            doc.insert("scopeType".into(), "Group".into());
            let rules = rd.out.finish(&at.key("rules"), map);
            doc.insert("rules".into(), rules);
        }
    }
    Value::Object(doc)
}

fn unknown_note(names: &[String]) -> String {
    const SHOWN: usize = 6;
    let mut list: Vec<String> = names.iter().take(SHOWN).map(|n| format!("`{n}`")).collect();
    if names.len() > SHOWN {
        list.push(format!("and {} more", names.len() - SHOWN));
    }
    format!(
        "the plan leaves {} unknown (not set, so the provider keeps what the service has, or \
         known only after apply)",
        list.join(", ")
    )
}

fn approvers(rd: &mut Reader<'_>, activation: &Node<'_>, rule: &str) {
    let Some(stage) = activation.block("approval_stage") else {
        // No stage in the configuration: the provider keeps the service's approvers.
        return;
    };
    let list = stage.key("primary_approver");
    let Some(Value::Array(items)) = rd.get(&list) else {
        return;
    };
    let api = rd.out.api();
    let mut approvers = Vec::new();
    let mut origins = Vec::new();
    for i in 0..items.len() {
        let item = list.index(i);
        let (Some(id), Some(kind)) = (
            rd.get(&item.key("object_id")).and_then(Value::as_str),
            rd.get(&item.key("type")).and_then(Value::as_str),
        ) else {
            // One approver not known yet: the list is not known.
            return;
        };
        let group = kind.eq_ignore_ascii_case("Group") || kind.eq_ignore_ascii_case("groupMembers");
        let approver = match api {
            Api::Arm => serde_json::json!({
                "id": id,
                "userType": if group { "Group" } else { "User" },
                "isBackup": false,
            }),
            Api::Graph if group => serde_json::json!({
                "@odata.type": "#microsoft.graph.groupMembers",
                "groupId": id,
            }),
            Api::Graph => serde_json::json!({
                "@odata.type": "#microsoft.graph.singleUser",
                "userId": id,
            }),
        };
        approvers.push(approver);
        origins.push(item.at.clone());
    }
    let r = rd.out.rule(rule, &activation.at);
    let stage_value = serde_json::json!([{ "primaryApprovers": approvers }]);
    rd.out
        .set(r, &["setting", "approvalStages"], stage_value, &stage.at);
    rd.out
        .link(r, &["setting", "approvalStages", "0"], &stage.at);
    rd.out.link(
        r,
        &["setting", "approvalStages", "0", "primaryApprovers"],
        &list.at,
    );
    for (i, origin) in origins.iter().enumerate() {
        let i = i.to_string();
        rd.out.link(
            r,
            &["setting", "approvalStages", "0", "primaryApprovers", &i],
            origin,
        );
    }
}

/// Events and recipients: `notification_rules { active_assignments { admin_notifications
/// { … } } }`, or the other way round as azuread's example writes it.
fn notifications(rd: &mut Reader<'_>, rules: &Node<'_>) {
    const EVENTS: [(&str, &str, &str); 3] = [
        ("active_assignments", "Admin", "Assignment"),
        ("eligible_assignments", "Admin", "Eligibility"),
        ("eligible_activations", "EndUser", "Assignment"),
    ];
    const RECIPIENTS: [(&str, &str); 3] = [
        ("admin_notifications", "Admin"),
        ("approver_notifications", "Approver"),
        ("assignee_notifications", "Requestor"),
    ];
    for (event, caller, level) in EVENTS {
        for (recipient, recipient_type) in RECIPIENTS {
            let settings = rules
                .block(event)
                .and_then(|e| e.block(recipient))
                .or_else(|| rules.block(recipient).and_then(|r| r.block(event)));
            let Some(s) = settings else {
                continue;
            };
            let id = format!("Notification_{recipient_type}_{caller}_{level}");
            let api = rd.out.api();
            let r = rd.out.rule(&id, &s.at);
            rd.out
                .set(r, &["notificationType"], api.word("Email"), &s.at);
            rd.out
                .set(r, &["recipientType"], api.word(recipient_type), &s.at);
            let level_node = s.key("notification_level");
            if let Some(l) = rd.get(&level_node).and_then(Value::as_str) {
                rd.out
                    .set(r, &["notificationLevel"], api.word(l), &level_node.at);
            }
            rd.set(
                &id,
                &["isDefaultRecipientsEnabled"],
                &s.key("default_recipients"),
                &s,
            );
            let extra = s.key("additional_recipients");
            if let Some(list) = extra.known() {
                rd.out
                    .set(r, &["notificationRecipients"], list.clone(), &extra.at);
            }
        }
    }
}

/// An `azapi` resource whose body is a role management policy: the body as written.
fn azapi(
    resource: &Resource<'_>,
    at: &Pointer,
    map: &mut PointerMap,
    lost: &mut Vec<(Pointer, String)>,
) -> Option<Value> {
    let r = &resource.values;
    let kind = r.key("type").known()?.as_str()?;
    let (name, _) = kind.split_once('@').unwrap_or((kind, ""));
    if !name.eq_ignore_ascii_case("Microsoft.Authorization/roleManagementPolicies") {
        return None;
    }
    let body = r.key("body");
    match body.known() {
        Some(Value::Object(obj)) => {
            map.link(at, &body.at);
            Some(Value::Object(obj.clone()))
        }
        // azapi 1.x takes the body as a JSON string (`jsonencode(…)`): findings point at it.
        Some(Value::String(text)) => {
            if let Ok(v @ Value::Object(_)) = serde_json::from_str::<Value>(text) {
                map.link(at, &body.at);
                Some(v)
            } else {
                lost.push((r.at.clone(), "`body` is not a JSON object".into()));
                Some(serde_json::json!({"properties": {"rules": []}}))
            }
        }
        _ => {
            lost.push((
                r.at.clone(),
                "the plan leaves `body` unknown (known only after apply)".into(),
            ));
            Some(serde_json::json!({"properties": {"rules": []}}))
        }
    }
}
