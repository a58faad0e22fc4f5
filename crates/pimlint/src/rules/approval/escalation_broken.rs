use crate::diagnostic::Diagnostic;
use crate::model::Policy;
use crate::rules::context::RuleContext;
use crate::rules::declare_rule;

declare_rule! {
    /// Escalation is enabled but cannot happen: no escalation approvers, or no time to escalate
    /// after.
    ///
    /// ## What it does
    /// For each stage of a required approval with `isEscalationEnabled: true`, checks that
    /// `escalationApprovers` is not empty and `escalationTimeInMinutes` is above zero.
    ///
    /// ## Why it matters
    /// The author expects requests to move on when primary approvers do not answer; they will
    /// not.
    ///
    /// ## How to fix
    /// Name escalation approvers and a time, or turn escalation off.
    ///
    /// ## Example
    /// ```json
    /// { "isEscalationEnabled": true, "escalationTimeInMinutes": 0, "escalationApprovers": [] }
    /// ```
    pub static ESCALATION_BROKEN = ("PIM207", "escalation-broken", Approval, Warning);
}

pub fn check(policy: &Policy, _context: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    let Some(rule) = super::required(policy) else {
        return;
    };
    for stage in rule.stages() {
        let Some(enabled) = stage.is_escalation_enabled.as_ref().filter(|e| e.value) else {
            continue;
        };
        if stage.escalation_approvers.is_empty() {
            out.push(
                Diagnostic::new(
                    &ESCALATION_BROKEN,
                    "escalation is enabled but there are no escalation approvers",
                    enabled.pointer.clone(),
                )
                .with_help("name escalationApprovers, or set \"isEscalationEnabled\": false"),
            );
        }
        if let Some(time) = stage
            .escalation_time_minutes
            .as_ref()
            .filter(|t| t.value <= 0)
        {
            out.push(
                Diagnostic::new(
                    &ESCALATION_BROKEN,
                    format!(
                        "escalation is enabled but happens after {} minutes",
                        time.value
                    ),
                    time.pointer.clone(),
                )
                .with_help("set escalationTimeInMinutes to when escalation should happen"),
            );
        }
    }
}
