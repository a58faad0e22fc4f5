//! Schedule requests (Graph roles, Graph groups, ARM) into the model.

#[allow(
    clippy::wildcard_imports,
    reason = "one reader, split by document family"
)]
use super::*;

impl Reader<'_> {
    // ---- requests ----

    pub(super) fn schedule(
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
        let start = self.timestamp(&info.start_date_time, at.member(member!("startDateTime")));
        let expiration_at = at.member(member!("expiration"));
        let expiration = self
            .object(&info.expiration, &expiration_at)
            .map(|e| RequestExpiration {
                expiration_type: self.enumeration::<ExpirationType>(
                    &e.expiration_type,
                    expiration_at.member(member!("type")),
                ),
                end: self.timestamp(
                    &e.end_date_time,
                    expiration_at.member(member!("endDateTime")),
                ),
                duration: self.duration(&e.duration, expiration_at.member(member!("duration"))),
                duration_member: Presence::of(&e.duration),
                end_member: Presence::of(&e.end_date_time),
                pointer: expiration_at.clone(),
            });
        (start, expiration)
    }

    pub(super) fn ticket(
        &mut self,
        field: &Field<source::TicketInfo>,
        at: &Pointer,
    ) -> Option<Ticket> {
        let ticket = self.object(field, at)?;
        Some(Ticket {
            number: self.string(&ticket.ticket_number, at.member(member!("ticketNumber"))),
            system: self.string(&ticket.ticket_system, at.member(member!("ticketSystem"))),
            pointer: at.clone(),
        })
    }

    pub(super) fn action(
        &mut self,
        field: &Field<String>,
        at: Pointer,
    ) -> Option<Located<crate::model::Action>> {
        self.enumeration(field, at)
    }

    /// A member the request needs: reported when absent or `null` (a wrong type is reported
    /// as such, not as missing).
    pub(super) fn require<T>(
        &mut self,
        field: &Field<T>,
        parent: &Pointer,
        name: &'static str,
        why: &str,
    ) {
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
    pub(super) fn report_not_returned(&mut self, at: &Pointer) {
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
    pub(super) fn request_projection(&mut self, own_context: &Field<String>, at: &Pointer) {
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
    pub(super) fn require_schedule(
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
    pub(super) fn id_member(
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

    pub(super) fn graph_role_request(
        &mut self,
        src: &source::GraphRoleRequest,
        at: &Pointer,
        kind: DocumentKind,
    ) -> ScheduleRequest {
        self.request_projection(&src.odata_context, at);
        let level = level_of(kind);
        let action = self.action(&src.action, at.member(member!("action")));
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
        let (start, expiration) =
            self.schedule(&src.schedule_info, &at.member(member!("scheduleInfo")));
        self.boolean(
            &src.is_validation_only,
            at.member(member!("isValidationOnly")),
        );
        self.string(&src.app_scope_id, at.member(member!("appScopeId")));
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
            principal_id: self.id_member(
                &src.principal_id,
                at.member(member!("principalId")),
                ids::object_id,
            ),
            role_definition_id: self.id_member(
                &src.role_definition_id,
                at.member(member!("roleDefinitionId")),
                ids::object_id,
            ),
            scope: self.id_member(
                &src.directory_scope_id,
                at.member(member!("directoryScopeId")),
                ids::directory_scope,
            ),
            start,
            expiration,
            justification: self.string(&src.justification, at.member(member!("justification"))),
            ticket: self.ticket(&src.ticket_info, &at.member(member!("ticketInfo"))),
            target_schedule_id: self.string(
                &src.target_schedule_id,
                at.member(member!("targetScheduleId")),
            ),
        }
    }

    pub(super) fn graph_group_request(
        &mut self,
        src: &source::GraphGroupRequest,
        at: &Pointer,
        kind: DocumentKind,
    ) -> ScheduleRequest {
        self.request_projection(&src.odata_context, at);
        let level = level_of(kind);
        let action = self.action(&src.action, at.member(member!("action")));
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
        let (start, expiration) =
            self.schedule(&src.schedule_info, &at.member(member!("scheduleInfo")));
        self.boolean(
            &src.is_validation_only,
            at.member(member!("isValidationOnly")),
        );
        let access = self.string(&src.access_id, at.member(member!("accessId")));
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
            principal_id: self.id_member(
                &src.principal_id,
                at.member(member!("principalId")),
                ids::object_id,
            ),
            role_definition_id: access,
            scope: self.id_member(&src.group_id, at.member(member!("groupId")), ids::object_id),
            start,
            expiration,
            justification: self.string(&src.justification, at.member(member!("justification"))),
            ticket: self.ticket(&src.ticket_info, &at.member(member!("ticketInfo"))),
            target_schedule_id: self.string(
                &src.target_schedule_id,
                at.member(member!("targetScheduleId")),
            ),
        }
    }

    pub(super) fn arm_request(
        &mut self,
        src: &source::ArmRequest,
        at: &Pointer,
        kind: DocumentKind,
    ) -> ScheduleRequest {
        let level = level_of(kind);
        let id = self.string(&src.id, at.member(member!("id")));
        let props_at = at.member(member!("properties"));
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
        request.action = self.action(&props.request_type, props_at.member(member!("requestType")));
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
            props_at.member(member!("principalId")),
            ids::object_id,
        );
        request.role_definition_id = self.id_member(
            &props.role_definition_id,
            props_at.member(member!("roleDefinitionId")),
            ids::arm_role_definition,
        );
        // The scope is in the response's `scope`, or in the request's own resource id.
        let scope = self.id_member(
            &props.scope,
            props_at.member(member!("scope")),
            ids::arm_scope,
        );
        request.scope = scope.or_else(|| {
            id.and_then(|id| {
                let lower = id.value.to_ascii_lowercase();
                lower
                    .find("/providers/microsoft.authorization/")
                    .map(|i| Located::new(id.value[..i].to_owned(), id.pointer.clone()))
            })
        });
        let (start, expiration) = self.schedule(
            &props.schedule_info,
            &props_at.member(member!("scheduleInfo")),
        );
        request.start = start;
        request.expiration = expiration;
        request.justification = self.string(
            &props.justification,
            props_at.member(member!("justification")),
        );
        request.ticket = self.ticket(&props.ticket_info, &props_at.member(member!("ticketInfo")));
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
        self.string(&props.condition, props_at.member(member!("condition")));
        self.string(
            &props.condition_version,
            props_at.member(member!("conditionVersion")),
        );
        request
    }
}
