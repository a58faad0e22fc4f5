use crate::diagnostic::Diagnostic;
use crate::model::Policy;
use crate::rules::context::RuleContext;
use crate::rules::declare_rule;

declare_rule! {
    /// Approval is required but the requestor need not say why.
    ///
    /// ## What it does
    /// Flags `isRequestorJustificationRequired: false` on a required approval.
    ///
    /// ## Why it matters
    /// Approvers decide on what the requestor wrote; without a justification they approve
    /// blind.
    ///
    /// ## How to fix
    /// Set `isRequestorJustificationRequired: true`.
    ///
    /// ## Example
    /// ```json
    /// "setting": { "isApprovalRequired": true, "isRequestorJustificationRequired": false, … }
    /// ```
    pub static REQUESTOR_JUSTIFICATION_OFF = ("PIM209", "requestor-justification-off", Approval, Warning);
}

pub fn check(policy: &Policy, _context: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    let Some(rule) = super::required(policy) else {
        return;
    };
    if let Some(flag) = rule
        .is_requestor_justification_required
        .as_ref()
        .filter(|f| !f.value)
    {
        out.push(
            Diagnostic::new(
                &REQUESTOR_JUSTIFICATION_OFF,
                "approval is required but the requestor need not justify the request",
                flag.pointer.clone(),
            )
            .with_help("set \"isRequestorJustificationRequired\": true"),
        );
    }
}
