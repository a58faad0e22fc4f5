//! Iteration 1 (`/beta/privilegedRoles`): `privilegedRoleSettings` into policy rules.

#[allow(
    clippy::wildcard_imports,
    reason = "one converter, split by API iteration"
)]
use super::*;

impl Doc {
    // -- iteration 1 ---------------------------------------------------------------------

    pub(super) fn iteration1(
        &mut self,
        obj: &Map<String, Value>,
    ) -> Result<Vec<RuleOut>, LegacyError> {
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
}
