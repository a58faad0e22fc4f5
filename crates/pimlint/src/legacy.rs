//! Documents of PIM's older APIs, read as the iteration-3 documents that replace them.
//!
//! - Iteration 1 (`/beta/privilegedRoles`, Entra roles only): `privilegedRoleSettings`
//!   (`elevationDuration`, `mfaOnElevation`, `ticketingInfoOnElevation`,
//!   `approvalOnElevation`, `approverIds`, …) and `privilegedRoleAssignmentRequest`.
//! - Iteration 2 (`/beta/privilegedAccess/aadRoles` and `/azureResources`):
//!   `governanceRoleSetting`, whose four setting lists hold `{ruleIdentifier, setting}` with
//!   `setting` a JSON *string*, and `governanceRoleAssignmentRequest`; also the `AzureADPreview`
//!   module's objects of these (`Get-AzureADMSPrivilegedRoleSetting`, …), in PascalCase.
//!
//! Each is converted to the iteration-3 shape: Graph `unifiedRoleManagementPolicy` rules for
//! Entra roles, ARM role management policy rules for Azure resources, and a schedule request
//! for an assignment request, with a map back to the legacy document. A member inside a
//! `setting` string has no JSON pointer: findings point at the `setting` member and name the
//! member inside it. `docs/legacy.md` holds the mapping table.

use std::fmt::Write as _;

use serde::Serialize;
use serde_json::{Map, Value, json};

use crate::pointer::Pointer;
use crate::powershell::PointerMap;

/// Which older API a document belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Api {
    /// Iteration 1 `privilegedRoleSettings`.
    Iteration1Settings,
    /// Iteration 1 `privilegedRoleAssignmentRequest`.
    Iteration1Request,
    /// Iteration 2 `governanceRoleSetting`.
    Iteration2Settings,
    /// Iteration 2 `governanceRoleAssignmentRequest`.
    Iteration2Request,
}

/// Which PIM provider a legacy document is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Provider {
    /// Microsoft Entra roles (Graph in iteration 3).
    EntraRoles,
    /// Azure resource roles (ARM in iteration 3).
    AzureResources,
}

impl Api {
    /// The API's name and endpoint, as a finding says it.
    #[must_use]
    pub const fn describe(self, provider: Provider) -> &'static str {
        match (self, provider) {
            (Self::Iteration1Settings, _) => {
                "a PIM iteration 1 privilegedRoleSettings (`/beta/privilegedRoles/{id}/settings`)"
            }
            (Self::Iteration1Request, _) => {
                "a PIM iteration 1 privilegedRoleAssignmentRequest \
                 (`/beta/privilegedRoleAssignmentRequests`)"
            }
            (Self::Iteration2Settings, Provider::EntraRoles) => {
                "a PIM iteration 2 governanceRoleSetting \
                 (`/beta/privilegedAccess/aadRoles/roleSettings`)"
            }
            (Self::Iteration2Settings, Provider::AzureResources) => {
                "a PIM iteration 2 governanceRoleSetting \
                 (`/beta/privilegedAccess/azureResources/roleSettings`)"
            }
            (Self::Iteration2Request, Provider::EntraRoles) => {
                "a PIM iteration 2 governanceRoleAssignmentRequest \
                 (`/beta/privilegedAccess/aadRoles/roleAssignmentRequests`)"
            }
            (Self::Iteration2Request, Provider::AzureResources) => {
                "a PIM iteration 2 governanceRoleAssignmentRequest \
                 (`/beta/privilegedAccess/azureResources/roleAssignmentRequests`)"
            }
        }
    }

    /// Its retirement, as Microsoft announced it.
    #[must_use]
    pub const fn retirement(self) -> &'static str {
        match self {
            Self::Iteration1Settings | Self::Iteration1Request => {
                "was deprecated in June 2021 and no longer answers"
            }
            Self::Iteration2Settings | Self::Iteration2Request => {
                "was never generally available and is retired on 28 October 2026 \
                 (Microsoft 365 message center MC1181281)"
            }
        }
    }

    /// What replaces it in iteration 3.
    #[must_use]
    pub const fn replacement(self, provider: Provider) -> &'static str {
        match (self, provider) {
            (Self::Iteration1Settings | Self::Iteration2Settings, Provider::EntraRoles) => {
                "the Graph unifiedRoleManagementPolicy rules \
                 (`PATCH /policies/roleManagementPolicies/{id}/rules/{ruleId}`)"
            }
            (Self::Iteration1Settings | Self::Iteration2Settings, Provider::AzureResources) => {
                "the ARM role management policy \
                 (`PATCH {scope}/providers/Microsoft.Authorization/roleManagementPolicies/{name}`)"
            }
            (Self::Iteration1Request | Self::Iteration2Request, Provider::EntraRoles) => {
                "the Graph unifiedRoleAssignmentScheduleRequest / \
                 unifiedRoleEligibilityScheduleRequest"
            }
            (Self::Iteration1Request | Self::Iteration2Request, Provider::AzureResources) => {
                "the ARM roleAssignmentScheduleRequests / roleEligibilityScheduleRequests"
            }
        }
    }
}

/// A legacy setting (or member) that has no iteration-3 counterpart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NotCarried {
    /// Where it is in the legacy document.
    pub pointer: Pointer,
    /// The legacy setting (`userEligibleSettings/ExpirationRule`, `minElevationDuration`).
    pub setting: String,
    /// Why it is not carried over, and what to do instead.
    pub why: String,
}

/// One legacy document, converted.
#[derive(Debug, Clone)]
pub struct LegacyDocument {
    /// Where it is in the input.
    pub pointer: Pointer,
    /// Which API it belongs to.
    pub api: Api,
    /// Which provider it is about.
    pub provider: Provider,
    /// The role it is about, as the legacy document names it.
    pub role_definition_id: Option<String>,
    /// The iteration-3 document: a Graph policy update (`{"rules": […]}`), an ARM policy
    /// update (`{"properties": {"rules": […]}}`) or a schedule request.
    pub converted: Value,
    /// What has no counterpart.
    pub not_carried: Vec<NotCarried>,
}

/// A file of legacy documents, converted.
#[derive(Debug, Clone)]
pub struct Converted {
    /// The converted document, or an array of them for a list.
    pub value: Value,
    /// Maps pointers into `value` back to the legacy file.
    pub pointers: PointerMap,
    /// Converted pointers with nothing below them in the legacy document (a rule made from a
    /// `setting` string or from a scalar member), with the member inside a `setting` string
    /// they come from, when they come from one.
    pub inner: Vec<(Pointer, Option<String>)>,
    /// Converted `enabledRules` pointers, with where each enabled rule's legacy setting is.
    enablement: Vec<(Pointer, Vec<Source>)>,
    /// The documents, in input order.
    pub documents: Vec<LegacyDocument>,
}

impl Converted {
    /// Where a finding of rule `code` at `converted` points in the legacy document, and the
    /// member inside a `setting` string it is about, if any. Several legacy settings make up
    /// one `enabledRules` list; a finding about one of them points at that one.
    #[must_use]
    pub fn original(&self, converted: &Pointer, code: &str) -> (Pointer, Option<&str>) {
        if let Some((_, sources)) = self.enablement.iter().find(|(at, _)| at == converted) {
            let about = match code {
                "PIM103" | "PIM104" | "PIM110" | "PIM307" => Some("MultiFactorAuthentication"),
                "PIM107" | "PIM308" => Some("Justification"),
                "PIM108" | "PIM010" => Some("Ticketing"),
                _ => None,
            };
            if let Some(source) = about.and_then(|a| sources.iter().find(|s| s.0 == a)) {
                return (source.1.clone(), source.2.as_deref());
            }
        }
        let opaque = self
            .inner
            .iter()
            .filter(|(at, _)| {
                let at = at.as_str();
                converted.as_str() == at || converted.as_str().starts_with(&format!("{at}/"))
            })
            .max_by_key(|(at, _)| at.as_str().len());
        match opaque {
            Some((at, member)) => (self.pointers.original(at), member.as_deref()),
            None => (self.pointers.original(converted), None),
        }
    }
}

/// Why a legacy document cannot be read: a `setting` string that is not JSON, or a member of
/// the wrong type; located at the member.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct LegacyError {
    /// What is wrong, and where inside the string.
    pub message: String,
    /// Where in the legacy file.
    pub pointer: Pointer,
}

/// `None` when `value` holds no legacy document; otherwise the conversion.
pub fn convert(value: &Value) -> Option<Result<Converted, LegacyError>> {
    let mut out = Converted {
        value: Value::Null,
        pointers: PointerMap::default(),
        inner: Vec::new(),
        enablement: Vec::new(),
        documents: Vec::new(),
    };
    let items: Vec<(Pointer, &Value)> = match value {
        Value::Object(obj) => {
            if let Some(Value::Array(list)) = get(obj, "value") {
                let first = list.first()?.as_object()?;
                api_of(first)?;
                let key = key_of(obj, "value").unwrap_or("value");
                list.iter()
                    .enumerate()
                    .map(|(i, v)| (Pointer::root().key(key).index(i), v))
                    .collect()
            } else {
                api_of(obj)?;
                vec![(Pointer::root(), value)]
            }
        }
        Value::Array(list) => {
            api_of(list.first()?.as_object()?)?;
            list.iter()
                .enumerate()
                .map(|(i, v)| (Pointer::root().index(i), v))
                .collect()
        }
        _ => return None,
    };
    let context = value
        .as_object()
        .and_then(|o| get(o, "@odata.context"))
        .and_then(Value::as_str);
    let single = matches!(value, Value::Object(o) if get(o, "value").is_none());
    let mut converted = Vec::with_capacity(items.len());
    for (i, (at, item)) in items.into_iter().enumerate() {
        let base = if single {
            Pointer::root()
        } else {
            Pointer::root().index(i)
        };
        let Some(obj) = item.as_object() else {
            out.pointers.link(&base, &at);
            converted.push(item.clone());
            continue;
        };
        let Some((api, obj, at)) = api_of(obj).map(|(api, nested)| match nested {
            Some(key) => (
                api,
                get(obj, key).and_then(Value::as_object).unwrap_or(obj),
                at.key(key),
            ),
            None => (api, obj, at.clone()),
        }) else {
            out.pointers.link(&base, &at);
            converted.push(item.clone());
            continue;
        };
        let provider = provider_of(obj, context);
        let mut doc = Doc {
            base: base.clone(),
            at: at.clone(),
            provider,
            links: Vec::new(),
            inner: Vec::new(),
            enablement: Vec::new(),
            not_carried: Vec::new(),
        };
        let value = match doc.convert(api, obj) {
            Ok(v) => v,
            Err(e) => return Some(Err(e)),
        };
        out.pointers.link(&base, &at);
        for (c, o) in &doc.links {
            out.pointers.link(c, o);
        }
        out.inner.extend(doc.inner);
        out.enablement.extend(doc.enablement);
        out.documents.push(LegacyDocument {
            pointer: at,
            api,
            provider,
            role_definition_id: text(obj, "roleDefinitionId")
                .or_else(|| text(obj, "roleId"))
                .or_else(|| {
                    (api == Api::Iteration1Settings)
                        .then(|| text(obj, "id"))
                        .flatten()
                })
                .map(str::to_owned),
            converted: value.clone(),
            not_carried: doc.not_carried,
        });
        converted.push(value);
    }
    out.value = if single {
        converted.pop().unwrap_or(Value::Null)
    } else {
        Value::Array(converted)
    };
    Some(Ok(out))
}

// ---------------------------------------------------------------------------------------------
// Recognition

/// The member `name`, matched case-insensitively (`AzureADPreview` writes PascalCase).
fn get<'a>(obj: &'a Map<String, Value>, name: &str) -> Option<&'a Value> {
    obj.get(name).or_else(|| {
        obj.iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v)
    })
}

/// The key as written for `name`.
fn key_of<'a>(obj: &'a Map<String, Value>, name: &str) -> Option<&'a str> {
    obj.keys()
        .find(|k| k.eq_ignore_ascii_case(name))
        .map(String::as_str)
}

fn text<'a>(obj: &'a Map<String, Value>, name: &str) -> Option<&'a str> {
    get(obj, name).and_then(Value::as_str)
}

const SETTING_LISTS: [&str; 4] = [
    "adminEligibleSettings",
    "adminMemberSettings",
    "userEligibleSettings",
    "userMemberSettings",
];

const ITERATION1_SETTINGS: [&str; 5] = [
    "elevationDuration",
    "mfaOnElevation",
    "ticketingInfoOnElevation",
    "approvalOnElevation",
    "notificationToUserOnElevation",
];

const REQUEST_TYPES: [&str; 9] = [
    "AdminAdd",
    "UserAdd",
    "AdminUpdate",
    "AdminRemove",
    "UserRemove",
    "AdminExtend",
    "UserExtend",
    "AdminRenew",
    "UserRenew",
];

/// The API of a legacy object, and the member holding it when it is nested (an iteration 1
/// `privilegedRole` with its `settings` expanded).
fn api_of(obj: &Map<String, Value>) -> Option<(Api, Option<&'static str>)> {
    // An iteration-3 document is never legacy, whatever else it carries.
    if obj.contains_key("rules") || obj.contains_key("properties") {
        return None;
    }
    let odata = text(obj, "@odata.type").unwrap_or_default();
    let has = |k: &str| get(obj, k).is_some();
    if odata.contains("governanceRoleSetting") || SETTING_LISTS.iter().any(|k| has(k)) {
        return Some((Api::Iteration2Settings, None));
    }
    if odata.contains("privilegedRoleSettings") || ITERATION1_SETTINGS.iter().any(|k| has(k)) {
        return Some((Api::Iteration1Settings, None));
    }
    if get(obj, "settings")
        .and_then(Value::as_object)
        .is_some_and(|s| ITERATION1_SETTINGS.iter().any(|k| get(s, k).is_some()))
    {
        return Some((Api::Iteration1Settings, Some("settings")));
    }
    let legacy_type = text(obj, "type").is_some_and(|t| REQUEST_TYPES.contains(&t));
    if odata.contains("privilegedRoleAssignmentRequest")
        || (legacy_type && has("roleId") && has("userId"))
    {
        return Some((Api::Iteration1Request, None));
    }
    if odata.contains("governanceRoleAssignmentRequest")
        || (has("assignmentState") && (legacy_type || has("subjectId")))
    {
        return Some((Api::Iteration2Request, None));
    }
    None
}

fn provider_of(obj: &Map<String, Value>, list_context: Option<&str>) -> Provider {
    let context = text(obj, "@odata.context").or(list_context).unwrap_or("");
    let lower = context.to_ascii_lowercase();
    if lower.contains("azureresources") {
        return Provider::AzureResources;
    }
    if lower.contains("aadroles") || lower.contains("privilegedrole") {
        return Provider::EntraRoles;
    }
    let resource_type = get(obj, "resource")
        .and_then(Value::as_object)
        .and_then(|r| text(r, "type"))
        .unwrap_or("")
        .to_ascii_lowercase();
    if [
        "subscription",
        "resourcegroup",
        "managementgroup",
        "resource",
    ]
    .iter()
    .any(|t| resource_type == *t)
    {
        Provider::AzureResources
    } else {
        Provider::EntraRoles
    }
}

// ---------------------------------------------------------------------------------------------
// Conversion

/// One document being converted: the links it makes, relative to nothing (full pointers).
struct Doc {
    /// Where the converted document is in the converted value.
    base: Pointer,
    /// Where the legacy document is in the input.
    at: Pointer,
    provider: Provider,
    links: Vec<(Pointer, Pointer)>,
    inner: Vec<(Pointer, Option<String>)>,
    enablement: Vec<(Pointer, Vec<Source>)>,
    not_carried: Vec<NotCarried>,
}

/// Where an enabled rule (`MultiFactorAuthentication`) comes from: the legacy member, and
/// the member inside its `setting` string.
type Source = (&'static str, Pointer, Option<String>);

/// A converted rule and where its parts come from (paths relative to the rule).
struct RuleOut {
    value: Value,
    origin: Pointer,
    members: Vec<(&'static str, Pointer, Option<String>)>,
    /// For an enablement rule, where each of its enabled rules comes from.
    sources: Vec<Source>,
}

fn path(base: &Pointer, relative: &str) -> Pointer {
    relative
        .split('/')
        .filter(|t| !t.is_empty())
        .fold(base.clone(), |p, t| p.key(t))
}

impl Doc {
    fn convert(&mut self, api: Api, obj: &Map<String, Value>) -> Result<Value, LegacyError> {
        match api {
            Api::Iteration1Settings => {
                let rules = self.iteration1(obj)?;
                Ok(self.policy(rules))
            }
            Api::Iteration2Settings => {
                let rules = self.iteration2(obj)?;
                Ok(self.policy(rules))
            }
            Api::Iteration1Request | Api::Iteration2Request => Ok(self.request(obj)),
        }
    }

    fn ptr(&self, member: &str, obj: &Map<String, Value>) -> Pointer {
        self.at.key(key_of(obj, member).unwrap_or(member))
    }

    fn not_carried(&mut self, pointer: Pointer, setting: &str, why: &str) {
        self.not_carried.push(NotCarried {
            pointer,
            setting: setting.to_owned(),
            why: why.to_owned(),
        });
    }

    /// The policy update holding `rules`, in the provider's shape.
    fn policy(&mut self, rules: Vec<RuleOut>) -> Value {
        let rules_at = match self.provider {
            Provider::EntraRoles => self.base.key("rules"),
            Provider::AzureResources => self.base.key("properties").key("rules"),
        };
        let mut values = Vec::with_capacity(rules.len());
        for (i, rule) in rules.into_iter().enumerate() {
            let at = rules_at.index(i);
            self.links.push((at.clone(), rule.origin));
            self.inner.push((at.clone(), None));
            if !rule.sources.is_empty() {
                self.enablement.push((at.key("enabledRules"), rule.sources));
            }
            for (relative, origin, inner) in rule.members {
                let member = path(&at, relative);
                self.links.push((member.clone(), origin));
                self.inner.push((member, inner));
            }
            values.push(rule.value);
        }
        match self.provider {
            Provider::EntraRoles => json!({ "rules": values }),
            Provider::AzureResources => json!({ "properties": { "rules": values } }),
        }
    }

    /// A rule of type `kind` (`Expiration`) with id `id`, in the provider's shape.
    fn rule(&self, kind: &str, id: &str, members: Map<String, Value>) -> Value {
        // The rule id ends with the caller and the level (`…_EndUser_Assignment`).
        let mut parts = id.rsplit('_');
        let level = parts.next().unwrap_or("Assignment");
        let caller = parts.next().unwrap_or("EndUser");
        let mut out = Map::new();
        match self.provider {
            Provider::EntraRoles => {
                out.insert(
                    "@odata.type".into(),
                    json!(format!(
                        "#microsoft.graph.unifiedRoleManagementPolicy{kind}Rule"
                    )),
                );
                out.insert("id".into(), json!(id));
                out.extend(members);
                out.insert(
                    "target".into(),
                    json!({"caller": caller, "operations": ["All"], "level": level,
                           "inheritableSettings": [], "enforcedSettings": []}),
                );
            }
            Provider::AzureResources => {
                out.insert("id".into(), json!(id));
                out.insert(
                    "ruleType".into(),
                    json!(format!("RoleManagementPolicy{kind}Rule")),
                );
                out.extend(members);
                out.insert(
                    "target".into(),
                    json!({"caller": caller, "operations": ["All"], "level": level,
                           "targetObjects": null, "inheritableSettings": null,
                           "enforcedSettings": null}),
                );
            }
        }
        Value::Object(out)
    }

    fn approval(&self, required: bool, approvers: &[(String, bool, Option<String>)]) -> Value {
        let primary: Vec<Value> = approvers
            .iter()
            .map(|(id, group, name)| match (self.provider, group) {
                (Provider::EntraRoles, false) => {
                    json!({"@odata.type": "#microsoft.graph.singleUser", "userId": id})
                }
                (Provider::EntraRoles, true) => {
                    json!({"@odata.type": "#microsoft.graph.groupMembers", "groupId": id})
                }
                (Provider::AzureResources, group) => json!({
                    "id": id,
                    "description": name,
                    "isBackup": false,
                    "userType": if *group { "Group" } else { "User" },
                }),
            })
            .collect();
        let escalation = match self.provider {
            Provider::EntraRoles => json!([]),
            Provider::AzureResources => Value::Null,
        };
        let mut setting = Map::new();
        setting.insert(
            "setting".into(),
            json!({
                "isApprovalRequired": required,
                "isApprovalRequiredForExtension": false,
                "isRequestorJustificationRequired": true,
                "approvalMode": "SingleStage",
                "approvalStages": [{
                    "approvalStageTimeOutInDays": 1,
                    "isApproverJustificationRequired": true,
                    "escalationTimeInMinutes": 0,
                    "isEscalationEnabled": false,
                    "primaryApprovers": primary,
                    "escalationApprovers": escalation,
                }],
            }),
        );
        self.rule("Approval", "Approval_EndUser_Assignment", setting)
    }

    // -- iteration 1 ---------------------------------------------------------------------

    fn iteration1(&mut self, obj: &Map<String, Value>) -> Result<Vec<RuleOut>, LegacyError> {
        let mut rules = Vec::new();
        let flag = |this: &Self, name: &str| -> Result<Option<(bool, Pointer)>, LegacyError> {
            match get(obj, name) {
                None | Some(Value::Null) => Ok(None),
                Some(Value::Bool(b)) => Ok(Some((*b, this.ptr(name, obj)))),
                Some(other) => Err(type_error(
                    &this.ptr(name, obj),
                    name,
                    other,
                    "true or false",
                )),
            }
        };
        if let Some(v) = get(obj, "elevationDuration").filter(|v| !v.is_null()) {
            let at = self.ptr("elevationDuration", obj);
            let duration = match v {
                Value::Number(n) => n.as_u64().map(|h| format!("PT{h}H")).ok_or_else(|| {
                    type_error(&at, "elevationDuration", v, "a whole number of hours")
                })?,
                Value::String(s) => timespan(s).unwrap_or_else(|| s.clone()),
                other => return Err(type_error(&at, "elevationDuration", other, "a duration")),
            };
            let mut m = Map::new();
            m.insert("isExpirationRequired".into(), json!(true));
            m.insert("maximumDuration".into(), json!(duration));
            rules.push(RuleOut {
                value: self.rule("Expiration", "Expiration_EndUser_Assignment", m),
                origin: at.clone(),
                members: vec![("maximumDuration", at, None)],
                sources: Vec::new(),
            });
        }
        let mfa = flag(self, "mfaOnElevation")?;
        let ticket = flag(self, "ticketingInfoOnElevation")?;
        if mfa.is_some() || ticket.is_some() {
            let mut enabled = Vec::new();
            if mfa.as_ref().is_some_and(|(b, _)| *b) {
                enabled.push("MultiFactorAuthentication");
            }
            if ticket.as_ref().is_some_and(|(b, _)| *b) {
                enabled.push("Ticketing");
            }
            let mut sources = Vec::new();
            if let Some((_, p)) = &mfa {
                sources.push(("MultiFactorAuthentication", p.clone(), None));
            }
            if let Some((_, p)) = &ticket {
                sources.push(("Ticketing", p.clone(), None));
            }
            // Iteration 1 has no justification setting: a finding about it points at the
            // settings object.
            sources.push(("Justification", self.at.clone(), None));
            let origin = if sources.len() == 2 {
                sources[0].1.clone()
            } else {
                self.at.clone()
            };
            let mut m = Map::new();
            m.insert("enabledRules".into(), json!(enabled));
            rules.push(RuleOut {
                value: self.rule("Enablement", "Enablement_EndUser_Assignment", m),
                origin: origin.clone(),
                members: vec![("enabledRules", origin, None)],
                sources,
            });
        }
        if let Some((required, at)) = flag(self, "approvalOnElevation")? {
            let approvers = match get(obj, "approverIds") {
                Some(Value::Array(ids)) => ids
                    .iter()
                    .filter_map(Value::as_str)
                    .map(|id| (id.to_owned(), false, None))
                    .collect(),
                _ => Vec::new(),
            };
            if !approvers.is_empty() {
                let p = self.ptr("approverIds", obj);
                self.not_carried(
                    p,
                    "approverIds",
                    "iteration 1 does not say whether an approver id is a user or a group; \
                     each is carried over as a user (singleUser); change a group to groupMembers",
                );
            }
            let approvers_at = get(obj, "approverIds").map(|_| self.ptr("approverIds", obj));
            let mut members = vec![("setting/isApprovalRequired", at.clone(), None)];
            if let Some(p) = approvers_at {
                members.push(("setting/approvalStages/0/primaryApprovers", p, None));
            }
            rules.push(RuleOut {
                value: self.approval(required, &approvers),
                origin: at,
                members,
                sources: Vec::new(),
            });
        }
        if let Some((on, at)) = flag(self, "notificationToUserOnElevation")? {
            let mut m = Map::new();
            m.insert("notificationType".into(), json!("Email"));
            m.insert("recipientType".into(), json!("Requestor"));
            m.insert("notificationLevel".into(), json!("All"));
            m.insert("isDefaultRecipientsEnabled".into(), json!(on));
            m.insert("notificationRecipients".into(), json!([]));
            rules.push(RuleOut {
                value: self.rule(
                    "Notification",
                    "Notification_Requestor_EndUser_Assignment",
                    m,
                ),
                origin: at.clone(),
                members: vec![("isDefaultRecipientsEnabled", at, None)],
                sources: Vec::new(),
            });
        }
        for (name, why) in [
            (
                "minElevationDuration",
                "iteration 3 has no minimum activation duration",
            ),
            (
                "maxElavationDuration",
                "the service's own cap on elevationDuration; iteration 3 caps \
                 maximumDuration itself (PT24H for an activation)",
            ),
            (
                "isMfaOnElevationConfigurable",
                "read-only; iteration 3 lets every role require MFA",
            ),
            ("lastGlobalAdmin", "internal to the service"),
        ] {
            if get(obj, name).is_some() {
                let p = self.ptr(name, obj);
                self.not_carried(p, name, why);
            }
        }
        Ok(rules)
    }

    // -- iteration 2 ---------------------------------------------------------------------

    fn iteration2(&mut self, obj: &Map<String, Value>) -> Result<Vec<RuleOut>, LegacyError> {
        let mut rules = Vec::new();
        for list_name in SETTING_LISTS {
            let Some(list) = get(obj, list_name) else {
                continue;
            };
            let list_at = self.ptr(list_name, obj);
            let Value::Array(entries) = list else {
                if list.is_null() {
                    continue;
                }
                return Err(type_error(
                    &list_at,
                    list_name,
                    list,
                    "a list of rule settings",
                ));
            };
            // Enablement collects three legacy rules into one iteration-3 rule.
            let mut enablement: Vec<&'static str> = Vec::new();
            let mut sources: Vec<Source> = Vec::new();
            for (i, entry) in entries.iter().enumerate() {
                let at = list_at.index(i);
                let Some(entry) = entry.as_object() else {
                    return Err(type_error(
                        &at,
                        list_name,
                        entry,
                        "a {ruleIdentifier, setting} object",
                    ));
                };
                let rule_id = text(entry, "ruleIdentifier").unwrap_or("");
                let setting_key = key_of(entry, "setting").unwrap_or("setting");
                let setting_at = at.key(setting_key);
                let setting = decode_setting(entry, &setting_at, rule_id)?;
                let field = |name: &str| get(&setting, name).filter(|v| !v.is_null());
                let flag = |name: &str| -> Result<Option<bool>, LegacyError> {
                    match field(name) {
                        None => Ok(None),
                        Some(Value::Bool(b)) => Ok(Some(*b)),
                        Some(other) => Err(inner_type_error(
                            &setting_at,
                            rule_id,
                            name,
                            other,
                            "true or false",
                        )),
                    }
                };
                let target = match (list_name, rule_id) {
                    ("userEligibleSettings", _) => {
                        self.not_carried(
                            at,
                            &format!("userEligibleSettings/{rule_id}"),
                            "users cannot request eligibility in iteration 3 (the docs call \
                             this list not supported); nothing to carry over",
                        );
                        continue;
                    }
                    (_, "ExpirationRule") => match list_name {
                        "adminEligibleSettings" => "Expiration_Admin_Eligibility",
                        "adminMemberSettings" => "Expiration_Admin_Assignment",
                        _ => "Expiration_EndUser_Assignment",
                    },
                    (_, "MfaRule" | "JustificationRule" | "TicketingRule") => {
                        let (member, name) = match rule_id {
                            "MfaRule" => ("mfaRequired", "MultiFactorAuthentication"),
                            "JustificationRule" => ("required", "Justification"),
                            _ => ("ticketingRequired", "Ticketing"),
                        };
                        if flag(member)? == Some(true) {
                            enablement.push(name);
                        }
                        sources.push((name, setting_at.clone(), Some(member.to_owned())));
                        continue;
                    }
                    ("userMemberSettings", "ApprovalRule") => "Approval_EndUser_Assignment",
                    ("userMemberSettings", "AcrsRule") => {
                        "AuthenticationContext_EndUser_Assignment"
                    }
                    (_, other) => {
                        let why = match other {
                            "NotificationRule" => {
                                "iteration 2's notification policies do not map one to one onto \
                                 iteration 3's nine Notification_* rules; set those rules anew"
                            }
                            "ApprovalRule" => {
                                "iteration 3 approves activations only (Approval_EndUser_Assignment)"
                            }
                            _ => "no iteration-3 rule corresponds to it",
                        };
                        self.not_carried(at, &format!("{list_name}/{other}"), why);
                        continue;
                    }
                };
                match target {
                    "Approval_EndUser_Assignment" => {
                        let required = flag("enabled")?.unwrap_or(false);
                        let approvers = match field("approvers") {
                            None => Vec::new(),
                            Some(Value::Array(list)) => list
                                .iter()
                                .filter_map(Value::as_object)
                                .filter_map(|a| {
                                    let id = text(a, "id")?.to_owned();
                                    let group = text(a, "type")
                                        .is_some_and(|t| t.eq_ignore_ascii_case("group"));
                                    let name = text(a, "displayName").map(str::to_owned);
                                    Some((id, group, name))
                                })
                                .collect(),
                            Some(other) => {
                                return Err(inner_type_error(
                                    &setting_at,
                                    rule_id,
                                    "approvers",
                                    other,
                                    "a list",
                                ));
                            }
                        };
                        rules.push(RuleOut {
                            value: self.approval(required, &approvers),
                            origin: setting_at.clone(),
                            members: vec![
                                (
                                    "setting/isApprovalRequired",
                                    setting_at.clone(),
                                    Some("enabled".into()),
                                ),
                                (
                                    "setting/approvalStages/0/primaryApprovers",
                                    setting_at.clone(),
                                    Some("approvers".into()),
                                ),
                            ],
                            sources: Vec::new(),
                        });
                    }
                    "AuthenticationContext_EndUser_Assignment" => {
                        let enabled = flag("acrsRequired")?.unwrap_or(false);
                        let claim = field("acrs").cloned().unwrap_or(Value::Null);
                        let mut m = Map::new();
                        m.insert("isEnabled".into(), json!(enabled));
                        m.insert("claimValue".into(), claim);
                        rules.push(RuleOut {
                            value: self.rule("AuthenticationContext", target, m),
                            origin: setting_at.clone(),
                            members: vec![
                                ("isEnabled", setting_at.clone(), Some("acrsRequired".into())),
                                ("claimValue", setting_at.clone(), Some("acrs".into())),
                            ],
                            sources: Vec::new(),
                        });
                    }
                    _ => {
                        let permanent = flag("permanentAssignment")?.unwrap_or(false);
                        let minutes = match field("maximumGrantPeriodInMinutes") {
                            None => None,
                            Some(Value::Number(n)) => Some(n.as_u64().ok_or_else(|| {
                                inner_type_error(
                                    &setting_at,
                                    rule_id,
                                    "maximumGrantPeriodInMinutes",
                                    &Value::Number(n.clone()),
                                    "a whole number of minutes",
                                )
                            })?),
                            Some(other) => {
                                return Err(inner_type_error(
                                    &setting_at,
                                    rule_id,
                                    "maximumGrantPeriodInMinutes",
                                    other,
                                    "a number",
                                ));
                            }
                        };
                        let mut m = Map::new();
                        let end_user = target == "Expiration_EndUser_Assignment";
                        m.insert("isExpirationRequired".into(), json!(end_user || !permanent));
                        let mut members = vec![(
                            "isExpirationRequired",
                            setting_at.clone(),
                            Some("permanentAssignment".to_owned()),
                        )];
                        if let Some(minutes) = minutes {
                            m.insert("maximumDuration".into(), json!(minutes_iso(minutes)));
                            members.push((
                                "maximumDuration",
                                setting_at.clone(),
                                Some("maximumGrantPeriodInMinutes".to_owned()),
                            ));
                        }
                        rules.push(RuleOut {
                            value: self.rule("Expiration", target, m),
                            origin: setting_at.clone(),
                            members,
                            sources: Vec::new(),
                        });
                    }
                }
            }
            if !sources.is_empty() {
                // One legacy setting: the rule is that setting; several: the list holds them.
                let (origin, member) = match sources.as_slice() {
                    [(_, at, member)] => (at.clone(), member.clone()),
                    _ => (list_at.clone(), None),
                };
                let id = match list_name {
                    "adminEligibleSettings" => "Enablement_Admin_Eligibility",
                    "adminMemberSettings" => "Enablement_Admin_Assignment",
                    _ => "Enablement_EndUser_Assignment",
                };
                let mut m = Map::new();
                m.insert("enabledRules".into(), json!(enablement));
                rules.push(RuleOut {
                    value: self.rule("Enablement", id, m),
                    origin: origin.clone(),
                    members: vec![("enabledRules", origin, member)],
                    sources,
                });
            }
        }
        Ok(rules)
    }

    // -- requests ------------------------------------------------------------------------

    fn request(&mut self, obj: &Map<String, Value>) -> Value {
        let graph = self.provider == Provider::EntraRoles;
        let mut links: Vec<(&'static str, Pointer)> = Vec::new();
        let mut body = Map::new();
        let state = text(obj, "assignmentState").unwrap_or("Active");
        let eligible = state.eq_ignore_ascii_case("eligible");
        if let Some(kind) = text(obj, "type") {
            let action = match kind {
                "AdminAdd" => Some("adminAssign"),
                "UserAdd" => Some("selfActivate"),
                "AdminUpdate" => Some("adminUpdate"),
                "AdminRemove" => Some("adminRemove"),
                "UserRemove" => Some("selfDeactivate"),
                "AdminExtend" => Some("adminExtend"),
                "UserExtend" => Some("selfExtend"),
                "AdminRenew" => Some("adminRenew"),
                "UserRenew" => Some("selfRenew"),
                _ => None,
            };
            let at = self.ptr("type", obj);
            match action {
                Some(a) if graph => {
                    body.insert("action".into(), json!(a));
                    links.push(("action", at));
                }
                Some(a) => {
                    body.insert("requestType".into(), json!(pascal(a)));
                    links.push(("requestType", at));
                }
                None => self.not_carried(at, "type", "not a request type iteration 3 knows"),
            }
        }
        for (from, to) in [
            ("subjectId", "principalId"),
            ("userId", "principalId"),
            ("roleDefinitionId", "roleDefinitionId"),
            ("roleId", "roleDefinitionId"),
            ("reason", "justification"),
        ] {
            if let Some(v) = get(obj, from).filter(|v| !v.is_null()) {
                body.insert(to.into(), v.clone());
                links.push((to, self.ptr(from, obj)));
            }
        }
        if graph {
            body.insert("directoryScopeId".into(), json!("/"));
        } else {
            let external = get(obj, "roleDefinition")
                .and_then(Value::as_object)
                .and_then(|r| text(r, "externalId"));
            if let Some(external) = external {
                body.insert("roleDefinitionId".into(), json!(external));
                let role_at = self.ptr("roleDefinition", obj);
                let role_obj = get(obj, "roleDefinition").and_then(Value::as_object);
                let key = role_obj
                    .and_then(|r| key_of(r, "externalId"))
                    .unwrap_or("externalId");
                links.push(("roleDefinitionId", role_at.key(key)));
            } else if get(obj, "roleDefinitionId").is_some() {
                let p = self.ptr("roleDefinitionId", obj);
                self.not_carried(
                    p,
                    "roleDefinitionId",
                    "an iteration 2 role definition id is not an ARM role definition id; \
                     use the role's externalId (expand roleDefinition) in the request",
                );
            }
        }
        if let Some(schedule) = get(obj, "schedule").and_then(Value::as_object) {
            let sched_at = self.ptr("schedule", obj);
            let sub = |name: &str| sched_at.key(key_of(schedule, name).unwrap_or(name));
            let mut info = Map::new();
            links.push(("scheduleInfo", sched_at.clone()));
            if let Some(start) = get(schedule, "startDateTime").filter(|v| !v.is_null()) {
                info.insert("startDateTime".into(), start.clone());
                links.push(("scheduleInfo/startDateTime", sub("startDateTime")));
            }
            let end = get(schedule, "endDateTime").filter(|v| !v.is_null());
            let duration = get(schedule, "duration").filter(|v| !v.is_null());
            let (kind, member) = match (end, duration) {
                (Some(e), _) => ("afterDateTime", Some(("endDateTime", e))),
                (None, Some(d)) => ("afterDuration", Some(("duration", d))),
                (None, None) => ("noExpiration", None),
            };
            let mut expiration = Map::new();
            expiration.insert(
                "type".into(),
                json!(if graph { kind.to_owned() } else { pascal(kind) }),
            );
            links.push(("scheduleInfo/expiration", sched_at.clone()));
            if let Some((name, v)) = member {
                expiration.insert(name.into(), v.clone());
                let rel = if name == "duration" {
                    "scheduleInfo/expiration/duration"
                } else {
                    "scheduleInfo/expiration/endDateTime"
                };
                links.push((rel, sub(name)));
            }
            info.insert("expiration".into(), Value::Object(expiration));
            body.insert("scheduleInfo".into(), Value::Object(info));
        }
        let number = get(obj, "ticketNumber").filter(|v| !v.is_null());
        let system = get(obj, "ticketSystem").filter(|v| !v.is_null());
        if number.is_some() || system.is_some() {
            let mut ticket = Map::new();
            if let Some(n) = number {
                ticket.insert("ticketNumber".into(), n.clone());
                links.push(("ticketInfo/ticketNumber", self.ptr("ticketNumber", obj)));
            }
            if let Some(s) = system {
                ticket.insert("ticketSystem".into(), s.clone());
                links.push(("ticketInfo/ticketSystem", self.ptr("ticketSystem", obj)));
            }
            body.insert("ticketInfo".into(), Value::Object(ticket));
        }
        if get(obj, "linkedEligibleRoleAssignmentId").is_some_and(|v| !v.is_null()) {
            let p = self.ptr("linkedEligibleRoleAssignmentId", obj);
            self.not_carried(
                p,
                "linkedEligibleRoleAssignmentId",
                "iteration 3 finds the eligibility itself (ARM: linkedRoleEligibilityScheduleId, \
                 an iteration-3 schedule id)",
            );
        }
        let inner = if graph {
            Pointer::root()
        } else {
            Pointer::root().key("properties")
        };
        for (relative, origin) in links {
            self.links
                .push((self.base.join(&path(&inner, relative)), origin));
        }
        if graph {
            let kind = if eligible {
                "#microsoft.graph.unifiedRoleEligibilityScheduleRequest"
            } else {
                "#microsoft.graph.unifiedRoleAssignmentScheduleRequest"
            };
            let mut out = Map::new();
            out.insert("@odata.type".into(), json!(kind));
            out.extend(body);
            Value::Object(out)
        } else {
            let kind = if eligible {
                "Microsoft.Authorization/roleEligibilityScheduleRequests"
            } else {
                "Microsoft.Authorization/roleAssignmentScheduleRequests"
            };
            json!({ "type": kind, "properties": body })
        }
    }
}

fn pascal(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |c| {
        c.to_ascii_uppercase().to_string() + chars.as_str()
    })
}

/// Minutes as the iteration-3 duration: whole days, else whole hours, else minutes.
fn minutes_iso(minutes: u64) -> String {
    if minutes > 0 && minutes % 1440 == 0 {
        format!("P{}D", minutes / 1440)
    } else if minutes > 0 && minutes % 60 == 0 {
        format!("PT{}H", minutes / 60)
    } else {
        format!("PT{minutes}M")
    }
}

/// A .NET `TimeSpan` (`[d.]hh:mm:ss`) as an ISO 8601 duration; `None` for anything else.
fn timespan(text: &str) -> Option<String> {
    let (days, rest) = match text.split_once('.') {
        Some((d, rest)) if rest.contains(':') => (d.parse::<u64>().ok()?, rest),
        _ => (0, text),
    };
    let mut parts = rest.split(':');
    let h: u64 = parts.next()?.parse().ok()?;
    let m: u64 = parts.next()?.parse().ok()?;
    let s: u64 = parts
        .next()
        .map_or(Some(0), |s| s.split('.').next()?.parse().ok())?;
    if parts.next().is_some() {
        return None;
    }
    let total = ((days * 24 + h) * 60 + m) * 60 + s;
    let mut out = String::from("PT");
    if total % 3600 == 0 {
        let _ = write!(out, "{}H", total / 3600);
    } else if total % 60 == 0 {
        let _ = write!(out, "{}M", total / 60);
    } else {
        let _ = write!(out, "{total}S");
    }
    Some(out)
}

fn describe(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn type_error(at: &Pointer, name: &str, found: &Value, expected: &str) -> LegacyError {
    LegacyError {
        message: format!("`{name}` is {}; expected {expected}", describe(found)),
        pointer: at.clone(),
    }
}

fn inner_type_error(
    at: &Pointer,
    rule: &str,
    name: &str,
    found: &Value,
    expected: &str,
) -> LegacyError {
    LegacyError {
        message: format!(
            "`{name}` inside the `setting` string of {rule} is {}; expected {expected}",
            describe(found)
        ),
        pointer: at.clone(),
    }
}

/// The decoded `setting` of an iteration 2 rule setting: a JSON string holding an object (an
/// object already decoded is taken as it is).
fn decode_setting(
    entry: &Map<String, Value>,
    at: &Pointer,
    rule: &str,
) -> Result<Map<String, Value>, LegacyError> {
    let rule = if rule.is_empty() { "a rule" } else { rule };
    match get(entry, "setting") {
        None | Some(Value::Null) => Ok(Map::new()),
        Some(Value::Object(obj)) => Ok(obj.clone()),
        Some(Value::String(s)) => match serde_json::from_str::<Value>(s) {
            Ok(Value::Object(obj)) => Ok(obj),
            Ok(other) => Err(LegacyError {
                message: format!(
                    "the `setting` string of {rule} holds {}; expected a JSON object such as \
                     {{\"mfaRequired\":true}}",
                    describe(&other)
                ),
                pointer: at.clone(),
            }),
            Err(e) => {
                let full = e.to_string();
                let what = full
                    .rsplit_once(" at line ")
                    .map_or(full.as_str(), |(m, _)| m);
                Err(LegacyError {
                    message: format!(
                        "the `setting` string of {rule} is not valid JSON: {what}, at \
                         character {} of the string",
                        char_offset(s, e.line(), e.column())
                    ),
                    pointer: at.clone(),
                })
            }
        },
        Some(other) => Err(LegacyError {
            message: format!(
                "the `setting` of {rule} is {}; expected a JSON string",
                describe(other)
            ),
            pointer: at.clone(),
        }),
    }
}

/// The 1-based character offset in `text` of `serde_json`'s line and byte column.
fn char_offset(text: &str, line: usize, column: usize) -> usize {
    let start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    let byte = (start + column).min(text.len());
    let byte = (0..=byte)
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0);
    text[..byte].chars().count().max(1)
}

// ---------------------------------------------------------------------------------------------
// Migration: the iteration-3 calls that replace a legacy file

/// One iteration-3 call.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Call {
    /// `PATCH`, `POST` or `PUT`.
    pub method: &'static str,
    /// The URL, with `{placeholders}` for what the legacy document does not say.
    pub url: String,
    /// The request body.
    pub body: Value,
}

/// What replaces one legacy document.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Migrated {
    /// Where the legacy document is in the input.
    pub pointer: Pointer,
    /// Which API it belongs to.
    pub api: Api,
    /// Which provider it is about.
    pub provider: Provider,
    /// The legacy API, its retirement and its replacement, in words.
    pub source: String,
    /// How to fill in the URLs' placeholders.
    pub note: String,
    /// The iteration-3 calls, in order.
    pub calls: Vec<Call>,
    /// What has no iteration-3 counterpart.
    pub not_carried: Vec<NotCarried>,
}

/// The iteration-3 calls for every legacy document of a converted file.
#[must_use]
pub fn migration(converted: &Converted) -> Vec<Migrated> {
    converted
        .documents
        .iter()
        .map(|doc| {
            let role = doc.role_definition_id.as_deref().unwrap_or("{roleDefinitionId}");
            let (calls, note) = match (doc.api, doc.provider) {
                (Api::Iteration1Settings | Api::Iteration2Settings, Provider::EntraRoles) => {
                    let rules = doc.converted.get("rules").and_then(Value::as_array);
                    let calls = rules
                        .into_iter()
                        .flatten()
                        .map(|rule| Call {
                            method: "PATCH",
                            url: format!(
                                "https://graph.microsoft.com/v1.0/policies/roleManagementPolicies/{{policyId}}/rules/{}",
                                rule.get("id").and_then(Value::as_str).unwrap_or("{ruleId}")
                            ),
                            body: rule.clone(),
                        })
                        .collect();
                    let note = format!(
                        "{{policyId}} is the id of the role's policy: GET \
                         https://graph.microsoft.com/v1.0/policies/roleManagementPolicyAssignments\
                         ?$filter=scopeId eq '/' and scopeType eq 'DirectoryRole' and \
                         roleDefinitionId eq '{role}'"
                    );
                    (calls, note)
                }
                (Api::Iteration1Settings | Api::Iteration2Settings, Provider::AzureResources) => (
                    vec![Call {
                        method: "PATCH",
                        url: "https://management.azure.com/{scope}/providers/Microsoft.Authorization/\
                              roleManagementPolicies/{policyName}?api-version=2020-10-01"
                            .to_owned(),
                        body: doc.converted.clone(),
                    }],
                    format!(
                        "{{scope}} is the resource the legacy setting is on (its resourceId \
                         {}); {{policyName}} comes from GET \
                         https://management.azure.com/{{scope}}/providers/Microsoft.Authorization/\
                         roleManagementPolicyAssignments?api-version=2020-10-01&$filter=\
                         roleDefinitionId eq '{{scope}}/providers/Microsoft.Authorization/\
                         roleDefinitions/{{roleDefinitionGuid}}' (legacy role {role})",
                        "as the iteration 2 governanceResource names it"
                    ),
                ),
                (Api::Iteration1Request | Api::Iteration2Request, Provider::EntraRoles) => {
                    let eligible = doc
                        .converted
                        .get("@odata.type")
                        .and_then(Value::as_str)
                        .is_some_and(|t| t.contains("Eligibility"));
                    let collection = if eligible {
                        "roleEligibilityScheduleRequests"
                    } else {
                        "roleAssignmentScheduleRequests"
                    };
                    (
                        vec![Call {
                            method: "POST",
                            url: format!(
                                "https://graph.microsoft.com/v1.0/roleManagement/directory/{collection}"
                            ),
                            body: doc.converted.clone(),
                        }],
                        "directoryScopeId \"/\" is the whole tenant, as an iteration 1 or 2 \
                         aadRoles request was"
                            .to_owned(),
                    )
                }
                (Api::Iteration1Request | Api::Iteration2Request, Provider::AzureResources) => {
                    let collection = doc
                        .converted
                        .get("type")
                        .and_then(Value::as_str)
                        .and_then(|t| t.rsplit('/').next())
                        .unwrap_or("roleAssignmentScheduleRequests")
                        .to_owned();
                    let mut body = doc.converted.clone();
                    if let Some(obj) = body.as_object_mut() {
                        obj.remove("type");
                    }
                    (
                        vec![Call {
                            method: "PUT",
                            url: format!(
                                "https://management.azure.com/{{scope}}/providers/\
                                 Microsoft.Authorization/{collection}/{{newGuid}}\
                                 ?api-version=2020-10-01"
                            ),
                            body,
                        }],
                        format!(
                            "{{scope}} is the resource the legacy request was on; {{newGuid}} is \
                             a new GUID you choose; the body does not say its kind, so lint it \
                             with --kind {}",
                            if collection.starts_with("roleEligibility") {
                                "arm-role-eligibility-request"
                            } else {
                                "arm-role-assignment-request"
                            }
                        ),
                    )
                }
            };
            Migrated {
                pointer: doc.pointer.clone(),
                api: doc.api,
                provider: doc.provider,
                source: format!(
                    "{}, which {}; its replacement is {}",
                    doc.api.describe(doc.provider),
                    doc.api.retirement(),
                    doc.api.replacement(doc.provider)
                ),
                note,
                calls,
                not_carried: doc.not_carried.clone(),
            }
        })
        .collect()
}
