use crate::diagnostic::Diagnostic;
use crate::model::Policy;
use crate::rules::context::{RuleContext, Tier};
use crate::rules::declare_rule;
use crate::rules::helpers::role_phrase;

declare_rule! {
    /// Activating a highly privileged role (other than Global Administrator) does not need
    /// approval.
    ///
    /// ## What it does
    /// Checks `isApprovalRequired` on the policies of highly privileged roles. Off unless
    /// selected (or the `strict` profile): CISA makes it a SHOULD, and Microsoft's plan leaves
    /// approval off for roles such as Exchange or Helpdesk Administrator.
    ///
    /// ## Why it matters
    /// Approval puts a second person between a stolen account and the role.
    ///
    /// ## How to fix
    /// Set `isApprovalRequired: true` with approvers, or accept the risk for this role with an
    /// `[[overrides]]` entry. The fix (unsafe) turns approval on with the approvers the rule
    /// already names or, when it names none, with the approvers of `[rules.approval]
    /// approvers`; with neither there is no fix, as approvers cannot be guessed.
    ///
    /// ## Example
    /// ```json
    /// { "id": "Approval_EndUser_Assignment", "setting": { "isApprovalRequired": false, … }, … }
    /// ```
    pub static APPROVAL_MISSING_PRIVILEGED = ("PIM202", "approval-missing-privileged", Approval, Warning);
}

pub fn check(policy: &Policy, context: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    if context.tier != Tier::Privileged {
        return;
    }
    let Some(rule) = policy.rules.approval_end_user_assignment.as_ref() else {
        return;
    };
    let Some(required) = rule.is_approval_required.as_ref().filter(|r| !r.value) else {
        return;
    };
    out.push(
        Diagnostic::new(
            &APPROVAL_MISSING_PRIVILEGED,
            format!("activating {} does not need approval", role_phrase(context)),
            required.pointer.clone(),
        )
        .with_help(
            "set \"isApprovalRequired\": true and name approvers; with none named and none in \
             [rules.approval] approvers there is no fix",
        )
        .with_fix(crate::fix::policy::require_approval(
            rule,
            &context.options.approval.approvers,
            policy.kind.is_arm(),
        )),
    );
}
