use crate::diagnostic::Diagnostic;
use crate::model::{ApiEnum, Policy};
use crate::rules::context::RuleContext;
use crate::rules::declare_rule;

declare_rule! {
    /// A notification rule's `recipientType` differs from the recipient its id names.
    ///
    /// ## What it does
    /// `Notification_Admin_*` rules mail admins, `Notification_Requestor_*` the requestor and
    /// `Notification_Approver_*` the approvers; this rule checks that `recipientType` agrees.
    ///
    /// ## Why it matters
    /// Portal and API read the recipient from the id; a contradicting `recipientType` means the
    /// document was assembled by hand or copied from the wrong rule, and the update is rejected.
    ///
    /// ## How to fix
    /// Set `recipientType` to the recipient in the id.
    ///
    /// ## Example
    /// ```json
    /// { "id": "Notification_Admin_EndUser_Assignment", "recipientType": "Requestor", … }
    /// ```
    pub static RECIPIENT_TYPE_MISMATCH = ("PIM013", "recipient-type-mismatch", Structure, Error);
}

pub fn check(policy: &Policy, _context: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    for (id, rule) in policy.rules.notifications() {
        let (Some(expected), Some(found)) = (id.recipient(), &rule.recipient_type) else {
            continue;
        };
        if found.value != expected {
            out.push(
                Diagnostic::new(
                    &RECIPIENT_TYPE_MISMATCH,
                    format!(
                        "rule `{id}` notifies recipient type `{}`, but its id names `{}`",
                        found.value, expected
                    ),
                    found.pointer.clone(),
                )
                .with_help(format!("set \"recipientType\": \"{}\"", expected.as_str())),
            );
        }
    }
}
