use crate::rules::declare_rule;

declare_rule! {
    /// A request changes an assignment or eligibility the tenant does not have.
    ///
    /// ## What it does
    /// Given the tenant's schedules or instances, a deactivation, extension, update or removal looks for what it changes: an active assignment (assignment requests) or an eligibility (eligibility requests) of the principal for the role at the scope.
    ///
    /// ## Why it matters
    /// There is nothing for the service to change: it refuses the request (`RoleAssignmentDoesNotExist`).
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
