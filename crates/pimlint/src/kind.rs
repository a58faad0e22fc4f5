//! What kind of PIM document a JSON value is, and how a file splits into documents.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::pointer::Pointer;

/// The document kinds pimlint reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DocumentKind {
    /// Graph `unifiedRoleManagementPolicy`.
    GraphPolicy,
    /// Graph `unifiedRoleManagementPolicyAssignment` (with or without `policy` expanded).
    GraphPolicyAssignment,
    /// Graph `unifiedRoleAssignmentScheduleRequest`.
    GraphRoleAssignmentRequest,
    /// Graph `unifiedRoleEligibilityScheduleRequest`.
    GraphRoleEligibilityRequest,
    /// Graph `privilegedAccessGroupAssignmentScheduleRequest`.
    GraphGroupAssignmentRequest,
    /// Graph `privilegedAccessGroupEligibilityScheduleRequest`.
    GraphGroupEligibilityRequest,
    /// ARM `Microsoft.Authorization/roleManagementPolicies`.
    ArmPolicy,
    /// ARM `Microsoft.Authorization/roleManagementPolicyAssignments`.
    ArmPolicyAssignment,
    /// ARM `Microsoft.Authorization/roleAssignmentScheduleRequests`.
    ArmRoleAssignmentRequest,
    /// ARM `Microsoft.Authorization/roleEligibilityScheduleRequests`.
    ArmRoleEligibilityRequest,
    /// One Graph `unifiedRoleManagementPolicyRule` (`GET`/`PATCH …/rules/{id}`).
    GraphPolicyRule,
    /// One ARM role management policy rule (an element of `properties.rules`).
    ArmPolicyRule,
    /// A Graph policy update body (beta `PATCH`): only the rules it carries.
    GraphPolicyUpdate,
    /// An ARM policy update body (`PATCH`): only the rules it carries.
    ArmPolicyUpdate,
    /// Graph `unifiedRoleAssignmentSchedule`: a current or future active assignment.
    GraphRoleAssignmentSchedule,
    /// Graph `unifiedRoleAssignmentScheduleInstance`: an active assignment in force now.
    GraphRoleAssignmentScheduleInstance,
    /// Graph `unifiedRoleEligibilitySchedule`: a current or future eligibility.
    GraphRoleEligibilitySchedule,
    /// Graph `unifiedRoleEligibilityScheduleInstance`: an eligibility in force now.
    GraphRoleEligibilityScheduleInstance,
    /// Graph `privilegedAccessGroupAssignmentSchedule`.
    GraphGroupAssignmentSchedule,
    /// Graph `privilegedAccessGroupAssignmentScheduleInstance`.
    GraphGroupAssignmentScheduleInstance,
    /// Graph `privilegedAccessGroupEligibilitySchedule`.
    GraphGroupEligibilitySchedule,
    /// Graph `privilegedAccessGroupEligibilityScheduleInstance`.
    GraphGroupEligibilityScheduleInstance,
    /// Graph `unifiedRoleAssignment`: a role assignment as the directory holds it.
    GraphRoleAssignment,
    /// Graph `unifiedRoleDefinition`.
    GraphRoleDefinition,
    /// Graph (beta) `unifiedRoleManagementAlert`: a PIM alert and whether it fires.
    GraphAlert,
    /// Graph (beta) `unifiedRoleManagementAlertConfiguration` (and its subtypes).
    GraphAlertConfiguration,
    /// Graph (beta) `unifiedRoleManagementAlertDefinition`.
    GraphAlertDefinition,
    /// ARM `Microsoft.Authorization/roleAssignmentSchedules`.
    ArmRoleAssignmentSchedule,
    /// ARM `Microsoft.Authorization/roleAssignmentScheduleInstances`.
    ArmRoleAssignmentScheduleInstance,
    /// ARM `Microsoft.Authorization/roleEligibilitySchedules`.
    ArmRoleEligibilitySchedule,
    /// ARM `Microsoft.Authorization/roleEligibilityScheduleInstances`.
    ArmRoleEligibilityScheduleInstance,
    /// ARM `Microsoft.Authorization/roleAssignments`.
    ArmRoleAssignment,
    /// ARM `Microsoft.Authorization/roleDefinitions`.
    ArmRoleDefinition,
    /// ARM `Microsoft.Authorization/roleManagementAlerts`.
    ArmAlert,
    /// ARM `Microsoft.Authorization/roleManagementAlertConfigurations`.
    ArmAlertConfiguration,
}

impl DocumentKind {
    /// Every kind, in a stable order.
    pub const ALL: [Self; 35] = [
        Self::GraphPolicy,
        Self::GraphPolicyAssignment,
        Self::GraphRoleAssignmentRequest,
        Self::GraphRoleEligibilityRequest,
        Self::GraphGroupAssignmentRequest,
        Self::GraphGroupEligibilityRequest,
        Self::ArmPolicy,
        Self::ArmPolicyAssignment,
        Self::ArmRoleAssignmentRequest,
        Self::ArmRoleEligibilityRequest,
        Self::GraphPolicyRule,
        Self::ArmPolicyRule,
        Self::GraphPolicyUpdate,
        Self::ArmPolicyUpdate,
        Self::GraphRoleAssignmentSchedule,
        Self::GraphRoleAssignmentScheduleInstance,
        Self::GraphRoleEligibilitySchedule,
        Self::GraphRoleEligibilityScheduleInstance,
        Self::GraphGroupAssignmentSchedule,
        Self::GraphGroupAssignmentScheduleInstance,
        Self::GraphGroupEligibilitySchedule,
        Self::GraphGroupEligibilityScheduleInstance,
        Self::GraphRoleAssignment,
        Self::GraphRoleDefinition,
        Self::GraphAlert,
        Self::GraphAlertConfiguration,
        Self::GraphAlertDefinition,
        Self::ArmRoleAssignmentSchedule,
        Self::ArmRoleAssignmentScheduleInstance,
        Self::ArmRoleEligibilitySchedule,
        Self::ArmRoleEligibilityScheduleInstance,
        Self::ArmRoleAssignment,
        Self::ArmRoleDefinition,
        Self::ArmAlert,
        Self::ArmAlertConfiguration,
    ];

    /// The kebab-case name used by `--kind` and in output.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::GraphPolicy => "graph-policy",
            Self::GraphPolicyAssignment => "graph-policy-assignment",
            Self::GraphRoleAssignmentRequest => "graph-role-assignment-request",
            Self::GraphRoleEligibilityRequest => "graph-role-eligibility-request",
            Self::GraphGroupAssignmentRequest => "graph-group-assignment-request",
            Self::GraphGroupEligibilityRequest => "graph-group-eligibility-request",
            Self::ArmPolicy => "arm-policy",
            Self::ArmPolicyAssignment => "arm-policy-assignment",
            Self::ArmRoleAssignmentRequest => "arm-role-assignment-request",
            Self::ArmRoleEligibilityRequest => "arm-role-eligibility-request",
            Self::GraphPolicyRule => "graph-policy-rule",
            Self::ArmPolicyRule => "arm-policy-rule",
            Self::GraphPolicyUpdate => "graph-policy-update",
            Self::ArmPolicyUpdate => "arm-policy-update",
            Self::GraphRoleAssignmentSchedule => "graph-role-assignment-schedule",
            Self::GraphRoleAssignmentScheduleInstance => "graph-role-assignment-schedule-instance",
            Self::GraphRoleEligibilitySchedule => "graph-role-eligibility-schedule",
            Self::GraphRoleEligibilityScheduleInstance => {
                "graph-role-eligibility-schedule-instance"
            }
            Self::GraphGroupAssignmentSchedule => "graph-group-assignment-schedule",
            Self::GraphGroupAssignmentScheduleInstance => {
                "graph-group-assignment-schedule-instance"
            }
            Self::GraphGroupEligibilitySchedule => "graph-group-eligibility-schedule",
            Self::GraphGroupEligibilityScheduleInstance => {
                "graph-group-eligibility-schedule-instance"
            }
            Self::GraphRoleAssignment => "graph-role-assignment",
            Self::GraphRoleDefinition => "graph-role-definition",
            Self::GraphAlert => "graph-alert",
            Self::GraphAlertConfiguration => "graph-alert-configuration",
            Self::GraphAlertDefinition => "graph-alert-definition",
            Self::ArmRoleAssignmentSchedule => "arm-role-assignment-schedule",
            Self::ArmRoleAssignmentScheduleInstance => "arm-role-assignment-schedule-instance",
            Self::ArmRoleEligibilitySchedule => "arm-role-eligibility-schedule",
            Self::ArmRoleEligibilityScheduleInstance => "arm-role-eligibility-schedule-instance",
            Self::ArmRoleAssignment => "arm-role-assignment",
            Self::ArmRoleDefinition => "arm-role-definition",
            Self::ArmAlert => "arm-alert",
            Self::ArmAlertConfiguration => "arm-alert-configuration",
        }
    }

    /// The type name the API documents for it.
    #[must_use]
    pub const fn api_name(self) -> &'static str {
        match self {
            Self::GraphPolicy | Self::GraphPolicyUpdate => "unifiedRoleManagementPolicy",
            Self::GraphPolicyAssignment => "unifiedRoleManagementPolicyAssignment",
            Self::GraphRoleAssignmentRequest => "unifiedRoleAssignmentScheduleRequest",
            Self::GraphRoleEligibilityRequest => "unifiedRoleEligibilityScheduleRequest",
            Self::GraphGroupAssignmentRequest => "privilegedAccessGroupAssignmentScheduleRequest",
            Self::GraphGroupEligibilityRequest => "privilegedAccessGroupEligibilityScheduleRequest",
            Self::ArmPolicy | Self::ArmPolicyUpdate => {
                "Microsoft.Authorization/roleManagementPolicies"
            }
            Self::ArmPolicyAssignment => "Microsoft.Authorization/roleManagementPolicyAssignments",
            Self::ArmRoleAssignmentRequest => {
                "Microsoft.Authorization/roleAssignmentScheduleRequests"
            }
            Self::ArmRoleEligibilityRequest => {
                "Microsoft.Authorization/roleEligibilityScheduleRequests"
            }
            Self::GraphPolicyRule => "unifiedRoleManagementPolicyRule",
            Self::ArmPolicyRule => "RoleManagementPolicyRule",
            Self::GraphRoleAssignmentSchedule => "unifiedRoleAssignmentSchedule",
            Self::GraphRoleAssignmentScheduleInstance => "unifiedRoleAssignmentScheduleInstance",
            Self::GraphRoleEligibilitySchedule => "unifiedRoleEligibilitySchedule",
            Self::GraphRoleEligibilityScheduleInstance => "unifiedRoleEligibilityScheduleInstance",
            Self::GraphGroupAssignmentSchedule => "privilegedAccessGroupAssignmentSchedule",
            Self::GraphGroupAssignmentScheduleInstance => {
                "privilegedAccessGroupAssignmentScheduleInstance"
            }
            Self::GraphGroupEligibilitySchedule => "privilegedAccessGroupEligibilitySchedule",
            Self::GraphGroupEligibilityScheduleInstance => {
                "privilegedAccessGroupEligibilityScheduleInstance"
            }
            Self::GraphRoleAssignment => "unifiedRoleAssignment",
            Self::GraphRoleDefinition => "unifiedRoleDefinition",
            Self::GraphAlert => "unifiedRoleManagementAlert",
            Self::GraphAlertConfiguration => "unifiedRoleManagementAlertConfiguration",
            Self::GraphAlertDefinition => "unifiedRoleManagementAlertDefinition",
            Self::ArmRoleAssignmentSchedule => "Microsoft.Authorization/roleAssignmentSchedules",
            Self::ArmRoleAssignmentScheduleInstance => {
                "Microsoft.Authorization/roleAssignmentScheduleInstances"
            }
            Self::ArmRoleEligibilitySchedule => "Microsoft.Authorization/roleEligibilitySchedules",
            Self::ArmRoleEligibilityScheduleInstance => {
                "Microsoft.Authorization/roleEligibilityScheduleInstances"
            }
            Self::ArmRoleAssignment => "Microsoft.Authorization/roleAssignments",
            Self::ArmRoleDefinition => "Microsoft.Authorization/roleDefinitions",
            Self::ArmAlert => "Microsoft.Authorization/roleManagementAlerts",
            Self::ArmAlertConfiguration => {
                "Microsoft.Authorization/roleManagementAlertConfigurations"
            }
        }
    }

    /// Whether the kind is a schedule request.
    #[must_use]
    pub const fn is_request(self) -> bool {
        matches!(
            self,
            Self::GraphRoleAssignmentRequest
                | Self::GraphRoleEligibilityRequest
                | Self::GraphGroupAssignmentRequest
                | Self::GraphGroupEligibilityRequest
                | Self::ArmRoleAssignmentRequest
                | Self::ArmRoleEligibilityRequest
        )
    }

    /// Whether the kind carries only part of a policy: one rule, or an update body.
    #[must_use]
    pub const fn is_partial_policy(self) -> bool {
        matches!(
            self,
            Self::GraphPolicyRule
                | Self::ArmPolicyRule
                | Self::GraphPolicyUpdate
                | Self::ArmPolicyUpdate
        )
    }

    /// Whether the kind comes from Azure Resource Manager.
    #[must_use]
    pub const fn is_arm(self) -> bool {
        matches!(
            self,
            Self::ArmPolicy
                | Self::ArmPolicyAssignment
                | Self::ArmRoleAssignmentRequest
                | Self::ArmRoleEligibilityRequest
                | Self::ArmPolicyRule
                | Self::ArmPolicyUpdate
                | Self::ArmRoleAssignmentSchedule
                | Self::ArmRoleAssignmentScheduleInstance
                | Self::ArmRoleEligibilitySchedule
                | Self::ArmRoleEligibilityScheduleInstance
                | Self::ArmRoleAssignment
                | Self::ArmRoleDefinition
                | Self::ArmAlert
                | Self::ArmAlertConfiguration
        )
    }

    /// Whether the kind belongs to the tenant view (who holds what, role definitions, alerts)
    /// rather than to policies and requests.
    #[must_use]
    pub const fn is_tenant(self) -> bool {
        (self as u8) >= (Self::GraphRoleAssignmentSchedule as u8)
    }

    /// The kind an `@odata.type` names; rule subtypes (`…ExpirationRule`) are rules.
    fn from_graph_type(odata_type: &str) -> Option<Self> {
        let name = odata_type.trim_start_matches('#');
        let name = name.strip_prefix("microsoft.graph.").unwrap_or(name);
        let lower = name.to_ascii_lowercase();
        if lower.starts_with("unifiedrolemanagementpolicy") && lower.ends_with("rule") {
            return Some(Self::GraphPolicyRule);
        }
        // Each alert has its own configuration subtype (`tooManyGlobalAdminsAssignedToTenant…`).
        if lower.ends_with("alertconfiguration") {
            return Some(Self::GraphAlertConfiguration);
        }
        Self::ALL
            .into_iter()
            .filter(|k| !k.is_arm() && !k.is_partial_policy())
            .find(|k| k.api_name().eq_ignore_ascii_case(name))
    }

    fn from_arm_type(resource_type: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .filter(|k| k.is_arm() && !k.is_partial_policy())
            .find(|k| k.api_name().eq_ignore_ascii_case(resource_type))
    }

    /// The kind named by an ARM resource id (`…/providers/Microsoft.Authorization/<type>/<name>`).
    fn from_arm_id(id: &str) -> Option<Self> {
        let lower = id.to_ascii_lowercase();
        let (_, rest) = lower.rsplit_once("/providers/microsoft.authorization/")?;
        let resource = rest.split('/').next()?;
        Self::from_arm_type(&format!("Microsoft.Authorization/{resource}"))
    }

    /// The kind an `@odata.context` URL describes (entity or collection).
    fn from_context(context: &str) -> Option<Self> {
        let fragment = context.rsplit_once('#').map_or(context, |(_, f)| f);
        // Functions such as `filterByCurrentUser` answer `#Collection(<type>)`.
        if let Some(inner) = fragment.strip_prefix("Collection(") {
            let name = inner.split(')').next().unwrap_or(inner);
            return Self::from_graph_type(name);
        }
        // Strip `(…)` select/expand annotations and `/$entity`.
        let mut path = String::with_capacity(fragment.len());
        let mut depth = 0usize;
        for c in fragment.chars() {
            match c {
                '(' => depth += 1,
                ')' => depth = depth.saturating_sub(1),
                _ if depth == 0 => path.push(c),
                _ => {}
            }
        }
        let path = path.trim_end_matches("/$entity");
        let last = path.rsplit('/').next()?;
        let group = path.contains("privilegedAccess/group");
        Some(match last {
            "rules" | "effectiveRules" if path.contains("roleManagementPolic") => {
                Self::GraphPolicyRule
            }
            "roleManagementPolicies" => Self::GraphPolicy,
            "roleManagementPolicyAssignments" => Self::GraphPolicyAssignment,
            "assignmentScheduleRequests" if group => Self::GraphGroupAssignmentRequest,
            "eligibilityScheduleRequests" if group => Self::GraphGroupEligibilityRequest,
            "roleAssignmentScheduleRequests" => Self::GraphRoleAssignmentRequest,
            "roleEligibilityScheduleRequests" => Self::GraphRoleEligibilityRequest,
            other => return crate::tenant::kinds::from_context_segment(other, group),
        })
    }
}

impl fmt::Display for DocumentKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for DocumentKind {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| {
                let names: Vec<&str> = Self::ALL.iter().map(|k| k.as_str()).collect();
                let nearest = crate::suggest::nearest(s, names.iter().copied())
                    .map(|n| format!("; did you mean {n}?"))
                    .unwrap_or_default();
                format!(
                    "unknown document kind {s:?}{nearest} (kinds: {})",
                    names.join(", ")
                )
            })
    }
}

/// Why a JSON value could not be recognised as a PIM document.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct KindError {
    /// What was looked for and what to do.
    pub message: String,
}

fn json_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

const SELF_ASSIGNMENT_ACTIONS: [&str; 2] = ["selfactivate", "selfdeactivate"];

/// Decides the kind of one document. `hint` comes from an enclosing list's `@odata.context`.
pub fn detect(value: &Value, hint: Option<DocumentKind>) -> Result<DocumentKind, KindError> {
    let Value::Object(obj) = value else {
        return Err(KindError {
            message: format!(
                "expected a PIM document (a JSON object), found {}",
                json_type(value)
            ),
        });
    };
    let str_of = |key: &str| obj.get(key).and_then(Value::as_str);
    // Some of the Graph docs' examples put a URL in `@odata.type`; it names no type, so the
    // context and the shape decide, as when it is absent.
    let odata_type = str_of("@odata.type");
    if let Some(kind) = odata_type
        .filter(|t| t.contains("://"))
        .and_then(DocumentKind::from_context)
    {
        return Ok(kind);
    }
    if let Some(t) = odata_type.filter(|t| !t.contains("://")) {
        return DocumentKind::from_graph_type(t)
            .map(|kind| whole_or_update(kind, obj))
            .ok_or_else(|| KindError {
                message: format!(
                    "@odata.type {t:?} is not a PIM document type pimlint reads (policies, \
                     policy rules, policy assignments, schedule requests, schedules and \
                     instances, role assignments, role definitions and PIM alerts)"
                ),
            });
    }
    if let Some(kind) = str_of("@odata.context").and_then(DocumentKind::from_context) {
        return Ok(kind);
    }
    if let Some(kind) = str_of("type").and_then(DocumentKind::from_arm_type) {
        return Ok(whole_or_update(kind, obj));
    }
    if let Some(kind) = str_of("id").and_then(DocumentKind::from_arm_id) {
        return Ok(kind);
    }
    if let Some(kind) = hint {
        return Ok(kind);
    }
    detect_by_shape(obj).map(|kind| whole_or_update(kind, obj))
}

/// A policy body with neither an id nor a scope is an update (a `PATCH` body), which carries
/// only the rules it changes; anything that says which policy it is claims to be whole.
fn whole_or_update(kind: DocumentKind, obj: &serde_json::Map<String, Value>) -> DocumentKind {
    let given = |v: Option<&Value>| v.is_some_and(|v| !v.is_null());
    let has = |key: &str| given(obj.get(key));
    match kind {
        DocumentKind::GraphPolicy if !(has("id") || has("scopeId") || has("@odata.context")) => {
            DocumentKind::GraphPolicyUpdate
        }
        DocumentKind::ArmPolicy
            if !(has("id")
                || has("name")
                || given(obj.get("properties").and_then(|p| p.get("scope")))) =>
        {
            DocumentKind::ArmPolicyUpdate
        }
        other => other,
    }
}

/// A bare rule object: one of the 17 ids, or a rule discriminator, with a `target`.
fn rule_kind(obj: &serde_json::Map<String, Value>) -> Option<DocumentKind> {
    let str_of = |key: &str| obj.get(key).and_then(Value::as_str);
    if str_of("ruleType").is_some_and(|t| t.starts_with("RoleManagementPolicy")) {
        return Some(DocumentKind::ArmPolicyRule);
    }
    let is_rule_id = str_of("id").is_some_and(|id| crate::model::RuleId::parse(id).is_some());
    (is_rule_id && obj.contains_key("target")).then_some(DocumentKind::GraphPolicyRule)
}

fn detect_by_shape(obj: &serde_json::Map<String, Value>) -> Result<DocumentKind, KindError> {
    let has = |key: &str| obj.contains_key(key);
    if let Some(kind) = rule_kind(obj) {
        return Ok(kind);
    }
    if let Some(kind) = crate::tenant::kinds::from_shape(obj) {
        return Ok(kind);
    }
    if let Some(Value::Object(props)) = obj.get("properties") {
        let has_prop = |key: &str| props.contains_key(key);
        if has_prop("rules") || (has_prop("effectiveRules") && !has_prop("policyId")) {
            return Ok(DocumentKind::ArmPolicy);
        }
        if has_prop("policyId") {
            return Ok(DocumentKind::ArmPolicyAssignment);
        }
        if let Some(request_type) = props.get("requestType") {
            if has_prop("linkedRoleEligibilityScheduleId")
                || has_prop("targetRoleAssignmentScheduleId")
                || has_prop("targetRoleAssignmentScheduleInstanceId")
            {
                return Ok(DocumentKind::ArmRoleAssignmentRequest);
            }
            if has_prop("targetRoleEligibilityScheduleId")
                || has_prop("targetRoleEligibilityScheduleInstanceId")
            {
                return Ok(DocumentKind::ArmRoleEligibilityRequest);
            }
            let rt = request_type.as_str().unwrap_or_default();
            if SELF_ASSIGNMENT_ACTIONS.contains(&rt.to_ascii_lowercase().as_str()) {
                return Ok(DocumentKind::ArmRoleAssignmentRequest);
            }
            return Err(ambiguous(rt, "arm-role"));
        }
    }
    if has("rules") || (has("effectiveRules") && !has("policyId")) {
        return Ok(DocumentKind::GraphPolicy);
    }
    if has("policyId") && (has("roleDefinitionId") || has("policy")) {
        return Ok(DocumentKind::GraphPolicyAssignment);
    }
    // A policy fetched without `$expand=rules` has its scope members and no rules.
    if has("scopeType") && (has("isOrganizationDefault") || has("lastModifiedDateTime")) {
        return Ok(DocumentKind::GraphPolicy);
    }
    if let Some(action) = obj.get("action") {
        let action = action.as_str().unwrap_or_default();
        let self_assignment =
            SELF_ASSIGNMENT_ACTIONS.contains(&action.to_ascii_lowercase().as_str());
        if has("accessId") || has("groupId") {
            if self_assignment {
                return Ok(DocumentKind::GraphGroupAssignmentRequest);
            }
            return Err(ambiguous(action, "graph-group"));
        }
        if self_assignment {
            return Ok(DocumentKind::GraphRoleAssignmentRequest);
        }
        return Err(ambiguous(action, "graph-role"));
    }
    let mut members: Vec<&str> = obj.keys().map(String::as_str).take(8).collect();
    if obj.len() > members.len() {
        members.push("…");
    }
    Err(KindError {
        message: format!(
            "not a PIM document pimlint recognises: looked for @odata.type, @odata.context, an \
             ARM `type` or `id`, and the members of a policy (`rules`), a policy assignment \
             (`policyId`) or a schedule request (`action`, `properties.requestType`); found \
             members: {}. Give its kind (`--kind`, or the `kind` option of the Python and JavaScript APIs) to say what it is",
            if members.is_empty() {
                "none".to_owned()
            } else {
                members.join(", ")
            }
        ),
    })
}

fn ambiguous(action: &str, family: &str) -> KindError {
    let example = if family == "arm-role" {
        "add \"type\": \"Microsoft.Authorization/roleEligibilityScheduleRequests\" (or \
         …/roleAssignmentScheduleRequests)"
    } else if family == "graph-group" {
        "add \"@odata.type\": \"#microsoft.graph.privilegedAccessGroupEligibilityScheduleRequest\" \
         (or …AssignmentScheduleRequest)"
    } else {
        "add \"@odata.type\": \"#microsoft.graph.unifiedRoleEligibilityScheduleRequest\" (or \
         …AssignmentScheduleRequest)"
    };
    KindError {
        message: format!(
            "the request with action {action:?} can be an assignment request or an eligibility \
             request, and nothing in it says which: {example}, or pass --kind {family}-assignment-request / \
             --kind {family}-eligibility-request"
        ),
    }
}

/// One document inside a file: where it is, and a kind hint from its container.
#[derive(Debug)]
pub struct DocumentSlot<'v> {
    /// Pointer to the document in the file.
    pub pointer: Pointer,
    /// The document.
    pub value: &'v Value,
    /// The kind the enclosing list's `@odata.context` names, if any.
    pub hint: Option<DocumentKind>,
    /// The enclosing list's `@odata.context` (it says what `$select` left out).
    pub context: Option<&'v str>,
}

/// Splits a parsed file into its documents: a top-level array, a Graph/ARM list response
/// (`{"value": [...]}`), or a single document.
#[must_use]
pub fn split(value: &Value) -> Vec<DocumentSlot<'_>> {
    match value {
        Value::Array(items) => items
            .iter()
            .enumerate()
            .flat_map(|(i, item)| {
                // An array of list responses (pages) is common in dumps.
                let base = Pointer::root().index(i);
                match list_items(item) {
                    Some((items, hint, context)) => items
                        .iter()
                        .enumerate()
                        .map(|(j, v)| DocumentSlot {
                            pointer: base.key("value").index(j),
                            value: v,
                            hint,
                            context,
                        })
                        .collect::<Vec<_>>(),
                    None => vec![DocumentSlot {
                        pointer: base,
                        value: item,
                        hint: None,
                        context: None,
                    }],
                }
            })
            .collect(),
        _ => match list_items(value) {
            Some((items, hint, context)) => items
                .iter()
                .enumerate()
                .map(|(i, v)| DocumentSlot {
                    pointer: Pointer::root().key("value").index(i),
                    value: v,
                    hint,
                    context,
                })
                .collect(),
            None => vec![DocumentSlot {
                pointer: Pointer::root(),
                value,
                hint: None,
                context: None,
            }],
        },
    }
}

/// The items of a list response, when `value` is one, with the kind and the context its
/// `@odata.context` gives them.
fn list_items(value: &Value) -> Option<(&Vec<Value>, Option<DocumentKind>, Option<&str>)> {
    let obj = value.as_object()?;
    let items = obj.get("value")?.as_array()?;
    // A list response has `value` and paging/context members only.
    let only_list_members = obj
        .keys()
        .all(|k| k == "value" || k == "nextLink" || k.starts_with('@'));
    if !only_list_members {
        return None;
    }
    let context = obj.get("@odata.context").and_then(Value::as_str);
    let hint = context.and_then(DocumentKind::from_context);
    Some((items, hint, context))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn detects_from_odata_type_context_arm_type_and_id() {
        let k = |v: Value| detect(&v, None).unwrap();
        assert_eq!(
            k(json!({"@odata.type": "#microsoft.graph.unifiedRoleEligibilityScheduleRequest"})),
            DocumentKind::GraphRoleEligibilityRequest
        );
        assert_eq!(
            k(
                json!({"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#policies/roleManagementPolicyAssignments(policy(rules()))/$entity"})
            ),
            DocumentKind::GraphPolicyAssignment
        );
        assert_eq!(
            k(
                json!({"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#identityGovernance/privilegedAccess/group/eligibilityScheduleRequests/$entity"})
            ),
            DocumentKind::GraphGroupEligibilityRequest
        );
        assert_eq!(
            k(
                json!({"id": "/subscriptions/x/providers/Microsoft.Authorization/roleManagementPolicies/p", "type": "Microsoft.Authorization/RoleManagementPolicies"})
            ),
            DocumentKind::ArmPolicy
        );
        // A URL in @odata.type (as some Graph docs examples write) is read as a context.
        assert_eq!(
            k(
                json!({"@odata.type": "https://graph.microsoft.com/v1.0/$metadata#identityGovernance/privilegedAccess/group/assignmentScheduleRequests/$entity", "action": "adminAssign"})
            ),
            DocumentKind::GraphGroupAssignmentRequest
        );
        assert_eq!(
            k(
                json!({"@odata.type": "#microsoft.graph.unifiedRoleManagementPolicyExpirationRule", "id": "Expiration_EndUser_Assignment"})
            ),
            DocumentKind::GraphPolicyRule
        );
        assert_eq!(
            k(
                json!({"@odata.context": "https://graph.microsoft.com/beta/$metadata#Collection(unifiedRoleAssignmentScheduleRequest)"})
            ),
            DocumentKind::GraphRoleAssignmentRequest
        );
        assert_eq!(
            k(
                json!({"id": "/subscriptions/x/providers/Microsoft.Authorization/roleEligibilityScheduleRequests/abc"})
            ),
            DocumentKind::ArmRoleEligibilityRequest
        );
    }

    #[test]
    fn detects_from_shape() {
        let k = |v: Value| detect(&v, None);
        // Neither id nor scope: an update body, which carries only the rules it changes.
        assert_eq!(
            k(json!({"rules": []})).unwrap(),
            DocumentKind::GraphPolicyUpdate
        );
        assert_eq!(
            k(json!({"id": "Directory_x", "rules": []})).unwrap(),
            DocumentKind::GraphPolicy
        );
        assert_eq!(
            k(json!({"id": "Enablement_EndUser_Assignment", "ruleType": "RoleManagementPolicyEnablementRule", "target": {}})).unwrap(),
            DocumentKind::ArmPolicyRule
        );
        assert_eq!(
            k(json!({"id": "Enablement_EndUser_Assignment", "target": {}})).unwrap(),
            DocumentKind::GraphPolicyRule
        );
        assert_eq!(
            k(json!({"id": "Directory_x", "scopeId": "/", "scopeType": "Directory", "isOrganizationDefault": false})).unwrap(),
            DocumentKind::GraphPolicy
        );
        assert_eq!(
            k(json!({"properties": {"rules": []}})).unwrap(),
            DocumentKind::ArmPolicyUpdate
        );
        assert_eq!(
            k(json!({"properties": {"scope": "/subscriptions/x", "rules": []}})).unwrap(),
            DocumentKind::ArmPolicy
        );
        assert_eq!(
            k(json!({"policyId": "p", "roleDefinitionId": "r"})).unwrap(),
            DocumentKind::GraphPolicyAssignment
        );
        assert_eq!(
            k(json!({"action": "selfActivate", "roleDefinitionId": "r"})).unwrap(),
            DocumentKind::GraphRoleAssignmentRequest
        );
        assert_eq!(
            k(json!({"action": "selfActivate", "groupId": "g", "accessId": "member"})).unwrap(),
            DocumentKind::GraphGroupAssignmentRequest
        );
        assert_eq!(
            k(json!({"properties": {"requestType": "AdminAssign", "linkedRoleEligibilityScheduleId": "x"}})).unwrap(),
            DocumentKind::ArmRoleAssignmentRequest
        );
    }

    #[test]
    fn explains_what_it_could_not_tell() {
        let err = detect(
            &json!({"action": "adminAssign", "roleDefinitionId": "r"}),
            None,
        )
        .unwrap_err();
        assert!(
            err.message
                .contains("--kind graph-role-eligibility-request"),
            "{err}"
        );
        let err = detect(&json!({"foo": 1}), None).unwrap_err();
        assert!(err.message.contains("found members: foo"), "{err}");
        let err = detect(&json!([1]), None).unwrap_err();
        assert_eq!(
            err.message,
            "expected a PIM document (a JSON object), found an array"
        );
        let err = detect(&json!({"@odata.type": "#microsoft.graph.user"}), None).unwrap_err();
        assert!(err.message.contains("microsoft.graph.user"));
    }

    #[test]
    fn splits_lists_arrays_and_pages() {
        let list = json!({"@odata.context": "x#policies/roleManagementPolicies", "value": [{"a": 1}, {"b": 2}]});
        let slots = split(&list);
        assert_eq!(slots.len(), 2);
        assert_eq!(slots[1].pointer.text(), "/value/1");
        assert_eq!(slots[0].hint, Some(DocumentKind::GraphPolicy));
        let pages = json!([{"value": [{"a": 1}]}, {"value": [{"b": 1}], "nextLink": null}]);
        let slots = split(&pages);
        assert_eq!(
            slots.iter().map(|s| s.pointer.text()).collect::<Vec<_>>(),
            ["/0/value/0", "/1/value/0"]
        );
        let single = json!({"value": 3, "rules": []});
        assert_eq!(split(&single).len(), 1);
    }

    #[test]
    fn kind_names_round_trip() {
        for kind in DocumentKind::ALL {
            assert_eq!(kind.as_str().parse::<DocumentKind>().unwrap(), kind);
        }
        let err = "graph-polcy".parse::<DocumentKind>().unwrap_err();
        assert!(err.contains("did you mean graph-policy?"), "{err}");
    }
}
