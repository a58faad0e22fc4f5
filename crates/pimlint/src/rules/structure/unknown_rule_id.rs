use crate::diagnostic::Diagnostic;
use crate::model::{Located, RuleId};
use crate::pointer::Pointer;
use crate::rules::declare_rule;
use crate::suggest::nearest;

declare_rule! {
    /// A rule's id is not one of the 17 PIM rule ids, or the rule has no id.
    ///
    /// ## What it does
    /// Checks each rule's `id` against the 17 immutable ids of the form
    /// `<Type>_<Caller>_<Level>` (`Notification_<Recipient>_<Caller>_<Level>` for
    /// notifications), and suggests the nearest one.
    ///
    /// ## Why it matters
    /// The service identifies rules by these exact ids; a misspelt or mis-cased id
    /// (`Expiration_Enduser_Assignment`) is rejected on update, and on an export it means the
    /// real rule is missing.
    ///
    /// ## How to fix
    /// Use the id exactly as the service writes it.
    ///
    /// ## Example
    /// ```json
    /// { "@odata.type": "#microsoft.graph.unifiedRoleManagementPolicyExpirationRule",
    ///   "id": "Expiration_Enduser_Assignment", … }
    /// ```
    pub static UNKNOWN_RULE_ID = ("PIM003", "unknown-rule-id", Structure, Error);
}

/// A rule object without an `id`.
pub fn missing(rule: &Pointer) -> Diagnostic {
    Diagnostic::new(&UNKNOWN_RULE_ID, "this rule has no `id`", rule.clone())
        .with_help("give the rule one of the 17 PIM rule ids, e.g. `Expiration_EndUser_Assignment`")
}

/// An `id` that is not one of the 17.
pub fn unknown(id: &Located<String>) -> Diagnostic {
    let suggestion = nearest(&id.value, RuleId::ALL.iter().map(|r| r.as_str()));
    let diagnostic = Diagnostic::new(
        &UNKNOWN_RULE_ID,
        format!("`{}` is not one of the 17 PIM rule ids", id.value),
        id.pointer.clone(),
    );
    match suggestion {
        Some(s) => diagnostic.with_help(format!("did you mean `{s}`?")),
        None => diagnostic.with_help(
            "rule ids have the form `<Type>_<Caller>_<Level>`, e.g. `Approval_EndUser_Assignment`",
        ),
    }
}
