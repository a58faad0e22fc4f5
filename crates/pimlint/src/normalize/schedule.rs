//! Schedules, instances and role assignments (Graph roles, Graph groups, ARM) into the
//! tenant model.

#[allow(
    clippy::wildcard_imports,
    reason = "one reader, split by document family"
)]
use super::*;
use crate::tenant::model::{Holding, Principal, PrincipalKind, Schedule, ScheduleObject};

/// Active or eligible, and which object, by kind.
const fn shape_of(kind: DocumentKind) -> (Holding, ScheduleObject) {
    use DocumentKind as K;
    match kind {
        K::GraphRoleEligibilitySchedule
        | K::GraphGroupEligibilitySchedule
        | K::ArmRoleEligibilitySchedule => (Holding::Eligible, ScheduleObject::Schedule),
        K::GraphRoleEligibilityScheduleInstance
        | K::GraphGroupEligibilityScheduleInstance
        | K::ArmRoleEligibilityScheduleInstance => (Holding::Eligible, ScheduleObject::Instance),
        K::GraphRoleAssignmentScheduleInstance
        | K::GraphGroupAssignmentScheduleInstance
        | K::ArmRoleAssignmentScheduleInstance => (Holding::Active, ScheduleObject::Instance),
        K::GraphRoleAssignment | K::ArmRoleAssignment => {
            (Holding::Active, ScheduleObject::RoleAssignment)
        }
        _ => (Holding::Active, ScheduleObject::Schedule),
    }
}

const fn is_group_kind(kind: DocumentKind) -> bool {
    matches!(
        kind,
        DocumentKind::GraphGroupAssignmentSchedule
            | DocumentKind::GraphGroupAssignmentScheduleInstance
            | DocumentKind::GraphGroupEligibilitySchedule
            | DocumentKind::GraphGroupEligibilityScheduleInstance
    )
}

impl Reader<'_> {
    /// Whether a grant never ends, from an end member: `null` says it never ends, a value
    /// says it does, absence says nothing.
    fn end_of(
        &mut self,
        field: &Field<String>,
        at: Pointer,
    ) -> (
        Option<Located<DateTime<FixedOffset>>>,
        Option<Located<bool>>,
    ) {
        match field {
            Field::Null => (None, Some(Located::new(true, at))),
            Field::Absent => (None, None),
            _ => {
                let end = self.timestamp(field, at.clone());
                let permanent = end.as_ref().map(|e| Located::new(false, e.pointer.clone()));
                (end, permanent)
            }
        }
    }

    fn principal(&mut self, field: &Field<source::Principal>, at: &Pointer) -> Option<Principal> {
        let p = self.object(field, at)?;
        let kind = self
            .string(&p.odata_type, at.member(member!("@odata.type")))
            .map(|t| PrincipalKind::parse(&t.value));
        let sign_in = self
            .string(
                &p.user_principal_name,
                at.member(member!("userPrincipalName")),
            )
            .map(|n| n.value);
        let name = self
            .string(&p.display_name, at.member(member!("displayName")))
            .map(|n| n.value)
            .or_else(|| sign_in.clone());
        let user_type = self.string(&p.user_type, at.member(member!("userType")));
        let on_premises_sync = self.boolean(
            &p.on_premises_sync_enabled,
            at.member(member!("onPremisesSyncEnabled")),
        );
        // A user, a group and a service principal each carry members the others lack.
        let kind = kind.or_else(|| {
            if user_type.is_some() || !p.user_principal_name.is_missing() {
                Some(PrincipalKind::User)
            } else if !p.is_assignable_to_role.is_missing() {
                Some(PrincipalKind::Group)
            } else if !p.service_principal_type.is_missing() {
                Some(PrincipalKind::ServicePrincipal)
            } else {
                None
            }
        });
        Some(Principal {
            kind,
            name,
            sign_in,
            user_type,
            on_premises_sync,
            pointer: at.clone(),
        })
    }

    pub(super) fn graph_schedule(
        &mut self,
        src: &source::GraphSchedule,
        base: &Pointer,
        kind: DocumentKind,
    ) -> Schedule {
        let (holding, object) = shape_of(kind);
        let group = is_group_kind(kind);
        let (start, end, permanent) = if object == ScheduleObject::Schedule {
            let info_at = base.member(member!("scheduleInfo"));
            let (start, expiration) = self.schedule(&src.schedule_info, &info_at);
            let permanent = expiration.as_ref().and_then(|e| {
                e.expiration_type.as_ref().map(|t| {
                    Located::new(t.value == ExpirationType::NoExpiration, t.pointer.clone())
                })
            });
            (start, expiration.and_then(|e| e.end), permanent)
        } else {
            let start = self.timestamp(&src.start_date_time, base.member(member!("startDateTime")));
            let (end, permanent) =
                self.end_of(&src.end_date_time, base.member(member!("endDateTime")));
            (start, end, permanent)
        };
        let through_pim = match (object, &src.created_using) {
            (ScheduleObject::Schedule, Field::Null) => {
                Some(Located::new(false, base.member(member!("createdUsing"))))
            }
            (ScheduleObject::Schedule, Field::Value(_)) => {
                Some(Located::new(true, base.member(member!("createdUsing"))))
            }
            // An instance of a standing assignment made outside PIM has no start.
            (ScheduleObject::Instance, Field::Absent)
                if holding == Holding::Active && matches!(src.start_date_time, Field::Null) =>
            {
                Some(Located::new(false, base.member(member!("startDateTime"))))
            }
            _ => None,
        };
        let role_at = base.member(member!("roleDefinition"));
        let expanded = self.object(&src.role_definition, &role_at).cloned();
        let (role_name, role_is_privileged) = expanded.map_or((None, None), |r| {
            (
                self.string(&r.display_name, role_at.member(member!("displayName")))
                    .map(|n| n.value),
                self.boolean(&r.is_privileged, role_at.member(member!("isPrivileged")))
                    .map(|b| b.value),
            )
        });
        Schedule {
            provider: if group {
                Provider::Groups
            } else {
                Provider::EntraRoles
            },
            holding,
            object,
            id: self.string(&src.id, base.member(member!("id"))),
            principal_id: self.string(&src.principal_id, base.member(member!("principalId"))),
            principal: self.principal(&src.principal, &base.member(member!("principal"))),
            role_id: if group {
                None
            } else {
                self.string(
                    &src.role_definition_id,
                    base.member(member!("roleDefinitionId")),
                )
            },
            role_name,
            role_is_privileged,
            group_id: self.string(&src.group_id, base.member(member!("groupId"))),
            access_id: self.string(&src.access_id, base.member(member!("accessId"))),
            scope: self.string(
                &src.directory_scope_id,
                base.member(member!("directoryScopeId")),
            ),
            start,
            end,
            permanent,
            member_type: self.string(&src.member_type, base.member(member!("memberType"))),
            assignment_type: self
                .string(&src.assignment_type, base.member(member!("assignmentType"))),
            through_pim,
            pointer: base.clone(),
        }
    }

    pub(super) fn arm_schedule(
        &mut self,
        src: &source::ArmSchedule,
        base: &Pointer,
        kind: DocumentKind,
    ) -> Schedule {
        let (holding, object) = shape_of(kind);
        let at = base.member(member!("properties"));
        let empty = source::ArmScheduleProperties::default();
        let props = self.object(&src.properties, &at).unwrap_or(&empty);
        let start = self.timestamp(&props.start_date_time, at.member(member!("startDateTime")));
        let (end, permanent) = if object == ScheduleObject::RoleAssignment {
            // A role assignment has no end: it stands until it is removed.
            (None, Some(Located::new(true, base.clone())))
        } else {
            self.end_of(&props.end_date_time, at.member(member!("endDateTime")))
        };
        let expanded_at = at.member(member!("expandedProperties"));
        let expanded = self
            .object(&props.expanded_properties, &expanded_at)
            .cloned();
        let principal_kind = self
            .string(&props.principal_type, at.member(member!("principalType")))
            .map(|t| PrincipalKind::parse(&t.value));
        let principal_at = expanded_at.member(member!("principal"));
        let principal_name = expanded.as_ref().and_then(|e| {
            let p = e.principal.value()?;
            p.display_name.value().or(p.email.value()).cloned()
        });
        let principal = (principal_kind.is_some() || principal_name.is_some()).then(|| Principal {
            kind: principal_kind,
            name: principal_name,
            sign_in: None,
            user_type: None,
            on_premises_sync: None,
            pointer: if expanded
                .as_ref()
                .is_some_and(|e| e.principal.value().is_some())
            {
                principal_at
            } else {
                at.member(member!("principalType"))
            },
        });
        let role_name = expanded
            .as_ref()
            .and_then(|e| e.role_definition.value()?.display_name.value().cloned());
        let role_id = self
            .string(
                &props.role_definition_id,
                at.member(member!("roleDefinitionId")),
            )
            .map(|r| Located::new(last_segment(&r.value), r.pointer));
        let through_pim = match object {
            ScheduleObject::Schedule => {
                let request = if holding == Holding::Active {
                    &props.role_assignment_schedule_request_id
                } else {
                    &props.role_eligibility_schedule_request_id
                };
                match request {
                    Field::Null => Some(Located::new(false, at.clone())),
                    Field::Value(_) => Some(Located::new(true, at.clone())),
                    _ => None,
                }
            }
            ScheduleObject::RoleAssignment | ScheduleObject::Instance => None,
        };
        Schedule {
            provider: Provider::AzureResources,
            holding,
            object,
            id: self.string(&src.id, base.member(member!("id"))),
            principal_id: self.string(&props.principal_id, at.member(member!("principalId"))),
            principal,
            role_id,
            role_name,
            role_is_privileged: None,
            group_id: None,
            access_id: None,
            scope: self.string(&props.scope, at.member(member!("scope"))),
            start,
            end,
            permanent,
            member_type: self.string(&props.member_type, at.member(member!("memberType"))),
            assignment_type: self
                .string(&props.assignment_type, at.member(member!("assignmentType"))),
            through_pim,
            pointer: base.clone(),
        }
    }
}
