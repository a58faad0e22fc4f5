use crate::diagnostic::Diagnostic;
use crate::model::{ApprovalMode, Policy};
use crate::rules::context::RuleContext;
use crate::rules::declare_rule;

declare_rule! {
    /// Approval has more than one stage, or a Serial or Parallel mode.
    ///
    /// ## What it does
    /// Flags required approvals with several stages or `approvalMode` `Serial` / `Parallel`.
    ///
    /// ## Why it matters
    /// PIM honours single-stage approval only ("multi-step approval is not supported"): extra
    /// stages are not enforced as their author intends.
    ///
    /// ## How to fix
    /// Use one stage (`SingleStage`) with all the approvers in it.
    ///
    /// ## Example
    /// ```json
    /// "setting": { "isApprovalRequired": true, "approvalMode": "Serial", "approvalStages": [ {…}, {…} ] }
    /// ```
    pub static APPROVAL_MULTI_STAGE = ("PIM205", "approval-multi-stage", Approval, Warning);
}

pub fn check(policy: &Policy, _context: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    let Some(rule) = super::required(policy) else {
        return;
    };
    if let Some(mode) = rule
        .approval_mode
        .as_ref()
        .filter(|m| matches!(m.value, ApprovalMode::Serial | ApprovalMode::Parallel))
    {
        out.push(
            Diagnostic::new(
                &APPROVAL_MULTI_STAGE,
                format!(
                    "approval mode {} is not honoured: PIM approves in a single stage",
                    mode.value
                ),
                mode.pointer.clone(),
            )
            .with_help("use \"SingleStage\""),
        );
    } else if rule.stages().len() > 1 {
        out.push(
            Diagnostic::new(
                &APPROVAL_MULTI_STAGE,
                format!(
                    "approval has {} stages; PIM approves in a single stage",
                    rule.stages().len()
                ),
                rule.stages_pointer.clone(),
            )
            .with_help("keep one stage with all the approvers"),
        );
    }
}
