//! Policies, their rules, and policy assignments (Graph and ARM) into the model.

#[allow(
    clippy::wildcard_imports,
    reason = "one reader, split by document family"
)]
use super::*;

impl Reader<'_> {
    // ---- policies ----

    /// Whether a policy document is whole, an update, or a projection; says so once when it
    /// is a projection. `context` is the `@odata.context` of the response it came in.
    pub(super) fn extent(
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

    pub(super) fn graph_policy(
        &mut self,
        src: &source::GraphPolicy,
        at: Pointer,
        kind: DocumentKind,
        role: Option<RoleRef>,
    ) -> Policy {
        self.graph_policy_in(src, at, kind, role, None)
    }

    pub(super) fn graph_policy_in(
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
        let id = self.string(&src.id, at.member(member!("id")));
        let scope = self.string(&src.scope_id, at.member(member!("scopeId")));
        let scope_type = self.string(&src.scope_type, at.member(member!("scopeType")));
        self.string(&src.display_name, at.member(member!("displayName")));
        self.string(&src.description, at.member(member!("description")));
        self.boolean(
            &src.is_organization_default,
            at.member(member!("isOrganizationDefault")),
        );
        self.timestamp(
            &src.last_modified_date_time,
            at.member(member!("lastModifiedDateTime")),
        );
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
        let (rules_pointer, entries, rules) =
            self.rules(&src.rules, &at.member(member!("rules")), false);
        if !src.effective_rules.is_missing() {
            // Read for their structure only; `rules` is what the policy sets.
            self.rules(
                &src.effective_rules,
                &at.member(member!("effectiveRules")),
                false,
            );
        }
        let effective_differences = effective_differences(
            &src.rules,
            &src.effective_rules,
            &at.member(member!("rules")),
            &at.member(member!("effectiveRules")),
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

    pub(super) fn graph_role_ref(
        &mut self,
        src: &source::GraphPolicyAssignment,
        at: &Pointer,
    ) -> Option<RoleRef> {
        let id = self.string(
            &src.role_definition_id,
            at.member(member!("roleDefinitionId")),
        );
        let definition_at = at.member(member!("roleDefinition"));
        let definition = self.object(&src.role_definition, &definition_at);
        let (display_name, is_privileged, template) = match definition {
            Some(d) => (
                self.string(
                    &d.display_name,
                    definition_at.member(member!("displayName")),
                )
                .map(|l| l.value),
                self.boolean(
                    &d.is_privileged,
                    definition_at.member(member!("isPrivileged")),
                )
                .map(|l| l.value),
                self.string(&d.template_id, definition_at.member(member!("templateId")))
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

    pub(super) fn graph_assignment(
        &mut self,
        src: &source::GraphPolicyAssignment,
        at: &Pointer,
    ) -> Document {
        let role = self.graph_role_ref(src, at);
        let id = self.string(&src.id, at.member(member!("id")));
        let policy_id = self.string(&src.policy_id, at.member(member!("policyId")));
        let scope = self.string(&src.scope_id, at.member(member!("scopeId")));
        let scope_type = self.string(&src.scope_type, at.member(member!("scopeType")));
        let policy_at = at.member(member!("policy"));
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

    pub(super) fn arm_policy(
        &mut self,
        src: &source::ArmPolicy,
        at: &Pointer,
        kind: DocumentKind,
    ) -> Policy {
        let id = self.string(&src.id, at.member(member!("id")));
        self.string(&src.name, at.member(member!("name")));
        self.string(&src.resource_type, at.member(member!("type")));
        let props_at = at.member(member!("properties"));
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
        let scope = self.id_member(
            &props.scope,
            props_at.member(member!("scope")),
            ids::arm_scope,
        );
        self.string(&props.display_name, props_at.member(member!("displayName")));
        self.string(&props.description, props_at.member(member!("description")));
        self.boolean(
            &props.is_organization_default,
            props_at.member(member!("isOrganizationDefault")),
        );
        self.timestamp(
            &props.last_modified_date_time,
            props_at.member(member!("lastModifiedDateTime")),
        );
        let scope_type = match &props.policy_properties {
            Field::Value(v) => v.pointer("/scope/type").and_then(Value::as_str).map(|t| {
                Located::new(
                    t.to_owned(),
                    props_at
                        .member(member!("policyProperties"))
                        .member(member!("scope"))
                        .member(member!("type")),
                )
            }),
            _ => None,
        };
        let (rules_pointer, entries, rules) =
            self.rules(&props.rules, &props_at.member(member!("rules")), true);
        if !props.effective_rules.is_missing() {
            self.rules(
                &props.effective_rules,
                &props_at.member(member!("effectiveRules")),
                true,
            );
        }
        let effective_differences = effective_differences(
            &props.rules,
            &props.effective_rules,
            &props_at.member(member!("rules")),
            &props_at.member(member!("effectiveRules")),
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

    pub(super) fn arm_assignment(
        &mut self,
        src: &source::ArmPolicyAssignment,
        at: &Pointer,
    ) -> Document {
        let id = self.string(&src.id, at.member(member!("id")));
        let props_at = at.member(member!("properties"));
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
        assignment.scope = self.string(&props.scope, props_at.member(member!("scope")));
        assignment.policy_id = self.string(&props.policy_id, props_at.member(member!("policyId")));
        let details_at = props_at.member(member!("policyAssignmentProperties"));
        let display_name = self
            .object(&props.policy_assignment_properties, &details_at)
            .and_then(|d| match &d.role_definition {
                Field::Value(r) => r.display_name.value().cloned(),
                _ => None,
            });
        assignment.role = self
            .string(
                &props.role_definition_id,
                props_at.member(member!("roleDefinitionId")),
            )
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
            &props_at.member(member!("effectiveRules")),
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
    pub(super) fn single_rule(&mut self, rule: &Rule, at: &Pointer, kind: DocumentKind) -> Policy {
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

    pub(super) fn rules(
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

    pub(super) fn unknown_rule(&mut self, value: &Value, at: &Pointer) -> Option<RuleEntry> {
        let Value::Object(obj) = value else {
            self.push(wrong_json_type::diagnostic(at, Expected::Object, value));
            return None;
        };
        let id = obj
            .get("id")
            .and_then(Value::as_str)
            .map(|s| Located::new(s.to_owned(), at.member(member!("id"))));
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

    pub(super) fn rule(
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
        // Where the discriminator is, when one is: built only for a finding.
        let discriminator = match (odata_type, arm_type) {
            (Field::Value(_), _) => Some("@odata.type"),
            (_, Field::Value(_)) => Some("ruleType"),
            _ => None,
        };
        match own {
            Field::Invalid(v) => self.push(wrong_json_type::diagnostic(
                &at.key(own_key),
                Expected::String,
                v,
            )),
            Field::Absent | Field::Null if discriminator.is_none() => {
                self.push(rule_type_mismatch::missing(at, rule_type, arm));
            }
            _ => {}
        }
        let id = self.string(id_field, at.member(member!("id")));
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
                let mismatch_at = at.key(discriminator.unwrap_or("id"));
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
        let target_at = at.member(member!("target"));
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
                    is_expiration_required: self.boolean(
                        &r.is_expiration_required,
                        at.member(member!("isExpirationRequired")),
                    ),
                    maximum_duration: self
                        .duration(&r.maximum_duration, at.member(member!("maximumDuration"))),
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
                let list_at = at.member(member!("enabledRules"));
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
                    is_enabled: self.boolean(&r.is_enabled, at.member(member!("isEnabled"))),
                    claim_value: self.string(&r.claim_value, at.member(member!("claimValue"))),
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

    pub(super) fn target(&mut self, src: &source::RuleTarget, at: Pointer) -> Target {
        let ops_at = at.member(member!("operations"));
        let mut operations = Vec::new();
        for (i, op) in self.list(&src.operations, &ops_at).iter().enumerate() {
            if let Some(op) = self.enumeration::<Operation>(op, ops_at.index(i)) {
                operations.push(op);
            }
        }
        Target {
            caller: self.enumeration(&src.caller, at.member(member!("caller"))),
            level: self.enumeration(&src.level, at.member(member!("level"))),
            operations,
            pointer: at,
        }
    }

    pub(super) fn approval(
        &mut self,
        src: &source::ApprovalRule,
        at: &Pointer,
        arm: bool,
    ) -> ApprovalRule {
        let setting_at = at.member(member!("setting"));
        let stage_list_at = setting_at.member(member!("approvalStages"));
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
            setting_at.member(member!("isApprovalRequired")),
        );
        rule.is_approval_required_for_extension = self.boolean(
            &setting.is_approval_required_for_extension,
            setting_at.member(member!("isApprovalRequiredForExtension")),
        );
        rule.is_requestor_justification_required = self.boolean(
            &setting.is_requestor_justification_required,
            setting_at.member(member!("isRequestorJustificationRequired")),
        );
        rule.approval_mode = self.enumeration::<ApprovalMode>(
            &setting.approval_mode,
            setting_at.member(member!("approvalMode")),
        );
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

    pub(super) fn stage(
        &mut self,
        src: &source::ApprovalStage,
        at: Pointer,
        arm: bool,
    ) -> ApprovalStage {
        let primary_at = at.member(member!("primaryApprovers"));
        let escalation_at = at.member(member!("escalationApprovers"));
        let primary = self.approvers(&src.primary_approvers, &primary_at, arm);
        let escalation = self.approvers(&src.escalation_approvers, &escalation_at, arm);
        ApprovalStage {
            timeout_days: self.integer(
                &src.approval_stage_time_out_in_days,
                at.member(member!("approvalStageTimeOutInDays")),
            ),
            is_approver_justification_required: self.boolean(
                &src.is_approver_justification_required,
                at.member(member!("isApproverJustificationRequired")),
            ),
            is_escalation_enabled: self.boolean(
                &src.is_escalation_enabled,
                at.member(member!("isEscalationEnabled")),
            ),
            escalation_time_minutes: self.integer(
                &src.escalation_time_in_minutes,
                at.member(member!("escalationTimeInMinutes")),
            ),
            primary_approvers_pointer: primary_at,
            primary_approvers: primary,
            escalation_approvers_pointer: escalation_at,
            escalation_approvers: escalation,
            pointer: at,
        }
    }

    pub(super) fn approvers(
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
                .string(&src.description, approver_at.member(member!("description")))
                .map(|d| d.value);
            let is_backup = self
                .boolean(&src.is_backup, approver_at.member(member!("isBackup")))
                .map(|b| b.value);
            let odata_type =
                self.string(&src.odata_type, approver_at.member(member!("@odata.type")));
            let user_type = self.string(&src.user_type, approver_at.member(member!("userType")));
            let (kind, id) = if let Some(t) = odata_type {
                let name = t.value.trim_start_matches('#');
                let name = name.strip_prefix("microsoft.graph.").unwrap_or(name);
                // The service writes `userId` / `groupId`; beta examples and SDK exports write
                // the object id as `id`.
                match name {
                    n if n.eq_ignore_ascii_case("singleUser") => (
                        Some(ApproverKind::User),
                        self.string(&src.user_id, approver_at.member(member!("userId")))
                            .or_else(|| self.string(&src.id, approver_at.member(member!("id")))),
                    ),
                    n if n.eq_ignore_ascii_case("groupMembers") => (
                        Some(ApproverKind::Group),
                        self.string(&src.group_id, approver_at.member(member!("groupId")))
                            .or_else(|| self.string(&src.id, approver_at.member(member!("id")))),
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
                    .string(&src.id, approver_at.member(member!("id")))
                    .or_else(|| self.string(&src.user_id, approver_at.member(member!("userId"))))
                    .or_else(|| self.string(&src.group_id, approver_at.member(member!("groupId"))));
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

    pub(super) fn notification(
        &mut self,
        src: &source::NotificationRule,
        at: &Pointer,
    ) -> NotificationRule {
        let recipients_at = at.member(member!("notificationRecipients"));
        NotificationRule {
            pointer: at.clone(),
            notification_type: self.enumeration::<NotificationType>(
                &src.notification_type,
                at.member(member!("notificationType")),
            ),
            recipient_type: self.enumeration::<RecipientType>(
                &src.recipient_type,
                at.member(member!("recipientType")),
            ),
            notification_level: self.enumeration::<NotificationLevel>(
                &src.notification_level,
                at.member(member!("notificationLevel")),
            ),
            is_default_recipients_enabled: self.boolean(
                &src.is_default_recipients_enabled,
                at.member(member!("isDefaultRecipientsEnabled")),
            ),
            recipients: (!src.notification_recipients.is_absent())
                .then(|| self.strings(&src.notification_recipients, &recipients_at)),
            recipients_pointer: recipients_at,
        }
    }
}

/// The rules of `effective` that differ from the same rule in `rules` (or that `rules` lacks).
fn effective_differences(
    rules: &Field<Vec<Rule>>,
    effective: &Field<Vec<Rule>>,
    rules_at: &Pointer,
    effective_at: &Pointer,
) -> Vec<crate::model::EffectiveDifference> {
    fn id_of(r: &Rule) -> Option<&str> {
        match r {
            Rule::Unknown(v) => v.get("id").and_then(Value::as_str),
            known => known
                .common()
                .and_then(|(_, _, id, _)| id.value().map(source::Name::as_str)),
        }
    }
    let (Field::Value(rules), Field::Value(effective)) = (rules, effective) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (i, e) in effective.iter().enumerate() {
        let Some(id) = id_of(e) else { continue };
        let set = rules.iter().position(|r| id_of(r) == Some(id));
        let members: Vec<String> = match set {
            None => Vec::new(),
            // Equal rules write equal JSON: most effective rules are the rules as set.
            Some(j) if rules[j] == *e => Vec::new(),
            Some(j) => e
                .differences(&rules[j])
                .unwrap_or_else(|| e.written_differences(&rules[j])),
        };
        if set.is_none() || !members.is_empty() {
            out.push(crate::model::EffectiveDifference {
                id: id.to_owned(),
                rule: set.map(|j| rules_at.index(j)),
                effective: effective_at.index(i),
                members,
            });
        }
    }
    out
}
