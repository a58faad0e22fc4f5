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

mod iteration1;
mod iteration2;
mod migrate;
mod request;

pub use migrate::{Call, Migrated, migration};

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
                let at = at.text();
                converted.text() == at || converted.text().starts_with(&format!("{at}/"))
            })
            .max_by_key(|(at, _)| at.text().len());
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
    // An iteration-3 document is never legacy, whatever else it carries: a policy has
    // `rules`, a Graph policy assignment `policyId`, an ARM one `properties`.
    if ["rules", "policyId", "properties"]
        .iter()
        .any(|k| obj.contains_key(*k))
    {
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
