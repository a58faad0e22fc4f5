//! Assignment requests of iterations 1 and 2 into schedule requests.

#[allow(
    clippy::wildcard_imports,
    reason = "one converter, split by API iteration"
)]
use super::*;

impl Doc {
    // -- requests ------------------------------------------------------------------------

    pub(super) fn request(&mut self, obj: &Map<String, Value>) -> Value {
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
