use crate::diagnostic::Diagnostic;
use crate::kind::DocumentKind;
use crate::pointer::Pointer;
use crate::rules::declare_rule;

declare_rule! {
    /// A document does not match the published shape of its kind (its JSON Schema).
    ///
    /// ## What it does
    /// Validates each document against the JSON Schema of its kind (`pimlint schema KIND`
    /// prints it), written from the Microsoft Graph v1.0 and ARM 2020-10-01 definitions, and
    /// reports every violation with its location: types and documented values of members
    /// pimlint does not otherwise read, members a request must have, enum values spelled in
    /// another letter case. A place another finding already reports is not reported twice.
    /// The rules of a policy are left to the typed reader when it has judged every one of
    /// them (each of a known type, nothing reported inside it): the schema could add nothing
    /// there, and most of its work on a policy is in the rules.
    ///
    /// ## Why it matters
    /// The service validates bodies against the same definitions; a document that does not
    /// match is rejected, often with a message that does not say where.
    ///
    /// ## How to fix
    /// Make the member match its definition; the message says what was expected.
    ///
    /// ## Example
    /// ```json
    /// { "properties": { "requestType": "AdminAssign", "principalId": "…", "condition": 5, … } }
    /// ```
    pub static SCHEMA_VIOLATION = ("PIM016", "schema-violation", Structure, Warning);
}

/// A schema violation at `at` in a document of `kind`.
pub fn diagnostic(at: &Pointer, kind: DocumentKind, message: &str) -> Diagnostic {
    Diagnostic::new(
        &SCHEMA_VIOLATION,
        format!("does not match the {} schema: {message}", kind.api_name()),
        at.clone(),
    )
    .with_help(format!(
        "`pimlint schema {}` prints the schema",
        kind.as_str()
    ))
}
