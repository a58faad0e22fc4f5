use crate::diagnostic::{Diagnostic, Severity};
use crate::pointer::Pointer;
use crate::rules::declare_rule;

declare_rule! {
    /// The policy was read without some of its members, so the checks that need them are
    /// skipped.
    ///
    /// ## What it does
    /// Says once per document that it is a projection: a policy fetched without
    /// `$expand=rules` (it has no `rules`), or with `$select` (its `@odata.context` lists
    /// the members asked for, e.g. `roleManagementPolicies(rules(id))`). pimlint takes what
    /// is absent as unknown, never as a default, and stays silent where it would need it.
    ///
    /// ## Why it matters
    /// A projection is not a faulty policy, but it cannot show that a policy is sound either:
    /// a clean run over it proves less than a clean run over the whole policy.
    ///
    /// ## How to fix
    /// Export the policy whole: Graph `GET /policies/roleManagementPolicies/{id}?$expand=rules`
    /// (or `roleManagementPolicyAssignments?$expand=policy($expand=rules)`), without
    /// `$select`; ARM `GET …/roleManagementPolicies/{name}`.
    ///
    /// ## Example
    /// ```json
    /// {
    ///   "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#policies/roleManagementPolicies/$entity",
    ///   "id": "Directory_…", "scopeId": "/", "scopeType": "Directory"
    /// }
    /// ```
    pub static PARTIAL_READ = ("PIM018", "partial-read", Structure, Info);
}

/// The document at `at` lacks what `what` describes.
pub fn diagnostic(at: &Pointer, what: &str) -> Diagnostic {
    Diagnostic::new(
        &PARTIAL_READ,
        format!("{what}; the checks that need what is absent are skipped"),
        at.clone(),
    )
    .with_severity(Severity::Info)
    .with_help(
        "export the whole policy: Graph `$expand=rules` without `$select`, or the ARM \
         roleManagementPolicies GET",
    )
}
