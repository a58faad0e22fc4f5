use crate::diagnostic::Diagnostic;
use crate::pointer::Pointer;
use crate::rules::declare_rule;

declare_rule! {
    /// An identifier or scope is malformed: not a GUID where the API takes an object id, not a
    /// role definition resource id, or not a scope the API accepts.
    ///
    /// ## What it does
    /// Checks `principalId`, `roleDefinitionId`, `groupId` and `targetScheduleId` (GUIDs in
    /// Graph), ARM `roleDefinitionId` (`…/providers/Microsoft.Authorization/roleDefinitions/<guid>`),
    /// Graph `directoryScopeId` (`/`, `/administrativeUnits/<id>` or `/<id>`) and ARM scopes
    /// (`/subscriptions/<guid>…`, `/providers/Microsoft.Management/managementGroups/<name>`).
    ///
    /// ## Why it matters
    /// Display names or UPNs where ids belong, and scopes built by string concatenation with an
    /// empty part (`/subscriptions//resourceGroups/x`), are common template mistakes; the
    /// service answers with not-found errors that hide the cause.
    ///
    /// ## How to fix
    /// Use object ids (GUIDs) and full resource ids.
    ///
    /// ## Example
    /// ```json
    /// { "principalId": "alice@contoso.com", "roleDefinitionId": "Global Administrator", … }
    /// ```
    pub static INVALID_IDENTIFIER = ("PIM515", "invalid-identifier", Request, Error);
}

/// `text` at `at` is not of the form `expected`.
pub fn diagnostic(at: &Pointer, text: &str, expected: &str) -> Diagnostic {
    let name = at.last().unwrap_or_default();
    Diagnostic::new(
        &INVALID_IDENTIFIER,
        format!("`{name}` is {text:?}, which is not {expected}"),
        at.clone(),
    )
    .with_help("use the object's id as Graph or ARM returns it, not its name")
}
