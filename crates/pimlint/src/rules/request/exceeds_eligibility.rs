use crate::rules::declare_rule;

declare_rule! {
    /// An activation would last past the end of the eligibility it uses.
    ///
    /// ## What it does
    /// Compares the end of the activation (its start plus its duration, or its end) with the end of the eligibility that allows it.
    ///
    /// ## Why it matters
    /// An activation is the use of an eligibility, and it cannot outlast it in principle; but
    /// Microsoft's documentation does not say whether the service shortens such an activation
    /// to the eligibility's end or refuses it, so pimlint warns rather than predicts. Checked
    /// and silent on it: the Graph v1.0 pages for unifiedRoleAssignmentScheduleRequest (the
    /// resource, and "Create roleAssignmentScheduleRequests" with its `selfActivate` example),
    /// requestSchedule, the Entra how-to "Activate a Microsoft Entra role in PIM", and ARM's
    /// "Common errors returned for a new request", whose only eligibility error is
    /// `RoleAssignmentRequestPolicyValidationFailed` for `EligibilityRule` when "a valid
    /// `RoleEligibilityScheduleInstance` doesn't exist to activate this role".
    ///
    /// ## How to fix
    /// Ask for an activation that ends with the eligibility, or have the eligibility extended first.
    ///
    /// ## Example
    /// ```text
    /// pimlint validate --policy examples/tenant-export examples/requests/activate-user-administrator.json
    /// ```
    pub static EXCEEDS_ELIGIBILITY = ("PIM520", "exceeds-eligibility", Request, Warning);
}
