use crate::diagnostic::Diagnostic;
use crate::pointer::Pointer;
use crate::rules::declare_rule;

declare_rule! {
    /// A rule has a type pimlint does not know; it is kept but not checked.
    ///
    /// ## What it does
    /// Reports rules whose `@odata.type` / `ruleType` is none of the five documented types
    /// (expiration, enablement, approval, authentication context, notification).
    ///
    /// ## Why it matters
    /// Newer API versions add rule types. pimlint keeps such rules (and writes them back
    /// unchanged) but cannot judge them, so a reviewer should know they were not checked. A
    /// misspelt type also lands here.
    ///
    /// ## How to fix
    /// Nothing, if the type is a new one the service documents; otherwise correct the spelling.
    ///
    /// ## Example
    /// ```json
    /// { "ruleType": "RoleManagementPolicyPimOnlyModeRule", "id": "PIMOnlyMode_Admin_Assignment", … }
    /// ```
    pub static UNKNOWN_RULE_TYPE = ("PIM014", "unknown-rule-type", Structure, Info);
}

/// A rule at `at` (its discriminator) of type `name`.
pub fn diagnostic(at: &Pointer, name: &str, id: Option<&str>) -> Diagnostic {
    let rule = id.map_or_else(|| "this rule".to_owned(), |i| format!("rule `{i}`"));
    Diagnostic::new(
        &UNKNOWN_RULE_TYPE,
        format!(
            "{rule} has type `{name}`, which pimlint does not know; it is kept but not checked"
        ),
        at.clone(),
    )
}

/// A rule with neither a known discriminator nor an id that names a type.
pub fn untyped(at: &Pointer) -> Diagnostic {
    Diagnostic::new(
        &UNKNOWN_RULE_TYPE,
        "this rule has neither `@odata.type` / `ruleType` nor a known id, so its type is unknown; it is not checked",
        at.clone(),
    )
}
