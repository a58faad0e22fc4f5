//! The Rego peer of the benchmark: six of pimlint's checks written as a Rego policy
//! (`rego/pim-checks.rego`), compiled once for the `regorus` virtual machine and evaluated
//! with each document of an export as `input`. [`pimlint_counts`] counts the same six codes
//! with pimlint itself, so the two can be cross-checked.

use std::sync::Arc;

use regorus::languages::rego::compiler::Compiler;
use regorus::rvm::program::Program;
use regorus::rvm::vm::RegoVM;

/// The Rego policy.
pub const POLICY: &str = include_str!("../rego/pim-checks.rego");

/// The rule the peer evaluates: a set of `{"code", "rule"}` findings.
const ENTRY_POINT: &str = "data.pimlint.peer.findings";

/// The codes both sides count, in this order.
pub const CODES: [&str; 6] = ["PIM102", "PIM103", "PIM107", "PIM201", "PIM302", "PIM401"];

/// Findings by code, in the order of [`CODES`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts(pub [u64; 6]);

impl Counts {
    /// Counts one finding of `code`, when it is one of [`CODES`].
    pub fn add(&mut self, code: &str) {
        if let Some(i) = CODES.iter().position(|c| *c == code) {
            self.0[i] += 1;
        }
    }

    /// Adds another tally to this one.
    pub fn merge(&mut self, other: Counts) {
        for (a, b) in self.0.iter_mut().zip(other.0) {
            *a += b;
        }
    }
}

impl std::fmt::Display for Counts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (i, (code, n)) in CODES.iter().zip(self.0).enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "{code} {n}")?;
        }
        Ok(())
    }
}

/// The compiled policy and a virtual machine to run it.
#[derive(Debug)]
pub struct Peer {
    vm: RegoVM,
}

impl Peer {
    /// Compiles [`POLICY`] for the virtual machine.
    pub fn new() -> Result<Self, String> {
        let mut engine = regorus::Engine::new();
        engine
            .add_policy("pim-checks.rego".to_owned(), POLICY.to_owned())
            .map_err(|e| e.to_string())?;
        let compiled = engine
            .compile_with_entrypoint(&ENTRY_POINT.into())
            .map_err(|e| e.to_string())?;
        let program: Arc<Program> =
            Compiler::compile_from_policy(&compiled, &[ENTRY_POINT]).map_err(|e| e.to_string())?;
        let mut vm = RegoVM::new();
        vm.load_program(program);
        Ok(Self { vm })
    }

    /// Evaluates the checks on one JSON document (its text, parse included).
    pub fn check(&mut self, text: &str) -> Result<Counts, String> {
        let input = regorus::Value::from_json_str(text).map_err(|e| e.to_string())?;
        self.vm.set_input(input);
        let findings = self.vm.execute().map_err(|e| e.to_string())?;
        let mut counts = Counts::default();
        // No finding leaves the set undefined.
        if let Ok(set) = findings.as_set() {
            for finding in set {
                if let Ok(code) = finding[&regorus::Value::from("code")].as_string() {
                    counts.add(code);
                }
            }
        }
        Ok(counts)
    }
}

/// pimlint's options for the comparison: PIM102's limit is `PT8H` for every role, as in
/// the Rego policy; everything else is the default.
pub fn options() -> pimlint::Options {
    let mut options = pimlint::Options::default();
    if let Ok(limit) = pimlint::duration::IsoDuration::parse("PT8H") {
        let limits = &mut options.config.options.activation_too_long;
        limits.maximum = limit;
        limits.privileged_maximum = limit;
        limits.global_administrator_maximum = limit;
    }
    options
}

/// The same six codes as pimlint counts them in one JSON document.
pub fn pimlint_counts(text: &str, options: &pimlint::Options) -> Result<Counts, String> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    let mut counts = Counts::default();
    for report in pimlint::check_value(&value, options) {
        for diagnostic in &report.diagnostics {
            counts.add(diagnostic.code);
        }
    }
    Ok(counts)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A Graph policy assignment of `role` whose rules are `rules`.
    fn assignment(role: &str, rules: &serde_json::Value) -> String {
        serde_json::json!({
            "id": format!("Directory_tenant_policy_{role}"),
            "policyId": "Directory_tenant_policy",
            "scopeId": "/",
            "scopeType": "DirectoryRole",
            "roleDefinitionId": role,
            "policy": {"id": "Directory_tenant_policy", "rules": rules},
        })
        .to_string()
    }

    /// The Global Administrator example with some settings changed.
    fn global_administrator(change: impl Fn(&mut serde_json::Value)) -> String {
        let mut document = crate::first_item(crate::ENTRA);
        change(&mut document);
        document.to_string()
    }

    /// The rule `id` of a Graph policy assignment or an ARM policy.
    fn rule<'a>(document: &'a mut serde_json::Value, id: &str) -> &'a mut serde_json::Value {
        let pointer = if document.get("properties").is_some() {
            "/properties/rules"
        } else {
            "/policy/rules"
        };
        let rules = document
            .pointer_mut(pointer)
            .and_then(serde_json::Value::as_array_mut)
            .expect("rules");
        rules
            .iter_mut()
            .find(|r| r["id"] == id)
            .expect("rule present")
    }

    #[test]
    fn each_check_counts_as_pimlint_does() {
        let cases: Vec<(&str, String, [u64; 6])> = vec![
            (
                "clean Global Administrator policy except approval and permanence",
                global_administrator(|_| {}),
                [0, 0, 0, 1, 1, 0],
            ),
            (
                "activation of ten hours, no MFA, no justification",
                global_administrator(|d| {
                    rule(d, "Expiration_EndUser_Assignment")["maximumDuration"] = "PT10H".into();
                    rule(d, "Enablement_EndUser_Assignment")["enabledRules"] =
                        serde_json::json!([]);
                    rule(d, "Approval_EndUser_Assignment")["setting"]["isApprovalRequired"] =
                        true.into();
                }),
                [1, 1, 1, 0, 1, 0],
            ),
            (
                "a day's activation, MFA through an authentication context",
                global_administrator(|d| {
                    rule(d, "Expiration_EndUser_Assignment")["maximumDuration"] = "P1D".into();
                    rule(d, "Enablement_EndUser_Assignment")["enabledRules"] =
                        serde_json::json!(["Justification"]);
                    let context = rule(d, "AuthenticationContext_EndUser_Assignment");
                    context["isEnabled"] = true.into();
                    context["claimValue"] = "c1".into();
                    rule(d, "Expiration_Admin_Assignment")["isExpirationRequired"] = true.into();
                }),
                [1, 0, 0, 1, 0, 0],
            ),
            (
                "two notifications that reach nobody, one of them silenced",
                global_administrator(|d| {
                    rule(d, "Expiration_Admin_Assignment")["isExpirationRequired"] = true.into();
                    rule(d, "Approval_EndUser_Assignment")["setting"]["isApprovalRequired"] =
                        true.into();
                    for id in [
                        "Notification_Admin_Admin_Eligibility",
                        "Notification_Approver_EndUser_Assignment",
                        "Notification_Requestor_Admin_Assignment",
                    ] {
                        rule(d, id)["isDefaultRecipientsEnabled"] = false.into();
                    }
                    rule(d, "Notification_Approver_EndUser_Assignment")["notificationRecipients"] =
                        serde_json::json!(["  "]);
                    rule(d, "Notification_Requestor_Admin_Assignment")["notificationLevel"] =
                        "None".into();
                }),
                [0, 0, 0, 0, 0, 2],
            ),
            (
                "another role: approval is not required of it, eight hours is within the limit",
                assignment(
                    "729827e3-9c14-49f7-bb1b-9608f156bbb8",
                    &serde_json::json!([
                        {"@odata.type": "#microsoft.graph.unifiedRoleManagementPolicyApprovalRule",
                         "id": "Approval_EndUser_Assignment",
                         "setting": {"isApprovalRequired": false}},
                        {"@odata.type": "#microsoft.graph.unifiedRoleManagementPolicyExpirationRule",
                         "id": "Expiration_EndUser_Assignment",
                         "isExpirationRequired": true, "maximumDuration": "PT8H"},
                    ]),
                ),
                [0, 0, 0, 0, 0, 0],
            ),
            (
                "an Azure resource policy that asks for MFA but no justification",
                {
                    let mut document = crate::first_item(crate::AZURE);
                    rule(&mut document, "Enablement_EndUser_Assignment")["enabledRules"] =
                        serde_json::json!(["MultiFactorAuthentication"]);
                    document.to_string()
                },
                [0, 0, 1, 0, 0, 0],
            ),
        ];
        let mut peer = Peer::new().expect("the policy compiles");
        let options = options();
        for (name, text, expected) in cases {
            let rego = peer.check(&text).expect("evaluates");
            let pimlint = pimlint_counts(&text, &options).expect("parses");
            assert_eq!(rego, pimlint, "{name}: Rego {rego}, pimlint {pimlint}");
            assert_eq!(rego, Counts(expected), "{name}: {rego}");
        }
    }

    #[test]
    fn the_generated_export_gives_the_same_counts() {
        let generator = crate::Generator::new();
        let mut peer = Peer::new().expect("the policy compiles");
        let options = options();
        let (mut rego, mut pimlint) = (Counts::default(), Counts::default());
        for i in 0..200 {
            let text = generator.document(i).to_string();
            rego.merge(peer.check(&text).expect("evaluates"));
            pimlint.merge(pimlint_counts(&text, &options).expect("parses"));
        }
        assert_eq!(rego, pimlint);
        assert!(rego.0.iter().filter(|n| **n > 0).count() >= 4, "{rego}");
    }
}
