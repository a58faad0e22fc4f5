//! Az PowerShell (Az.Resources): flattened objects, mapped back to ARM members by table.

#[allow(clippy::wildcard_imports, reason = "one converter, split by exporter")]
use super::*;

fn az_lost(members: &[String], resource_id: Option<&str>) -> String {
    let id = resource_id.unwrap_or("<resource id>");
    let (list, verb) = match members {
        [one] => (one.clone(), "is"),
        [init @ .., last] => (format!("{} and {last}", init.join(", ")), "are"),
        [] => (String::new(), "are"),
    };
    format!(
        "Az PowerShell wrote {list} as {{}} (ConvertTo-Json cannot write Az's enum types), so \
         the value{s} {verb} unknown; export the resource whole with `(Invoke-AzRestMethod \
         -Method GET -Path '{id}?api-version=2020-10-01').Content`",
        s = if members.len() == 1 { "" } else { "s" }
    )
}

impl Conv {
    /// A flattened Az object: each member goes to the path its table gives (or to
    /// `properties.<camelCase>`); nested objects the flattening made are rebuilt.
    pub(super) fn az_flat(
        &mut self,
        obj: &Map<String, Value>,
        orig: &Pointer,
        conv: &Pointer,
        tables: &[Table],
    ) -> Value {
        let mut out = Value::Object(Map::new());
        let mut lost = Vec::new();
        for (key, value) in obj {
            let fallback = ["properties".to_owned(), camel(key)];
            let path: Vec<String> = match tables
                .iter()
                .find_map(|table| table.iter().find(|(k, _)| k == key))
            {
                Some((_, [])) => continue,
                Some((_, path)) => path.iter().map(|s| (*s).to_owned()).collect(),
                None => fallback.to_vec(),
            };
            let member_orig = orig.key(key);
            let mut member_conv = conv.clone();
            for step in &path {
                member_conv = member_conv.key(step);
                // The flattening made these containers; point them at the member that
                // first fills them, and `properties` at the object itself.
                if !self.map.origins.contains_key(&*member_conv.text()) {
                    let origin = if step == "properties" {
                        orig
                    } else {
                        &member_orig
                    };
                    self.map.link(&member_conv, origin);
                }
            }
            self.map.link(&member_conv, &member_orig);
            let converted = match key.as_str() {
                "Rule" | "EffectiveRule" => self.az_rules(value, &member_orig, &member_conv),
                _ => self.az_leaf(value, &member_orig, &member_conv),
            };
            if let Some(v) = converted {
                put(&mut out, &path, v);
            } else {
                let name = path
                    .iter()
                    .skip_while(|s| *s == "properties")
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(".");
                if self.lost_each {
                    let what = az_lost(&[name], self.context_id.as_deref());
                    self.lost.push((member_orig.clone(), what));
                } else {
                    lost.push(name);
                }
            }
        }
        if !lost.is_empty() {
            self.lost
                .push((orig.clone(), az_lost(&lost, self.context_id.as_deref())));
        }
        collapse_stubs(&mut out, true);
        out
    }

    /// A value with nothing to rename; `None` for an enum written as `{}`.
    pub(super) fn az_leaf(
        &mut self,
        value: &Value,
        orig: &Pointer,
        conv: &Pointer,
    ) -> Option<Value> {
        self.map.link(conv, orig);
        match value {
            Value::Object(o) if o.is_empty() => None,
            Value::String(s) => Some(scalar_text(s)),
            Value::Object(o) => {
                let mut out = Map::new();
                for (k, v) in o {
                    let name = camel(k);
                    if let Some(v) = self.az_leaf(v, &orig.key(k), &conv.key(&name)) {
                        out.insert(name, v);
                    }
                }
                Some(Value::Object(out))
            }
            Value::Array(items) => Some(Value::Array(
                items
                    .iter()
                    .enumerate()
                    .filter_map(|(i, v)| self.az_leaf(v, &orig.index(i), &conv.index(i)))
                    .collect(),
            )),
            other => Some(other.clone()),
        }
    }

    pub(super) fn az_rules(
        &mut self,
        value: &Value,
        orig: &Pointer,
        conv: &Pointer,
    ) -> Option<Value> {
        let Value::Array(items) = value else {
            return self.az_leaf(value, orig, conv);
        };
        Some(Value::Array(
            items
                .iter()
                .enumerate()
                .map(|(i, item)| match item {
                    Value::Object(o) => self.az_rule(o, &orig.index(i), &conv.index(i)),
                    other => other.clone(),
                })
                .collect(),
        ))
    }

    pub(super) fn az_rule(
        &mut self,
        obj: &Map<String, Value>,
        orig: &Pointer,
        conv: &Pointer,
    ) -> Value {
        self.map.link(conv, orig);
        let mut out = Map::new();
        let mut lost = Vec::new();
        let has_target = obj.get("Target").is_some_and(Value::is_object);
        let mut setting = Map::new();
        for (key, value) in obj {
            let member_orig = orig.key(key);
            match key.as_str() {
                "RuleType" => {
                    let rule_type = match value {
                        Value::String(s) => Some(s.clone()),
                        // The subtype's own members say which class the SDK built from
                        // ruleType, so the value is known even though it was written as {}.
                        _ => az_rule_type(obj).map(str::to_owned),
                    };
                    self.map.link(&conv.key("ruleType"), &member_orig);
                    match rule_type {
                        Some(t) => {
                            out.insert("ruleType".to_owned(), Value::String(t));
                        }
                        None => lost.push("ruleType".to_owned()),
                    }
                }
                "Target" => {
                    let target_conv = conv.key("target");
                    self.map.link(&target_conv, &member_orig);
                    let target = match value {
                        Value::Object(t) => {
                            let mut target = Map::new();
                            for (k, v) in t {
                                let name = az_target_name(k);
                                let c = target_conv.key(&name);
                                match self.az_leaf(v, &member_orig.key(k), &c) {
                                    Some(v) => {
                                        target.insert(name, v);
                                    }
                                    None => lost.push(format!("target.{name}")),
                                }
                            }
                            Value::Object(target)
                        }
                        other => other.clone(),
                    };
                    out.insert("target".to_owned(), target);
                }
                // The flattened copy of Target; read only when Target itself is missing.
                k if k.starts_with("Target") && k.len() > "Target".len() => {
                    if has_target {
                        continue;
                    }
                    let name = az_target_name(&k["Target".len()..]);
                    let c = conv.key("target").key(&name);
                    if !self.map.origins.contains_key(&*conv.key("target").text()) {
                        self.map.link(&conv.key("target"), orig);
                    }
                    match self.az_leaf(value, &member_orig, &c) {
                        Some(v) => {
                            let target = out
                                .entry("target")
                                .or_insert_with(|| Value::Object(Map::new()));
                            if let Value::Object(t) = target {
                                t.insert(name, v);
                            }
                        }
                        None => lost.push(format!("target.{name}")),
                    }
                }
                "EnabledRule" => {
                    let c = conv.key("enabledRules");
                    self.map.link(&c, &member_orig);
                    match value {
                        Value::Array(items) if items.iter().any(|v| !v.is_string()) => {
                            lost.push(format!("enabledRules ({} values)", items.len()));
                        }
                        other => {
                            out.insert("enabledRules".to_owned(), other.clone());
                        }
                    }
                }
                "NotificationRecipient" => {
                    let c = conv.key("notificationRecipients");
                    if let Some(v) = self.az_leaf(value, &member_orig, &c) {
                        out.insert("notificationRecipients".to_owned(), v);
                    }
                }
                k if k.starts_with("Setting") && k.len() > "Setting".len() => {
                    let setting_conv = conv.key("setting");
                    if !self.map.origins.contains_key(&*setting_conv.text()) {
                        self.map.link(&setting_conv, orig);
                    }
                    let name = camel(&k["Setting".len()..]);
                    let c = setting_conv.key(&name);
                    let converted = if name == "approvalStage" {
                        self.map
                            .link(&setting_conv.key("approvalStages"), &member_orig);
                        Some(self.az_stages(
                            value,
                            &member_orig,
                            &setting_conv.key("approvalStages"),
                        ))
                    } else {
                        self.az_leaf(value, &member_orig, &c)
                    };
                    let name = if name == "approvalStage" {
                        "approvalStages".to_owned()
                    } else {
                        name
                    };
                    match converted {
                        Some(v) => {
                            setting.insert(name, v);
                        }
                        None => lost.push(format!("setting.{name}")),
                    }
                }
                _ => {
                    let name = camel(key);
                    match self.az_leaf(value, &member_orig, &conv.key(&name)) {
                        Some(v) => {
                            out.insert(name, v);
                        }
                        None => lost.push(name),
                    }
                }
            }
        }
        if !setting.is_empty() {
            out.insert("setting".to_owned(), Value::Object(setting));
        }
        if !lost.is_empty() {
            self.lost
                .push((orig.clone(), az_lost(&lost, self.context_id.as_deref())));
        }
        Value::Object(out)
    }

    pub(super) fn az_stages(&mut self, value: &Value, orig: &Pointer, conv: &Pointer) -> Value {
        let Value::Array(stages) = value else {
            return value.clone();
        };
        let mut out = Vec::with_capacity(stages.len());
        for (i, stage) in stages.iter().enumerate() {
            let (stage_orig, stage_conv) = (orig.index(i), conv.index(i));
            self.map.link(&stage_conv, &stage_orig);
            let Value::Object(stage) = stage else {
                out.push(stage.clone());
                continue;
            };
            let mut converted = Map::new();
            for (key, v) in stage {
                let name = match key.as_str() {
                    "TimeOutInDay" => "approvalStageTimeOutInDays".to_owned(),
                    "EscalationTimeInMinute" => "escalationTimeInMinutes".to_owned(),
                    "PrimaryApprover" => "primaryApprovers".to_owned(),
                    "EscalationApprover" => "escalationApprovers".to_owned(),
                    other => camel(other),
                };
                let (o, c) = (stage_orig.key(key), stage_conv.key(&name));
                self.map.link(&c, &o);
                let v = if name.ends_with("Approvers") {
                    self.az_approvers(v, &o, &c)
                } else {
                    self.az_leaf(v, &o, &c).unwrap_or(Value::Null)
                };
                converted.insert(name, v);
            }
            out.push(Value::Object(converted));
        }
        Value::Array(out)
    }

    pub(super) fn az_approvers(&mut self, value: &Value, orig: &Pointer, conv: &Pointer) -> Value {
        let Value::Array(items) = value else {
            return value.clone();
        };
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let (o, c) = (orig.index(i), conv.index(i));
            self.map.link(&c, &o);
            let Value::Object(approver) = item else {
                out.push(item.clone());
                continue;
            };
            let mut converted = Map::new();
            let mut lost = Vec::new();
            for (key, v) in approver {
                let name = camel(key);
                match self.az_leaf(v, &o.key(key), &c.key(&name)) {
                    Some(v) => {
                        converted.insert(name, v);
                    }
                    None => lost.push(name),
                }
            }
            if !lost.is_empty() {
                self.lost
                    .push((o, az_lost(&lost, self.context_id.as_deref())));
            }
            out.push(Value::Object(converted));
        }
        Value::Array(out)
    }
}

/// ARM names of the members of an Az rule target (singular in Az).
fn az_target_name(key: &str) -> String {
    match key {
        "Operation" => "operations".to_owned(),
        "EnforcedSetting" => "enforcedSettings".to_owned(),
        "InheritableSetting" => "inheritableSettings".to_owned(),
        "TargetObject" | "Object" => "targetObjects".to_owned(),
        other => camel(other),
    }
}

/// The ARM rule type of an Az rule, from the members only its subtype declares.
fn az_rule_type(obj: &Map<String, Value>) -> Option<&'static str> {
    let has = |k: &str| obj.contains_key(k);
    if has("IsExpirationRequired") || has("MaximumDuration") {
        Some("RoleManagementPolicyExpirationRule")
    } else if has("EnabledRule") {
        Some("RoleManagementPolicyEnablementRule")
    } else if obj.keys().any(|k| k.starts_with("Setting")) {
        Some("RoleManagementPolicyApprovalRule")
    } else if has("ClaimValue") || has("IsEnabled") {
        Some("RoleManagementPolicyAuthenticationContextRule")
    } else if has("NotificationRecipient")
        || has("IsDefaultRecipientsEnabled")
        || has("NotificationLevel")
        || has("RecipientType")
    {
        Some("RoleManagementPolicyNotificationRule")
    } else {
        None
    }
}

/// Sets `path` in `target`, creating the objects on the way.
fn put(target: &mut Value, path: &[String], value: Value) {
    let Some((last, init)) = path.split_last() else {
        return;
    };
    let mut node = target;
    for step in init {
        let Value::Object(map) = node else {
            return;
        };
        node = map
            .entry(step.clone())
            .or_insert_with(|| Value::Object(Map::new()));
    }
    if let Value::Object(map) = node {
        map.insert(last.clone(), value);
    }
}

/// Rebuilt containers whose members were all `null` (Az flattens a `null` object into
/// `null` members) become `null`, as the API wrote them.
fn collapse_stubs(value: &mut Value, top: bool) {
    match value {
        Value::Object(map) => {
            for v in map.values_mut() {
                collapse_stubs(v, false);
            }
            if !top && is_stub(map) {
                *value = Value::Null;
            }
        }
        Value::Array(items) => {
            for v in items {
                collapse_stubs(v, false);
            }
        }
        _ => {}
    }
}

pub(super) type Table = &'static [(&'static str, &'static [&'static str])];

pub(super) const AZ_POLICY: Table = &[
    ("Description", &["properties", "description"]),
    ("DisplayName", &["properties", "displayName"]),
    ("EffectiveRule", &["properties", "effectiveRules"]),
    ("Id", &["id"]),
    (
        "IsOrganizationDefault",
        &["properties", "isOrganizationDefault"],
    ),
    (
        "LastModifiedByDisplayName",
        &["properties", "lastModifiedBy", "displayName"],
    ),
    (
        "LastModifiedByEmail",
        &["properties", "lastModifiedBy", "email"],
    ),
    ("LastModifiedById", &["properties", "lastModifiedBy", "id"]),
    (
        "LastModifiedByType",
        &["properties", "lastModifiedBy", "type"],
    ),
    (
        "LastModifiedDateTime",
        &["properties", "lastModifiedDateTime"],
    ),
    ("Name", &["name"]),
    // Computed by the cmdlet from Id; not an API member.
    ("ResourceGroupName", &[]),
    ("Rule", &["properties", "rules"]),
    ("Scope", &["properties", "scope"]),
    (
        "ScopeDisplayName",
        &["properties", "policyProperties", "scope", "displayName"],
    ),
    (
        "ScopeId",
        &["properties", "policyProperties", "scope", "id"],
    ),
    (
        "ScopeType",
        &["properties", "policyProperties", "scope", "type"],
    ),
    ("Type", &["type"]),
];

pub(super) const AZ_ASSIGNMENT: Table = &[
    ("Id", &["id"]),
    (
        "LastModifiedByDisplayName",
        &[
            "properties",
            "policyAssignmentProperties",
            "policy",
            "lastModifiedBy",
            "displayName",
        ],
    ),
    (
        "LastModifiedByEmail",
        &[
            "properties",
            "policyAssignmentProperties",
            "policy",
            "lastModifiedBy",
            "email",
        ],
    ),
    (
        "LastModifiedById",
        &[
            "properties",
            "policyAssignmentProperties",
            "policy",
            "lastModifiedBy",
            "id",
        ],
    ),
    (
        "LastModifiedByType",
        &[
            "properties",
            "policyAssignmentProperties",
            "policy",
            "lastModifiedBy",
            "type",
        ],
    ),
    ("Name", &["name"]),
    (
        "PolicyAssignmentPropertiesPolicyId",
        &["properties", "policyAssignmentProperties", "policy", "id"],
    ),
    (
        "PolicyAssignmentPropertiesRoleDefinitionId",
        &[
            "properties",
            "policyAssignmentProperties",
            "roleDefinition",
            "id",
        ],
    ),
    ("PolicyId", &["properties", "policyId"]),
    (
        "PolicyLastModifiedDateTime",
        &[
            "properties",
            "policyAssignmentProperties",
            "policy",
            "lastModifiedDateTime",
        ],
    ),
    ("ResourceGroupName", &[]),
    (
        "RoleDefinitionDisplayName",
        &[
            "properties",
            "policyAssignmentProperties",
            "roleDefinition",
            "displayName",
        ],
    ),
    (
        "RoleDefinitionType",
        &[
            "properties",
            "policyAssignmentProperties",
            "roleDefinition",
            "type",
        ],
    ),
    ("RoleDefinitionId", &["properties", "roleDefinitionId"]),
    ("Scope", &["properties", "scope"]),
    (
        "ScopeDisplayName",
        &[
            "properties",
            "policyAssignmentProperties",
            "scope",
            "displayName",
        ],
    ),
    (
        "ScopeId",
        &["properties", "policyAssignmentProperties", "scope", "id"],
    ),
    (
        "ScopeType",
        &["properties", "policyAssignmentProperties", "scope", "type"],
    ),
    ("Type", &["type"]),
];

/// The members every Az object of a request, schedule or instance carries: its resource id
/// and name, and the principal, role and scope the service expands (`expandedProperties`).
pub(super) const AZ_EXPANDED: Table = &[
    (
        "ExpandedPropertiesPrincipalId",
        &["properties", "expandedProperties", "principal", "id"],
    ),
    (
        "ExpandedPropertiesPrincipalType",
        &["properties", "expandedProperties", "principal", "type"],
    ),
    (
        "ExpandedPropertiesRoleDefinitionId",
        &["properties", "expandedProperties", "roleDefinition", "id"],
    ),
    ("Id", &["id"]),
    ("Name", &["name"]),
    (
        "PrincipalDisplayName",
        &[
            "properties",
            "expandedProperties",
            "principal",
            "displayName",
        ],
    ),
    (
        "PrincipalEmail",
        &["properties", "expandedProperties", "principal", "email"],
    ),
    ("ResourceGroupName", &[]),
    (
        "RoleDefinitionDisplayName",
        &[
            "properties",
            "expandedProperties",
            "roleDefinition",
            "displayName",
        ],
    ),
    (
        "RoleDefinitionType",
        &["properties", "expandedProperties", "roleDefinition", "type"],
    ),
    (
        "ScopeDisplayName",
        &["properties", "expandedProperties", "scope", "displayName"],
    ),
    (
        "ScopeId",
        &["properties", "expandedProperties", "scope", "id"],
    ),
    (
        "ScopeType",
        &["properties", "expandedProperties", "scope", "type"],
    ),
    ("Type", &["type"]),
];

/// Eligibility and assignment requests alike, besides [`AZ_EXPANDED`]; members not listed
/// (`TargetRole…ScheduleId`, `LinkedRoleEligibilityScheduleId`, …) go to `properties` under
/// their camelCase name.
pub(super) const AZ_REQUEST: Table = &[
    (
        "ExpirationDuration",
        &["properties", "scheduleInfo", "expiration", "duration"],
    ),
    (
        "ExpirationEndDateTime",
        &["properties", "scheduleInfo", "expiration", "endDateTime"],
    ),
    (
        "ExpirationType",
        &["properties", "scheduleInfo", "expiration", "type"],
    ),
    (
        "ScheduleInfoStartDateTime",
        &["properties", "scheduleInfo", "startDateTime"],
    ),
    (
        "TicketInfoTicketNumber",
        &["properties", "ticketInfo", "ticketNumber"],
    ),
    (
        "TicketInfoTicketSystem",
        &["properties", "ticketInfo", "ticketSystem"],
    ),
];
