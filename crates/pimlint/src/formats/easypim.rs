//! EasyPIM orchestrator configuration (`Invoke-EasyPIMOrchestrator -ConfigFilePath …`).
//!
//! Policies are read from `EntraRoles.Policies` and `GroupRoles.Policies` (`Groups` in older
//! files; per group, `Member` and `Owner`) as Graph policy updates, and from
//! `AzureRoles.Policies` as ARM policy updates; each `Policies` may be an object keyed by role
//! (or group) or an array of entries with `RoleName`. A policy with `Template` inherits that
//! entry of `PolicyTemplates`, its own settings overriding the template's, as EasyPIM's
//! `Resolve-PolicyTemplate` merges them; a finding points at whichever of the two set the
//! value. EasyPIM changes only the settings a policy names, so the others are unknown.
//!
//! A policy is keyed by (or names in `RoleName`) its role: a built-in role, by display name or
//! id, puts that role's limits in force; a custom role's name says nothing pimlint can know,
//! so the general limits apply. Group policies are for membership or ownership.

use serde_json::{Map, Value};

use super::Adapted;
use super::writer::{Api, PolicyWriter};
use crate::pointer::Pointer;
use crate::powershell::{Converted, PointerMap};

const WRITER: &str = "EasyPIM";

/// Whether `value` is an EasyPIM configuration.
#[must_use]
pub fn is_easypim(value: &Value) -> bool {
    let Some(obj) = value.as_object() else {
        return false;
    };
    obj.get("PolicyTemplates").is_some_and(Value::is_object)
        || ["EntraRoles", "AzureRoles", "GroupRoles", "Groups"]
            .iter()
            .any(|k| obj.get(*k).is_some_and(|s| s.get("Policies").is_some()))
}

/// A policy entry and the template it inherits.
struct Entry<'v> {
    own: &'v Map<String, Value>,
    at: Pointer,
    template: Option<(&'v Map<String, Value>, Pointer)>,
}

impl<'v> Entry<'v> {
    /// A setting, from the entry or else its template, with where it was written.
    fn get(&self, key: &str) -> Option<(&'v Value, Pointer)> {
        if let Some(v) = self.own.get(key).filter(|v| !v.is_null()) {
            return Some((v, self.at.key(key)));
        }
        let (template, at) = self.template.as_ref()?;
        template
            .get(key)
            .filter(|v| !v.is_null())
            .map(|v| (v, at.key(key)))
    }
}

/// Converts a configuration; `None` when `value` is not one.
#[must_use]
pub fn convert(value: &Value) -> Option<Adapted> {
    if !is_easypim(value) {
        return None;
    }
    let templates = value.get("PolicyTemplates").and_then(Value::as_object);
    let mut cx = Cx {
        map: PointerMap::default(),
        docs: Vec::new(),
        lost: Vec::new(),
        names: Vec::new(),
        given: Vec::new(),
        templates,
    };
    let root = Pointer::root();
    for (section, api) in [("EntraRoles", Api::Graph), ("AzureRoles", Api::Arm)] {
        let at = root.key(section).key("Policies");
        match value.pointer(&format!("/{section}/Policies")) {
            Some(Value::Object(policies)) => {
                for (role, entry) in policies {
                    let named = Named {
                        name: format!("{section}.Policies.{role}"),
                        role: built_in(api, role, &at.key(role)),
                    };
                    cx.policy(entry, &at.key(role), api, &named);
                }
            }
            Some(Value::Array(policies)) => {
                for (i, entry) in policies.iter().enumerate() {
                    let role_name = entry.get("RoleName").and_then(Value::as_str);
                    let named = Named {
                        name: format!(
                            "{section}.Policies.{}",
                            role_name.map_or_else(|| i.to_string(), str::to_owned)
                        ),
                        role: role_name
                            .and_then(|r| built_in(api, r, &at.index(i).key("RoleName"))),
                    };
                    cx.policy(entry, &at.index(i), api, &named);
                }
            }
            _ => {}
        }
    }
    for section in ["GroupRoles", "Groups"] {
        let at = root.key(section).key("Policies");
        if let Some(Value::Object(groups)) = value.pointer(&format!("/{section}/Policies")) {
            for (group, roles) in groups {
                for role in ["Member", "Owner"] {
                    if let Some(entry) = roles.get(role) {
                        let entry_at = at.key(group).key(role);
                        let named = Named {
                            name: format!("{section}.Policies.{group}.{role}"),
                            role: Some((role.to_ascii_lowercase(), entry_at.clone())),
                        };
                        cx.policy(entry, &entry_at, Api::Graph, &named);
                    }
                }
            }
        }
    }
    Some(Adapted {
        converted: Converted {
            value: Value::Array(cx.docs),
            pointers: cx.map,
            writer: WRITER,
            lost: cx.lost,
        },
        names: cx.names,
        given: cx.given,
    })
}

/// A policy entry's name in findings, and the role it is for when pimlint knows it.
struct Named {
    name: String,
    /// The role's id and where the configuration names it.
    role: Option<(String, Pointer)>,
}

/// The built-in role EasyPIM names (by display name, as its configurations do, or by id).
/// A custom role's name says nothing pimlint can know, so its tier stays unknown.
fn built_in(api: Api, name: &str, at: &Pointer) -> Option<(String, Pointer)> {
    let list = match api {
        Api::Graph => crate::roles::ENTRA_ROLES,
        Api::Arm => crate::roles::AZURE_ROLES,
    };
    list.iter()
        .find(|r| r.name.eq_ignore_ascii_case(name) || r.id.eq_ignore_ascii_case(name))
        .map(|r| (r.id.to_owned(), at.clone()))
}

struct Cx<'v> {
    map: PointerMap,
    docs: Vec<Value>,
    lost: Vec<(Pointer, String)>,
    names: Vec<(Pointer, String)>,
    given: Vec<(Pointer, super::Given)>,
    templates: Option<&'v Map<String, Value>>,
}

/// `true`, `"true"`, `"True"`: EasyPIM writes booleans either way.
fn boolean(v: &Value) -> Option<bool> {
    match v {
        Value::Bool(b) => Some(*b),
        Value::String(s) if s.eq_ignore_ascii_case("true") => Some(true),
        Value::String(s) if s.eq_ignore_ascii_case("false") => Some(false),
        _ => None,
    }
}

impl<'v> Cx<'v> {
    fn policy(&mut self, entry: &'v Value, at: &Pointer, api: Api, named: &Named) {
        let name = named.name.as_str();
        let Some(own) = entry.as_object() else {
            return;
        };
        // The older array form nests the settings in `Policy` and names `PolicyTemplate`.
        let (own, at) = match own.get("Policy").and_then(Value::as_object) {
            Some(inner) => (inner, at.key("Policy")),
            None => (own, at.clone()),
        };
        let template_name = entry
            .get("Template")
            .or_else(|| entry.get("PolicyTemplate"))
            .and_then(Value::as_str);
        let template = template_name.and_then(|t| {
            self.templates
                .and_then(|all| all.get(t))
                .and_then(Value::as_object)
                .map(|obj| (obj, Pointer::root().key("PolicyTemplates").key(t)))
        });
        if let (Some(t), None) = (template_name, &template) {
            self.lost.push((
                at.clone(),
                format!("template `{t}` is not in PolicyTemplates, so its settings are unknown"),
            ));
        }
        let e = Entry {
            own,
            at: at.clone(),
            template,
        };
        let mut out = PolicyWriter::new(api);
        settings(&e, &mut out);
        let doc_at = Pointer::root().index(self.docs.len());
        self.map.link(&doc_at, &at);
        if let Some((id, role_at)) = &named.role {
            // Not a member of the converted body: a pointer of its own, linked to the name.
            let id_at = doc_at.key("roleDefinitionId");
            self.map.link(&id_at, role_at);
            self.given.push((
                doc_at.clone(),
                super::Given {
                    kind: None,
                    role: Some((id.clone(), id_at)),
                },
            ));
        }
        let mut doc = Map::new();
        match api {
            Api::Arm => {
                let props_at = doc_at.key("properties");
                self.map.link(&props_at, &at);
                let rules = out.finish(&props_at.key("rules"), &mut self.map);
                let mut props = Map::new();
                props.insert("rules".into(), rules);
                doc.insert("properties".into(), Value::Object(props));
            }
            Api::Graph => {
                let scope = if name.starts_with("Group") {
                    "Group"
                } else {
                    "Directory"
                };
                doc.insert("scopeType".into(), scope.into());
                let rules = out.finish(&doc_at.key("rules"), &mut self.map);
                doc.insert("rules".into(), rules);
            }
        }
        let label = match template_name {
            Some(t) => format!("in EasyPIM policy `{name}` (template `{t}`)"),
            None => format!("in EasyPIM policy `{name}`"),
        };
        self.names.push((at, label));
        self.docs.push(Value::Object(doc));
    }
}

fn settings(e: &Entry<'_>, out: &mut PolicyWriter) {
    let api = out.api();
    if let Some((v, at)) = e.get("ActivationDuration") {
        let r = out.rule("Expiration_EndUser_Assignment", &at);
        out.set(r, &["maximumDuration"], v.clone(), &at);
    }
    for (key, rule) in [
        ("ActivationRequirement", "Enablement_EndUser_Assignment"),
        ("ActiveAssignmentRequirement", "Enablement_Admin_Assignment"),
    ] {
        if let Some((v, at)) = e.get(key) {
            let names: Vec<&str> = match v {
                Value::String(s) => s.split(',').map(str::trim).collect(),
                Value::Array(items) => items.iter().filter_map(Value::as_str).collect(),
                _ => continue,
            };
            let enabled: Vec<Value> = names
                .into_iter()
                .filter(|n| !n.is_empty() && !n.eq_ignore_ascii_case("None"))
                .map(Value::from)
                .collect();
            let r = out.rule(rule, &at);
            out.set(r, &["enabledRules"], Value::Array(enabled), &at);
        }
    }
    let approval = "Approval_EndUser_Assignment";
    if let Some((v, at)) = e.get("ApprovalRequired") {
        if let Some(b) = boolean(v) {
            let r = out.rule(approval, &at);
            out.set(r, &["setting", "isApprovalRequired"], b.into(), &at);
        }
    }
    if let Some((Value::Array(items), at)) = e.get("Approvers") {
        let mut approvers = Vec::new();
        let mut origins = Vec::new();
        for (i, a) in items.iter().enumerate() {
            let Some(id) = a.get("id").or_else(|| a.get("Id")).and_then(Value::as_str) else {
                continue;
            };
            let kind = a
                .get("userType")
                .or_else(|| a.get("UserType"))
                .and_then(Value::as_str)
                .unwrap_or("User");
            let group = kind.eq_ignore_ascii_case("Group");
            approvers.push(match api {
                Api::Arm => serde_json::json!({
                    "id": id, "userType": if group { "Group" } else { "User" }, "isBackup": false
                }),
                Api::Graph if group => serde_json::json!({
                    "@odata.type": "#microsoft.graph.groupMembers", "groupId": id
                }),
                Api::Graph => serde_json::json!({
                    "@odata.type": "#microsoft.graph.singleUser", "userId": id
                }),
            });
            origins.push(at.index(i));
        }
        let r = out.rule(approval, &at);
        out.set(
            r,
            &["setting", "approvalStages"],
            serde_json::json!([{ "primaryApprovers": approvers }]),
            &at,
        );
        out.link(r, &["setting", "approvalStages", "0"], &at);
        out.link(
            r,
            &["setting", "approvalStages", "0", "primaryApprovers"],
            &at,
        );
        for (i, origin) in origins.iter().enumerate() {
            let i = i.to_string();
            out.link(
                r,
                &["setting", "approvalStages", "0", "primaryApprovers", &i],
                origin,
            );
        }
    }
    for (allow, max, rule) in [
        (
            "AllowPermanentEligibility",
            "MaximumEligibilityDuration",
            "Expiration_Admin_Eligibility",
        ),
        (
            "AllowPermanentActiveAssignment",
            "MaximumActiveAssignmentDuration",
            "Expiration_Admin_Assignment",
        ),
    ] {
        if let Some((v, at)) = e.get(allow) {
            if let Some(b) = boolean(v) {
                let r = out.rule(rule, &at);
                out.set(r, &["isExpirationRequired"], (!b).into(), &at);
            }
        }
        if let Some((v, at)) = e.get(max) {
            let r = out.rule(rule, &at);
            out.set(r, &["maximumDuration"], v.clone(), &at);
        }
    }
    if let Some((v, at)) = e.get("AuthenticationContext_Enabled") {
        if let Some(b) = boolean(v) {
            let r = out.rule("AuthenticationContext_EndUser_Assignment", &at);
            out.set(r, &["isEnabled"], b.into(), &at);
        }
    }
    if let Some((v, at)) = e.get("AuthenticationContext_Value") {
        let r = out.rule("AuthenticationContext_EndUser_Assignment", &at);
        out.set(r, &["claimValue"], v.clone(), &at);
    }
    notifications(e, out);
}

fn notifications(e: &Entry<'_>, out: &mut PolicyWriter) {
    const EVENTS: [(&str, &str, &str); 3] = [
        ("EligibleAssignment", "Admin", "Eligibility"),
        ("ActiveAssignment", "Admin", "Assignment"),
        ("Activation", "EndUser", "Assignment"),
    ];
    const RECIPIENTS: [(&str, &str); 3] = [
        ("Alert", "Admin"),
        ("Assignee", "Requestor"),
        ("Approver", "Approver"),
    ];
    let api = out.api();
    for (event, caller, level) in EVENTS {
        for (recipient, recipient_type) in RECIPIENTS {
            let Some((Value::Object(block), at)) =
                e.get(&format!("Notification_{event}_{recipient}"))
            else {
                continue;
            };
            let r = out.rule(
                &format!("Notification_{recipient_type}_{caller}_{level}"),
                &at,
            );
            out.set(r, &["notificationType"], api.word("Email"), &at);
            out.set(r, &["recipientType"], api.word(recipient_type), &at);
            if let Some(b) = block.get("isDefaultRecipientEnabled").and_then(boolean) {
                out.set(
                    r,
                    &["isDefaultRecipientsEnabled"],
                    b.into(),
                    &at.key("isDefaultRecipientEnabled"),
                );
            }
            if let Some(level) = block.get("notificationLevel").and_then(Value::as_str) {
                out.set(
                    r,
                    &["notificationLevel"],
                    api.word(level),
                    &at.key("notificationLevel"),
                );
            }
            if let Some(list @ Value::Array(_)) = block.get("Recipients") {
                out.set(
                    r,
                    &["notificationRecipients"],
                    list.clone(),
                    &at.key("Recipients"),
                );
            }
        }
    }
}
