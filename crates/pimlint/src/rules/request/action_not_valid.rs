use crate::rules::declare_rule;

declare_rule! {
    /// The action cannot be used with this kind of request (`selfActivate` on an eligibility
    /// request).
    ///
    /// ## What it does
    /// `selfActivate` and `selfDeactivate` act on active assignments and exist only on
    /// assignment requests (`…AssignmentScheduleRequest`, ARM `roleAssignmentScheduleRequests`).
    ///
    /// ## Why it matters
    /// Sent to the eligibility endpoint, the request is rejected; it usually means the body was
    /// posted to the wrong collection.
    ///
    /// ## How to fix
    /// Post activations to the assignment schedule requests collection, or use an admin action.
    ///
    /// ## Example
    /// ```json
    /// { "@odata.type": "#microsoft.graph.unifiedRoleEligibilityScheduleRequest", "action": "selfActivate", … }
    /// ```
    pub static ACTION_NOT_VALID = ("PIM510", "action-not-valid", Request, Error);
}
