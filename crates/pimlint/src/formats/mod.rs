//! Policy as code: shapes other tools write PIM settings in, read as the Graph or ARM
//! documents they stand for.
//!
//! - Terraform plans and state (`terraform show -json`): `azurerm_role_management_policy`,
//!   `azuread_group_role_management_policy`, and `azapi` resources whose body is a
//!   `Microsoft.Authorization/roleManagementPolicies` document;
//! - ARM templates and Bicep build output: `Microsoft.Authorization/roleManagementPolicies`
//!   and `…/roleManagementPolicyAssignments` resources, nested deployments included;
//! - EasyPIM orchestrator configurations: templates and per-role policies for Entra roles,
//!   Azure roles and groups.
//!
//! Each adapter converts to the API shape, keeps a map from every converted pointer back to
//! the file as written, and says what it could not know (a value known only after apply, a
//! template expression). Rules never learn the format.

pub mod arm_template;
pub mod easypim;
pub mod terraform;
mod writer;

use serde_json::Value;

use crate::pointer::Pointer;
use crate::powershell::{self, Converted, ExportError};

/// A shape pimlint reads besides the API's own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// `terraform show -json` output: a plan or state.
    Terraform,
    /// An ARM template, or Bicep build output.
    ArmTemplate,
    /// An EasyPIM orchestrator configuration.
    EasyPim,
    /// A PowerShell export (Graph PowerShell SDK, Az.Resources, ScubaGear).
    PowerShell,
}

impl Format {
    /// Every format, in the order the docs list them.
    pub const ALL: [Self; 4] = [
        Self::Terraform,
        Self::ArmTemplate,
        Self::EasyPim,
        Self::PowerShell,
    ];

    /// The name `--format-in` takes.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::Terraform => "terraform",
            Self::ArmTemplate => "arm-template",
            Self::EasyPim => "easypim",
            Self::PowerShell => "powershell",
        }
    }
}

impl std::str::FromStr for Format {
    type Err = String;

    /// A format by the name `--format-in` takes (`terraform`, `arm-template`, `easypim`,
    /// `powershell`); the error names the nearest one and lists them all.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|f| f.name() == s)
            .ok_or_else(|| {
                let names: Vec<&str> = Self::ALL.iter().map(|f| f.name()).collect();
                let nearest = crate::suggest::nearest(s, names.iter().copied())
                    .map(|n| format!("; did you mean {n}?"))
                    .unwrap_or_default();
                format!(
                    "unknown input format {s:?}{nearest} (formats: {})",
                    names.join(", ")
                )
            })
    }
}

/// A document converted from another writer's shape, with the names of the objects it came
/// from (a Terraform resource address, a template resource), by original pointer.
#[derive(Debug, Clone)]
pub struct Adapted {
    /// The converted document(s), their pointer map, and what the source left unknown.
    pub converted: Converted,
    /// Original pointer of each source object → what to call it in a finding.
    pub names: Vec<(Pointer, String)>,
    /// What the source says of a converted document that its body does not: the kind (a
    /// request URL says a body is an update), the role (a Terraform argument, an EasyPIM
    /// role name). Keyed by the document's pointer in the converted value.
    pub given: Vec<(Pointer, Given)>,
}

/// What the source says of one converted document besides its body.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Given {
    /// The document's kind, when the source says it (a Graph URL).
    pub kind: Option<crate::DocumentKind>,
    /// The role the policy governs: a role template id, an ARM role definition id, or
    /// `member` / `owner` for a group; with its pointer in the converted value (linked back
    /// to where the source names it).
    pub role: Option<(String, Pointer)>,
}

/// Inputs an adapter may use besides the document.
#[derive(Debug, Clone, Copy, Default)]
pub struct Context<'a> {
    /// An ARM deployment parameters file, for template expressions `[parameters('x')]`.
    pub parameters: Option<&'a Value>,
}

/// The policy-as-code format `value` is written in, from its shape; `None` for the API's own
/// shapes and for PowerShell exports (which `powershell::convert` recognises).
#[must_use]
pub fn detect(value: &Value) -> Option<Format> {
    if terraform::is_terraform(value) {
        Some(Format::Terraform)
    } else if arm_template::is_template(value) {
        Some(Format::ArmTemplate)
    } else if easypim::is_easypim(value) {
        Some(Format::EasyPim)
    } else {
        None
    }
}

/// Names the source object (a Terraform resource address, a template resource, an EasyPIM
/// policy) in the note of every finding of the document read from it.
pub fn name_findings(reports: &mut [crate::DocumentReport], names: &[(Pointer, String)]) {
    for report in reports {
        let Some((_, name)) = names.iter().find(|(at, _)| *at == report.pointer) else {
            continue;
        };
        for d in &mut report.diagnostics {
            d.note = Some(match d.note.take() {
                Some(note) => format!("{name}; {note}"),
                None => name.clone(),
            });
        }
    }
}

/// The role a source names, as the model holds it.
pub(crate) fn role_ref(id: &str, at: &Pointer) -> crate::model::RoleRef {
    let template_id = id.rsplit('/').next().unwrap_or(id).to_owned();
    crate::model::RoleRef {
        id: crate::model::Located::new(id.to_owned(), at.clone()),
        display_name: crate::roles::name_of(&template_id).map(str::to_owned),
        template_id,
        is_privileged: None,
    }
}

/// Converts `value` from `format`. `Err` when it is not that format or cannot be read.
pub fn convert(format: Format, value: &Value, cx: Context<'_>) -> Result<Adapted, ExportError> {
    let not = |what: &str| ExportError {
        message: format!("--format-in {}: the input is not {what}", format.name()),
        pointer: Pointer::root(),
    };
    match format {
        Format::Terraform => {
            terraform::convert(value).ok_or_else(|| not("`terraform show -json` output"))
        }
        Format::ArmTemplate => arm_template::convert(value, cx.parameters)
            .ok_or_else(|| not("an ARM template (an object with `resources`)")),
        Format::EasyPim => easypim::convert(value).ok_or_else(|| {
            not("an EasyPIM configuration (`PolicyTemplates`, `EntraRoles.Policies`, …)")
        }),
        Format::PowerShell => match powershell::convert(value) {
            Some(Ok(converted)) => Ok(Adapted {
                converted,
                names: Vec::new(),
                given: Vec::new(),
            }),
            Some(Err(e)) => Err(e),
            None => Err(not("a PowerShell export")),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::Format;

    #[test]
    fn formats_parse_by_the_names_they_print() {
        for f in Format::ALL {
            assert_eq!(f.name().parse::<Format>(), Ok(f));
        }
        let e = "terrafrom".parse::<Format>().unwrap_err();
        assert!(e.contains("did you mean terraform?"), "{e}");
        assert!(e.contains("arm-template, easypim, powershell"), "{e}");
    }
}
