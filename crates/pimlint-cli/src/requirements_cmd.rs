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
    /// admin-extend-eligible, admin-renew-active, admin-renew-eligible.
    #[arg(long, value_name = "KIND", value_parser = parse_request_kind)]
    pub kind: RequestKindName,

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

fn parse_request_kind(text: &str) -> Result<RequestKindName, String> {
    text.parse()
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
    let found = pimlint::decode(&bytes)
        .map_err(pimlint::api::ApiError::from)
        .and_then(|text| {
            let value = pimlint::parse_json(&text)?;
            pimlint::api::requirements(
                pimlint::api::Input {
                    value: &value,
                    text: Some(&text),
                },
                args.kind,
                pimlint::requirements::Selector {
                    role: args.role.as_deref(),
                    scope: args.scope.as_deref(),
                    policy: args.policy_at.as_deref(),
                },
            )
        });
    match found {
        Ok(needs) => {
            emit(&match args.format {
                RequirementsFormat::Text => needs.to_text(),
                RequirementsFormat::Json => format!(
                    "{}\n",
                    serde_json::to_string_pretty(&needs).unwrap_or_default()
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
