use crate::diagnostic::Diagnostic;
use crate::model::Policy;
use crate::rules::context::RuleContext;
use crate::rules::declare_rule;

declare_rule! {
    /// Activation needs approval, but extending it does not.
    ///
    /// ## What it does
    /// Flags `isApprovalRequiredForExtension: false` where `isApprovalRequired` is `true`.
    ///
    /// ## Why it matters
    /// An approved activation can then be prolonged without anyone approving the extra time.
    ///
    /// ## How to fix
    /// Set `isApprovalRequiredForExtension: true`.
    ///
    /// ## Example
    /// ```json
    /// "setting": { "isApprovalRequired": true, "isApprovalRequiredForExtension": false, … }
    /// ```
    pub static EXTENSION_UNAPPROVED = ("PIM211", "extension-unapproved", Approval, Info);
}

pub fn check(policy: &Policy, _context: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    let Some(rule) = super::required(policy) else {
        return;
    };
    if let Some(flag) = rule
        .is_approval_required_for_extension
        .as_ref()
        .filter(|f| !f.value)
    {
        out.push(
            Diagnostic::new(
                &EXTENSION_UNAPPROVED,
                "activations need approval, but extending them does not",
                flag.pointer.clone(),
            )
            .with_help("set \"isApprovalRequiredForExtension\": true")
            .with_fix(crate::fix::Fix::replace_unsafe(
                "set \"isApprovalRequiredForExtension\": true",
                &flag.pointer,
                serde_json::Value::Bool(true),
            )),
        );
    }
}
