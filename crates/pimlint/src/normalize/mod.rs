//! Source documents → the provider-neutral model, reporting structural faults on the way.
//!
//! This is the only place that knows Graph and ARM differ. Every value read here is checked
//! for its JSON type, durations and timestamps are parsed once, enums are matched against the
//! documented values; a value that fails is reported with its pointer and left out of the
//! model, so rules only ever see well-formed values.

use chrono::{DateTime, FixedOffset};
use serde::Deserialize;
use serde_json::Value;

use crate::diagnostic::Diagnostic;
use crate::duration::IsoDuration;
use crate::kind::DocumentKind;
use crate::member;
use crate::model::{
    ApiEnum, ApprovalMode, ApprovalRule, ApprovalStage, Approver, ApproverKind,
    AuthenticationContextRule, Document, Enablement, EnablementRule, ExpirationRule,
    ExpirationType, Extent, Level, Located, NotificationLevel, NotificationRule, NotificationType,
    Operation, Policy, PolicyAssignment, PolicyRules, Presence, Provider, RecipientType,
    RequestExpiration, RoleRef, RuleEntry, RuleId, ScheduleRequest, Target, Ticket,
};
use crate::pointer::Pointer;
use crate::rules::request::{invalid_identifier, missing_request_field};
use crate::rules::structure::{
    invalid_duration, invalid_enum_value, invalid_timestamp, misplaced_field,
    non_canonical_spelling, partial_read, rule_type_mismatch, unknown_rule_id, unknown_rule_type,
    wrong_json_type::{self, Expected},
};
use crate::source::skeleton::{Holder, ReadRules};
use crate::source::{self, Field, Rule};

mod alert;
mod directory;
mod ids;
mod odata;
mod policy;
mod request;
mod schedule;

/// A document that could not be read into its source model at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct ShapeError {
    /// What went wrong.
    pub message: String,
}

/// Normalizes one document of a known kind located at `base` in its file.
pub fn normalize(
    kind: DocumentKind,
    value: &Value,
    base: &Pointer,
) -> Result<(Document, Vec<Diagnostic>), ShapeError> {
    normalize_in(kind, value, base, None)
}

/// Normalizes one document of a list response whose `@odata.context` is `list_context` (it
/// says which members `$select` left out of every item).
pub fn normalize_in(
    kind: DocumentKind,
    value: &Value,
    base: &Pointer,
    list_context: Option<&str>,
) -> Result<(Document, Vec<Diagnostic>), ShapeError> {
    normalize_read(kind, value, base, list_context, &mut ReadRules::default())
}

/// Whether [`normalize_read`] puts every rule list of `read` in a document of `kind`: each
/// kind takes the lists of one holder only.
pub(crate) fn takes_rules(kind: DocumentKind, read: &ReadRules) -> bool {
    let holders = read.holders();
    match kind {
        DocumentKind::GraphPolicy | DocumentKind::GraphPolicyUpdate => holders == [Holder::Root],
        DocumentKind::ArmPolicy | DocumentKind::ArmPolicyUpdate => holders == [Holder::Properties],
        DocumentKind::GraphPolicyAssignment => holders == [Holder::Policy],
        // An ARM policy assignment has effective rules only.
        DocumentKind::ArmPolicyAssignment => {
            holders == [Holder::Properties] && read.properties.rules.is_none()
        }
        _ => false,
    }
}

/// [`normalize_in`] of a skeleton whose rule lists were read apart (see
/// [`source::skeleton`]); each list is lent to where the skeleton holds an empty one, and
/// given back to `read` after. The caller makes sure the kind takes them all
/// ([`takes_rules`]).
pub(crate) fn normalize_read(
    kind: DocumentKind,
    value: &Value,
    base: &Pointer,
    list_context: Option<&str>,
    read: &mut ReadRules,
) -> Result<(Document, Vec<Diagnostic>), ShapeError> {
    let ReadRules {
        root,
        properties,
        policy,
        ..
    } = read;
    let mut reader = Reader {
        diagnostics: Vec::new(),
        list_context,
        projection: false,
        not_returned: Vec::new(),
        selection_said: false,
    };
    let document = match kind {
        DocumentKind::GraphPolicy | DocumentKind::GraphPolicyUpdate => {
            let mut src: source::GraphPolicy = typed(value, kind)?;
            root.put(&mut src.rules, &mut src.effective_rules);
            let policy = reader.graph_policy(&src, base.clone(), kind, None);
            root.take_back(&mut src.rules, &mut src.effective_rules);
            Document::Policy(policy)
        }
        DocumentKind::GraphPolicyRule | DocumentKind::ArmPolicyRule => {
            let src: Rule = typed(value, kind)?;
            Document::Policy(reader.single_rule(&src, base, kind))
        }
        DocumentKind::GraphPolicyAssignment => {
            let mut src: source::GraphPolicyAssignment = typed(value, kind)?;
            if let Field::Value(p) = &mut src.policy {
                policy.put(&mut p.rules, &mut p.effective_rules);
            }
            let assignment = reader.graph_assignment(&src, base);
            if let Field::Value(p) = &mut src.policy {
                policy.take_back(&mut p.rules, &mut p.effective_rules);
            }
            assignment
        }
        DocumentKind::ArmPolicy | DocumentKind::ArmPolicyUpdate => {
            let mut src: source::ArmPolicy = typed(value, kind)?;
            if let Field::Value(p) = &mut src.properties {
                properties.put(&mut p.rules, &mut p.effective_rules);
            }
            let policy = reader.arm_policy(&src, base, kind);
            if let Field::Value(p) = &mut src.properties {
                properties.take_back(&mut p.rules, &mut p.effective_rules);
            }
            Document::Policy(policy)
        }
        DocumentKind::ArmPolicyAssignment => {
            let mut src: source::ArmPolicyAssignment = typed(value, kind)?;
            if let Field::Value(p) = &mut src.properties {
                let mut no_rules = Field::Absent;
                properties.put(&mut no_rules, &mut p.effective_rules);
            }
            let assignment = reader.arm_assignment(&src, base);
            if let Field::Value(p) = &mut src.properties {
                properties.take_back(&mut Field::Absent, &mut p.effective_rules);
            }
            assignment
        }
        DocumentKind::GraphRoleAssignmentRequest | DocumentKind::GraphRoleEligibilityRequest => {
            let src: source::GraphRoleRequest = typed(value, kind)?;
            Document::Request(reader.graph_role_request(&src, base, kind))
        }
        DocumentKind::GraphGroupAssignmentRequest | DocumentKind::GraphGroupEligibilityRequest => {
            let src: source::GraphGroupRequest = typed(value, kind)?;
            Document::Request(reader.graph_group_request(&src, base, kind))
        }
        DocumentKind::ArmRoleAssignmentRequest | DocumentKind::ArmRoleEligibilityRequest => {
            let src: source::ArmRequest = typed(value, kind)?;
            Document::Request(reader.arm_request(&src, base, kind))
        }
        DocumentKind::GraphRoleDefinition => {
            let src: source::GraphRoleDefinitionDocument = typed(value, kind)?;
            Document::RoleDefinition(reader.graph_role_definition(&src, base))
        }
        DocumentKind::ArmRoleDefinition => {
            let src: source::ArmRoleDefinition = typed(value, kind)?;
            Document::RoleDefinition(reader.arm_role_definition(&src, base))
        }
        DocumentKind::GraphAlert
        | DocumentKind::GraphAlertConfiguration
        | DocumentKind::GraphAlertDefinition => {
            let src: source::GraphAlert = typed(value, kind)?;
            Document::Alert(reader.graph_alert(&src, base, kind))
        }
        DocumentKind::ArmAlert | DocumentKind::ArmAlertConfiguration => {
            let src: source::ArmAlert = typed(value, kind)?;
            Document::Alert(reader.arm_alert(&src, base, kind))
        }
        k if k.is_arm() => {
            let src: source::ArmSchedule = typed(value, kind)?;
            Document::Schedule(Box::new(reader.arm_schedule(&src, base, kind)))
        }
        _ => {
            let src: source::GraphSchedule = typed(value, kind)?;
            Document::Schedule(Box::new(reader.graph_schedule(&src, base, kind)))
        }
    };
    Ok((document, reader.diagnostics))
}

/// Reads `value` as the source document `T`: in place ([`source::ReadValue`]), and through
/// serde only for the message when it cannot be read.
fn typed<T: for<'de> Deserialize<'de> + source::ReadValue>(
    value: &Value,
    kind: DocumentKind,
) -> Result<T, ShapeError> {
    if let Some(read) = T::read(value) {
        return Ok(read);
    }
    T::deserialize(value).map_err(|e| ShapeError {
        message: format!(
            "cannot read this {} ({}): {e}",
            kind.as_str(),
            kind.api_name()
        ),
    })
}

/// The level a request kind acts on.
const fn level_of(kind: DocumentKind) -> Level {
    match kind {
        DocumentKind::GraphRoleEligibilityRequest
        | DocumentKind::GraphGroupEligibilityRequest
        | DocumentKind::ArmRoleEligibilityRequest => Level::Eligibility,
        _ => Level::Assignment,
    }
}

/// The last segment of a resource id (`…/roleDefinitions/<guid>` → `<guid>`).
fn last_segment(id: &str) -> String {
    id.rsplit('/').next().unwrap_or(id).to_owned()
}

struct Reader<'c> {
    diagnostics: Vec<Diagnostic>,
    /// The `@odata.context` of the list the document came in.
    list_context: Option<&'c str>,
    /// Whether the document is a `$select` projection (absent members were not asked for).
    projection: bool,
    /// Members a request needs that a service response lacks (collected, said once).
    not_returned: Vec<&'static str>,
    /// Whether the `$select` of the document was already reported.
    selection_said: bool,
}

impl Reader<'_> {
    fn push(&mut self, d: Diagnostic) {
        self.diagnostics.push(d);
    }

    // ---- typed member readers: each reports a wrong JSON type and returns `None` ----

    fn string(&mut self, field: &Field<impl AsRef<str>>, at: Pointer) -> Option<Located<String>> {
        let text = self.text(field, &at)?;
        Some(Located::new(text.to_owned(), at))
    }

    /// The text of a string member, not copied.
    fn text<'f>(&mut self, field: &'f Field<impl AsRef<str>>, at: &Pointer) -> Option<&'f str> {
        match field {
            Field::Value(s) => Some(s.as_ref()),
            Field::Invalid(v) => {
                self.push(wrong_json_type::diagnostic(at, Expected::String, v));
                None
            }
            Field::Absent | Field::Null => None,
        }
    }

    fn boolean(&mut self, field: &Field<bool>, at: Pointer) -> Option<Located<bool>> {
        match field {
            Field::Value(b) => Some(Located::new(*b, at)),
            Field::Invalid(v) => {
                self.push(wrong_json_type::diagnostic(&at, Expected::Boolean, v));
                None
            }
            Field::Absent | Field::Null => None,
        }
    }

    fn integer(&mut self, field: &Field<i64>, at: Pointer) -> Option<Located<i64>> {
        match field {
            Field::Value(n) => Some(Located::new(*n, at)),
            Field::Invalid(v) => {
                self.push(wrong_json_type::diagnostic(&at, Expected::Integer, v));
                None
            }
            Field::Absent | Field::Null => None,
        }
    }

    fn object<'f, T>(&mut self, field: &'f Field<T>, at: &Pointer) -> Option<&'f T> {
        match field {
            Field::Value(v) => Some(v),
            Field::Invalid(v) => {
                self.push(wrong_json_type::diagnostic(at, Expected::Object, v));
                None
            }
            Field::Absent | Field::Null => None,
        }
    }

    fn list<'f, T>(&mut self, field: &'f Field<Vec<T>>, at: &Pointer) -> &'f [T] {
        match field {
            Field::Value(v) => v,
            Field::Invalid(v) => {
                self.push(wrong_json_type::diagnostic(at, Expected::Array, v));
                &[]
            }
            Field::Absent | Field::Null => &[],
        }
    }

    /// Each string of a list, with its pointer.
    fn strings(&mut self, field: &Field<Vec<Field<String>>>, at: &Pointer) -> Vec<Located<String>> {
        let mut out = Vec::new();
        for (i, item) in self.list(field, at).iter().enumerate() {
            if let Some(s) = self.string(item, at.index(i)) {
                out.push(s);
            }
        }
        out
    }

    fn duration(&mut self, field: &Field<String>, at: Pointer) -> Option<Located<IsoDuration>> {
        let text = self.text(field, &at)?;
        match IsoDuration::parse(text) {
            Ok(d) => Some(Located::new(d, at)),
            Err(e) => {
                self.push(invalid_duration::diagnostic(&at, text, &e));
                None
            }
        }
    }

    fn timestamp(
        &mut self,
        field: &Field<String>,
        at: Pointer,
    ) -> Option<Located<DateTime<FixedOffset>>> {
        let text = self.string(field, at)?;
        match DateTime::parse_from_rfc3339(text.value.trim()) {
            Ok(t) => Some(Located::new(t, text.pointer)),
            Err(e) => {
                self.push(invalid_timestamp::diagnostic(
                    &text.pointer,
                    &text.value,
                    &e.to_string(),
                ));
                None
            }
        }
    }

    /// A documented string enum; letter case is not significant (ARM writes `AdminAssign`
    /// where Graph writes `adminAssign`).
    fn enumeration<E: ApiEnum>(
        &mut self,
        field: &Field<impl AsRef<str>>,
        at: Pointer,
    ) -> Option<Located<E>> {
        let written = self.text(field, &at)?;
        self.parse_enum(written, at)
    }

    fn parse_enum<E: ApiEnum>(&mut self, text: &str, at: Pointer) -> Option<Located<E>> {
        // Most values are written exactly as documented: found before any trimming.
        let exact = |written: &str| E::VARIANTS.iter().find(|(name, _)| *name == written);
        if let Some((_, v)) = exact(text).or_else(|| exact(text.trim())) {
            return Some(Located::new(*v, at));
        }
        let written = text.trim();
        let allowed: Vec<&str> = E::VARIANTS.iter().map(|(n, _)| *n).collect();
        if let Some((name, v)) = E::VARIANTS
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(written))
        {
            if E::CASE_SENSITIVE {
                self.push(
                    invalid_enum_value::diagnostic(&at, E::WHAT, text, &allowed).with_note(
                        format!(
                            "the service compares {} values exactly: write \"{name}\"",
                            E::WHAT
                        ),
                    ),
                );
                return None;
            }
            // Graph's OData enums and ARM's enums are read in any letter case.
            self.push(non_canonical_spelling::diagnostic(&at, E::WHAT, text, name));
            return Some(Located::new(*v, at));
        }
        self.push(invalid_enum_value::diagnostic(&at, E::WHAT, text, &allowed));
        None
    }
}

/// Puts a rule in its slot unless an earlier copy is there (duplicates are reported apart).
fn fill<T>(slot: Option<&mut Option<T>>, rule: T) {
    if let Some(slot) = slot {
        if slot.is_none() {
            *slot = Some(rule);
        }
    }
}
