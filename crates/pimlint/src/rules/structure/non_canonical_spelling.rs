use crate::diagnostic::{Diagnostic, Severity};
use crate::fix::Fix;
use crate::pointer::Pointer;
use crate::rules::declare_rule;

declare_rule! {
    /// An enum value is written in another letter case than the documented one.
    ///
    /// ## What it does
    /// Reports values such as `"operations": ["all"]` or `"action": "AdminAssign"` where the
    /// API reference documents `All` and `adminAssign`. Opt-in, at info: it never fails a run.
    ///
    /// ## Why it matters
    /// It does not, to the service: Graph reads `OData` enums and ARM reads its enums in any
    /// letter case, and the service itself writes `all` in its responses. Policy-as-code
    /// repositories that want one spelling everywhere can turn this on. Values the service
    /// compares exactly (`enabledRules`) are not this rule's: a wrong case there is an error,
    /// `invalid-enum-value`.
    ///
    /// How pimlint compares each value, and why:
    ///
    /// | member | type in the API | compared |
    /// |---|---|---|
    /// | `target.operations[]` | Graph `OData` enum `unifiedRoleManagementPolicyRuleTargetOperations` | any case (the service writes `all`) |
    /// | `action` / `requestType` | Graph enum `unifiedRoleScheduleRequestActions`, ARM enum | any case (documented examples send `AdminAssign` and get 201) |
    /// | `scheduleInfo.expiration.type` | Graph enum `expirationPatternType`, ARM enum | any case (examples send `AfterDuration`) |
    /// | `accessId` | Graph enum `privilegedAccessGroupRelationships` | any case |
    /// | `target.caller`, `target.level`, `approvalMode`, `notificationType`, `recipientType`, `notificationLevel` | ARM enums; Graph strings read by the same PIM service | any case |
    /// | `enabledRules[]` | a list of strings the service matches as written | exactly: a wrong case is `invalid-enum-value` |
    ///
    /// ## How to fix
    /// Write the documented spelling the message names.
    ///
    /// ## Example
    /// ```json
    /// "target": { "caller": "EndUser", "operations": ["all"], "level": "Assignment" }
    /// ```
    pub static NON_CANONICAL_SPELLING = ("PIM017", "non-canonical-spelling", Structure, Info);
}

/// `text` at `at` is the `what` value `canonical`, in another letter case.
pub fn diagnostic(at: &Pointer, what: &str, text: &str, canonical: &str) -> Diagnostic {
    Diagnostic::new(
        &NON_CANONICAL_SPELLING,
        format!(
            "{text:?} is the {what} {canonical:?} in another letter case; the service accepts it"
        ),
        at.clone(),
    )
    .with_severity(Severity::Info)
    .with_help(format!("write \"{canonical}\""))
    .with_fix(Fix::replace_safe(
        format!("write \"{canonical}\""),
        at,
        serde_json::Value::String(canonical.to_owned()),
    ))
}
