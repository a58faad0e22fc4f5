use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Policy;
use crate::rules::context::RuleContext;
use crate::rules::declare_rule;

declare_rule! {
    /// A notification recipient is not a usable e-mail address: blank, not an address, several
    /// addresses in one string, listed twice, or too many.
    ///
    /// ## What it does
    /// Checks each entry of `notificationRecipients`: blank strings and strings that are not
    /// one e-mail address (`a@b.example; c@d.example`) are errors, duplicates are info, and more
    /// than 1000 recipients is an error.
    ///
    /// ## Why it matters
    /// The portal takes addresses separated by semicolons, but the API wants one per entry;
    /// `[""]` sent by a tool is rejected (EasyPIM #60). The service allows at most 1000
    /// recipients per event.
    ///
    /// ## How to fix
    /// One address per entry, no blanks, no duplicates.
    ///
    /// ## Example
    /// ```json
    /// "notificationRecipients": ["", "secops@contoso.example; soc@contoso.example"]
    /// ```
    pub static BAD_RECIPIENT = ("PIM407", "bad-recipient", Notification, Error);
}

pub(crate) fn is_address(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains('@')
        && !text
            .chars()
            .any(|c| c.is_whitespace() || matches!(c, ';' | ',' | '<' | '>'))
}

pub fn check(policy: &Policy, _context: &RuleContext<'_>, out: &mut Vec<Diagnostic>) {
    for (id, rule) in policy.rules.notifications() {
        if rule.recipients().len() > 1000 {
            out.push(
                Diagnostic::new(
                    &BAD_RECIPIENT,
                    format!(
                        "`{id}` lists {} recipients; the service allows at most 1000",
                        rule.recipients().len()
                    ),
                    rule.recipients_pointer.clone(),
                )
                .with_help("send to a distribution list instead"),
            );
        }
        for (i, r) in rule.recipients().iter().enumerate() {
            let text = r.value.trim();
            if text.is_empty() {
                out.push(
                    Diagnostic::new(
                        &BAD_RECIPIENT,
                        "a notification recipient is blank",
                        r.pointer.clone(),
                    )
                    .with_help("remove the empty entry"),
                );
            } else if text.contains([';', ',']) {
                out.push(
                    Diagnostic::new(
                        &BAD_RECIPIENT,
                        format!("{:?} holds several addresses in one entry", r.value),
                        r.pointer.clone(),
                    )
                    .with_help("put each address in its own entry of the list"),
                );
            } else if !is_address(text) {
                out.push(
                    Diagnostic::new(
                        &BAD_RECIPIENT,
                        format!("{:?} is not an e-mail address", r.value),
                        r.pointer.clone(),
                    )
                    .with_help("notification recipients are e-mail addresses"),
                );
            } else if let Some(first) = rule.recipients()[..i]
                .iter()
                .find(|x| x.value.trim().eq_ignore_ascii_case(text))
            {
                out.push(
                    Diagnostic::new(
                        &BAD_RECIPIENT,
                        format!("{text} is listed twice"),
                        r.pointer.clone(),
                    )
                    .with_severity(Severity::Info)
                    .with_label(first.pointer.clone(), "first listed here"),
                );
            }
        }
    }
}
