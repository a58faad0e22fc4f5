use crate::rules::declare_rule;

declare_rule! {
    /// An activation names a role the principal is not eligible for.
    ///
    /// ## What it does
    /// Given the tenant's eligibility schedules or instances (`--tenant`, or among the inputs), looks for an eligibility of the requesting principal — directly, or through a group whose PIM for Groups members include it — for the request's role at its scope (Azure: the scope or a parent), in force when the activation starts.
    ///
    /// ## Why it matters
    /// The service refuses the activation: `RoleAssignmentRequestPolicyValidationFailed`, `The following policy rules failed: ["EligibilityRule"]` (a valid eligibility schedule instance does not exist to activate the role). Source: Microsoft's Azure REST API reference, "privileged role common errors".
    ///
    /// ## How to fix
    /// Make the principal eligible first (an eligibility schedule request), or activate a role it is eligible for.
    ///
    /// ## Example
    /// ```text
    /// pimlint validate --policy examples/tenant-export examples/requests/activate-user-administrator.json
    /// ```
    pub static NOT_ELIGIBLE = ("PIM517", "not-eligible", Request, Error);
}
