use crate::diagnostic::Diagnostic;
use crate::legacy::LegacyDocument;
use crate::rules::declare_rule;

declare_rule! {
    /// The document belongs to one of PIM's older APIs (iteration 1 or 2), which are retired.
    ///
    /// ## What it does
    /// Recognises iteration 1 documents (`/beta/privilegedRoles`: `privilegedRoleSettings`
    /// with `elevationDuration`, `mfaOnElevation`, `approvalOnElevation`, …, and
    /// `privilegedRoleAssignmentRequest`) and iteration 2 documents
    /// (`/beta/privilegedAccess/aadRoles` and `/azureResources`: `governanceRoleSetting` with
    /// its `{ruleIdentifier, setting}` lists, and `governanceRoleAssignmentRequest`), also as
    /// the `AzureADPreview` module exports them in PascalCase. It says which API the document
    /// belongs to, when that API was retired, and what replaces it. The document is then read
    /// as its iteration-3 equivalent, so every other rule judges it too, pointing into the
    /// legacy document (at the `setting` member, naming the member inside the string).
    ///
    /// ## Why it matters
    /// Iteration 1 was deprecated in June 2021; iteration 2 was never generally available and
    /// is retired on 28 October 2026. Scripts and runbooks that still call them fail, and
    /// settings kept in their shape can no longer be applied.
    ///
    /// ## How to fix
    /// Move to iteration 3: `pimlint migrate FILE` prints the Graph rule `PATCH` bodies (Entra
    /// roles), the ARM policy `PATCH` body (Azure resources) or the schedule request that
    /// replaces the document, and lists what has no counterpart. `docs/legacy.md` has the
    /// mapping table.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "roleDefinitionId": "…", "resourceId": "…",
    ///   "userMemberSettings": [
    ///     {"ruleIdentifier": "MfaRule", "setting": "{\"mfaRequired\":true}"}
    ///   ]
    /// }
    /// ```
    pub static LEGACY_API = ("PIM019", "legacy-api", Structure, Warning);
}

/// The finding for one legacy document.
pub fn diagnostic(document: &LegacyDocument) -> Diagnostic {
    let api = document.api;
    Diagnostic::new(
        &LEGACY_API,
        format!(
            "this is {}, which {}; its replacement is {}",
            api.describe(document.provider),
            api.retirement(),
            api.replacement(document.provider)
        ),
        document.pointer.clone(),
    )
    .with_help("`pimlint migrate FILE` prints the iteration-3 equivalent")
}
