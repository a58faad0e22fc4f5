use crate::diagnostic::Diagnostic;
use crate::model::Policy;
use crate::rules::context::RuleContext;
use crate::rules::declare_rule;

declare_rule! {
    /// The same rule id appears more than once in a policy.
    ///
    /// ## What it does
    /// Flags every repeat of a rule `id` within one policy's `rules`.
    ///
    /// ## Why it matters
    /// A policy holds each rule once. With two copies, which one the service keeps is
    /// undefined, and the copy a reviewer reads may not be the one in force. Duplicates
    /// usually come from merging templates by hand.
    ///
    /// ## How to fix
    /// Keep one copy of the rule, with the settings you mean.
    ///
    /// ## Example
    /// ```json
    /// "rules": [
    ///   { "id": "Expiration_EndUser_Assignment", "maximumDuration": "PT8H", … },
    ///   { "id": "Expiration_EndUser_Assignment", "maximumDuration": "PT1H", … }
    /// ]
    /// ```
    pub static DUPLICATE_RULE = ("PIM002", "duplicate-rule", Structure, Error);
}

pub fn check(policy: &Policy, _context: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    for (i, entry) in policy.entries.iter().enumerate() {
        let Some(id) = &entry.id else { continue };
        let first = policy.entries[..i]
            .iter()
            .find(|e| e.id.as_ref().is_some_and(|f| f.value == id.value));
        if let Some(first) = first {
            let count = policy
                .entries
                .iter()
                .filter(|e| e.id.as_ref().is_some_and(|f| f.value == id.value))
                .count();
            out.push(
                Diagnostic::new(
                    &DUPLICATE_RULE,
                    format!("rule `{}` appears {count} times in this policy", id.value),
                    id.pointer.clone(),
                )
                .with_label(
                    first
                        .id
                        .as_ref()
                        .map_or_else(|| first.pointer.clone(), |f| f.pointer.clone()),
                    "first defined here",
                )
                .with_help("keep one copy of the rule, with the settings you mean"),
            );
        }
    }
}
