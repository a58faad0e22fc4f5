use crate::diagnostic::Diagnostic;
use crate::model::RuleId;
use crate::pointer::Pointer;
use crate::rules::declare_rule;
use crate::source::RuleType;

declare_rule! {
    /// A rule's type (`@odata.type` / `ruleType`) does not fit its id, or is missing.
    ///
    /// ## What it does
    /// Checks that the discriminator is one of the five rule types and names the type the id's
    /// prefix calls for
    /// (`Expiration_*` → `…ExpirationRule`, `Approval_*` → `…ApprovalRule`, …) and that the
    /// discriminator is present (`@odata.type` for Graph, `ruleType` for ARM).
    ///
    /// ## Why it matters
    /// The service reads a rule's members by its type. An approval body sent under an
    /// expiration id fails with an unhelpful `500 An error has occurred`
    /// (microsoft-graph-docs #15910); without a discriminator Graph cannot tell the type at all.
    ///
    /// ## How to fix
    /// Set the discriminator to the type the id calls for, or use the id of the rule you meant.
    ///
    /// ## Example
    /// ```json
    /// { "@odata.type": "#microsoft.graph.unifiedRoleManagementPolicyApprovalRule",
    ///   "id": "Expiration_EndUser_Assignment", … }
    /// ```
    pub static RULE_TYPE_MISMATCH = ("PIM004", "rule-type-mismatch", Structure, Error);
}

/// `an ExpirationRule`, `a NotificationRule`.
fn with_article(rule_type: RuleType) -> String {
    let article = if rule_type.name().starts_with(['A', 'E', 'I', 'O', 'U']) {
        "an"
    } else {
        "a"
    };
    format!("{article} {}Rule", rule_type.name())
}

fn discriminator(rule_type: RuleType, arm: bool) -> &'static str {
    if arm {
        rule_type.arm_type()
    } else {
        rule_type.graph_type()
    }
}

/// The discriminator names another type than the id calls for.
pub fn mismatch(at: &Pointer, found: RuleType, id: RuleId, arm: bool) -> Diagnostic {
    let expected = id.rule_type();
    Diagnostic::new(
        &RULE_TYPE_MISMATCH,
        format!(
            "rule `{id}` is typed as {}, but its id calls for {}",
            with_article(found),
            with_article(expected)
        ),
        at.clone(),
    )
    .with_help(format!(
        "set it to \"{}\", or use the id of the {} rule you meant",
        discriminator(expected, arm),
        found.name()
    ))
}

/// A known rule id under a type name that is none of the five.
pub fn unknown_type(at: &Pointer, found: &str, id: RuleId, arm: bool) -> Diagnostic {
    Diagnostic::new(
        &RULE_TYPE_MISMATCH,
        format!(
            "rule `{id}` has type `{found}`, which is not a rule type; its id calls for {}",
            with_article(id.rule_type())
        ),
        at.clone(),
    )
    .with_help(format!(
        "set it to \"{}\"",
        discriminator(id.rule_type(), arm)
    ))
}

/// The rule has no discriminator; `inferred` is the type read from its id.
pub fn missing(rule: &Pointer, inferred: RuleType, arm: bool) -> Diagnostic {
    let member = if arm { "ruleType" } else { "@odata.type" };
    Diagnostic::new(
        &RULE_TYPE_MISMATCH,
        format!(
            "this rule has no `{member}`; pimlint read it as {} from its id",
            with_article(inferred)
        ),
        rule.clone(),
    )
    .with_help(format!(
        "add \"{member}\": \"{}\"",
        discriminator(inferred, arm)
    ))
}
