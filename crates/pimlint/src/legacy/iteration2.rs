//! Iteration 2 (`/beta/privilegedAccess/…`): `governanceRoleSetting` and its setting strings
//! into policy rules.

#[allow(
    clippy::wildcard_imports,
    reason = "one converter, split by API iteration"
)]
use super::*;

impl Doc {
    // -- iteration 2 ---------------------------------------------------------------------

    pub(super) fn iteration2(
        &mut self,
        obj: &Map<String, Value>,
    ) -> Result<Vec<RuleOut>, LegacyError> {
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
}
