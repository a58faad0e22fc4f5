use crate::config::RuleContext;
use crate::diagnostic::Diagnostic;
use crate::model::{ApproverKind, Policy};
use crate::rules::declare_rule;

declare_rule! {
    /// Approval rests on fewer approvers than the configured minimum (two by default).
    ///
    /// ## What it does
    /// Counts the primary approvers of a required approval; a group counts as enough on its
    /// own. Flags fewer individual users than the minimum.
    ///
    /// ## Why it matters
    /// Approvers cannot approve their own requests, and a single approver who is away blocks
    /// every activation; Microsoft recommends at least two.
    ///
    /// ## How to fix
    /// Add approvers, or use a group of approvers.
    ///
    /// ## Options
    /// `[rules.approval-single-approver]`: `minimum` (default 2).
    ///
    /// ## Example
    /// ```json
    /// "primaryApprovers": [ { "@odata.type": "#microsoft.graph.singleUser", "userId": "…" } ]
    /// ```
    pub static APPROVAL_SINGLE_APPROVER = ("PIM204", "approval-single-approver", Approval, Warning);
}

pub fn check(policy: &Policy, context: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    let Some(rule) = super::required(policy) else {
        return;
    };
    let approvers: Vec<_> = rule
        .stages()
        .iter()
        .flat_map(|s| &s.primary_approvers)
        .collect();
    if approvers.is_empty() || approvers.iter().any(|a| a.kind != Some(ApproverKind::User)) {
        return;
    }
    let minimum = context.options.approval_single_approver.minimum;
    if approvers.len() < minimum {
        let at = rule.stages().first().map_or_else(
            || rule.stages_pointer.clone(),
            |s| s.primary_approvers_pointer.clone(),
        );
        out.push(
            Diagnostic::new(
                &APPROVAL_SINGLE_APPROVER,
                format!(
                    "approval rests on {} approver{}; at least {minimum} are recommended, as nobody approves their own request",
                    approvers.len(),
                    if approvers.len() == 1 { "" } else { "s" }
                ),
                at,
            )
            .with_help("add approvers, or use a group"),
        );
    }
}
