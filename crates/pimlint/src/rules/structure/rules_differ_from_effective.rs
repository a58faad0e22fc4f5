use crate::diagnostic::Diagnostic;
use crate::model::Policy;
use crate::rules::context::RuleContext;
use crate::rules::declare_rule;

declare_rule! {
    /// A rule in force (`effectiveRules`) differs from the rule the policy sets (`rules`).
    ///
    /// ## What it does
    /// Compares each rule of `effectiveRules`, which Azure Resource Manager returns with the
    /// rules after inheritance and enforcement, with the rule of the same id in `rules`, and
    /// names the members that differ. pimlint lints `rules`; this says where what is in force
    /// is something else.
    ///
    /// ## Why it matters
    /// A setting enforced at a parent scope, or not yet applied, means the policy a reviewer
    /// reads is not the policy that decides requests.
    ///
    /// ## How to fix
    /// Find the scope that enforces the setting, or re-apply the policy; then export again.
    ///
    /// ## Example
    /// ```json
    /// "rules": [ { "id": "Expiration_EndUser_Assignment", "maximumDuration": "PT8H", … } ],
    /// "effectiveRules": [ { "id": "Expiration_EndUser_Assignment", "maximumDuration": "PT4H", … } ]
    /// ```
    pub static RULES_DIFFER_FROM_EFFECTIVE = ("PIM012", "rules-differ-from-effective", Structure, Info);
}

pub fn check(policy: &Policy, _context: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    for difference in &policy.effective_differences {
        let d = match &difference.rule {
            Some(rule) => Diagnostic::new(
                &RULES_DIFFER_FROM_EFFECTIVE,
                format!(
                    "the rule in force for `{}` differs from the one set here in {}",
                    difference.id,
                    difference
                        .members
                        .iter()
                        .map(|m| format!("`{m}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                difference.effective.clone(),
            )
            .with_label(rule.clone(), "the rule as set"),
            None => Diagnostic::new(
                &RULES_DIFFER_FROM_EFFECTIVE,
                format!(
                    "`{}` is in force but the policy does not set it",
                    difference.id
                ),
                difference.effective.clone(),
            ),
        };
        out.push(d.with_note("pimlint checks `rules`; `effectiveRules` is what decides requests"));
    }
}
