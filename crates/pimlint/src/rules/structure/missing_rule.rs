use crate::diagnostic::Diagnostic;
use crate::model::{Policy, RuleId};
use crate::rules::context::RuleContext;
use crate::rules::declare_rule;

declare_rule! {
    /// A policy lacks some of the 17 rules every PIM policy carries.
    ///
    /// ## What it does
    /// Checks that a whole policy's `rules` hold each of the 17 rule ids
    /// (`Expiration_Admin_Eligibility` … `Notification_Approver_EndUser_Assignment`). Only a
    /// document that claims to be whole (it names its policy: an `id` or a scope) is held to
    /// this; an update body (`PATCH`), a single rule and a list of rules carry only the rules
    /// they change, and a policy read without `$expand=rules` is a projection (`partial-read`).
    ///
    /// ## Why it matters
    /// Every policy the service returns has all 17 rules. A document without some of them is
    /// either an incomplete export (fetched without `$expand=rules`) or an update body that will
    /// not do what its author thinks: tools that replace the whole policy fail with
    /// `InvalidPolicy`, and tools that patch rule by rule silently leave the missing ones as they
    /// were (terraform-provider-azurerm #28913, #30844; pulumi-azure-native #4398).
    ///
    /// ## How to fix
    /// Export the policy with its rules (`GET /policies/roleManagementPolicies/{id}?$expand=rules`,
    /// or the ARM `roleManagementPolicies` GET), or add the missing rules to the update body.
    ///
    /// ## Example
    /// ```json
    /// { "id": "Directory_…", "scopeId": "/", "scopeType": "Directory", "rules": [] }
    /// ```
    pub static MISSING_RULE = ("PIM001", "missing-rule", Structure, Warning);
}

pub fn check(policy: &Policy, _context: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    // Only a whole policy is held to the 17 rules: an update carries the rules it changes, and
    // a projection says so itself (partial-read).
    let (true, Some(rules_pointer)) = (policy.is_whole(), &policy.rules_pointer) else {
        return;
    };
    let missing: Vec<&str> = RuleId::ALL
        .into_iter()
        .filter(|id| !policy.entries.iter().any(|e| e.rule_id == Some(*id)))
        .map(RuleId::as_str)
        .collect();
    if missing.is_empty() {
        return;
    }
    let message = if policy.entries.is_empty() {
        "the policy's `rules` array is empty: all 17 rules are missing".to_owned()
    } else if missing.len() == 1 {
        format!("rule `{}` is missing from the policy", missing[0])
    } else {
        format!(
            "{} of the 17 policy rules are missing: {}",
            missing.len(),
            missing.join(", ")
        )
    };
    out.push(
        Diagnostic::new(&MISSING_RULE, message, rules_pointer.clone()).with_help(
            "every PIM policy has all 17 rules; export it with `$expand=rules` or add the \
             missing rules",
        ),
    );
}
