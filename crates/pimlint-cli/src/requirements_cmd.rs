//! `pimlint requirements POLICY --kind KIND`: what a request must carry under a policy.

use std::path::PathBuf;

use clap::{Args, ValueEnum};
use pimlint::requirements::RequestKindName;

use crate::{Outcome, emit, warn};

/// Arguments of `pimlint requirements`.
#[derive(Debug, Args)]
pub struct RequirementsArgs {
    /// The policy source: a policy, a policy assignment with its policy, a list of them, a
    /// tenant export or policy as code; or - for standard input.
    pub policy: PathBuf,

    /// The request: activate, extend-active, extend-eligible, renew-active, renew-eligible,
    /// assign-active, assign-eligible, update-active, update-eligible, admin-extend-active,
    /// admin-extend-eligible, admin-renew-active, admin-renew-eligible; or all (every kind,
    /// a JSON array).
    #[arg(long, value_name = "KIND", value_parser = parse_request_kind)]
    pub kind: Kinds,

    /// The role, when the source holds several policies: a role template id, role definition
    /// id, display name, or member/owner for groups.
    #[arg(long, value_name = "ROLE")]
    pub role: Option<String>,

    /// The scope, when the source holds policies of one role at several scopes.
    #[arg(long, value_name = "SCOPE")]
    pub scope: Option<String>,

    /// The policy's JSON pointer in the source (for a list of policies no assignment names).
    #[arg(long, value_name = "POINTER")]
    pub policy_at: Option<String>,

    /// The tenant's schedules and instances (an export, see docs/export.md), files or
    /// directories: with --principal, say whether the principal is eligible for the role at
    /// the scope and until when, and whether the role is already active.
    #[arg(long = "tenant", value_name = "FILE|DIR", requires = "principal")]
    pub tenants: Vec<String>,

    /// The principal (object id) who would make the request; needs --tenant.
    #[arg(long, value_name = "ID", requires = "tenants")]
    pub principal: Option<String>,

    /// The time to judge eligibility at, RFC 3339 (default: now).
    #[arg(long, value_name = "RFC3339", value_parser = crate::validate_cmd::parse_now)]
    pub now: Option<chrono::DateTime<chrono::FixedOffset>>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = RequirementsFormat::Text)]
    pub format: RequirementsFormat,
}

/// How `pimlint requirements` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RequirementsFormat {
    /// One line per item, with the pointer of the policy member it comes from.
    Text,
    /// The requirements object (the shape the Python and npm packages return).
    Json,
}

/// One request kind, or every kind.
#[derive(Debug, Clone, Copy)]
pub enum Kinds {
    /// Every kind.
    All,
    /// One kind.
    One(RequestKindName),
}

fn parse_request_kind(text: &str) -> Result<Kinds, String> {
    if text.eq_ignore_ascii_case("all") {
        return Ok(Kinds::All);
    }
    text.parse()
        .map(Kinds::One)
        .map_err(|e: pimlint::requirements::UnknownKind| e.to_string())
}

/// Prints the requirements; an unreadable source, or one where the policy cannot be chosen,
/// exits 2 with the reason on standard error.
pub fn run(args: &RequirementsArgs) -> Outcome {
    let bytes = if args.policy.as_os_str() == "-" {
        let mut buf = Vec::new();
        if let Err(e) = std::io::Read::read_to_end(&mut std::io::stdin(), &mut buf) {
            warn(&format!("pimlint: cannot read standard input: {e}"));
            return Outcome::Failure;
        }
        buf
    } else {
        match std::fs::read(&args.policy) {
            Ok(b) => b,
            Err(e) => {
                warn(&format!(
                    "pimlint: cannot read {}: {e}",
                    args.policy.display()
                ));
                return Outcome::Failure;
            }
        }
    };
    let name = args.policy.display();
    let tenant = match tenant(args) {
        Ok(t) => t,
        Err(message) => {
            warn(&format!("pimlint: {message}"));
            return Outcome::Failure;
        }
    };
    let found = pimlint::decode(&bytes)
        .map_err(pimlint::api::ApiError::from)
        .and_then(|text| {
            let value = pimlint::parse_json(&text)?;
            let kinds = match args.kind {
                Kinds::All => pimlint::requirements::KINDS.to_vec(),
                Kinds::One(kind) => vec![kind],
            };
            kinds
                .into_iter()
                .map(|kind| {
                    pimlint::api::requirements(
                        pimlint::api::Input {
                            value: &value,
                            text: Some(&text),
                        },
                        kind,
                        pimlint::requirements::Selector {
                            role: args.role.as_deref(),
                            scope: args.scope.as_deref(),
                            policy: args.policy_at.as_deref(),
                        },
                    )
                })
                .map(|needs| {
                    needs.map(|mut needs| {
                        if let (Some((view, files)), Some(principal)) = (&tenant, &args.principal) {
                            let now = args
                                .now
                                .unwrap_or_else(|| chrono::Utc::now().fixed_offset());
                            let mut e =
                                pimlint::requirements::eligibility(view, &needs, principal, now);
                            e.name_files(files);
                            needs.eligibility = Some(e);
                        }
                        needs
                    })
                })
                .collect::<Result<Vec<_>, _>>()
        });
    match found {
        Ok(all) => {
            emit(&match (args.format, args.kind) {
                (RequirementsFormat::Text, _) => all
                    .iter()
                    .map(pimlint::requirements::Requirements::to_text)
                    .collect::<Vec<_>>()
                    .join("\n"),
                (RequirementsFormat::Json, Kinds::One(_)) => format!(
                    "{}\n",
                    serde_json::to_string_pretty(&all[0]).unwrap_or_default()
                ),
                (RequirementsFormat::Json, Kinds::All) => format!(
                    "{}\n",
                    serde_json::to_string_pretty(&all).unwrap_or_default()
                ),
            });
            Outcome::Clean
        }
        Err(e) => {
            warn(&format!("pimlint: {name}: {e}"));
            Outcome::Failure
        }
    }
}

/// The tenant view of the `--tenant` inputs and their file names; `None` without them. A file
/// that cannot be read is an error.
fn tenant(
    args: &RequirementsArgs,
) -> Result<Option<(pimlint::tenant::Tenant, Vec<String>)>, String> {
    if args.tenants.is_empty() {
        return Ok(None);
    }
    let files = crate::validate_cmd::load(
        &args.tenants,
        &pimlint::Options::default(),
        &crate::check::DiscoveryArgs::default(),
    );
    let mut view = pimlint::tenant::Tenant::new();
    for (i, file) in files.iter().enumerate() {
        let reports = file
            .result
            .as_ref()
            .map_err(|e| format!("tenant {}: {}", file.path, e.message))?;
        if let Some(error) = reports.iter().find_map(|r| r.error.as_ref()) {
            return Err(format!("tenant {}: {error}", file.path));
        }
        view.add_reports(i, reports);
    }
    Ok(Some((view, files.into_iter().map(|f| f.path).collect())))
}
