//! Source documents → the provider-neutral model, reporting structural faults on the way.
//!
//! This is the only place that knows Graph and ARM differ. Every value read here is checked
//! for its JSON type, durations and timestamps are parsed once, enums are matched against the
//! documented values; a value that fails is reported with its pointer and left out of the
//! model, so rules only ever see well-formed values.

use chrono::{DateTime, FixedOffset};
use serde::Deserialize;
use serde_json::Value;

use crate::diagnostic::Diagnostic;
use crate::duration::IsoDuration;
use crate::kind::DocumentKind;
use crate::model::{
    ApiEnum, ApprovalMode, ApprovalRule, ApprovalStage, Approver, ApproverKind,
    AuthenticationContextRule, Document, Enablement, EnablementRule, ExpirationRule,
    ExpirationType, Extent, Level, Located, NotificationLevel, NotificationRule, NotificationType,
    Operation, Policy, PolicyAssignment, PolicyRules, Presence, Provider, RecipientType,
    RequestExpiration, RoleRef, RuleEntry, RuleId, ScheduleRequest, Target, Ticket,
};
use crate::pointer::Pointer;
use crate::rules::request::{invalid_identifier, missing_request_field};
use crate::rules::structure::{
    invalid_duration, invalid_enum_value, invalid_timestamp, misplaced_field,
    non_canonical_spelling, partial_read, rule_type_mismatch, unknown_rule_id, unknown_rule_type,
    wrong_json_type::{self, Expected},
};
use crate::source::{self, Field, Rule};

/// Forms of identifiers and scopes; each returns what was expected when the text does not fit.
mod ids {
    pub use crate::scope::is_guid;

    pub fn object_id(text: &str) -> Option<&'static str> {
        (!is_guid(text))
            .then_some("an object id (a GUID such as 3b9f1c2e-8a7d-4e6f-b5c4-d3e2f1a0b9c8)")
    }

    /// `/`, `/administrativeUnits/<id>` or `/<id>`.
    pub fn directory_scope(text: &str) -> Option<&'static str> {
        let ok = text == "/"
            || text
                .strip_prefix("/administrativeUnits/")
                .is_some_and(is_guid)
            || text.strip_prefix('/').is_some_and(is_guid);
        (!ok).then_some("`/`, `/administrativeUnits/<id>` or `/<object id>`")
    }

    /// `[<scope>]/providers/Microsoft.Authorization/roleDefinitions/<guid>`.
    pub fn arm_role_definition(text: &str) -> Option<&'static str> {
        let expected = "a role definition resource id (…/providers/Microsoft.Authorization/roleDefinitions/<guid>)";
        let lower = text.to_ascii_lowercase();
        let Some((scope, name)) =
            lower.rsplit_once("/providers/microsoft.authorization/roledefinitions/")
        else {
            return Some(expected);
        };
        let scope_ok = scope.is_empty() || arm_scope(&text[..scope.len()]).is_none();
        (!(scope_ok && is_guid(name))).then_some(expected)
    }

    /// An ARM scope: a subscription, resource group or resource, or a management group.
    pub fn arm_scope(text: &str) -> Option<&'static str> {
        crate::scope::Scope::parse(text).err()
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        const SUB: &str = "/subscriptions/7c1e2d3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f";

        #[test]
        fn identifier_forms() {
            assert!(is_guid("3b9f1c2e-8a7d-4e6f-b5c4-d3e2f1a0b9c8"));
            assert!(!is_guid("alice@contoso.com"));
            assert!(directory_scope("/").is_none());
            assert!(
                directory_scope("/administrativeUnits/3b9f1c2e-8a7d-4e6f-b5c4-d3e2f1a0b9c8")
                    .is_none()
            );
            assert!(directory_scope("").is_some());
            assert!(arm_scope(SUB).is_none());
            assert!(arm_scope(&format!("{SUB}/resourceGroups/rg-1")).is_none());
            assert!(
                arm_scope(&format!(
                    "{SUB}/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1"
                ))
                .is_none()
            );
            assert!(arm_scope("/providers/Microsoft.Management/managementGroups/root").is_none());
            assert!(arm_scope("/subscriptions//resourceGroups/x").is_some());
            assert!(arm_scope("subscriptions/x").is_some());
            let role = "/providers/Microsoft.Authorization/roleDefinitions/b24988ac-6180-42a0-ab88-20f7382dd24c";
            assert!(arm_role_definition(&format!("{SUB}{role}")).is_none());
            assert!(arm_role_definition(role).is_none());
            assert!(arm_role_definition("b24988ac-6180-42a0-ab88-20f7382dd24c").is_some());
        }
    }
}

/// A document that could not be read into its source model at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct ShapeError {
    /// What went wrong.
    pub message: String,
}

/// Normalizes one document of a known kind located at `base` in its file.
pub fn normalize(
    kind: DocumentKind,
    value: &Value,
    base: &Pointer,
) -> Result<(Document, Vec<Diagnostic>), ShapeError> {
    normalize_in(kind, value, base, None)
}

/// Normalizes one document of a list response whose `@odata.context` is `list_context` (it
/// says which members `$select` left out of every item).
pub fn normalize_in(
    kind: DocumentKind,
    value: &Value,
    base: &Pointer,
    list_context: Option<&str>,
) -> Result<(Document, Vec<Diagnostic>), ShapeError> {
    let mut reader = Reader {
        diagnostics: Vec::new(),
        list_context,
        projection: false,
        not_returned: Vec::new(),
        selection_said: false,
    };
    let document = match kind {
        DocumentKind::GraphPolicy | DocumentKind::GraphPolicyUpdate => {
            let src: source::GraphPolicy = typed(value, kind)?;
            Document::Policy(reader.graph_policy(&src, base.clone(), kind, None))
        }
        DocumentKind::GraphPolicyRule | DocumentKind::ArmPolicyRule => {
            let src: Rule = typed(value, kind)?;
            Document::Policy(reader.single_rule(&src, base, kind))
        }
        DocumentKind::GraphPolicyAssignment => {
            let src: source::GraphPolicyAssignment = typed(value, kind)?;
            reader.graph_assignment(&src, base)
        }
        DocumentKind::ArmPolicy | DocumentKind::ArmPolicyUpdate => {
            let src: source::ArmPolicy = typed(value, kind)?;
            Document::Policy(reader.arm_policy(&src, base, kind))
        }
        DocumentKind::ArmPolicyAssignment => {
            let src: source::ArmPolicyAssignment = typed(value, kind)?;
            reader.arm_assignment(&src, base)
        }
        DocumentKind::GraphRoleAssignmentRequest | DocumentKind::GraphRoleEligibilityRequest => {
            let src: source::GraphRoleRequest = typed(value, kind)?;
            Document::Request(reader.graph_role_request(&src, base, kind))
        }
        DocumentKind::GraphGroupAssignmentRequest | DocumentKind::GraphGroupEligibilityRequest => {
            let src: source::GraphGroupRequest = typed(value, kind)?;
            Document::Request(reader.graph_group_request(&src, base, kind))
        }
        DocumentKind::ArmRoleAssignmentRequest | DocumentKind::ArmRoleEligibilityRequest => {
            let src: source::ArmRequest = typed(value, kind)?;
            Document::Request(reader.arm_request(&src, base, kind))
        }
    };
    Ok((document, reader.diagnostics))
}

fn typed<T: for<'de> Deserialize<'de>>(value: &Value, kind: DocumentKind) -> Result<T, ShapeError> {
    T::deserialize(value).map_err(|e| ShapeError {
        message: format!(
            "cannot read this {} ({}): {e}",
            kind.as_str(),
            kind.api_name()
        ),
    })
}

/// The level a request kind acts on.
const fn level_of(kind: DocumentKind) -> Level {
    match kind {
        DocumentKind::GraphRoleEligibilityRequest
        | DocumentKind::GraphGroupEligibilityRequest
        | DocumentKind::ArmRoleEligibilityRequest => Level::Eligibility,
        _ => Level::Assignment,
    }
}

/// The last segment of a resource id (`…/roleDefinitions/<guid>` → `<guid>`).
fn last_segment(id: &str) -> String {
    id.rsplit('/').next().unwrap_or(id).to_owned()
}

struct Reader<'c> {
    diagnostics: Vec<Diagnostic>,
    /// The `@odata.context` of the list the document came in.
    list_context: Option<&'c str>,
    /// Whether the document is a `$select` projection (absent members were not asked for).
    projection: bool,
    /// Members a request needs that a service response lacks (collected, said once).
    not_returned: Vec<&'static str>,
    /// Whether the `$select` of the document was already reported.
    selection_said: bool,
}

impl Reader<'_> {
    fn push(&mut self, d: Diagnostic) {
        self.diagnostics.push(d);
    }

    // ---- typed member readers: each reports a wrong JSON type and returns `None` ----

    fn string(&mut self, field: &Field<String>, at: Pointer) -> Option<Located<String>> {
        match field {
            Field::Value(s) => Some(Located::new(s.clone(), at)),
            Field::Invalid(v) => {
                self.push(wrong_json_type::diagnostic(&at, Expected::String, v));
                None
            }
            Field::Absent | Field::Null => None,
        }
    }

    fn boolean(&mut self, field: &Field<bool>, at: Pointer) -> Option<Located<bool>> {
        match field {
            Field::Value(b) => Some(Located::new(*b, at)),
            Field::Invalid(v) => {
                self.push(wrong_json_type::diagnostic(&at, Expected::Boolean, v));
                None
            }
            Field::Absent | Field::Null => None,
        }
    }

    fn integer(&mut self, field: &Field<i64>, at: Pointer) -> Option<Located<i64>> {
        match field {
            Field::Value(n) => Some(Located::new(*n, at)),
            Field::Invalid(v) => {
                self.push(wrong_json_type::diagnostic(&at, Expected::Integer, v));
                None
            }
            Field::Absent | Field::Null => None,
        }
    }

    fn object<'f, T>(&mut self, field: &'f Field<T>, at: &Pointer) -> Option<&'f T> {
        match field {
            Field::Value(v) => Some(v),
            Field::Invalid(v) => {
                self.push(wrong_json_type::diagnostic(at, Expected::Object, v));
                None
            }
            Field::Absent | Field::Null => None,
        }
    }

    fn list<'f, T>(&mut self, field: &'f Field<Vec<T>>, at: &Pointer) -> &'f [T] {
        match field {
            Field::Value(v) => v,
            Field::Invalid(v) => {
                self.push(wrong_json_type::diagnostic(at, Expected::Array, v));
                &[]
            }
            Field::Absent | Field::Null => &[],
        }
    }

    /// Each string of a list, with its pointer.
    fn strings(&mut self, field: &Field<Vec<Field<String>>>, at: &Pointer) -> Vec<Located<String>> {
        let mut out = Vec::new();
        for (i, item) in self.list(field, at).iter().enumerate() {
            if let Some(s) = self.string(item, at.index(i)) {
                out.push(s);
            }
        }
        out
    }

    fn duration(&mut self, field: &Field<String>, at: Pointer) -> Option<Located<IsoDuration>> {
        let text = self.string(field, at)?;
        match IsoDuration::parse(&text.value) {
            Ok(d) => Some(Located::new(d, text.pointer)),
            Err(e) => {
                self.push(invalid_duration::diagnostic(&text.pointer, &text.value, &e));
                None
            }
        }
    }

    fn timestamp(
        &mut self,
        field: &Field<String>,
        at: Pointer,
    ) -> Option<Located<DateTime<FixedOffset>>> {
        let text = self.string(field, at)?;
        match DateTime::parse_from_rfc3339(text.value.trim()) {
            Ok(t) => Some(Located::new(t, text.pointer)),
            Err(e) => {
                self.push(invalid_timestamp::diagnostic(
                    &text.pointer,
                    &text.value,
                    &e.to_string(),
                ));
                None
            }
        }
    }

    /// A documented string enum; letter case is not significant (ARM writes `AdminAssign`
    /// where Graph writes `adminAssign`).
    fn enumeration<E: ApiEnum>(
        &mut self,
        field: &Field<String>,
        at: Pointer,
    ) -> Option<Located<E>> {
        let text = self.string(field, at)?;
        self.parse_enum(&text)
    }

    fn parse_enum<E: ApiEnum>(&mut self, text: &Located<String>) -> Option<Located<E>> {
        let written = text.value.trim();
        if let Some((_, v)) = E::VARIANTS.iter().find(|(name, _)| *name == written) {
            return Some(Located::new(*v, text.pointer.clone()));
        }
        let allowed: Vec<&str> = E::VARIANTS.iter().map(|(n, _)| *n).collect();
        if let Some((name, v)) = E::VARIANTS
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(written))
        {
            if E::CASE_SENSITIVE {
                self.push(
                    invalid_enum_value::diagnostic(&text.pointer, E::WHAT, &text.value, &allowed)
                        .with_note(format!(
                            "the service compares {} values exactly: write \"{name}\"",
                            E::WHAT
                        )),
                );
                return None;
            }
            // Graph's OData enums and ARM's enums are read in any letter case.
            self.push(non_canonical_spelling::diagnostic(
                &text.pointer,
                E::WHAT,
                &text.value,
                name,
            ));
            return Some(Located::new(*v, text.pointer.clone()));
        }
        self.push(invalid_enum_value::diagnostic(
            &text.pointer,
            E::WHAT,
            &text.value,
            &allowed,
        ));
        None
    }

    // ---- policies ----

    /// Whether a policy document is whole, an update, or a projection; says so once when it
    /// is a projection. `context` is the `@odata.context` of the response it came in.
    fn extent(
        &mut self,
        kind: DocumentKind,
        rules: &Field<Vec<Rule>>,
        context: Option<&str>,
        at: &Pointer,
    ) -> Extent {
        if kind.is_partial_policy() {
            return Extent::Update;
        }
        if let Some(selection) = context.map(|c| odata::selection(c, odata::POLICY_SETS)) {
            if !selection.is_empty() {
                self.push(partial_read::diagnostic(
                    at,
                    &format!("the policy was read with $select ({selection}): only those members were asked for"),
                ));
                return Extent::Projection;
            }
        }
        if rules.is_missing() {
            self.push(partial_read::diagnostic(
                at,
                "the policy has no `rules`: it was read without `$expand=rules`, so its settings are unknown",
            ));
            return Extent::Projection;
        }
        Extent::Whole
    }

    fn graph_policy(
        &mut self,
        src: &source::GraphPolicy,
        at: Pointer,
        kind: DocumentKind,
        role: Option<RoleRef>,
    ) -> Policy {
        self.graph_policy_in(src, at, kind, role, None)
    }

    fn graph_policy_in(
        &mut self,
        src: &source::GraphPolicy,
        at: Pointer,
        kind: DocumentKind,
        role: Option<RoleRef>,
        outer_context: Option<&str>,
    ) -> Policy {
        let context = outer_context
            .or_else(|| src.odata_context.value().map(String::as_str))
            .or(self.list_context);
        let extent = self.extent(kind, &src.rules, context, &at);
        let id = self.string(&src.id, at.key("id"));
        let scope = self.string(&src.scope_id, at.key("scopeId"));
        let scope_type = self.string(&src.scope_type, at.key("scopeType"));
        self.string(&src.display_name, at.key("displayName"));
        self.string(&src.description, at.key("description"));
        self.boolean(
            &src.is_organization_default,
            at.key("isOrganizationDefault"),
        );
        self.timestamp(&src.last_modified_date_time, at.key("lastModifiedDateTime"));
        let provider = match &scope_type {
            Some(t) if t.value.eq_ignore_ascii_case("Group") => Provider::Groups,
            Some(t)
                if t.value.eq_ignore_ascii_case("Directory")
                    || t.value.eq_ignore_ascii_case("DirectoryRole") =>
            {
                Provider::EntraRoles
            }
            Some(t) => {
                self.push(invalid_enum_value::diagnostic(
                    &t.pointer,
                    "scope type",
                    &t.value,
                    &["Directory", "DirectoryRole", "Group"],
                ));
                Provider::EntraRoles
            }
            None if id.as_ref().is_some_and(|i| i.value.starts_with("Group_")) => Provider::Groups,
            None => Provider::EntraRoles,
        };
        let (rules_pointer, entries, rules) = self.rules(&src.rules, &at.key("rules"), false);
        if !src.effective_rules.is_missing() {
            // Read for their structure only; `rules` is what the policy sets.
            self.rules(&src.effective_rules, &at.key("effectiveRules"), false);
        }
        let effective_differences = effective_differences(
            &src.rules,
            &src.effective_rules,
            &at.key("rules"),
            &at.key("effectiveRules"),
        );
        Policy {
            kind,
            extent,
            pointer: at,
            provider,
            id,
            scope,
            scope_type,
            role,
            rules_pointer,
            entries,
            rules,
            effective_differences,
        }
    }

    fn graph_role_ref(
        &mut self,
        src: &source::GraphPolicyAssignment,
        at: &Pointer,
    ) -> Option<RoleRef> {
        let id = self.string(&src.role_definition_id, at.key("roleDefinitionId"));
        let definition_at = at.key("roleDefinition");
        let definition = self.object(&src.role_definition, &definition_at);
        let (display_name, is_privileged, template) = match definition {
            Some(d) => (
                self.string(&d.display_name, definition_at.key("displayName"))
                    .map(|l| l.value),
                self.boolean(&d.is_privileged, definition_at.key("isPrivileged"))
                    .map(|l| l.value),
                self.string(&d.template_id, definition_at.key("templateId"))
                    .map(|l| l.value),
            ),
            None => (None, None, None),
        };
        id.map(|id| RoleRef {
            template_id: template.unwrap_or_else(|| id.value.clone()),
            id,
            display_name,
            is_privileged,
        })
    }

    fn graph_assignment(&mut self, src: &source::GraphPolicyAssignment, at: &Pointer) -> Document {
        let role = self.graph_role_ref(src, at);
        let id = self.string(&src.id, at.key("id"));
        let policy_id = self.string(&src.policy_id, at.key("policyId"));
        let scope = self.string(&src.scope_id, at.key("scopeId"));
        let scope_type = self.string(&src.scope_type, at.key("scopeType"));
        let policy_at = at.key("policy");
        if let Some(policy) = self.object(&src.policy, &policy_at) {
            let context = src.odata_context.value().map(String::as_str);
            return Document::Policy(self.graph_policy_in(
                policy,
                policy_at,
                DocumentKind::GraphPolicyAssignment,
                role,
                context,
            ));
        }
        let provider = match &scope_type {
            Some(t) if t.value.eq_ignore_ascii_case("Group") => Provider::Groups,
            _ => Provider::EntraRoles,
        };
        Document::PolicyAssignment(PolicyAssignment {
            pointer: at.clone(),
            provider,
            id,
            policy_id,
            scope,
            role,
        })
    }

    fn arm_policy(&mut self, src: &source::ArmPolicy, at: &Pointer, kind: DocumentKind) -> Policy {
        let id = self.string(&src.id, at.key("id"));
        self.string(&src.name, at.key("name"));
        self.string(&src.resource_type, at.key("type"));
        let props_at = at.key("properties");
        let Some(props) = self.object(&src.properties, &props_at) else {
            let extent = self.extent(kind, &Field::Absent, None, at);
            return Policy {
                kind,
                extent,
                pointer: at.clone(),
                provider: Provider::AzureResources,
                id,
                scope: None,
                scope_type: None,
                role: None,
                rules_pointer: None,
                entries: Vec::new(),
                rules: PolicyRules::default(),
                effective_differences: Vec::new(),
            };
        };
        let extent = self.extent(kind, &props.rules, None, at);
        let scope = self.id_member(&props.scope, props_at.key("scope"), ids::arm_scope);
        self.string(&props.display_name, props_at.key("displayName"));
        self.string(&props.description, props_at.key("description"));
        self.boolean(
            &props.is_organization_default,
            props_at.key("isOrganizationDefault"),
        );
        self.timestamp(
            &props.last_modified_date_time,
            props_at.key("lastModifiedDateTime"),
        );
        let scope_type = match &props.policy_properties {
            Field::Value(v) => v.pointer("/scope/type").and_then(Value::as_str).map(|t| {
                Located::new(
                    t.to_owned(),
                    props_at.key("policyProperties").key("scope").key("type"),
                )
            }),
            _ => None,
        };
        let (rules_pointer, entries, rules) =
            self.rules(&props.rules, &props_at.key("rules"), true);
        if !props.effective_rules.is_missing() {
            self.rules(
                &props.effective_rules,
                &props_at.key("effectiveRules"),
                true,
            );
        }
        let effective_differences = effective_differences(
            &props.rules,
            &props.effective_rules,
            &props_at.key("rules"),
            &props_at.key("effectiveRules"),
        );
        Policy {
            kind,
            extent,
            pointer: at.clone(),
            provider: Provider::AzureResources,
            id,
            scope,
            scope_type,
            role: None,
            rules_pointer,
            entries,
            rules,
            effective_differences,
        }
    }

    fn arm_assignment(&mut self, src: &source::ArmPolicyAssignment, at: &Pointer) -> Document {
        let id = self.string(&src.id, at.key("id"));
        let props_at = at.key("properties");
        let props = self.object(&src.properties, &props_at);
        let mut assignment = PolicyAssignment {
            pointer: at.clone(),
            provider: Provider::AzureResources,
            id,
            policy_id: None,
            scope: None,
            role: None,
        };
        let Some(props) = props else {
            return Document::PolicyAssignment(assignment);
        };
        assignment.scope = self.string(&props.scope, props_at.key("scope"));
        assignment.policy_id = self.string(&props.policy_id, props_at.key("policyId"));
        let details_at = props_at.key("policyAssignmentProperties");
        let display_name = self
            .object(&props.policy_assignment_properties, &details_at)
            .and_then(|d| match &d.role_definition {
                Field::Value(r) => r.display_name.value().cloned(),
                _ => None,
            });
        assignment.role = self
            .string(&props.role_definition_id, props_at.key("roleDefinitionId"))
            .map(|id| RoleRef {
                template_id: last_segment(&id.value),
                id,
                display_name,
                is_privileged: None,
            });
        if props.effective_rules.is_missing() {
            return Document::PolicyAssignment(assignment);
        }
        // Newer api-versions return the rules in force on the assignment itself.
        let (rules_pointer, entries, rules) = self.rules(
            &props.effective_rules,
            &props_at.key("effectiveRules"),
            true,
        );
        Document::Policy(Policy {
            kind: DocumentKind::ArmPolicyAssignment,
            extent: Extent::Whole,
            pointer: at.clone(),
            provider: Provider::AzureResources,
            id: assignment.policy_id,
            scope: assignment.scope,
            scope_type: None,
            role: assignment.role,
            rules_pointer,
            entries,
            rules,
            effective_differences: Vec::new(),
        })
    }

    /// One rule read on its own (`GET`/`PATCH …/rules/{id}`): a policy update that carries
    /// just that rule.
    fn single_rule(&mut self, rule: &Rule, at: &Pointer, kind: DocumentKind) -> Policy {
        let mut rules = PolicyRules::default();
        let entries = self
            .rule(rule, at, kind.is_arm(), &mut rules)
            .into_iter()
            .collect();
        Policy {
            kind,
            extent: Extent::Update,
            pointer: at.clone(),
            provider: if kind.is_arm() {
                Provider::AzureResources
            } else {
                Provider::EntraRoles
            },
            id: None,
            scope: None,
            scope_type: None,
            role: None,
            rules_pointer: None,
            entries,
            rules,
            effective_differences: Vec::new(),
        }
    }

    // ---- rules ----

    fn rules(
        &mut self,
        field: &Field<Vec<Rule>>,
        at: &Pointer,
        arm: bool,
    ) -> (Option<Pointer>, Vec<RuleEntry>, PolicyRules) {
        let mut rules = PolicyRules::default();
        let mut entries = Vec::new();
        let items = match field {
            Field::Value(items) => items,
            Field::Invalid(v) => {
                self.push(wrong_json_type::diagnostic(at, Expected::Array, v));
                return (None, entries, rules);
            }
            Field::Absent | Field::Null => return (None, entries, rules),
        };
        for (i, rule) in items.iter().enumerate() {
            let rule_at = at.index(i);
            if let Some(entry) = self.rule(rule, &rule_at, arm, &mut rules) {
                entries.push(entry);
            }
        }
        (Some(at.clone()), entries, rules)
    }

    fn unknown_rule(&mut self, value: &Value, at: &Pointer) -> Option<RuleEntry> {
        let Value::Object(obj) = value else {
            self.push(wrong_json_type::diagnostic(at, Expected::Object, value));
            return None;
        };
        let id = obj
            .get("id")
            .and_then(Value::as_str)
            .map(|s| Located::new(s.to_owned(), at.key("id")));
        let discriminator = ["@odata.type", "ruleType"]
            .into_iter()
            .find_map(|k| obj.get(k).and_then(Value::as_str).map(|v| (k, v)));
        let rule_id = id.as_ref().and_then(|i| RuleId::parse(&i.value));
        match (discriminator, rule_id) {
            // One of the 17 ids under a type nobody defines: a misspelt type, not a new one.
            (Some((key, name)), Some(rid)) => {
                self.push(rule_type_mismatch::unknown_type(
                    &at.key(key),
                    name,
                    rid,
                    key == "ruleType",
                ));
            }
            (Some((key, name)), None) => self.push(unknown_rule_type::diagnostic(
                &at.key(key),
                name,
                id.as_ref().map(|i| i.value.as_str()),
            )),
            (None, _) => self.push(unknown_rule_type::untyped(at)),
        }
        Some(RuleEntry {
            pointer: at.clone(),
            rule_id,
            id,
            rule_type: None,
            target: None,
        })
    }

    fn rule(
        &mut self,
        rule: &Rule,
        at: &Pointer,
        arm: bool,
        rules: &mut PolicyRules,
    ) -> Option<RuleEntry> {
        let (Some((odata_type, arm_type, id_field, target_field)), Some(rule_type)) =
            (rule.common(), rule.rule_type())
        else {
            let Rule::Unknown(value) = rule else {
                return None;
            };
            return self.unknown_rule(value, at);
        };
        // Discriminator: present, and a string.
        let (own, own_key) = if arm {
            (arm_type, "ruleType")
        } else {
            (odata_type, "@odata.type")
        };
        let discriminator_at = match (odata_type, arm_type) {
            (Field::Value(_), _) => Some(at.key("@odata.type")),
            (_, Field::Value(_)) => Some(at.key("ruleType")),
            _ => None,
        };
        match own {
            Field::Invalid(v) => self.push(wrong_json_type::diagnostic(
                &at.key(own_key),
                Expected::String,
                v,
            )),
            Field::Absent | Field::Null if discriminator_at.is_none() => {
                self.push(rule_type_mismatch::missing(at, rule_type, arm));
            }
            _ => {}
        }
        let id = self.string(id_field, at.key("id"));
        let rule_id = if let Some(id) = &id {
            let parsed = RuleId::parse(&id.value);
            if parsed.is_none() {
                self.push(unknown_rule_id::unknown(id));
            }
            parsed
        } else {
            if id_field.is_missing() {
                self.push(unknown_rule_id::missing(at));
            }
            None
        };
        let type_fits = match rule_id {
            Some(rid) if rid.rule_type() != rule_type => {
                let mismatch_at = discriminator_at.clone().unwrap_or_else(|| at.key("id"));
                self.push(rule_type_mismatch::mismatch(
                    &mismatch_at,
                    rule_type,
                    rid,
                    arm,
                ));
                false
            }
            Some(_) => true,
            None => false,
        };
        let target_at = at.key("target");
        let target = self
            .object(target_field, &target_at)
            .map(|t| self.target(t, target_at));
        if let Some(extra) = rule.extra() {
            misplaced_field::check(extra, rule_type, at, &mut self.diagnostics);
        }
        let slot_id = rule_id.filter(|_| type_fits);
        match rule {
            Rule::Expiration(r) => {
                let typed = ExpirationRule {
                    pointer: at.clone(),
                    is_expiration_required: self
                        .boolean(&r.is_expiration_required, at.key("isExpirationRequired")),
                    maximum_duration: self.duration(&r.maximum_duration, at.key("maximumDuration")),
                };
                let slot = match slot_id {
                    Some(RuleId::ExpirationAdminEligibility) => {
                        Some(&mut rules.expiration_admin_eligibility)
                    }
                    Some(RuleId::ExpirationAdminAssignment) => {
                        Some(&mut rules.expiration_admin_assignment)
                    }
                    Some(RuleId::ExpirationEndUserAssignment) => {
                        Some(&mut rules.expiration_end_user_assignment)
                    }
                    _ => None,
                };
                fill(slot, typed);
            }
            Rule::Enablement(r) => {
                let list_at = at.key("enabledRules");
                // Absent is unknown; `null` is what the service writes for none.
                let known = !r.enabled_rules.is_absent();
                let mut enabled = Vec::new();
                for (i, item) in self.list(&r.enabled_rules, &list_at).iter().enumerate() {
                    if let Some(e) = self.enumeration::<Enablement>(item, list_at.index(i)) {
                        enabled.push(e);
                    }
                }
                let enabled = known.then_some(enabled);
                let typed = EnablementRule {
                    pointer: at.clone(),
                    enabled_rules_pointer: list_at,
                    enabled_rules: enabled,
                };
                let slot = match slot_id {
                    Some(RuleId::EnablementAdminEligibility) => {
                        Some(&mut rules.enablement_admin_eligibility)
                    }
                    Some(RuleId::EnablementAdminAssignment) => {
                        Some(&mut rules.enablement_admin_assignment)
                    }
                    Some(RuleId::EnablementEndUserAssignment) => {
                        Some(&mut rules.enablement_end_user_assignment)
                    }
                    _ => None,
                };
                fill(slot, typed);
            }
            Rule::Approval(r) => {
                let typed = self.approval(r, at, arm);
                let slot = match slot_id {
                    Some(RuleId::ApprovalEndUserAssignment) => {
                        Some(&mut rules.approval_end_user_assignment)
                    }
                    _ => None,
                };
                fill(slot, typed);
            }
            Rule::AuthenticationContext(r) => {
                let typed = AuthenticationContextRule {
                    pointer: at.clone(),
                    is_enabled: self.boolean(&r.is_enabled, at.key("isEnabled")),
                    claim_value: self.string(&r.claim_value, at.key("claimValue")),
                };
                let slot = match slot_id {
                    Some(RuleId::AuthenticationContextEndUserAssignment) => {
                        Some(&mut rules.authentication_context_end_user_assignment)
                    }
                    _ => None,
                };
                fill(slot, typed);
            }
            Rule::Notification(r) => {
                let typed = self.notification(r, at);
                let slot = match slot_id {
                    Some(RuleId::NotificationAdminAdminEligibility) => {
                        Some(&mut rules.notification_admin_admin_eligibility)
                    }
                    Some(RuleId::NotificationRequestorAdminEligibility) => {
                        Some(&mut rules.notification_requestor_admin_eligibility)
                    }
                    Some(RuleId::NotificationApproverAdminEligibility) => {
                        Some(&mut rules.notification_approver_admin_eligibility)
                    }
                    Some(RuleId::NotificationAdminAdminAssignment) => {
                        Some(&mut rules.notification_admin_admin_assignment)
                    }
                    Some(RuleId::NotificationRequestorAdminAssignment) => {
                        Some(&mut rules.notification_requestor_admin_assignment)
                    }
                    Some(RuleId::NotificationApproverAdminAssignment) => {
                        Some(&mut rules.notification_approver_admin_assignment)
                    }
                    Some(RuleId::NotificationAdminEndUserAssignment) => {
                        Some(&mut rules.notification_admin_end_user_assignment)
                    }
                    Some(RuleId::NotificationRequestorEndUserAssignment) => {
                        Some(&mut rules.notification_requestor_end_user_assignment)
                    }
                    Some(RuleId::NotificationApproverEndUserAssignment) => {
                        Some(&mut rules.notification_approver_end_user_assignment)
                    }
                    _ => None,
                };
                fill(slot, typed);
            }
            Rule::Unknown(_) => {}
        }
        Some(RuleEntry {
            pointer: at.clone(),
            id,
            rule_id,
            rule_type: Some(rule_type),
            target,
        })
    }

    fn target(&mut self, src: &source::RuleTarget, at: Pointer) -> Target {
        let ops_at = at.key("operations");
        let mut operations = Vec::new();
        for (i, op) in self.list(&src.operations, &ops_at).iter().enumerate() {
            if let Some(op) = self.enumeration::<Operation>(op, ops_at.index(i)) {
                operations.push(op);
            }
        }
        Target {
            caller: self.enumeration(&src.caller, at.key("caller")),
            level: self.enumeration(&src.level, at.key("level")),
            operations,
            pointer: at,
        }
    }

    fn approval(&mut self, src: &source::ApprovalRule, at: &Pointer, arm: bool) -> ApprovalRule {
        let setting_at = at.key("setting");
        let stage_list_at = setting_at.key("approvalStages");
        let mut rule = ApprovalRule {
            pointer: at.clone(),
            setting_pointer: setting_at.clone(),
            is_approval_required: None,
            is_approval_required_for_extension: None,
            is_requestor_justification_required: None,
            approval_mode: None,
            stages_pointer: stage_list_at.clone(),
            stages: None,
        };
        let Some(setting) = self.object(&src.setting, &setting_at) else {
            return rule;
        };
        rule.is_approval_required = self.boolean(
            &setting.is_approval_required,
            setting_at.key("isApprovalRequired"),
        );
        rule.is_approval_required_for_extension = self.boolean(
            &setting.is_approval_required_for_extension,
            setting_at.key("isApprovalRequiredForExtension"),
        );
        rule.is_requestor_justification_required = self.boolean(
            &setting.is_requestor_justification_required,
            setting_at.key("isRequestorJustificationRequired"),
        );
        rule.approval_mode = self
            .enumeration::<ApprovalMode>(&setting.approval_mode, setting_at.key("approvalMode"));
        let mut stages = Vec::new();
        for (i, stage) in self
            .list(&setting.approval_stages, &stage_list_at)
            .iter()
            .enumerate()
        {
            let stage_at = stage_list_at.index(i);
            if let Some(stage) = self.object(stage, &stage_at) {
                stages.push(self.stage(stage, stage_at, arm));
            }
        }
        rule.stages = (!setting.approval_stages.is_absent()).then_some(stages);
        rule
    }

    fn stage(&mut self, src: &source::ApprovalStage, at: Pointer, arm: bool) -> ApprovalStage {
        let primary_at = at.key("primaryApprovers");
        let escalation_at = at.key("escalationApprovers");
        let primary = self.approvers(&src.primary_approvers, &primary_at, arm);
        let escalation = self.approvers(&src.escalation_approvers, &escalation_at, arm);
        ApprovalStage {
            timeout_days: self.integer(
                &src.approval_stage_time_out_in_days,
                at.key("approvalStageTimeOutInDays"),
            ),
            is_approver_justification_required: self.boolean(
                &src.is_approver_justification_required,
                at.key("isApproverJustificationRequired"),
            ),
            is_escalation_enabled: self
                .boolean(&src.is_escalation_enabled, at.key("isEscalationEnabled")),
            escalation_time_minutes: self.integer(
                &src.escalation_time_in_minutes,
                at.key("escalationTimeInMinutes"),
            ),
            primary_approvers_pointer: primary_at,
            primary_approvers: primary,
            escalation_approvers_pointer: escalation_at,
            escalation_approvers: escalation,
            pointer: at,
        }
    }

    fn approvers(
        &mut self,
        field: &Field<Vec<Field<source::Approver>>>,
        at: &Pointer,
        arm: bool,
    ) -> Vec<Approver> {
        let mut out = Vec::new();
        for (i, approver) in self.list(field, at).iter().enumerate() {
            let approver_at = at.index(i);
            let Some(src) = self.object(approver, &approver_at) else {
                continue;
            };
            let description = self
                .string(&src.description, approver_at.key("description"))
                .map(|d| d.value);
            let is_backup = self
                .boolean(&src.is_backup, approver_at.key("isBackup"))
                .map(|b| b.value);
            let odata_type = self.string(&src.odata_type, approver_at.key("@odata.type"));
            let user_type = self.string(&src.user_type, approver_at.key("userType"));
            let (kind, id) = if let Some(t) = odata_type {
                let name = t.value.trim_start_matches('#');
                let name = name.strip_prefix("microsoft.graph.").unwrap_or(name);
                // The service writes `userId` / `groupId`; beta examples and SDK exports write
                // the object id as `id`.
                match name {
                    n if n.eq_ignore_ascii_case("singleUser") => (
                        Some(ApproverKind::User),
                        self.string(&src.user_id, approver_at.key("userId"))
                            .or_else(|| self.string(&src.id, approver_at.key("id"))),
                    ),
                    n if n.eq_ignore_ascii_case("groupMembers") => (
                        Some(ApproverKind::Group),
                        self.string(&src.group_id, approver_at.key("groupId"))
                            .or_else(|| self.string(&src.id, approver_at.key("id"))),
                    ),
                    other => (Some(ApproverKind::Other(other.to_owned())), None),
                }
            } else {
                let kind = match &user_type {
                    Some(t) if t.value.eq_ignore_ascii_case("User") => Some(ApproverKind::User),
                    Some(t) if t.value.eq_ignore_ascii_case("Group") => Some(ApproverKind::Group),
                    Some(t) => {
                        self.push(invalid_enum_value::diagnostic(
                            &t.pointer,
                            "approver userType",
                            &t.value,
                            &["User", "Group"],
                        ));
                        None
                    }
                    None => None,
                };
                let id = self
                    .string(&src.id, approver_at.key("id"))
                    .or_else(|| self.string(&src.user_id, approver_at.key("userId")))
                    .or_else(|| self.string(&src.group_id, approver_at.key("groupId")));
                if !arm && kind.is_none() {
                    // Graph subject sets need their @odata.type; without it the approver is unusable.
                    self.push(invalid_enum_value::diagnostic(
                        &approver_at,
                        "approver (no @odata.type)",
                        "",
                        &[
                            "#microsoft.graph.singleUser",
                            "#microsoft.graph.groupMembers",
                        ],
                    ));
                }
                (kind, id)
            };
            out.push(Approver {
                pointer: approver_at,
                kind,
                id,
                description,
                is_backup,
            });
        }
        out
    }

    fn notification(&mut self, src: &source::NotificationRule, at: &Pointer) -> NotificationRule {
        let recipients_at = at.key("notificationRecipients");
        NotificationRule {
            pointer: at.clone(),
            notification_type: self.enumeration::<NotificationType>(
                &src.notification_type,
                at.key("notificationType"),
            ),
            recipient_type: self
                .enumeration::<RecipientType>(&src.recipient_type, at.key("recipientType")),
            notification_level: self.enumeration::<NotificationLevel>(
                &src.notification_level,
                at.key("notificationLevel"),
            ),
            is_default_recipients_enabled: self.boolean(
                &src.is_default_recipients_enabled,
                at.key("isDefaultRecipientsEnabled"),
            ),
            recipients: (!src.notification_recipients.is_absent())
                .then(|| self.strings(&src.notification_recipients, &recipients_at)),
            recipients_pointer: recipients_at,
        }
    }

    // ---- requests ----

    fn schedule(
        &mut self,
        field: &Field<source::ScheduleInfo>,
        at: &Pointer,
    ) -> (
        Option<Located<DateTime<FixedOffset>>>,
        Option<RequestExpiration>,
    ) {
        let Some(info) = self.object(field, at) else {
            return (None, None);
        };
        let start = self.timestamp(&info.start_date_time, at.key("startDateTime"));
        let expiration_at = at.key("expiration");
        let expiration = self
            .object(&info.expiration, &expiration_at)
            .map(|e| RequestExpiration {
                expiration_type: self
                    .enumeration::<ExpirationType>(&e.expiration_type, expiration_at.key("type")),
                end: self.timestamp(&e.end_date_time, expiration_at.key("endDateTime")),
                duration: self.duration(&e.duration, expiration_at.key("duration")),
                duration_member: Presence::of(&e.duration),
                end_member: Presence::of(&e.end_date_time),
                pointer: expiration_at.clone(),
            });
        (start, expiration)
    }

    fn ticket(&mut self, field: &Field<source::TicketInfo>, at: &Pointer) -> Option<Ticket> {
        let ticket = self.object(field, at)?;
        Some(Ticket {
            number: self.string(&ticket.ticket_number, at.key("ticketNumber")),
            system: self.string(&ticket.ticket_system, at.key("ticketSystem")),
            pointer: at.clone(),
        })
    }

    fn action(
        &mut self,
        field: &Field<String>,
        at: Pointer,
    ) -> Option<Located<crate::model::Action>> {
        self.enumeration(field, at)
    }

    /// A member the request needs: reported when absent or `null` (a wrong type is reported
    /// as such, not as missing).
    fn require<T>(&mut self, field: &Field<T>, parent: &Pointer, name: &'static str, why: &str) {
        if !field.is_missing() {
            return;
        }
        if self.projection {
            // A response from the service: what it lacks was not asked for.
            self.not_returned.push(name);
        } else {
            self.push(missing_request_field::diagnostic(parent, name, why));
        }
    }

    /// Says once which members a service response lacks.
    fn report_not_returned(&mut self, at: &Pointer) {
        if !self.not_returned.is_empty() && !self.selection_said {
            let members = self.not_returned.join(", ");
            self.push(partial_read::diagnostic(
                at,
                &format!(
                    "this service response has no {members}: it was read with $select, so they are unknown"
                ),
            ));
        }
    }

    /// Notes a `$select` projection of a request (from its own or its list's context): the
    /// members it leaves out are not missing.
    fn request_projection(&mut self, own_context: &Field<String>, at: &Pointer) {
        let context = own_context
            .value()
            .map(String::as_str)
            .or(self.list_context);
        // Clients do not send `@odata.context`: a document with one is the service's answer,
        // which carries every member unless `$select` left it out.
        self.projection = context.is_some();
        if let Some(selection) = context
            .map(|c| odata::selection(c, odata::REQUEST_SETS))
            .filter(|s| !s.is_empty())
        {
            self.push(partial_read::diagnostic(
                at,
                &format!("the request was read with $select ({selection}): only those members were asked for"),
            ));
            self.projection = true;
            self.selection_said = true;
        }
    }

    /// Every action but removal and deactivation needs a schedule.
    fn require_schedule(
        &mut self,
        action: Option<&Located<crate::model::Action>>,
        field: &Field<source::ScheduleInfo>,
        parent: &Pointer,
    ) {
        use crate::model::Action;
        let needs = action
            .is_some_and(|a| !matches!(a.value, Action::AdminRemove | Action::SelfDeactivate));
        if needs {
            self.require(
                field,
                parent,
                "scheduleInfo",
                "it says when the access starts and ends",
            );
        }
    }

    /// A string member that must have a given form; `check` says what is wrong, if anything.
    fn id_member(
        &mut self,
        field: &Field<String>,
        at: Pointer,
        check: fn(&str) -> Option<&'static str>,
    ) -> Option<Located<String>> {
        let id = self.string(field, at);
        if let Some(id) = &id {
            if let Some(expected) = check(&id.value) {
                self.push(invalid_identifier::diagnostic(
                    &id.pointer,
                    &id.value,
                    expected,
                ));
            }
        }
        id
    }

    fn graph_role_request(
        &mut self,
        src: &source::GraphRoleRequest,
        at: &Pointer,
        kind: DocumentKind,
    ) -> ScheduleRequest {
        self.request_projection(&src.odata_context, at);
        let level = level_of(kind);
        let action = self.action(&src.action, at.key("action"));
        self.require(&src.action, at, "action", "it says what the request does");
        self.require(
            &src.principal_id,
            at,
            "principalId",
            "it names who gets the role",
        );
        self.require(
            &src.role_definition_id,
            at,
            "roleDefinitionId",
            "it names the role",
        );
        if src.app_scope_id.is_missing() {
            self.require(
                &src.directory_scope_id,
                at,
                "directoryScopeId",
                "it names the scope (`/` for the whole directory)",
            );
        }
        self.require_schedule(action.as_ref(), &src.schedule_info, at);
        let (start, expiration) = self.schedule(&src.schedule_info, &at.key("scheduleInfo"));
        self.boolean(&src.is_validation_only, at.key("isValidationOnly"));
        self.string(&src.app_scope_id, at.key("appScopeId"));
        self.report_not_returned(at);
        ScheduleRequest {
            kind,
            pointer: at.clone(),
            provider: Provider::EntraRoles,
            level,
            request_kind: action
                .as_ref()
                .map(|a| ScheduleRequest::kind_of(a.value, level)),
            action,
            principal_id: self.id_member(&src.principal_id, at.key("principalId"), ids::object_id),
            role_definition_id: self.id_member(
                &src.role_definition_id,
                at.key("roleDefinitionId"),
                ids::object_id,
            ),
            scope: self.id_member(
                &src.directory_scope_id,
                at.key("directoryScopeId"),
                ids::directory_scope,
            ),
            start,
            expiration,
            justification: self.string(&src.justification, at.key("justification")),
            ticket: self.ticket(&src.ticket_info, &at.key("ticketInfo")),
            target_schedule_id: self.string(&src.target_schedule_id, at.key("targetScheduleId")),
        }
    }

    fn graph_group_request(
        &mut self,
        src: &source::GraphGroupRequest,
        at: &Pointer,
        kind: DocumentKind,
    ) -> ScheduleRequest {
        self.request_projection(&src.odata_context, at);
        let level = level_of(kind);
        let action = self.action(&src.action, at.key("action"));
        self.require(&src.action, at, "action", "it says what the request does");
        self.require(
            &src.principal_id,
            at,
            "principalId",
            "it names who gets the access",
        );
        self.require(&src.group_id, at, "groupId", "it names the group");
        self.require(
            &src.access_id,
            at,
            "accessId",
            "it says `member` or `owner`",
        );
        self.require_schedule(action.as_ref(), &src.schedule_info, at);
        let (start, expiration) = self.schedule(&src.schedule_info, &at.key("scheduleInfo"));
        self.boolean(&src.is_validation_only, at.key("isValidationOnly"));
        let access = self.string(&src.access_id, at.key("accessId"));
        let access = match access {
            Some(a) if a.value.eq_ignore_ascii_case("member") => {
                Some(Located::new("member".to_owned(), a.pointer))
            }
            Some(a) if a.value.eq_ignore_ascii_case("owner") => {
                Some(Located::new("owner".to_owned(), a.pointer))
            }
            Some(a) => {
                self.push(invalid_enum_value::diagnostic(
                    &a.pointer,
                    "access id",
                    &a.value,
                    &["member", "owner"],
                ));
                None
            }
            None => None,
        };
        self.report_not_returned(at);
        ScheduleRequest {
            kind,
            pointer: at.clone(),
            provider: Provider::Groups,
            level,
            request_kind: action
                .as_ref()
                .map(|a| ScheduleRequest::kind_of(a.value, level)),
            action,
            principal_id: self.id_member(&src.principal_id, at.key("principalId"), ids::object_id),
            role_definition_id: access,
            scope: self.id_member(&src.group_id, at.key("groupId"), ids::object_id),
            start,
            expiration,
            justification: self.string(&src.justification, at.key("justification")),
            ticket: self.ticket(&src.ticket_info, &at.key("ticketInfo")),
            target_schedule_id: self.string(&src.target_schedule_id, at.key("targetScheduleId")),
        }
    }

    fn arm_request(
        &mut self,
        src: &source::ArmRequest,
        at: &Pointer,
        kind: DocumentKind,
    ) -> ScheduleRequest {
        let level = level_of(kind);
        let id = self.string(&src.id, at.key("id"));
        let props_at = at.key("properties");
        let mut request = ScheduleRequest {
            kind,
            pointer: props_at.clone(),
            provider: Provider::AzureResources,
            level,
            action: None,
            request_kind: None,
            principal_id: None,
            role_definition_id: None,
            scope: None,
            start: None,
            expiration: None,
            justification: None,
            ticket: None,
            target_schedule_id: None,
        };
        let Some(props) = self.object(&src.properties, &props_at) else {
            return request;
        };
        request.action = self.action(&props.request_type, props_at.key("requestType"));
        self.require(
            &props.request_type,
            &props_at,
            "requestType",
            "it says what the request does",
        );
        self.require(
            &props.principal_id,
            &props_at,
            "principalId",
            "it names who gets the role",
        );
        self.require(
            &props.role_definition_id,
            &props_at,
            "roleDefinitionId",
            "it names the role",
        );
        self.require_schedule(request.action.as_ref(), &props.schedule_info, &props_at);
        request.request_kind = request
            .action
            .as_ref()
            .map(|a| ScheduleRequest::kind_of(a.value, level));
        request.principal_id = self.id_member(
            &props.principal_id,
            props_at.key("principalId"),
            ids::object_id,
        );
        request.role_definition_id = self.id_member(
            &props.role_definition_id,
            props_at.key("roleDefinitionId"),
            ids::arm_role_definition,
        );
        // The scope is in the response's `scope`, or in the request's own resource id.
        let scope = self.id_member(&props.scope, props_at.key("scope"), ids::arm_scope);
        request.scope = scope.or_else(|| {
            id.and_then(|id| {
                let lower = id.value.to_ascii_lowercase();
                lower
                    .find("/providers/microsoft.authorization/")
                    .map(|i| Located::new(id.value[..i].to_owned(), id.pointer.clone()))
            })
        });
        let (start, expiration) =
            self.schedule(&props.schedule_info, &props_at.key("scheduleInfo"));
        request.start = start;
        request.expiration = expiration;
        request.justification = self.string(&props.justification, props_at.key("justification"));
        request.ticket = self.ticket(&props.ticket_info, &props_at.key("ticketInfo"));
        request.target_schedule_id = [
            (
                &props.linked_role_eligibility_schedule_id,
                "linkedRoleEligibilityScheduleId",
            ),
            (
                &props.target_role_assignment_schedule_id,
                "targetRoleAssignmentScheduleId",
            ),
            (
                &props.target_role_eligibility_schedule_id,
                "targetRoleEligibilityScheduleId",
            ),
        ]
        .into_iter()
        .find_map(|(f, key)| self.string(f, props_at.key(key)));
        self.string(&props.condition, props_at.key("condition"));
        self.string(&props.condition_version, props_at.key("conditionVersion"));
        request
    }
}

/// The rules of `effective` that differ from the same rule in `rules` (or that `rules` lacks).
fn effective_differences(
    rules: &Field<Vec<Rule>>,
    effective: &Field<Vec<Rule>>,
    rules_at: &Pointer,
    effective_at: &Pointer,
) -> Vec<crate::model::EffectiveDifference> {
    let (Field::Value(rules), Field::Value(effective)) = (rules, effective) else {
        return Vec::new();
    };
    let id_of = |r: &Rule| -> Option<String> {
        match r {
            Rule::Unknown(v) => v.get("id").and_then(Value::as_str).map(str::to_owned),
            known => known.common().and_then(|(_, _, id, _)| id.value().cloned()),
        }
    };
    let as_object = |r: &Rule| match serde_json::to_value(r) {
        Ok(Value::Object(map)) => map,
        _ => serde_json::Map::new(),
    };
    let mut out = Vec::new();
    for (i, e) in effective.iter().enumerate() {
        let Some(id) = id_of(e) else { continue };
        let set = rules.iter().position(|r| id_of(r).as_deref() == Some(&id));
        let e_obj = as_object(e);
        let members: Vec<String> = match set {
            None => Vec::new(),
            Some(j) => {
                let r_obj = as_object(&rules[j]);
                let mut keys: Vec<&String> = e_obj.keys().chain(r_obj.keys()).collect();
                keys.sort();
                keys.dedup();
                keys.into_iter()
                    .filter(|k| {
                        let a = e_obj.get(*k).unwrap_or(&Value::Null);
                        let b = r_obj.get(*k).unwrap_or(&Value::Null);
                        a != b
                    })
                    .cloned()
                    .collect()
            }
        };
        if set.is_none() || !members.is_empty() {
            out.push(crate::model::EffectiveDifference {
                id,
                rule: set.map(|j| rules_at.index(j)),
                effective: effective_at.index(i),
                members,
            });
        }
    }
    out
}

/// What an `OData` `@odata.context` says about the members a response carries.
mod odata {
    /// Entity sets whose items are policies (an assignment's `policy` is read as one).
    pub const POLICY_SETS: &[&str] = &["roleManagementPolicies", "roleManagementPolicyAssignments"];
    /// Entity sets whose items are schedule requests.
    pub const REQUEST_SETS: &[&str] = &[
        "roleAssignmentScheduleRequests",
        "roleEligibilityScheduleRequests",
        "assignmentScheduleRequests",
        "eligibilityScheduleRequests",
    ];

    /// The `$select` of a response whose items are in one of `sets`, as the context writes it
    /// (`rules.id`, `id, displayName`); empty when nothing was left out.
    pub fn selection(context: &str, sets: &[&str]) -> String {
        let fragment = context.rsplit_once('#').map_or(context, |(_, f)| f);
        let annotation = sets.iter().find_map(|set| {
            let start = fragment.find(&format!("{set}("))? + set.len() + 1;
            let body = group(&fragment[start..])?;
            // A key (`('Directory_…')`) is not a selection.
            (!body.starts_with('\'')).then_some(body)
        });
        let Some(annotation) = annotation else {
            return String::new();
        };
        let mut selected = Vec::new();
        collect(annotation, "", &mut selected);
        selected.join(", ")
    }

    /// The text up to the parenthesis that closes the one just opened.
    fn group(text: &str) -> Option<&str> {
        let mut depth = 1usize;
        for (i, c) in text.char_indices() {
            match c {
                '(' => depth += 1,
                ')' => {
                    depth -= 1;
                    if depth == 0 {
                        return Some(&text[..i]);
                    }
                }
                _ => {}
            }
        }
        None
    }

    /// Selected members (items without parentheses, other than `*`), as `path.member`.
    fn collect(list: &str, prefix: &str, out: &mut Vec<String>) {
        let mut depth = 0usize;
        let mut start = 0;
        let mut items = Vec::new();
        for (i, c) in list.char_indices() {
            match c {
                '(' => depth += 1,
                ')' => depth = depth.saturating_sub(1),
                ',' if depth == 0 => {
                    items.push(&list[start..i]);
                    start = i + 1;
                }
                _ => {}
            }
        }
        items.push(&list[start..]);
        for item in items.into_iter().map(str::trim).filter(|i| !i.is_empty()) {
            match item.split_once('(') {
                Some((name, rest)) => {
                    let inner = rest.strip_suffix(')').unwrap_or(rest);
                    // `policy(rules())` expands; the policy inside an assignment is the
                    // document, so its members are not prefixed.
                    let next = if name == "policy" {
                        prefix.to_owned()
                    } else {
                        format!("{prefix}{name}.")
                    };
                    collect(inner, &next, out);
                }
                None if item == "*" => {}
                None => out.push(format!("{prefix}{item}")),
            }
        }
    }

    #[cfg(test)]
    mod tests {
        use super::super::odata;
        use super::selection;

        #[test]
        fn reads_select_and_expand_from_the_context() {
            let m = "https://graph.microsoft.com/v1.0/$metadata#";
            let sel = |c: &str| selection(&format!("{m}{c}"), odata::POLICY_SETS);
            assert_eq!(sel("policies/roleManagementPolicies(rules())/$entity"), "");
            assert_eq!(sel("policies/roleManagementPolicies/$entity"), "");
            assert_eq!(
                sel("policies/roleManagementPolicies(rules(id))/$entity"),
                "rules.id"
            );
            assert_eq!(
                sel("policies/roleManagementPolicies(id,displayName)"),
                "id, displayName"
            );
            assert_eq!(
                sel("policies/roleManagementPolicyAssignments(policy(rules()))/$entity"),
                ""
            );
            assert_eq!(
                sel("policies/roleManagementPolicies('Directory_x')/rules/$entity"),
                ""
            );
        }
    }
}

/// Puts a rule in its slot unless an earlier copy is there (duplicates are reported apart).
fn fill<T>(slot: Option<&mut Option<T>>, rule: T) {
    if let Some(slot) = slot {
        if slot.is_none() {
            *slot = Some(rule);
        }
    }
}
