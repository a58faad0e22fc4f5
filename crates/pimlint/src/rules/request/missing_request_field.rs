use crate::diagnostic::Diagnostic;
use crate::pointer::Pointer;
use crate::rules::declare_rule;

declare_rule! {
    /// The request lacks a member its action needs.
    ///
    /// ## What it does
    /// Every request needs its action (`action` / `requestType`), `principalId` and the role
    /// (`roleDefinitionId`; `groupId` and `accessId` for groups); Graph role requests also need
    /// `directoryScopeId` (or `appScopeId`); requests other than removals and deactivations need
    /// `scheduleInfo`.
    ///
    /// ## Why it matters
    /// The service rejects incomplete requests with a generic bad-request error.
    ///
    /// ## How to fix
    /// Add the member the message names.
    ///
    /// ## Example
    /// ```json
    /// { "action": "selfActivate", "roleDefinitionId": "…", "directoryScopeId": "/" }
    /// ```
    pub static MISSING_REQUEST_FIELD = ("PIM514", "missing-request-field", Request, Error);
}

/// `name` is missing from the object at `parent`; `why` says what it is for.
pub fn diagnostic(parent: &Pointer, name: &str, why: &str) -> Diagnostic {
    Diagnostic::new(
        &MISSING_REQUEST_FIELD,
        format!("the request has no `{name}`; {why}"),
        parent.clone(),
    )
    .with_help(format!("add `{name}`"))
}
