use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{ApprovalMode, Policy};
use crate::rules::context::RuleContext;
use crate::rules::declare_rule;

declare_rule! {
    /// The approval mode or stages contradict whether approval is required.
    ///
    /// ## What it does
    /// Flags `approvalMode: NoApproval` with `isApprovalRequired: true`, and a required
    /// approval with no stage at all (errors); and approvers listed while approval is not
    /// required (info: they are ignored).
    ///
    /// ## Why it matters
    /// Graph documents `NoApproval` for policies without approval and one stage or more for
    /// those with it; a contradiction is rejected or silently means something else.
    ///
    /// ## How to fix
    /// Use `SingleStage` with one stage when approval is required, `NoApproval` when it is not.
    ///
    /// ## Example
    /// ```json
    /// "setting": { "isApprovalRequired": true, "approvalMode": "NoApproval", "approvalStages": [] }
    /// ```
    pub static APPROVAL_MODE_MISMATCH = ("PIM206", "approval-mode-mismatch", Approval, Error);
}

pub fn check(policy: &Policy, _context: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    let Some(rule) = &policy.rules.approval_end_user_assignment else {
        return;
    };
    let Some(required) = &rule.is_approval_required else {
        return;
    };
    if required.value {
        if let Some(mode) = rule
            .approval_mode
            .as_ref()
            .filter(|m| m.value == ApprovalMode::NoApproval)
        {
            out.push(
                Diagnostic::new(
                    &APPROVAL_MODE_MISMATCH,
                    "approval is required but the approval mode is NoApproval",
                    mode.pointer.clone(),
                )
                .with_label(required.pointer.clone(), "approval is required here")
                .with_help("set \"approvalMode\": \"SingleStage\""),
            );
        }
        if rule.stages.as_ref().is_some_and(Vec::is_empty) {
            out.push(
                Diagnostic::new(
                    &APPROVAL_MODE_MISMATCH,
                    "approval is required but there is no approval stage",
                    rule.stages_pointer.clone(),
                )
                .with_help("add one stage with primaryApprovers"),
            );
        }
    } else if rule
        .stages()
        .iter()
        .any(|s| !s.primary_approvers.is_empty())
    {
        out.push(
            Diagnostic::new(
                &APPROVAL_MODE_MISMATCH,
                "approvers are listed but approval is not required; they are ignored",
                required.pointer.clone(),
            )
            .with_severity(Severity::Info)
            .with_help("set \"isApprovalRequired\": true if these approvers should approve"),
        );
    }
}
