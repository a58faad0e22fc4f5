//! The Microsoft Graph PowerShell SDK: its objects are the Graph documents with PascalCase
//! keys and .NET scalars (ScubaGear's rules are read the same way).

#[allow(clippy::wildcard_imports, reason = "one converter, split by exporter")]
use super::*;

/// Messages for what an export lost, with where to get it whole.
pub(super) fn graph_rule_lost(policy_id: Option<&str>) -> String {
    let id = policy_id.unwrap_or("<policy id>");
    format!(
        "this rule's type and settings (@odata.type and members such as maximumDuration, \
         enabledRules, setting, notificationRecipients) are not in the export: the Microsoft \
         Graph PowerShell SDK keeps them in AdditionalProperties, which ConvertTo-Json writes \
         only for the objects it is handed, not for rules nested in a policy; export the rules \
         with `Get-MgPolicyRoleManagementPolicyRule -UnifiedRoleManagementPolicyId '{id}' | \
         ConvertTo-Json -Depth 20`, or `Invoke-MgGraphRequest -Uri \
         '/v1.0/policies/roleManagementPolicies/{id}?$expand=rules' -OutputType Json`"
    )
}

impl Conv {
    pub(super) fn graph_value(
        &mut self,
        value: &Value,
        key: &str,
        orig: &Pointer,
        conv: &Pointer,
    ) -> Value {
        self.map.link(conv, orig);
        match value {
            Value::String(s) if key == "Duration" => {
                Value::String(timespan_text(s).unwrap_or_else(|| s.clone()))
            }
            Value::String(s) => scalar_text(s),
            Value::Array(items) => {
                let rules = key == "Rules" || key == "EffectiveRules";
                Value::Array(
                    items
                        .iter()
                        .enumerate()
                        .map(|(i, item)| {
                            let (orig, conv) = (orig.index(i), conv.index(i));
                            match item {
                                Value::Object(o) => {
                                    self.map.link(&conv, &orig);
                                    self.graph_object(o, &orig, &conv, rules)
                                }
                                other => self.graph_value(other, "", &orig, &conv),
                            }
                        })
                        .collect(),
                )
            }
            Value::Object(o) => self.graph_object(o, orig, conv, false),
            other => other.clone(),
        }
    }

    pub(super) fn graph_object(
        &mut self,
        obj: &Map<String, Value>,
        orig: &Pointer,
        conv: &Pointer,
        rule: bool,
    ) -> Value {
        if let Some(iso) = timespan_object(obj) {
            return Value::String(iso);
        }
        if is_stub(obj) {
            return Value::Null;
        }
        let mut out = Map::new();
        for (key, value) in obj {
            // Note properties ScubaGear adds to each rule; not part of the rule.
            if key == "AdditionalProperties"
                || (rule && (key == "RuleSource" || key == "RuleSourceType"))
            {
                continue;
            }
            let name = camel(key);
            let converted = self.graph_value(value, key, &orig.key(key), &conv.key(&name));
            out.insert(name, converted);
        }
        if let Some(Value::Object(extra)) = obj.get("AdditionalProperties") {
            let extra_at = orig.key("AdditionalProperties");
            for (key, value) in extra {
                // Declared members win: the dictionary holds only undeclared ones anyway.
                if out.contains_key(key) {
                    continue;
                }
                self.map.link(&conv.key(key), &extra_at.key(key));
                out.insert(key.clone(), value.clone());
            }
        }
        if rule && !out.contains_key("@odata.type") {
            self.lost
                .push((orig.clone(), graph_rule_lost(self.context_id.as_deref())));
        }
        Value::Object(out)
    }
}
