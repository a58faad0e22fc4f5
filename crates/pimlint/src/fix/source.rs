//! Fixes of converted inputs, made in the file as written.
//!
//! A finding on a converted input (an ARM template, an EasyPIM configuration, a Terraform
//! plan, a PowerShell export, a document of PIM's older APIs) is found in the API document the
//! input stands for, and its fix edits that document. Where each edited value is a literal at
//! one place in the source (a literal property of an ARM template resource, a setting of one
//! EasyPIM policy), the fix is moved there; anything else keeps the file unchanged, and the
//! finding says why its fix is not applied.

use serde_json::Value;

use super::{Edit, Fix};
use crate::pointer::Pointer;
use crate::powershell::PointerMap;

/// What a converted input is, for what its fixes can change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// An ARM template written by hand (or another tool): literal values are edited.
    ArmTemplate,
    /// An ARM template that `bicep build` wrote.
    BicepBuild,
    /// An EasyPIM configuration: settings of one policy are edited, shared templates are not.
    EasyPim,
    /// `terraform show -json` output.
    Terraform,
    /// A PowerShell export.
    PowerShell,
    /// A document of PIM's older APIs.
    Legacy,
}

impl Source {
    /// Tells an ARM template that Bicep built from one written otherwise.
    #[must_use]
    pub fn arm_template(value: &Value) -> Self {
        let generator = value
            .pointer("/metadata/_generator/name")
            .and_then(Value::as_str);
        if generator.is_some_and(|g| g.eq_ignore_ascii_case("bicep")) {
            Self::BicepBuild
        } else {
            Self::ArmTemplate
        }
    }

    /// Why no fix of this source is applied to it, when none ever is.
    #[must_use]
    pub const fn never(self) -> Option<&'static str> {
        match self {
            Self::ArmTemplate | Self::EasyPim => None,
            Self::BicepBuild => Some(
                "the file is Bicep build output: fix the .bicep file it is built from, then \
                 build again",
            ),
            Self::Terraform => Some(
                "the file is a Terraform plan or state: fix the .tf configuration it is \
                 planned from",
            ),
            Self::PowerShell => Some(
                "the file is a PowerShell export, a copy of the tenant: change the setting in \
                 the tenant (or in the script that sets it) and export again",
            ),
            Self::Legacy => Some(
                "the file is in the shape of PIM's older APIs, and the fix is written for the \
                 current one: move the document to the current API (`pimlint migrate`)",
            ),
        }
    }
}

/// The fix of a finding on `converted` (the API document `source` stands for, with `map`
/// leading back into it), as edits of `source`; or why it cannot be made there.
pub fn translate(
    fix: &Fix,
    converted: &Value,
    source: &Value,
    map: &PointerMap,
    kind: Source,
) -> Result<Fix, String> {
    if let Some(why) = kind.never() {
        return Err(why.to_owned());
    }
    let mut edits = Vec::with_capacity(fix.edits.len());
    for edit in &fix.edits {
        edits.push(translate_edit(edit, converted, source, map)?);
    }
    Ok(Fix {
        applicability: fix.applicability,
        message: fix.message.clone(),
        edits,
    })
}

fn translate_edit(
    edit: &Edit,
    converted: &Value,
    source: &Value,
    map: &PointerMap,
) -> Result<Edit, String> {
    match edit {
        Edit::Replace { path, value } => Ok(Edit::Replace {
            path: literal_at(path, converted, source, map)?,
            value: value.clone(),
        }),
        Edit::Remove { path } => Ok(Edit::Remove {
            path: literal_at(path, converted, source, map)?,
        }),
        Edit::Add { path, value } => {
            if path.last().as_deref() != Some("-") && converted.pointer(&path.text()).is_some() {
                return Ok(Edit::Add {
                    path: literal_at(path, converted, source, map)?,
                    value: value.clone(),
                });
            }
            let (Some(parent), Some(last)) = (path.parent(), path.last()) else {
                return Err("the fix replaces the whole document".to_owned());
            };
            let at = literal_at(&parent, converted, source, map)?;
            Ok(Edit::Add {
                path: at.key(&last),
                value: value.clone(),
            })
        }
    }
}

/// Where the value at `path` of the converted document is written, when it is written there
/// as the same literal and only for this document.
fn literal_at(
    path: &Pointer,
    converted: &Value,
    source: &Value,
    map: &PointerMap,
) -> Result<Pointer, String> {
    let original = map.original(path);
    let shared = map.documents_sharing(path);
    if shared > 1 {
        let template = original
            .tokens()
            .collect::<Vec<_>>()
            .get(1)
            .filter(|_| original.text().starts_with("/PolicyTemplates/"))
            .map_or_else(
                || "a part of the file".to_owned(),
                |t| format!("EasyPIM policy template `{t}`"),
            );
        return Err(format!(
            "the value is set by {template}, which {shared} policies share: fixing it there \
             changes them all; give this policy its own setting"
        ));
    }
    let written = source.pointer(&original.text());
    let wanted = converted.pointer(&path.text());
    match (written, wanted) {
        (Some(written), Some(wanted)) if written == wanted => Ok(original),
        (Some(written), _) if expression_in(written).is_some() => Err(format!(
            "the value is the template expression `{}`: change it where its value is set",
            expression_in(written).unwrap_or_default()
        )),
        (Some(written), Some(wanted)) => Err(format!(
            "the file writes {} where the API document has {}: the source spells it another \
             way, so change it by hand",
            compact(written),
            compact(wanted)
        )),
        _ => Err(format!(
            "the value is not written at one place of the file ({original}): the source \
             builds it, so change it by hand"
        )),
    }
}

/// A value in a message: JSON, shortened.
fn compact(value: &Value) -> String {
    let text = value.to_string();
    if text.chars().count() > 60 {
        format!("{}…", text.chars().take(57).collect::<String>())
    } else {
        text
    }
}

/// The first ARM template expression in a value (`"[parameters('x')]"`).
fn expression_in(value: &Value) -> Option<&str> {
    match value {
        Value::String(s) if s.starts_with('[') && !s.starts_with("[[") && s.ends_with(']') => {
            Some(s)
        }
        Value::Array(items) => items.iter().find_map(expression_in),
        Value::Object(map) => map.values().find_map(expression_in),
        _ => None,
    }
}
