use crate::rules::declare_rule;

declare_rule! {
    /// A request changes an assignment or eligibility the tenant does not have.
    ///
    /// ## What it does
    /// Given the tenant's schedules or instances, a deactivation, extension, update or removal looks for what it changes: an active assignment (assignment requests) or an eligibility (eligibility requests) of the principal for the role at the scope.
    ///
    /// ## Why it matters
    /// There is nothing for the service to change: it refuses the request. The error name
    /// pimlint gives, `RoleAssignmentDoesNotExist`, is the one Microsoft documents for this
    /// case in PIM's retired iteration-2 API: the error table of Graph beta "Create
    /// governanceRoleAssignmentRequest" lists `400 BadRequest` `RoleAssignmentDoesNotExist`,
    /// "The governanceRoleAssignment requested to be updated/extended does not exist in the
    /// system". The pages of the current APIs were checked and name no error for it: Graph
    /// v1.0 "Create roleAssignmentScheduleRequests" and "Create
    /// roleEligibilityScheduleRequests" have no error table, and ARM's "Common errors returned
    /// for a new request" (role assignment and eligibility schedule requests) lists only
    /// `RoleAssignmentExists` and the `RoleAssignmentRequestPolicyValidationFailed` rules.
    /// Public PowerShell code that calls the current Graph API (not Microsoft's) matches
    /// `RoleAssignmentDoesNotExist` in the answers to `selfDeactivate` and `adminRemove`
    /// requests, so the service appears to answer with it still; Microsoft does not document
    /// it for these APIs.
    ///
    /// ## How to fix
    /// Check the principal, role and scope; to grant the role, use `adminAssign` (or activate an eligibility).
    ///
    /// ## Example
    /// ```text
    /// pimlint validate --policy examples/tenant-export examples/requests/activate-user-administrator.json
    /// ```
    pub static NO_ASSIGNMENT_TO_CHANGE = ("PIM519", "no-assignment-to-change", Request, Error);
}
