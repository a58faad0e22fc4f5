//! Every fixture of `tests/fixtures/powershell/` converts as each export's shape says.

#![allow(clippy::many_single_char_names)]

use super::*;
use serde_json::json;

/// Fixture bytes as PowerShell wrote them: UTF-8 (with or without a BOM) or UTF-16LE
/// with a BOM (Windows PowerShell 5.1 `Out-File`).
fn parse(bytes: &[u8]) -> Value {
    let text = match bytes {
        [0xEF, 0xBB, 0xBF, rest @ ..] => String::from_utf8(rest.to_vec()).unwrap(),
        [0xFF, 0xFE, rest @ ..] => {
            let units: Vec<u16> = rest
                .chunks(2)
                .map(|c| u16::from_le_bytes([c[0], c[1]]))
                .collect();
            String::from_utf16(&units).unwrap()
        }
        _ => String::from_utf8(bytes.to_vec()).unwrap(),
    };
    serde_json::from_str(&text).unwrap()
}

macro_rules! fixture {
    ($name:literal) => {
        parse(include_bytes!(concat!(
            "../../../../tests/fixtures/powershell/",
            $name
        )))
    };
}

fn ok(value: &Value) -> Converted {
    convert(value).expect("recognised").expect("converted")
}

fn p(text: &str) -> Pointer {
    Pointer::parse(text).unwrap()
}

/// The original pointer for `converted`, checked to resolve in the original.
fn origin<'a>(c: &Converted, original: &'a Value, converted: &str) -> (String, &'a Value) {
    let at = c.pointers.original(&p(converted));
    let found = original
        .pointer(&at.text())
        .unwrap_or_else(|| panic!("{converted} maps to {at}, which is not in the file"));
    (at.text().into_owned(), found)
}

/// Every node of the converted value maps to a node that exists in the original, and
/// every recorded origin exists.
fn assert_all_pointers_resolve(c: &Converted, original: &Value) {
    fn walk(v: &Value, at: &Pointer, out: &mut Vec<Pointer>) {
        out.push(at.clone());
        match v {
            Value::Object(o) => o.iter().for_each(|(k, v)| walk(v, &at.key(k), out)),
            Value::Array(a) => a
                .iter()
                .enumerate()
                .for_each(|(i, v)| walk(v, &at.index(i), out)),
            _ => {}
        }
    }
    let mut all = Vec::new();
    walk(&c.value, &Pointer::root(), &mut all);
    for at in all {
        let orig = c.pointers.original(&at);
        assert!(
            original.pointer(&orig.text()).is_some(),
            "{at} maps to {orig}, not in the file"
        );
    }
    for orig in c.pointers.origins.values() {
        assert!(original.pointer(&orig.text()).is_some(), "{orig}");
    }
    for (at, _) in &c.lost {
        assert!(original.pointer(&at.text()).is_some(), "lost at {at}");
    }
}

fn index_of(rules: &Value, id: &str) -> usize {
    rules
        .as_array()
        .unwrap()
        .iter()
        .position(|r| r.get("id").or_else(|| r.get("Id")) == Some(&json!(id)))
        .unwrap_or_else(|| panic!("no rule {id}"))
}

fn check_graph_rule_list(original: &Value, duration: &str) {
    let c = ok(original);
    assert_eq!(c.writer, GRAPH_SDK);
    assert!(c.lost.is_empty(), "{:?}", c.lost);
    let rules = c.value.as_array().unwrap();
    assert_eq!(rules.len(), 17);
    for rule in rules {
        let t = rule["@odata.type"].as_str().unwrap();
        assert!(
            t.starts_with("#microsoft.graph.unifiedRoleManagementPolicy"),
            "{t}"
        );
        assert!(rule["target"]["operations"].is_array());
        assert!(rule.get("Id").is_none() && rule.get("AdditionalProperties").is_none());
    }
    let i = index_of(&c.value, "Expiration_EndUser_Assignment");
    assert_eq!(c.value[i]["maximumDuration"], duration);
    assert_eq!(c.value[i]["isExpirationRequired"], true);
    let (at, v) = origin(&c, original, &format!("/{i}/maximumDuration"));
    assert_eq!(at, format!("/{i}/AdditionalProperties/maximumDuration"));
    assert_eq!(v, duration);
    let (at, _) = origin(&c, original, &format!("/{i}/target/caller"));
    assert_eq!(at, format!("/{i}/Target/Caller"));
    let e = index_of(&c.value, "Enablement_EndUser_Assignment");
    let enabled = &c.value[e]["enabledRules"];
    assert!(
        enabled
            .as_array()
            .unwrap()
            .contains(&json!("MultiFactorAuthentication"))
    );
    assert_eq!(
        enabled,
        &original[e]["AdditionalProperties"]["enabledRules"]
    );
    let a = index_of(&c.value, "Approval_EndUser_Assignment");
    let approver = &c.value[a]["setting"]["approvalStages"][0]["primaryApprovers"][0];
    assert_eq!(
        approver,
        &original[a]["AdditionalProperties"]["setting"]["approvalStages"][0]["primaryApprovers"][0]
    );
    assert!(approver["@odata.type"].is_string());
    let (at, _) = origin(
        &c,
        original,
        &format!("/{a}/setting/approvalStages/0/primaryApprovers/0/id"),
    );
    assert_eq!(
        at,
        format!("/{a}/AdditionalProperties/setting/approvalStages/0/primaryApprovers/0/id")
    );
    assert_all_pointers_resolve(&c, original);
}

#[test]
fn graph_sdk_rule_lists() {
    check_graph_rule_list(&fixture!("graph-sdk-policy-rules-list.json"), "PT8H");
    check_graph_rule_list(&fixture!("graph-sdk-beta-policy-rules-list.json"), "PT4H");
    check_graph_rule_list(&fixture!("graph-sdk-policy-rules-list-ps51.json"), "PT8H");
}

#[test]
fn ps51_rule_list_matches_ps7() {
    let ps7 = ok(&fixture!("graph-sdk-policy-rules-list.json"));
    let ps51 = ok(&fixture!("graph-sdk-policy-rules-list-ps51.json"));
    assert_eq!(ps7.value, ps51.value);
}

fn check_expanded_policy(original: &Value, scope_type: &str) {
    let c = ok(original);
    assert_eq!(c.writer, GRAPH_SDK);
    let policy = &c.value;
    assert_eq!(policy["scopeType"], scope_type);
    assert_eq!(policy["isOrganizationDefault"], false);
    assert!(
        policy["@odata.context"]
            .as_str()
            .unwrap()
            .contains("roleManagementPolicies")
    );
    if scope_type == "Group" {
        // All-null stub: the API sent no lastModifiedBy.
        assert!(policy["lastModifiedBy"].is_null());
    } else {
        assert_eq!(policy["lastModifiedBy"]["displayName"], "Megan Bowen");
    }
    assert!(policy["effectiveRules"].is_null());
    let rules = policy["rules"].as_array().unwrap();
    assert_eq!(rules.len(), 17);
    // Only id and target survive; the rest is reported, not guessed.
    for rule in rules {
        let keys: Vec<&str> = rule
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(keys, ["id", "target"]);
    }
    assert_eq!(c.lost.len(), 17);
    let id = original["Id"].as_str().unwrap();
    for (k, (at, message)) in c.lost.iter().enumerate() {
        assert_eq!(at.text(), format!("/Rules/{k}"));
        assert!(message.contains("AdditionalProperties"), "{message}");
        assert!(message.contains(id), "{message}");
        assert!(
            message.contains("Get-MgPolicyRoleManagementPolicyRule"),
            "{message}"
        );
    }
    let (at, v) = origin(&c, original, "/rules/3/target/caller");
    assert_eq!(at, "/Rules/3/Target/Caller");
    assert_eq!(v, &policy["rules"][3]["target"]["caller"]);
    // A member the export lost maps to its rule, plus the rest of the path.
    assert_eq!(
        c.pointers.original(&p("/rules/0/maximumDuration")).text(),
        "/Rules/0/maximumDuration"
    );
    assert_all_pointers_resolve(&c, original);
}

#[test]
fn graph_sdk_expanded_policies_lose_rule_settings() {
    check_expanded_policy(
        &fixture!("graph-sdk-policy-expand-rules.json"),
        "DirectoryRole",
    );
    check_expanded_policy(&fixture!("graph-sdk-beta-policy.json"), "Group");
}

#[test]
fn graph_sdk_policy_assignment() {
    let original = fixture!("graph-sdk-policy-assignment-expanded.json");
    let c = ok(&original);
    let a = &c.value;
    assert_eq!(
        a["roleDefinitionId"],
        "62e90394-69f5-4237-9190-012177145e10"
    );
    assert_eq!(a["scopeId"], "/");
    assert_eq!(a["policyId"], original["PolicyId"]);
    assert_eq!(a["policy"]["rules"].as_array().unwrap().len(), 17);
    assert_eq!(
        a["policy"]["rules"][0]["id"],
        "Expiration_Admin_Eligibility"
    );
    assert_eq!(c.lost.len(), 17);
    assert_eq!(c.lost[0].0.text(), "/Policy/Rules/0");
    let (at, _) = origin(&c, &original, "/policy/rules/5/target/level");
    assert_eq!(at, "/Policy/Rules/5/Target/Level");
    assert_all_pointers_resolve(&c, &original);
}

#[test]
fn truncated_exports_are_errors_with_the_pointer() {
    for original in [
        fixture!("graph-sdk-policy-depth-2-truncated.json"),
        fixture!("graph-sdk-policy-rules-list-depth-2-truncated.json"),
    ] {
        let err = convert(&original).expect("recognised").unwrap_err();
        assert!(err.message.contains("-Depth 20"), "{}", err.message);
        assert!(
            err.message.contains(&*err.pointer.text()),
            "{}",
            err.message
        );
        let found = original.pointer(&err.pointer.text()).unwrap();
        assert!(found.is_string(), "{found}");
    }
    let err = convert(&fixture!("graph-sdk-policy-depth-2-truncated.json"))
        .unwrap()
        .unwrap_err();
    assert_eq!(err.pointer.text(), "/Rules/0/Target");
    assert!(
        err.message
            .contains("MicrosoftGraphUnifiedRoleManagementPolicyRuleTarget")
    );
    let err = convert(&fixture!(
        "graph-sdk-policy-rules-list-depth-2-truncated.json"
    ))
    .unwrap()
    .unwrap_err();
    assert_eq!(err.pointer.text(), "/0/Target/EnforcedSettings");
    // Only the setting dictionary, deeper, is a type name.
    let setting = json!([{"Id": "Approval_EndUser_Assignment", "Target": {"Operations": ["All"]},
        "AdditionalProperties": {"setting": "System.Collections.Generic.Dictionary`2[System.String,System.Object]"}}]);
    let err = convert(&setting).unwrap().unwrap_err();
    assert_eq!(err.pointer.text(), "/0/AdditionalProperties/setting");
}

#[test]
fn graph_sdk_eligibility_request() {
    let original = fixture!("graph-sdk-eligibility-request.json");
    let c = ok(&original);
    let r = &c.value;
    assert_eq!(r["action"], "adminAssign");
    assert_eq!(r["principalId"], "3b9f1c2e-8a7d-4e6f-b5c4-d3e2f1a0b9c8");
    assert_eq!(r["directoryScopeId"], "/");
    assert_eq!(r["scheduleInfo"]["startDateTime"], "2026-12-01T00:00:00Z");
    assert_eq!(r["scheduleInfo"]["expiration"]["type"], "afterDateTime");
    assert_eq!(
        r["scheduleInfo"]["expiration"]["endDateTime"],
        "2027-06-01T00:00:00Z"
    );
    assert!(r["scheduleInfo"]["expiration"]["duration"].is_null());
    // All-null stubs are the SDK's, not the API's.
    assert!(r["scheduleInfo"]["recurrence"].is_null());
    assert!(r["roleDefinition"].is_null());
    assert!(r["createdBy"]["application"].is_null());
    assert_eq!(
        r["createdBy"]["user"]["id"],
        "0e4c6a8b-2d1f-4a3c-9b5e-7f6d8c0a2e4b"
    );
    assert!(
        r["@odata.context"]
            .as_str()
            .unwrap()
            .ends_with("roleEligibilityScheduleRequests/$entity")
    );
    assert!(r.get("@odata.type").is_none());
    let (at, _) = origin(&c, &original, "/scheduleInfo/expiration/endDateTime");
    assert_eq!(at, "/ScheduleInfo/Expiration/EndDateTime");
    assert!(c.lost.is_empty());
    assert_all_pointers_resolve(&c, &original);
}

#[test]
fn graph_sdk_self_activation_timespan() {
    let original = fixture!("graph-sdk-assignment-request-self-activate.json");
    let c = ok(&original);
    let r = &c.value;
    assert_eq!(r["action"], "selfActivate");
    assert_eq!(r["scheduleInfo"]["expiration"]["duration"], "PT4H");
    assert_eq!(r["scheduleInfo"]["expiration"]["type"], "afterDuration");
    assert_eq!(r["ticketInfo"]["ticketNumber"], "INC-20931");
    assert_eq!(r["ticketInfo"]["ticketSystem"], "ServiceNow");
    assert!(r["activatedUsing"].is_null());
    assert!(r["targetSchedule"].is_null());
    let (at, v) = origin(&c, &original, "/scheduleInfo/expiration/duration");
    assert_eq!(at, "/ScheduleInfo/Expiration/Duration");
    assert_eq!(v["Ticks"], 144_000_000_000_u64);
    assert_all_pointers_resolve(&c, &original);
}

#[test]
fn windows_powershell_dates() {
    let original = fixture!("windows-powershell-5.1-dates.json");
    let c = ok(&original);
    let r = &c.value;
    assert_eq!(r["scheduleInfo"]["startDateTime"], "2026-12-01T00:00:00Z");
    assert_eq!(
        r["scheduleInfo"]["expiration"]["endDateTime"],
        "2027-06-01T00:00:00Z"
    );
    assert_eq!(r["createdDateTime"], "2026-11-20T09:14:03.236Z");
    assert_eq!(r["completedDateTime"], "2026-11-20T09:14:04.627Z");
    assert!(r["ticketInfo"].is_null());
    let (at, v) = origin(&c, &original, "/createdDateTime");
    assert_eq!(at, "/CreatedDateTime");
    assert_eq!(v, "/Date(1795166043236)/");
    // Same request as the PowerShell 7 fixture, but for the precision 5.1 drops.
    let ps7 = ok(&fixture!("graph-sdk-eligibility-request.json")).value;
    assert_eq!(r["scheduleInfo"], ps7["scheduleInfo"]);
    assert_eq!(r["justification"], ps7["justification"]);
    assert_all_pointers_resolve(&c, &original);
}

#[test]
fn request_lists_say_which_request_they_are() {
    let list = json!([
        {"Action": "adminAssign", "PrincipalId": "p", "ScheduleInfo": {"StartDateTime": null}, "AdditionalProperties": {}},
        {"Action": "adminAssign", "ActivatedUsing": {"Id": null}, "PrincipalId": "p", "ScheduleInfo": {"StartDateTime": null}, "AdditionalProperties": {}},
        {"Action": "adminAssign", "PrincipalId": "p", "GroupId": "g", "AccessId": "member", "ScheduleInfo": {"StartDateTime": null}}
    ]);
    let c = ok(&list);
    assert_eq!(
        c.value[0]["@odata.type"],
        "#microsoft.graph.unifiedRoleEligibilityScheduleRequest"
    );
    assert_eq!(
        c.value[1]["@odata.type"],
        "#microsoft.graph.unifiedRoleAssignmentScheduleRequest"
    );
    assert_eq!(
        c.value[2]["@odata.type"],
        "#microsoft.graph.privilegedAccessGroupEligibilityScheduleRequest"
    );
    assert_eq!(c.value[2]["groupId"], "g");
    assert!(c.value[0]["scheduleInfo"].is_null());
    assert_all_pointers_resolve(&c, &list);
}

#[test]
fn az_policy() {
    let original = fixture!("az-role-management-policy.json");
    let c = ok(&original);
    assert_eq!(c.writer, AZ);
    let v = &c.value;
    assert_eq!(v["id"], original["Id"]);
    assert_eq!(v["name"], original["Name"]);
    assert_eq!(v["type"], "Microsoft.Authorization/roleManagementPolicies");
    let props = &v["properties"];
    assert_eq!(
        props["scope"],
        "/subscriptions/7c1e2d3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f"
    );
    assert_eq!(props["isOrganizationDefault"], false);
    assert_eq!(props["lastModifiedBy"]["displayName"], "Megan Bowen");
    assert_eq!(props["policyProperties"]["scope"]["type"], "subscription");
    assert!(v.get("ResourceGroupName").is_none() && props.get("resourceGroupName").is_none());
    let rules = &props["rules"];
    assert_eq!(rules.as_array().unwrap().len(), 17);
    assert_eq!(props["effectiveRules"].as_array().unwrap().len(), 17);
    for rule in rules.as_array().unwrap() {
        let t = rule["ruleType"].as_str().unwrap();
        let id = rule["id"].as_str().unwrap();
        let prefix = id.split('_').next().unwrap();
        assert_eq!(t, format!("RoleManagementPolicy{prefix}Rule"), "{id}");
        assert!(rule["target"]["operations"].is_array());
        assert!(rule["target"].get("operation").is_none());
        assert!(rule.get("targetCaller").is_none());
    }
    let i = index_of(rules, "Expiration_EndUser_Assignment");
    assert_eq!(rules[i]["maximumDuration"], "PT8H");
    let (at, _) = origin(
        &c,
        &original,
        &format!("/properties/rules/{i}/maximumDuration"),
    );
    assert_eq!(at, format!("/Rule/{i}/MaximumDuration"));
    let (at, _) = origin(
        &c,
        &original,
        &format!("/properties/rules/{i}/target/operations/0"),
    );
    assert_eq!(at, format!("/Rule/{i}/Target/Operation/0"));
    // Enablement: [] is known, [{}, {}] is not.
    let e = index_of(rules, "Enablement_Admin_Eligibility");
    assert_eq!(rules[e]["enabledRules"], json!([]));
    let e = index_of(rules, "Enablement_EndUser_Assignment");
    assert!(rules[e].get("enabledRules").is_none());
    let lost = |at: String| {
        c.lost.iter().find(|(p, _)| p.text() == at).map_or_else(
            || panic!("nothing lost at {at}: {:?}", c.lost),
            |(_, m)| m.clone(),
        )
    };
    assert!(lost(format!("/Rule/{e}")).contains("enabledRules (2 values)"));
    let a = index_of(rules, "Approval_EndUser_Assignment");
    let setting = &rules[a]["setting"];
    assert_eq!(setting["isApprovalRequired"], true);
    assert!(setting.get("approvalMode").is_none());
    let stage = &setting["approvalStages"][0];
    assert_eq!(stage["approvalStageTimeOutInDays"], 1);
    assert_eq!(stage["escalationTimeInMinutes"], 0);
    assert!(stage["escalationApprovers"].is_null());
    let approver = &stage["primaryApprovers"][0];
    assert_eq!(approver["id"], "5f1c2d3e-4a5b-4c6d-9e8f-0a1b2c3d4e5f");
    assert_eq!(approver["isBackup"], false);
    assert!(approver.get("userType").is_none());
    assert!(lost(format!("/Rule/{a}")).contains("setting.approvalMode"));
    let m = lost(format!(
        "/Rule/{a}/SettingApprovalStage/0/PrimaryApprover/0"
    ));
    assert!(
        m.contains("userType") && m.contains("Invoke-AzRestMethod"),
        "{m}"
    );
    assert!(m.contains(original["Id"].as_str().unwrap()), "{m}");
    // A finding on a lost member points at the {} the export wrote.
    let (at, v) = origin(
        &c,
        &original,
        &format!("/properties/rules/{a}/setting/approvalMode"),
    );
    assert_eq!(at, format!("/Rule/{a}/SettingApprovalMode"));
    assert_eq!(v, &json!({}));
    let (at, _) = origin(
        &c,
        &original,
        &format!("/properties/rules/{a}/setting/approvalStages/0/approvalStageTimeOutInDays"),
    );
    assert_eq!(at, format!("/Rule/{a}/SettingApprovalStage/0/TimeOutInDay"));
    let n = index_of(rules, "Notification_Admin_Admin_Assignment");
    assert_eq!(
        rules[n]["notificationRecipients"],
        json!(["cloud-ops@contoso.example"])
    );
    assert_eq!(rules[n]["isDefaultRecipientsEnabled"], true);
    assert!(rules[n].get("notificationType").is_none());
    let m = lost(format!("/Rule/{n}"));
    assert!(
        m.contains("notificationLevel, notificationType and recipientType"),
        "{m}"
    );
    assert_all_pointers_resolve(&c, &original);
}

#[test]
fn az_policy_assignment() {
    let original = fixture!("az-role-management-policy-assignment.json");
    let c = ok(&original);
    let props = &c.value["properties"];
    assert_eq!(props["policyId"], original["PolicyId"]);
    assert_eq!(props["roleDefinitionId"], original["RoleDefinitionId"]);
    assert_eq!(props["scope"], original["Scope"]);
    let pap = &props["policyAssignmentProperties"];
    assert_eq!(pap["roleDefinition"]["displayName"], "Contributor");
    assert_eq!(
        pap["policy"]["lastModifiedDateTime"],
        "2026-08-02T07:15:00Z"
    );
    assert_eq!(pap["scope"]["displayName"], "Contoso Production");
    assert!(c.lost.is_empty(), "{:?}", c.lost);
    let (at, _) = origin(
        &c,
        &original,
        "/properties/policyAssignmentProperties/policy/id",
    );
    assert_eq!(at, "/PolicyAssignmentPropertiesPolicyId");
    assert_all_pointers_resolve(&c, &original);
}

#[test]
fn az_eligibility_request() {
    let original = fixture!("az-role-eligibility-schedule-request.json");
    let c = ok(&original);
    let props = &c.value["properties"];
    assert_eq!(props["principalId"], original["PrincipalId"]);
    assert_eq!(props["roleDefinitionId"], original["RoleDefinitionId"]);
    assert_eq!(props["justification"], "New payments engineer");
    assert_eq!(
        props["scheduleInfo"]["startDateTime"],
        "2026-12-01T00:00:00Z"
    );
    assert_eq!(props["scheduleInfo"]["expiration"]["duration"], "P365D");
    assert!(props["scheduleInfo"]["expiration"].get("type").is_none());
    assert!(props.get("requestType").is_none() && props.get("status").is_none());
    assert!(props["ticketInfo"].is_null());
    assert_eq!(
        props["targetRoleEligibilityScheduleId"],
        original["TargetRoleEligibilityScheduleId"]
    );
    assert_eq!(
        c.value["type"],
        "Microsoft.Authorization/RoleEligibilityScheduleRequests"
    );
    assert_eq!(c.lost.len(), 1);
    assert_eq!(c.lost[0].0, Pointer::root());
    let m = &c.lost[0].1;
    assert!(
        m.contains("requestType") && m.contains("scheduleInfo.expiration.type"),
        "{m}"
    );
    let (at, _) = origin(&c, &original, "/properties/requestType");
    assert_eq!(at, "/RequestType");
    let (at, _) = origin(&c, &original, "/properties/scheduleInfo/startDateTime");
    assert_eq!(at, "/ScheduleInfoStartDateTime");
    assert_all_pointers_resolve(&c, &original);
}

#[test]
fn scubagear_v1_6() {
    let original = fixture!("scubagear-privileged-roles.json");
    let c = ok(&original);
    assert_eq!(c.writer, SCUBAGEAR);
    let docs = c.value["value"].as_array().unwrap();
    assert_eq!(docs.len(), 2);
    let role = &docs[0];
    assert_eq!(
        role["@odata.type"],
        "#microsoft.graph.unifiedRoleManagementPolicyAssignment"
    );
    assert_eq!(
        role["roleDefinitionId"],
        "62e90394-69f5-4237-9190-012177145e10"
    );
    let rules = &role["policy"]["rules"];
    assert_eq!(rules.as_array().unwrap().len(), 17);
    let i = index_of(rules, "Expiration_EndUser_Assignment");
    assert_eq!(rules[i]["maximumDuration"], "PT8H");
    assert_eq!(rules[i]["target"]["caller"], "EndUser");
    assert!(rules[i].get("ruleSource").is_none() && rules[i].get("RuleSource").is_none());
    let j = index_of(
        &original["privileged_roles"][0]["Rules"],
        "Expiration_EndUser_Assignment",
    );
    let (at, v) = origin(
        &c,
        &original,
        &format!("/value/0/policy/rules/{i}/maximumDuration"),
    );
    assert_eq!(at, format!("/privileged_roles/0/Rules/{j}/MaximumDuration"));
    assert_eq!(v, "PT8H");
    let a = index_of(rules, "Approval_EndUser_Assignment");
    let stage = &rules[a]["setting"]["approvalStages"][0];
    assert_eq!(stage["approvalStageTimeOutInDays"], 1);
    assert_eq!(
        stage["primaryApprovers"][1]["@odata.type"],
        "#microsoft.graph.groupMembers"
    );
    let group = &docs[1];
    assert_eq!(group["scopeType"], "Group");
    assert_eq!(group["rules"].as_array().unwrap().len(), 17);
    assert!(c.lost.is_empty(), "{:?}", c.lost);
    assert_all_pointers_resolve(&c, &original);
}

#[test]
fn scubagear_v1_5() {
    let original = fixture!("scubagear-privileged-roles-v1.5.json");
    let c = ok(&original);
    let docs = c.value["value"].as_array().unwrap();
    assert_eq!(docs.len(), 1);
    let rules = &docs[0]["policy"]["rules"];
    let i = index_of(rules, "Enablement_EndUser_Assignment");
    assert_eq!(
        rules[i]["enabledRules"],
        json!(["MultiFactorAuthentication", "Justification"])
    );
    let (at, _) = origin(
        &c,
        &original,
        &format!("/value/0/policy/rules/{i}/enabledRules/1"),
    );
    assert_eq!(
        at,
        format!("/privileged_roles/0/Rules/{i}/AdditionalProperties/enabledRules/1")
    );
    assert!(c.lost.is_empty());
    // The same rules as 1.6 writes for the role.
    let v16 = ok(&fixture!("scubagear-privileged-roles.json")).value;
    let by_id = |rules: &Value| {
        let mut r: Vec<Value> = rules.as_array().unwrap().clone();
        for rule in &mut r {
            if let Some(t) = rule.get_mut("target").and_then(Value::as_object_mut) {
                t.remove("targetObjects");
            }
        }
        r.sort_by_key(|x| x["id"].as_str().unwrap().to_owned());
        r
    };
    assert_eq!(by_id(rules), by_id(&v16["value"][0]["policy"]["rules"]));
    assert_all_pointers_resolve(&c, &original);
}

#[test]
fn api_documents_are_not_exports() {
    let documents = [
        json!({"id": "Directory_x", "scopeId": "/", "scopeType": "Directory", "isOrganizationDefault": false, "rules": []}),
        json!({"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#policies/roleManagementPolicies", "value": [{"id": "x", "rules": []}]}),
        json!({"@odata.type": "#microsoft.graph.unifiedRoleManagementPolicyExpirationRule", "id": "Expiration_EndUser_Assignment",
               "isExpirationRequired": true, "maximumDuration": "PT8H",
               "target": {"caller": "EndUser", "operations": ["All"], "level": "Assignment"}}),
        json!([{"id": "Expiration_EndUser_Assignment", "target": {"caller": "EndUser"}, "maximumDuration": "PT8H"}]),
        json!({"policyId": "p", "roleDefinitionId": "r", "scopeId": "/", "scopeType": "DirectoryRole"}),
        json!({"action": "selfActivate", "principalId": "p", "roleDefinitionId": "r", "directoryScopeId": "/",
               "scheduleInfo": {"startDateTime": null, "expiration": {"type": "afterDuration", "duration": "PT4H"}}}),
        json!({"id": "/subscriptions/s/providers/Microsoft.Authorization/roleManagementPolicies/p", "name": "p",
               "type": "Microsoft.Authorization/roleManagementPolicies",
               "properties": {"scope": "/subscriptions/s", "rules": [{"id": "Expiration_Admin_Eligibility",
               "ruleType": "RoleManagementPolicyExpirationRule", "maximumDuration": "P365D"}]}}),
        json!({"properties": {"principalId": "p", "roleDefinitionId": "r", "requestType": "AdminAssign",
               "scheduleInfo": {"startDateTime": "2026-01-01T00:00:00Z"}}}),
        json!([]),
        json!([1, 2]),
        json!("x"),
        json!({}),
        json!({"value": []}),
    ];
    for document in documents {
        assert!(convert(&document).is_none(), "{document}");
    }
}

#[test]
fn single_objects_stay_objects_and_arrays_stay_arrays() {
    let rule = json!({"Id": "Expiration_EndUser_Assignment", "Target": {"Caller": "EndUser", "Operations": ["All"]},
        "AdditionalProperties": {"@odata.type": "#microsoft.graph.unifiedRoleManagementPolicyExpirationRule", "maximumDuration": "PT8H"}});
    let c = ok(&rule);
    assert_eq!(c.value["maximumDuration"], "PT8H");
    assert_eq!(
        c.pointers.original(&p("/maximumDuration")).text(),
        "/AdditionalProperties/maximumDuration"
    );
    // A rule whose dictionary is missing keeps id and target, and says so.
    let bare = json!([{"Id": "Expiration_EndUser_Assignment", "Target": {"Caller": "EndUser"}}]);
    let c = ok(&bare);
    assert_eq!(
        c.value,
        json!([{"id": "Expiration_EndUser_Assignment", "target": {"caller": "EndUser"}}])
    );
    assert_eq!(c.lost.len(), 1);
    assert_eq!(c.lost[0].0.text(), "/0");
    assert!(c.lost[0].1.contains("<policy id>"));
}

#[test]
fn durations_and_dates() {
    assert_eq!(iso_duration(144_000_000_000), "PT4H");
    assert_eq!(iso_duration(288_000_000_000), "PT8H");
    assert_eq!(iso_duration(0), "PT0S");
    assert_eq!(iso_duration(864_000_000_000 * 365), "P365D");
    assert_eq!(
        iso_duration(864_000_000_000 + 18_000_000_000 + 5_000_000),
        "P1DT30M0.5S"
    );
    assert_eq!(iso_duration(-36_000_000_000), "-PT1H");
    assert_eq!(iso_duration(1), "PT0.0000001S");
    assert_eq!(timespan_text("04:00:00").as_deref(), Some("PT4H"));
    assert_eq!(
        timespan_text("1.02:03:04.5000000").as_deref(),
        Some("P1DT2H3M4.5S")
    );
    assert_eq!(timespan_text("PT4H"), None);
    assert_eq!(timespan_text("25:00:00"), None);
    assert_eq!(
        net_date("/Date(1811808000000)/").as_deref(),
        Some("2027-06-01T00:00:00Z")
    );
    assert_eq!(
        net_date("/Date(1795166043236+0100)/").as_deref(),
        Some("2026-11-20T09:14:03.236Z")
    );
    assert_eq!(
        net_date("/Date(-1000)/").as_deref(),
        Some("1969-12-31T23:59:59Z")
    );
    assert_eq!(net_date("/Date(x)/"), None);
    assert_eq!(net_date("2026-01-01T00:00:00Z"), None);
    let ts = json!({"Ticks": 9_000_000_000_i64, "Days": 0, "Hours": 0, "TotalSeconds": 900.0});
    assert_eq!(
        timespan_object(ts.as_object().unwrap()).as_deref(),
        Some("PT15M")
    );
}

#[test]
fn converted_documents_are_the_kinds_pimlint_reads() {
    use crate::kind::{DocumentKind as K, detect};
    let kind = |v: &Value| detect(v, None).unwrap();
    let rules = ok(&fixture!("graph-sdk-policy-rules-list.json")).value;
    assert!(
        rules
            .as_array()
            .unwrap()
            .iter()
            .all(|r| kind(r) == K::GraphPolicyRule)
    );
    let cases = [
        (
            ok(&fixture!("graph-sdk-policy-expand-rules.json")).value,
            K::GraphPolicy,
        ),
        (
            ok(&fixture!("graph-sdk-policy-assignment-expanded.json")).value,
            K::GraphPolicyAssignment,
        ),
        (
            ok(&fixture!("graph-sdk-eligibility-request.json")).value,
            K::GraphRoleEligibilityRequest,
        ),
        (
            ok(&fixture!("graph-sdk-assignment-request-self-activate.json")).value,
            K::GraphRoleAssignmentRequest,
        ),
        (
            ok(&fixture!("windows-powershell-5.1-dates.json")).value,
            K::GraphRoleEligibilityRequest,
        ),
        (
            ok(&fixture!("az-role-management-policy.json")).value,
            K::ArmPolicy,
        ),
        (
            ok(&fixture!("az-role-management-policy-assignment.json")).value,
            K::ArmPolicyAssignment,
        ),
        (
            ok(&fixture!("az-role-eligibility-schedule-request.json")).value,
            K::ArmRoleEligibilityRequest,
        ),
    ];
    for (value, expected) in cases {
        assert_eq!(kind(&value), expected);
    }
    let scuba = ok(&fixture!("scubagear-privileged-roles.json")).value;
    assert_eq!(kind(&scuba["value"][0]), K::GraphPolicyAssignment);
    assert_eq!(kind(&scuba["value"][1]), K::GraphPolicyUpdate);
}

#[test]
fn pointer_map_falls_back_to_the_deepest_known_node() {
    let mut map = PointerMap::default();
    assert_eq!(map.original(&p("/a/b")).text(), "/a/b");
    map.link(&p("/rules/2"), &p("/Rules/2"));
    map.link(
        &p("/rules/2/maximumDuration"),
        &p("/Rules/2/AdditionalProperties/maximumDuration"),
    );
    assert_eq!(
        map.original(&p("/rules/2/maximumDuration")).text(),
        "/Rules/2/AdditionalProperties/maximumDuration"
    );
    assert_eq!(map.original(&p("/rules/2/x~1y")).text(), "/Rules/2/x~1y");
    assert_eq!(map.original(&p("/rules/3")).text(), "/rules/3");
}

#[test]
fn tenant_exports_are_the_kinds_pimlint_reads() {
    use crate::kind::{DocumentKind as K, detect};
    let cases = [
        (
            fixture!("graph-sdk-role-assignment-schedules.json"),
            K::GraphRoleAssignmentSchedule,
        ),
        (
            fixture!("graph-sdk-role-assignment-schedule-instances.json"),
            K::GraphRoleAssignmentScheduleInstance,
        ),
        (
            fixture!("graph-sdk-role-eligibility-schedules-ps51.json"),
            K::GraphRoleEligibilitySchedule,
        ),
        (
            fixture!("graph-sdk-role-eligibility-schedule-instances.json"),
            K::GraphRoleEligibilityScheduleInstance,
        ),
        (
            fixture!("graph-sdk-group-assignment-schedules.json"),
            K::GraphGroupAssignmentSchedule,
        ),
        (
            fixture!("graph-sdk-group-assignment-schedule-instances.json"),
            K::GraphGroupAssignmentScheduleInstance,
        ),
        (
            fixture!("graph-sdk-group-eligibility-schedules.json"),
            K::GraphGroupEligibilitySchedule,
        ),
        (
            fixture!("graph-sdk-group-eligibility-schedule-instances.json"),
            K::GraphGroupEligibilityScheduleInstance,
        ),
        (
            fixture!("graph-sdk-role-assignments.json"),
            K::GraphRoleAssignment,
        ),
        (
            fixture!("az-role-assignment-schedules.json"),
            K::ArmRoleAssignmentSchedule,
        ),
        (
            fixture!("az-role-assignment-schedule-instances.json"),
            K::ArmRoleAssignmentScheduleInstance,
        ),
        (
            fixture!("az-role-eligibility-schedules.json"),
            K::ArmRoleEligibilitySchedule,
        ),
        (
            fixture!("az-role-eligibility-schedule-instances.json"),
            K::ArmRoleEligibilityScheduleInstance,
        ),
        (fixture!("az-role-assignments.json"), K::ArmRoleAssignment),
    ];
    for (original, expected) in cases {
        let c = ok(&original);
        assert_all_pointers_resolve(&c, &original);
        for item in c.value.as_array().unwrap() {
            assert_eq!(detect(item, None).unwrap(), expected, "{item}");
        }
    }
    let definition = fixture!("graph-sdk-role-definition.json");
    let c = ok(&definition);
    assert_all_pointers_resolve(&c, &definition);
    assert_eq!(detect(&c.value, None).unwrap(), K::GraphRoleDefinition);
    assert_eq!(
        c.value["templateId"],
        json!("62e90394-69f5-4237-9190-012177145e10")
    );
}

#[test]
fn tenant_exports_keep_what_they_carry() {
    // Windows PowerShell 5.1 dates, as the API writes them.
    let c = ok(&fixture!("graph-sdk-role-eligibility-schedules-ps51.json"));
    assert_eq!(
        c.value[1]["scheduleInfo"]["startDateTime"],
        json!("2026-11-20T09:14:03.236Z")
    );
    // Az: the expanded members shared with requests, the rest under `properties`.
    let original = fixture!("az-role-assignment-schedule-instances.json");
    let c = ok(&original);
    let props = &c.value[0]["properties"];
    assert_eq!(
        props["expandedProperties"]["principal"]["displayName"],
        json!("Priya Raman")
    );
    assert!(props["endDateTime"].is_null());
    assert!(props.get("assignmentType").is_none(), "{props}");
    assert_eq!(
        origin(
            &c,
            &original,
            "/0/properties/expandedProperties/principal/displayName"
        )
        .0,
        "/0/PrincipalDisplayName"
    );
    // Get-AzRoleAssignment: the object id is the principal, `Unknown` is no type.
    let original = fixture!("az-role-assignments.json");
    let c = ok(&original);
    assert_eq!(
        c.value[0]["properties"]["principalId"],
        json!("2e4a6c8b-0d2f-4a6c-8e0b-2d4f6a8c0e2b")
    );
    assert_eq!(c.value[0]["properties"]["principalType"], json!("User"));
    assert!(c.value[2]["properties"].get("principalType").is_none());
    assert_eq!(
        origin(&c, &original, "/1/properties/principalId").0,
        "/1/ObjectId"
    );
}
