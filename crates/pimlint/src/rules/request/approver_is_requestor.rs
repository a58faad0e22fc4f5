use crate::rules::declare_rule;

declare_rule! {
    /// The only approver the policy names is the requestor, who cannot approve their own
    /// request.
    ///
    /// ## What it does
    /// For activations that need approval, compares the approvers that are single users with
    /// the request's `principalId`; when no one else can approve, the request can never be
    /// approved.
    ///
    /// ## Why it matters
    /// PIM never lets approvers approve their own requests, so the request waits until it
    /// expires.
    ///
    /// ## How to fix
    /// Add another approver (at least two is Microsoft's recommendation), or a group.
    ///
    /// ## Example
    /// ```json
    /// "primaryApprovers": [ { "@odata.type": "#microsoft.graph.singleUser", "userId": "<the requestor>" } ]
    /// ```
    pub static APPROVER_IS_REQUESTOR = ("PIM511", "approver-is-requestor", Request, Warning);
}
