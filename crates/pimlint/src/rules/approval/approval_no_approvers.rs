use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{Policy, Provider};
use crate::rules::context::RuleContext;
use crate::rules::declare_rule;

declare_rule! {
    /// Approval is required but the policy names no approvers.
    ///
    /// ## What it does
    /// Checks that an approval rule with `isApprovalRequired: true` names primary approvers.
    /// For Entra roles this is a warning: Privileged Role Administrators and Global
    /// Administrators approve by default. For Azure resource roles it is an error: they have no
    /// default approvers, so nobody can approve.
    ///
    /// ## Why it matters
    /// Requests either wait forever (Azure) or go to a broad default group nobody chose
    /// (Entra).
    ///
    /// ## How to fix
    /// Name approvers in the first approval stage: users or groups. The fix (unsafe) writes
    /// the approvers of `[rules.approval] approvers`; without them there is no fix.
    ///
    /// ## Example
    /// ```json
    /// "setting": { "isApprovalRequired": true, "approvalStages": [ { "primaryApprovers": [] } ] }
    /// ```
    pub static APPROVAL_NO_APPROVERS = ("PIM203", "approval-no-approvers", Approval, Warning);
}

pub fn check(policy: &Policy, context: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    let Some(rule) = super::required(policy) else {
        return;
    };
    let Some(stages) = &rule.stages else {
        return;
    };
    if stages.iter().any(|s| !s.primary_approvers.is_empty()) {
        return;
    }
    let at = stages.first().map_or_else(
        || rule.stages_pointer.clone(),
        |s| s.primary_approvers_pointer.clone(),
    );
    let d = if policy.provider == Provider::AzureResources {
        Diagnostic::new(
            &APPROVAL_NO_APPROVERS,
            "approval is required but no approvers are named, and Azure resource roles have no default approvers: nobody can approve",
            at,
        )
        .with_severity(Severity::Error)
    } else {
        Diagnostic::new(
            &APPROVAL_NO_APPROVERS,
            "approval is required but no approvers are named; Privileged Role Administrators and Global Administrators will approve by default",
            at,
        )
    };
    out.push(
        d.with_help(
            "name approvers in primaryApprovers; with none in [rules.approval] approvers \
             there is no fix",
        )
        .with_fix(crate::fix::policy::add_approvers(
            rule,
            &context.options.approval.approvers,
            policy.kind.is_arm(),
        )),
    );
}
