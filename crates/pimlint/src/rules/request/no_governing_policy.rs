use crate::rules::declare_rule;

declare_rule! {
    /// None of the policies given governs the request.
    ///
    /// ## What it does
    /// Looks for the policy of the request's role at its scope: the role template id for Entra
    /// roles, the group and `member`/`owner` for groups, and for Azure resources the role
    /// definition at the request's exact scope — Azure role settings are per scope and not
    /// inherited by child scopes. Policies name their role through a policy assignment (given
    /// in the same input, or expanded around the policy).
    ///
    /// ## Why it matters
    /// Judging a request against the wrong policy gives the wrong answer; pimlint does not
    /// guess.
    ///
    /// ## How to fix
    /// Pass the policy assignments with the policies (Graph
    /// `roleManagementPolicyAssignments?$expand=policy($expand=rules)`, ARM
    /// `roleManagementPolicyAssignments`), or the policy of the request's exact scope.
    ///
    /// ## Example
    /// ```text
    /// pimlint validate --policy subscription-policies.json request-for-a-resource-group.json
    /// ```
    pub static NO_GOVERNING_POLICY = ("PIM516", "no-governing-policy", Request, Error);
}
