//! pimlint: lint Microsoft Entra Privileged Identity Management (PIM) role management
//! policies and schedule requests offline, before they are submitted.
//!
//! ```text
//! bytes ──decode/parse──▶ serde_json::Value ──split/detect──▶ source documents (Graph | ARM)
//!       ──normalize──▶ model (Policy, ScheduleRequest) ──rules──▶ Diagnostic[]
//! ```
//!
//! From text ([`check_str`]), a policy's rule lists are read straight into the source
//! documents and only the rest of the document into a `Value` ([`source::skeleton`]).
//!
//! ```
//! let text = r#"{"id": "Directory_x", "scopeId": "/", "scopeType": "Directory", "rules": []}"#;
//! let report = pimlint::check_str(text, &pimlint::Options::default()).unwrap();
//! assert_eq!(report[0].diagnostics[0].code, "PIM001");
//! ```

pub mod api;
pub mod baselines;
pub mod config;
pub mod diagnostic;
pub mod duration;
pub mod fix;
pub mod formats;
pub mod kind;
pub mod legacy;
pub mod locate;
pub mod model;
pub mod normalize;
pub mod pointer;
pub mod powershell;
pub mod report;
pub mod requirements;
pub mod roles;
pub mod rules;
mod scan;
pub mod schema;
pub mod scope;
pub mod source;
pub mod suggest;
pub mod tenant;
pub mod validate;

use std::borrow::Cow;

use serde::Serialize;
use serde_json::Value;

pub use diagnostic::{Diagnostic, Label, Severity};
pub use kind::DocumentKind;
pub use locate::{LineCol, Locator, Span};
pub use model::Document;
pub use pointer::Pointer;

/// The crate version, as the front ends report it.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// How to check a file.
#[derive(Debug, Clone)]
pub struct Options {
    /// Take every document as this kind instead of detecting it.
    pub kind: Option<DocumentKind>,
    /// Also validate documents against their JSON Schema (`PIM016`); needs the `schema`
    /// feature, on by default.
    pub schema: bool,
    /// Which rules run, at what severity, with which options.
    pub config: config::Config,
    /// Read the input in this format (Terraform plan, ARM template, PowerShell export)
    /// instead of telling it from its shape.
    pub format: Option<formats::Format>,
    /// An ARM deployment parameters file, for template expressions.
    pub parameters: Option<Value>,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            kind: None,
            schema: true,
            config: config::Config::default(),
            format: None,
            parameters: None,
        }
    }
}

/// Input that cannot be read as JSON at all. Carries the byte offset (and line/column) of the
/// fault so front ends can point at it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InputError {
    /// Not UTF-8 (nor UTF-16 with a byte order mark).
    #[error("the input is not valid UTF-8 (invalid byte at offset {offset})")]
    NotUtf8 {
        /// Offset of the first invalid byte.
        offset: usize,
    },
    /// UTF-16 (told by its byte order mark) with an unpaired surrogate, or an odd number of
    /// bytes.
    #[error("the input is not valid UTF-16 (invalid code unit at byte offset {offset})")]
    NotUtf16 {
        /// Offset of the first invalid code unit in the input's bytes.
        offset: usize,
    },
    /// Nothing but whitespace.
    #[error("the input is empty; expected a JSON document")]
    Empty,
    /// A JSON syntax error, or a document nested too deeply.
    #[error("{message} at line {line} column {column}")]
    Json {
        /// What is wrong.
        message: String,
        /// 1-based line.
        line: usize,
        /// 1-based column, in characters.
        column: usize,
        /// Byte offset in the decoded text.
        offset: usize,
    },
}

impl InputError {
    /// The byte offset of the fault in the decoded text, when it has one.
    #[must_use]
    pub const fn offset(&self) -> Option<usize> {
        match self {
            Self::NotUtf8 { offset } | Self::NotUtf16 { offset } | Self::Json { offset, .. } => {
                Some(*offset)
            }
            Self::Empty => None,
        }
    }
}

/// Decodes input bytes: UTF-8 (a byte order mark is skipped), or UTF-16 with a byte order
/// mark, as Windows PowerShell 5.1's `Out-File` writes.
pub fn decode(bytes: &[u8]) -> Result<Cow<'_, str>, InputError> {
    let utf16 = |big_endian: bool| -> Result<Cow<'_, str>, InputError> {
        let body = &bytes[2..];
        // Whole code units only: an odd last byte is a fault of its own, after any before it
        // (a high surrogate just before it is unpaired, whatever the byte).
        let units: Vec<u16> = body
            .chunks_exact(2)
            .map(|c| {
                let pair = [c[0], c[1]];
                if big_endian {
                    u16::from_be_bytes(pair)
                } else {
                    u16::from_le_bytes(pair)
                }
            })
            .collect();
        let mut out = String::with_capacity(units.len());
        // Code units read so far: a character outside the BMP is two of them.
        let mut read = 0;
        for r in char::decode_utf16(units) {
            match r {
                Ok(c) => {
                    out.push(c);
                    read += c.len_utf16();
                }
                Err(_) => {
                    return Err(InputError::NotUtf16 {
                        offset: 2 + read * 2,
                    });
                }
            }
        }
        if body.len() % 2 == 1 {
            return Err(InputError::NotUtf16 {
                offset: bytes.len() - 1,
            });
        }
        Ok(Cow::Owned(out))
    };
    match bytes {
        [0xEF, 0xBB, 0xBF, rest @ ..] => {
            std::str::from_utf8(rest)
                .map(Cow::Borrowed)
                .map_err(|e| InputError::NotUtf8 {
                    offset: 3 + e.valid_up_to(),
                })
        }
        [0xFF, 0xFE, ..] => utf16(false),
        [0xFE, 0xFF, ..] => utf16(true),
        _ => std::str::from_utf8(bytes)
            .map(Cow::Borrowed)
            .map_err(|e| InputError::NotUtf8 {
                offset: e.valid_up_to(),
            }),
    }
}

/// Parses JSON text, with errors located by line and column.
pub fn parse_json(text: &str) -> Result<Value, InputError> {
    if text.trim().is_empty() {
        return Err(InputError::Empty);
    }
    serde_json::from_str(text).map_err(|e| json_error(text, &e))
}

fn json_error(text: &str, e: &serde_json::Error) -> InputError {
    let line = e.line().max(1);
    let locator = Locator::new(text);
    // serde_json counts columns in bytes; convert to an offset, then to characters.
    let line_start = text
        .split_inclusive('\n')
        .take(line - 1)
        .map(str::len)
        .sum::<usize>();
    let offset = (line_start + e.column().saturating_sub(1)).min(text.len());
    let offset = (0..=offset)
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0);
    let full = e.to_string();
    let raw = full
        .rsplit_once(" at line ")
        .map_or(full.as_str(), |(m, _)| m);
    let message = match e.classify() {
        serde_json::error::Category::Eof => {
            format!("the JSON ends too early (truncated?): {raw}")
        }
        _ if raw.contains("recursion limit") => {
            "the JSON is nested more than 128 levels deep; PIM documents are never that deep"
                .to_owned()
        }
        _ => format!("invalid JSON: {raw}"),
    };
    let at = locator.line_col(offset);
    InputError::Json {
        message,
        line: at.line,
        column: at.column,
        offset,
    }
}

/// The outcome for one document of a file.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DocumentReport {
    /// Where the document is in its file (`""`, `/value/3`, `/2`).
    pub pointer: Pointer,
    /// Its kind, when it could be told.
    pub kind: Option<DocumentKind>,
    /// Findings, in the order found.
    pub diagnostics: Vec<Diagnostic>,
    /// Why the document could not be checked, when it could not.
    pub error: Option<String>,
    /// The role the document is about (display name when known, else its id).
    pub role: Option<String>,
    /// The normalized document, when it could be read.
    #[serde(skip)]
    pub document: Option<Document>,
    /// For a document converted from what the file holds (a PowerShell export, policy as
    /// code): the way from the document's own pointers back to the file as written.
    #[serde(skip)]
    pub origins: Option<std::sync::Arc<powershell::PointerMap>>,
    /// For the `member` policy of a PIM for Groups group: each role the run shows the group
    /// holding, with the findings of that role's controls on the policy (also in
    /// `diagnostics`).
    #[serde(skip)]
    pub group_roles: Vec<tenant::groups::GroupRole>,
    /// The rule lists read straight from the text, each written once in objects written
    /// once: where a finding inside one is, is settled by the end of its rule, and each
    /// rule's start is known ([`Locator::locate_many_in`]).
    #[serde(skip)]
    pub lists: Vec<locate::ListAt>,
}

impl DocumentReport {
    /// A document that could not be checked, and why.
    fn unreadable(pointer: Pointer, kind: Option<DocumentKind>, error: String) -> Self {
        Self {
            pointer,
            kind,
            diagnostics: Vec::new(),
            error: Some(error),
            role: None,
            document: None,
            origins: None,
            group_roles: Vec::new(),
            lists: Vec::new(),
        }
    }
}

/// Checks every document in a parsed file. Policy as code (Terraform, ARM templates, EasyPIM),
/// documents of PIM's older APIs and PowerShell exports (Graph PowerShell SDK, Az PowerShell,
/// ScubaGear) are read in the API shape they stand for, with every pointer leading back into
/// the file as written.
#[must_use]
pub fn check_value(value: &Value, options: &Options) -> Vec<DocumentReport> {
    converted(value, options).unwrap_or_else(|| check_api_shape(value, options))
}

/// The reports of a file in another shape than the API's (policy as code, a forced format,
/// PIM's older APIs, a PowerShell export), read in the API shape it stands for; `None` for a
/// file in the API's own shape.
fn converted(value: &Value, options: &Options) -> Option<Vec<DocumentReport>> {
    let format = options.format.or_else(|| {
        options
            .kind
            .is_none()
            .then(|| formats::detect(value))
            .flatten()
    });
    if let Some(format) = format {
        return Some(check_format(format, value, options));
    }
    if options.kind.is_some() {
        return None;
    }
    if let Some(converted) = legacy::convert(value) {
        return Some(match converted {
            Ok(converted) => check_legacy(&converted, options),
            Err(e) => vec![DocumentReport::unreadable(e.pointer, None, e.message)],
        });
    }
    powershell::convert(value).map(|converted| match converted {
        Ok(converted) => check_export(&converted, options, value),
        Err(e) => vec![DocumentReport::unreadable(e.pointer, None, e.message)],
    })
}

/// Checks policy as code (or a forced format) in the API shape it stands for, naming the
/// source object in every finding.
fn check_format(format: formats::Format, value: &Value, options: &Options) -> Vec<DocumentReport> {
    let cx = formats::Context {
        parameters: options.parameters.as_ref(),
    };
    match formats::convert(format, value, cx) {
        Ok(adapted) => {
            let source = match format {
                formats::Format::Terraform => fix::source::Source::Terraform,
                formats::Format::ArmTemplate => fix::source::Source::arm_template(value),
                formats::Format::EasyPim => fix::source::Source::EasyPim,
                formats::Format::PowerShell => fix::source::Source::PowerShell,
            };
            let mut reports =
                check_converted(&adapted.converted, options, &adapted.given, (value, source));
            formats::name_findings(&mut reports, &adapted.names);
            reports
        }
        Err(e) => vec![DocumentReport::unreadable(e.pointer, None, e.message)],
    }
}

/// Checks a converted PowerShell export, then points every finding into the export.
fn check_export(
    converted: &powershell::Converted,
    options: &Options,
    value: &Value,
) -> Vec<DocumentReport> {
    check_converted(
        converted,
        options,
        &[],
        (value, fix::source::Source::PowerShell),
    )
}

/// Checks a converted document with what its source says besides the body (kind, role), then
/// points every finding into the file as written.
fn check_converted(
    converted: &powershell::Converted,
    options: &Options,
    given: &[(Pointer, formats::Given)],
    (source, kind): (&Value, fix::source::Source),
) -> Vec<DocumentReport> {
    let map = &converted.pointers;
    // The JSON Schemas describe the API's own output; a converted export is judged by the typed
    // reader, which reports wrong types with the same precision.
    let options = Options {
        schema: false,
        ..options.clone()
    };
    let mut reports = check_api_shape_given(&converted.value, &options, given);
    // The tenant joins read the documents' own pointers later: they take the way back too.
    let origins = std::sync::Arc::new(map.clone());
    if converted.writer == tenant::groups::SCUBAGEAR {
        tenant::groups::check_scubagear(&mut reports, converted, source, &options.config);
    }
    for report in &mut reports {
        report.origins = Some(std::sync::Arc::clone(&origins));
        report.pointer = map.original(&report.pointer);
        let group_findings = report
            .group_roles
            .iter_mut()
            .flat_map(|g| g.diagnostics.iter_mut());
        for d in report.diagnostics.iter_mut().chain(group_findings) {
            // The fix is made in the file as written where the value is a literal there, and
            // otherwise says why not.
            if let Some(fix) = d.fix.take() {
                match fix::source::translate(&fix, &converted.value, source, map, kind) {
                    Ok(fix) => d.fix = Some(fix),
                    Err(why) => d.fix_not_applied = Some(why),
                }
            }
            d.pointer = map.original(&d.pointer);
            for label in &mut d.labels {
                label.pointer = map.original(&label.pointer);
            }
        }
    }
    // What the export lost is unknown: each document says so once, at the object that lost it.
    for (at, what) in &converted.lost {
        let owner = reports
            .iter_mut()
            .filter(|r| at.text().starts_with(&*r.pointer.text()))
            .max_by_key(|r| r.pointer.text().len());
        if let Some(report) = owner {
            // A member the export dropped is unknown, not missing: findings that a member or a
            // discriminator is absent, on the object that lost it, are the export's doing.
            report.diagnostics.retain(|d| {
                !(LOST_MEMBER_CODES.contains(&d.code) && d.pointer.text().starts_with(&*at.text()))
            });
            // Added after the document's own findings were configured: configure it too, so
            // `ignore = ["partial-read"]` holds here as everywhere.
            let mut found = vec![
                rules::structure::partial_read::diagnostic(
                    at,
                    &format!("{} file: {what}", converted.writer),
                )
                .with_help(
                    "what the file leaves unknown is not guessed; the message says where \
                         the whole value can be had",
                ),
            ];
            options.config.apply(&mut found, None, None);
            report.diagnostics.extend(found);
        }
    }
    reports
}

/// Checks a document of PIM's older APIs as its iteration-3 equivalent, points every finding
/// into the legacy document, and says which API it is (`PIM019`).
fn check_legacy(converted: &legacy::Converted, options: &Options) -> Vec<DocumentReport> {
    let map = &converted.pointers;
    let options = Options {
        schema: false,
        ..options.clone()
    };
    let mut reports = check_api_shape(&converted.value, &options);
    for report in &mut reports {
        report.pointer = map.original(&report.pointer);
        for d in &mut report.diagnostics {
            if d.fix.take().is_some() {
                d.fix_not_applied = fix::source::Source::Legacy.never().map(str::to_owned);
            }
            // A member inside a `setting` string has no pointer of its own: name it.
            let (at, member) = converted.original(&d.pointer, d.code);
            if let Some(member) = member {
                d.message = format!("{} (`{member}` inside the `setting` string)", d.message);
            }
            d.pointer = at;
            for label in &mut d.labels {
                label.pointer = converted.original(&label.pointer, d.code).0;
            }
        }
    }
    for document in &converted.documents {
        let owner = reports
            .iter_mut()
            .filter(|r| document.pointer.text().starts_with(&*r.pointer.text()))
            .max_by_key(|r| r.pointer.text().len());
        if let Some(report) = owner {
            let mut finding = vec![rules::structure::legacy_api::diagnostic(document)];
            options
                .config
                .apply(&mut finding, document.role_definition_id.as_deref(), None);
            report.diagnostics.extend(finding);
        }
    }
    reports
}

/// Findings that say a member is absent (a rule's discriminator, a request's member, a
/// schedule's type), which an export that lost members cannot support.
const LOST_MEMBER_CODES: [&str; 3] = ["PIM004", "PIM509", "PIM514"];

fn check_api_shape(value: &Value, options: &Options) -> Vec<DocumentReport> {
    check_api_shape_given(value, options, &[])
}

fn check_api_shape_given(
    value: &Value,
    options: &Options,
    given: &[(Pointer, formats::Given)],
) -> Vec<DocumentReport> {
    kind::split(value)
        .into_iter()
        .map(|slot| {
            let given = given
                .iter()
                .find(|(at, _)| *at == slot.pointer)
                .map(|(_, g)| g);
            check_document(
                slot.value,
                &slot.pointer,
                options,
                slot.hint,
                slot.context,
                given,
                None,
            )
        })
        .collect()
}

fn check_document(
    value: &Value,
    at: &Pointer,
    options: &Options,
    hint: Option<DocumentKind>,
    context: Option<&str>,
    given: Option<&formats::Given>,
    read: Option<source::skeleton::ReadRules>,
) -> DocumentReport {
    let mut rules_read = read.unwrap_or_default();
    let lists = rules_read.lists(at);
    let kind = match options.kind.or_else(|| given.and_then(|g| g.kind)) {
        Some(k) => Ok(k),
        None => kind::detect(value, hint),
    };
    let kind = match kind {
        Ok(k) => k,
        Err(e) => {
            return DocumentReport::unreadable(at.clone(), None, e.message);
        }
    };
    if !value.is_object() {
        return DocumentReport::unreadable(
            at.clone(),
            Some(kind),
            format!(
                "expected a {} (a JSON object), found {}",
                kind.api_name(),
                rules::structure::wrong_json_type::describe(value)
            ),
        );
    }
    // The rules read apart are judged before they move into the reader.
    #[cfg(feature = "schema")]
    let rules_judged = !options.schema || rules_read.rules().all(schema::rule_judged);
    match normalize::normalize_read(kind, value, at, context, &mut rules_read) {
        Ok((mut document, mut diagnostics)) => {
            // What the typed reader found, before any rule runs: the schema pass reads it.
            #[cfg(feature = "schema")]
            let read = diagnostics.len();
            if let (Document::Policy(policy), Some((id, id_at))) =
                (&mut document, given.and_then(|g| g.role.as_ref()))
            {
                if policy.role.is_none() {
                    policy.role = Some(formats::role_ref(id, id_at));
                }
            }
            let (role, scope) = match &document {
                Document::Policy(policy) => {
                    rules::check_policy(policy, &options.config, &mut diagnostics);
                    (
                        policy.role.as_ref().map(|r| r.id.value.as_str()),
                        policy.scope.as_ref().map(|s| s.value.as_str()),
                    )
                }
                Document::Request(request) => {
                    rules::check_request(request, &mut diagnostics);
                    (
                        request
                            .role_definition_id
                            .as_ref()
                            .map(|r| r.value.as_str()),
                        request.scope.as_ref().map(|s| s.value.as_str()),
                    )
                }
                Document::PolicyAssignment(a) => (
                    a.role.as_ref().map(|r| r.id.value.as_str()),
                    a.scope.as_ref().map(|s| s.value.as_str()),
                ),
                Document::Schedule(s) => (
                    s.role_id.as_ref().map(|r| r.value.as_str()),
                    s.scope.as_ref().map(|s| s.value.as_str()),
                ),
                Document::RoleDefinition(d) => (d.id.as_ref().map(|r| r.value.as_str()), None),
                Document::Alert(a) => (None, a.scope.as_ref().map(|s| s.value.as_str())),
            };
            #[cfg(feature = "schema")]
            if options.schema {
                let extra = if rules_judged && schema::rules_judged(value, at, &diagnostics[..read])
                {
                    schema::violations_in(
                        kind,
                        value,
                        at,
                        &diagnostics,
                        schema::Extent::AroundRules,
                    )
                } else {
                    // The whole schema needs the whole document: the rules read apart are
                    // written back into it, in the rare document the typed reader cannot
                    // judge.
                    let whole = (!rules_read.is_empty()).then(|| {
                        let mut whole = value.clone();
                        rules_read.restore(&mut whole);
                        whole
                    });
                    let value = whole.as_ref().unwrap_or(value);
                    schema::violations_in(kind, value, at, &diagnostics, schema::Extent::Whole)
                };
                diagnostics.extend(extra);
            }
            options.config.apply(&mut diagnostics, role, scope);
            let role = role.map(|r| {
                let id = r.rsplit('/').next().unwrap_or(r);
                roles::name_of(id).map_or_else(|| r.to_owned(), str::to_owned)
            });
            DocumentReport {
                pointer: at.clone(),
                kind: Some(kind),
                diagnostics,
                error: None,
                role,
                document: Some(document),
                origins: None,
                group_roles: Vec::new(),
                lists,
            }
        }
        Err(e) => DocumentReport::unreadable(at.clone(), Some(kind), e.message),
    }
}

/// Parses and checks a file's text.
///
/// A policy's rules are read straight from the text into the source structs, and only the
/// rest of the document into a [`Value`] (see [`source::skeleton`]); the findings are those
/// of [`check_value`] on the parsed text (tested over every fixture).
pub fn check_str(text: &str, options: &Options) -> Result<Vec<DocumentReport>, InputError> {
    if let Some(reports) = check_text(text, options) {
        return Ok(reports);
    }
    let value = parse_json(text)?;
    Ok(check_value(&value, options))
}

/// [`check_str`] reading the rules apart, or `None` where that does not apply: text that
/// does not parse (the error is told by [`parse_json`]), another format than the API's, and
/// a document whose rule lists are not where its kind has them.
fn check_text(text: &str, options: &Options) -> Option<Vec<DocumentReport>> {
    let (skeleton, rules) = source::skeleton::read(text).ok()?;
    // A repeated holder or rule list: only the whole document says which one counts.
    if rules.repeated {
        return None;
    }
    check_skeleton(skeleton, rules, options).ok()
}

/// Checks a document read by [`source::skeleton::read_from`] from another source than text
/// (the objects of a language binding): the findings of [`check_value`] on the document read
/// whole.
#[must_use]
pub fn check_read(
    skeleton: Value,
    rules: source::skeleton::ReadRules,
    options: &Options,
) -> Vec<DocumentReport> {
    check_skeleton(skeleton, rules, options).unwrap_or_else(|read| {
        let (mut whole, rules) = *read;
        rules.restore(&mut whole);
        check_value(&whole, options)
    })
}

/// Checks a skeleton with the rule lists read apart, or gives them back where that does not
/// apply: another format than the API's, and a document whose rule lists are not where its
/// kind has them.
fn check_skeleton(
    skeleton: Value,
    rules: source::skeleton::ReadRules,
    options: &Options,
) -> Result<Vec<DocumentReport>, Box<(Value, source::skeleton::ReadRules)>> {
    if rules.is_empty() {
        // The skeleton is the whole document.
        return Ok(check_value(&skeleton, options));
    }
    // Another shape than the API's is read from the whole document (no document of those
    // shapes has rule lists where the skeleton reads them apart).
    if converted(&skeleton, options).is_some() {
        return Err(Box::new((skeleton, rules)));
    }
    let slots = kind::split(&skeleton);
    let slot = match slots.as_slice() {
        [slot] if slot.pointer.is_root() => slot,
        _ => return Err(Box::new((skeleton, rules))),
    };
    let kind = match options.kind {
        Some(k) => Some(k),
        None => kind::detect(slot.value, slot.hint).ok(),
    };
    match kind {
        Some(kind) if normalize::takes_rules(kind, &rules) => Ok(vec![check_document(
            slot.value,
            &slot.pointer,
            options,
            slot.hint,
            slot.context,
            None,
            Some(rules),
        )]),
        _ => Err(Box::new((skeleton, rules))),
    }
}

#[cfg(test)]
mod tests {
    use super::{InputError, decode};

    fn utf16le(text: &str) -> Vec<u8> {
        [0xFF, 0xFE]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect()
    }

    #[test]
    fn utf16_is_decoded_and_its_faults_are_placed_in_its_bytes() {
        let text = "{\"note\": \"é🔐\"}";
        assert_eq!(decode(&utf16le(text)).as_deref(), Ok(text));
        let mut big: Vec<u8> = vec![0xFE, 0xFF];
        big.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(decode(&big).as_deref(), Ok(text));
        // A lone high surrogate after a character outside the BMP (two code units).
        let mut bytes = utf16le("{\"a\": \"🔐?\"}");
        let at = bytes.len() - 6;
        bytes[at..at + 2].copy_from_slice(&0xD800u16.to_le_bytes());
        assert_eq!(decode(&bytes), Err(InputError::NotUtf16 { offset: at }));
        // An odd number of bytes: the last one is the fault.
        let mut odd = utf16le("{}");
        odd.push(b' ');
        assert_eq!(
            decode(&odd),
            Err(InputError::NotUtf16 {
                offset: odd.len() - 1
            })
        );
        // Cut short inside a pair: the high surrogate is unpaired, whatever the odd byte.
        let cut = [0xFE, 0xFF, 0x00, 0x7B, 0x00, 0x7D, 0xD8, 0x3D, 0xDE];
        assert_eq!(decode(&cut), Err(InputError::NotUtf16 { offset: 6 }));
        assert_eq!(
            InputError::NotUtf16 { offset: 8 }.to_string(),
            "the input is not valid UTF-16 (invalid code unit at byte offset 8)"
        );
    }
}
