use crate::diagnostic::Diagnostic;
use crate::pointer::Pointer;
use crate::rules::declare_rule;
use crate::source::{Extra, RuleType};

declare_rule! {
    /// A rule has a member that belongs somewhere else: a target member at the rule's top
    /// level, or a member of another rule type.
    ///
    /// ## What it does
    /// Looks at the members of each rule that its type does not define. `caller`, `level`,
    /// `operations` and the other `target` members at the top level are flagged, and so are
    /// members of other rule types (`maximumDuration` on an enablement rule).
    ///
    /// ## Why it matters
    /// The service ignores members it does not expect, so the setting the author wrote is not
    /// the one applied. Hand-built request bodies put `level` next to `id` instead of inside
    /// `target` (EasyPIM #60, #138), and the update then fails or does nothing.
    ///
    /// ## How to fix
    /// Move the member into `target`, or onto the rule type that defines it.
    ///
    /// ## Example
    /// ```json
    /// { "id": "Expiration_Admin_Assignment", "level": "Assignment", "target": { … } }
    /// ```
    pub static MISPLACED_FIELD = ("PIM006", "misplaced-field", Structure, Warning);
}

const TARGET_MEMBERS: [&str; 6] = [
    "caller",
    "level",
    "operations",
    "inheritableSettings",
    "enforcedSettings",
    "targetObjects",
];

/// Members each rule type defines besides `id`, `target` and the discriminators.
const fn members_of(rule_type: RuleType) -> &'static [&'static str] {
    match rule_type {
        RuleType::Expiration => &["isExpirationRequired", "maximumDuration"],
        RuleType::Enablement => &["enabledRules"],
        RuleType::Approval => &["setting"],
        RuleType::AuthenticationContext => &["isEnabled", "claimValue"],
        RuleType::Notification => &[
            "notificationType",
            "recipientType",
            "notificationLevel",
            "isDefaultRecipientsEnabled",
            "notificationRecipients",
        ],
    }
}

/// Checks the unknown members of one rule of type `rule_type`.
pub fn check(extra: &Extra, rule_type: RuleType, rule: &Pointer, out: &mut Vec<Diagnostic>) {
    for key in extra.keys() {
        let at = rule.key(key);
        if TARGET_MEMBERS.contains(&key.as_str()) {
            out.push(
                Diagnostic::new(
                    &MISPLACED_FIELD,
                    format!("`{key}` belongs inside `target`; at the rule's top level the service ignores it"),
                    at,
                )
                .with_help(format!("move `{key}` into the rule's `target` object")),
            );
        } else if let Some(owner) = RuleType::ALL
            .into_iter()
            .find(|t| *t != rule_type && members_of(*t).contains(&key.as_str()))
        {
            out.push(
                Diagnostic::new(
                    &MISPLACED_FIELD,
                    format!(
                        "`{key}` is a member of {}Rule, not of {}Rule; the service ignores it here",
                        owner.name(),
                        rule_type.name()
                    ),
                    at,
                )
                .with_help(format!(
                    "remove it, or set it on the {} rule it belongs to",
                    owner.name()
                )),
            );
        }
    }
}
