use crate::rules::declare_rule;

declare_rule! {
    /// An activation names a role the principal already holds active.
    ///
    /// ## What it does
    /// Given the tenant's active schedules or instances, finds an active assignment of the request's role, at its scope, to the requesting principal, in force when the activation starts.
    ///
    /// ## Why it matters
    /// The service refuses a second activation of the same role: `RoleAssignmentExists`, `The Role assignment already exists.` Source: Microsoft's Azure REST API reference, "privileged role common errors".
    ///
    /// ## How to fix
    /// Use the active assignment, extend it (`selfExtend`) when it is about to end, or deactivate it first.
    ///
    /// ## Example
    /// ```text
    /// pimlint validate --policy examples/tenant-export examples/requests/activate-user-administrator.json
    /// ```
    pub static ALREADY_ACTIVE = ("PIM518", "already-active", Request, Error);
}
