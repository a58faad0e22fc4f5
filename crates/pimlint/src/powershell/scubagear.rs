//! ScubaGear's privileged roles export: per role, its policy's rules; per group, a Group policy.

#[allow(clippy::wildcard_imports, reason = "one converter, split by exporter")]
use super::*;

/// `{"value": [...]}`: per privileged role, its own policy's rules as a policy assignment
/// with the policy expanded (the role is known, the policy's id is not), and the rules of
/// each PIM-for-Groups group as a policy of scope type Group of its own, placed at the
/// group's first rule.
pub(super) fn scubagear(obj: &Map<String, Value>) -> Result<Converted, ExportError> {
    let mut conv = Conv::new(SCUBAGEAR);
    let privileged_at = Pointer::root().key("privileged_roles");
    let privileged = obj
        .get("privileged_roles")
        .and_then(Value::as_array)
        .map_or(&[][..], Vec::as_slice);
    // Other providers' sections may be cut short harmlessly; only the rules matter here.
    for (r, role) in privileged.iter().enumerate() {
        if let Some(rules) = role.get("Rules") {
            check_depth(rules, &privileged_at.index(r).key("Rules"), SCUBAGEAR)?;
        }
    }
    conv.map.link(&Pointer::root().key("value"), &privileged_at);
    let mut docs = Vec::new();
    for (r, role) in privileged.iter().enumerate() {
        let role_at = privileged_at.index(r);
        let Some(role) = role.as_object() else {
            continue;
        };
        let Some(rules) = role.get("Rules").and_then(Value::as_array) else {
            conv.lost.push((
                role_at,
                "ScubaGear exported no PIM rules for this role (it exports them only when the \
                 tenant has a Microsoft Entra ID P2 licence), so there is nothing to check"
                    .to_owned(),
            ));
            continue;
        };
        let rules_at = role_at.key("Rules");
        // (PIM group name or None for the role's own policy, rule indices), in file order.
        let mut groups: Vec<(Option<&str>, Vec<usize>)> = Vec::new();
        for (j, rule) in rules.iter().enumerate() {
            let group = (rule.get("RuleSourceType").and_then(Value::as_str) == Some("PIM Group"))
                .then(|| rule.get("RuleSource").and_then(Value::as_str).unwrap_or(""));
            match groups.iter_mut().find(|(g, _)| *g == group) {
                // ScubaGear appends a group's rules once per assignment of the group to the
                // role (active and eligible, an activation besides its eligibility): the
                // repeats are copies of the same policy, not duplicated rules.
                Some((Some(_), list))
                    if rule
                        .get("Id")
                        .is_some_and(|id| list.iter().any(|&k| rules[k].get("Id") == Some(id))) => {
                }
                Some((_, list)) => list.push(j),
                None => groups.push((group, vec![j])),
            }
        }
        for (group, indices) in groups {
            let doc_at = Pointer::root().key("value").index(docs.len());
            // A group's rules are the group's own policy, not the role's: it is found at its
            // first rule, so that it is never taken for (or merged into) the role's policy.
            let place = match (group, indices.first()) {
                (Some(_), Some(&first)) => rules_at.index(first),
                _ => role_at.clone(),
            };
            conv.map.link(&doc_at, &place);
            let list_at = if group.is_none() {
                doc_at.key("policy").key("rules")
            } else {
                doc_at.key("rules")
            };
            conv.map.link(&list_at, &rules_at);
            let converted: Vec<Value> = indices
                .iter()
                .enumerate()
                .map(|(k, &j)| {
                    let (orig, at) = (rules_at.index(j), list_at.index(k));
                    conv.map.link(&at, &orig);
                    match &rules[j] {
                        Value::Object(o) => conv.graph_object(o, &orig, &at, true),
                        other => other.clone(),
                    }
                })
                .collect();
            let mut doc = Map::new();
            conv.map.link(&doc_at.key("@odata.type"), &role_at);
            if group.is_none() {
                doc.insert(
                    "@odata.type".to_owned(),
                    Value::String(
                        "#microsoft.graph.unifiedRoleManagementPolicyAssignment".to_owned(),
                    ),
                );
                if let Some(id) = role.get("RoleTemplateId").filter(|v| v.is_string()) {
                    conv.map.link(
                        &doc_at.key("roleDefinitionId"),
                        &role_at.key("RoleTemplateId"),
                    );
                    doc.insert("roleDefinitionId".to_owned(), id.clone());
                }
                conv.map.link(&doc_at.key("policy"), &role_at);
                let mut policy = Map::new();
                policy.insert("rules".to_owned(), Value::Array(converted));
                doc.insert("policy".to_owned(), Value::Object(policy));
            } else {
                doc.insert(
                    "@odata.type".to_owned(),
                    Value::String("#microsoft.graph.unifiedRoleManagementPolicy".to_owned()),
                );
                if let Some(&first) = indices.first() {
                    conv.map.link(
                        &doc_at.key("scopeType"),
                        &rules_at.index(first).key("RuleSourceType"),
                    );
                }
                doc.insert("scopeType".to_owned(), Value::String("Group".to_owned()));
                doc.insert("rules".to_owned(), Value::Array(converted));
            }
            docs.push(Value::Object(doc));
        }
    }
    let mut value = Map::new();
    value.insert("value".to_owned(), Value::Array(docs));
    Ok(conv.finish(Value::Object(value)))
}
