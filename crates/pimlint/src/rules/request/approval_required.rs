use crate::rules::declare_rule;

declare_rule! {
    /// The request will wait for approval; the finding says by whom.
    ///
    /// ## What it does
    /// Reports activations under an approval rule with `isApprovalRequired: true`, and
    /// self-extensions and self-renewals (which an administrator always approves). It names the
    /// approvers, or who approves when none are set: Privileged Role Administrators and Global
    /// Administrators for Entra roles. For Azure resource roles without approvers nobody can
    /// approve, and the finding is a warning.
    ///
    /// ## Why it matters
    /// The request is accepted as `PendingApproval`, not granted: a script that uses the access
    /// right away fails.
    ///
    /// ## How to fix
    /// Nothing, if approval is intended: wait for it. Add approvers to Azure resource policies.
    ///
    /// ## Example
    /// ```json
    /// "setting": { "isApprovalRequired": true, "approvalStages": [ … ] }
    /// ```
    pub static APPROVAL_REQUIRED = ("PIM507", "approval-required", Request, Info);
}
