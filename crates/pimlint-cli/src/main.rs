//! `pimlint`: lint Entra PIM policies and schedule requests from the command line.

mod baselines_cmd;
mod bulk;
mod check;
mod fix;
mod formats;
mod gitlab;
mod inputs;
mod migrate_cmd;
mod output;
mod remediation;
mod report;
mod requirements_cmd;
mod settings;
mod stream;
mod tenant_run;
mod utf16;
mod validate_cmd;

use std::fmt::Write as _;
use std::io::Write as _;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

// Reading an export allocates and frees many small strings and maps per document; mimalloc
// does that faster than the system allocator and keeps per-thread caches for the workers.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Lint Microsoft Entra PIM role management policies and schedule requests, offline.
#[derive(Debug, Parser)]
#[command(name = "pimlint", version, about, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check policy and request documents (files, directories, or - for standard input).
    Check(check::CheckArgs),
    /// Predict what the PIM service does with schedule requests under their policies.
    Validate(validate_cmd::ValidateArgs),
    /// What a request of one kind must carry under a policy: maximum duration, justification,
    /// ticket, MFA, authentication context, approval and who is told.
    Requirements(requirements_cmd::RequirementsArgs),
    /// Show the configuration file in force for a path (default: the current directory), as
    /// written.
    Config {
        /// Print every setting in force instead, defaults included, as a pimlint.toml that
        /// means the same.
        #[arg(long)]
        show: bool,
        /// Print the JSON Schema of the configuration file instead.
        #[arg(long, conflicts_with = "show")]
        schema: bool,
        /// Configuration file to read instead of discovering one.
        #[arg(long, value_name = "PATH")]
        config: Option<std::path::PathBuf>,
        /// Where to look for a configuration.
        path: Option<std::path::PathBuf>,
    },
    /// Print the JSON Schema of a document kind.
    Schema {
        /// A document kind (graph-policy, arm-role-eligibility-request, …).
        #[arg(value_parser = check::parse_kind)]
        kind: pimlint::DocumentKind,
    },
    /// List the rules.
    Rules {
        /// Output format.
        #[arg(long, value_enum, default_value_t = ListFormat::Text)]
        format: ListFormat,
    },
    /// Print the iteration-3 equivalent of a document of PIM's older APIs (iteration 1 or 2):
    /// Graph rule PATCH bodies, the ARM policy PATCH body, or a schedule request.
    Migrate(migrate_cmd::MigrateArgs),
    /// Show which controls of each baseline pimlint checks, with which rules.
    Baselines(baselines_cmd::BaselinesArgs),
    /// Assess documents against a baseline: a self-contained HTML page, or Markdown.
    Report(report::ReportArgs),
    /// Show a rule's documentation.
    Explain {
        /// A rule code (PIM001) or name (missing-rule).
        rule: String,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ListFormat {
    Text,
    Json,
}

/// Exit codes, as documented in the README.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Outcome {
    /// No finding at warning or above.
    Clean = 0,
    /// At least one finding at warning or above.
    Findings = 1,
    /// Unreadable input or a usage error.
    Failure = 2,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match cli.command {
        Command::Check(args) => check::run(&args),
        Command::Validate(args) => validate_cmd::run(&args),
        Command::Requirements(args) => requirements_cmd::run(&args),
        Command::Rules { format } => list_rules(format),
        Command::Config { schema: true, .. } => {
            emit(&format!(
                "{}\n",
                serde_json::to_string_pretty(&pimlint::config::json_schema()).unwrap_or_default()
            ));
            Outcome::Clean
        }
        Command::Config {
            config, path, show, ..
        } => settings::show(config.as_deref(), path.as_deref(), show),
        Command::Schema { kind } => {
            let schema = pimlint::schema::schema_for(kind);
            emit(&format!(
                "{}\n",
                serde_json::to_string_pretty(&schema).unwrap_or_default()
            ));
            Outcome::Clean
        }
        Command::Explain { rule } => explain(&rule),
        Command::Migrate(args) => migrate_cmd::run(&args),
        Command::Baselines(args) => baselines_cmd::run(&args),
        Command::Report(args) => report::run(&args),
    };
    ExitCode::from(outcome as u8)
}

/// Writes to standard output; a closed pipe (`pimlint … | head`) ends the program quietly.
pub fn emit(text: &str) {
    let mut stdout = std::io::stdout().lock();
    if let Err(e) = stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        let _ = writeln!(std::io::stderr(), "pimlint: cannot write output: {e}");
        std::process::exit(2);
    }
}

/// Writes a message to standard error.
pub fn warn(text: &str) {
    let _ = writeln!(std::io::stderr(), "{text}");
}

fn list_rules(format: ListFormat) -> Outcome {
    let rules = pimlint::rules::REGISTRY;
    match format {
        ListFormat::Json => {
            emit(&format!(
                "{}\n",
                serde_json::to_string_pretty(&pimlint::api::rules()).unwrap_or_default()
            ));
        }
        ListFormat::Text => {
            let mut out = String::new();
            let width = rules.iter().map(|r| r.meta.name.len()).max().unwrap_or(0);
            let default = pimlint::config::Config::default();
            for r in rules {
                let severity = if default.is_enabled(r.meta) {
                    r.meta.default_severity.to_string()
                } else {
                    format!("{} (opt-in)", r.meta.default_severity)
                };
                let _ = writeln!(
                    out,
                    "{:<7} {:<width$} {:<17} {}",
                    r.meta.code,
                    r.meta.name,
                    severity,
                    r.meta.summary()
                );
            }
            emit(&out);
        }
    }
    Outcome::Clean
}

fn explain(code: &str) -> Outcome {
    if let Some(text) = pimlint::api::explain(code) {
        emit(&text);
        return Outcome::Clean;
    }
    let hint = pimlint::api::suggest_rule(code)
        .map(|n| format!("; did you mean {n}?"))
        .unwrap_or_default();
    warn(&format!(
        "pimlint: unknown rule {code:?}{hint}; `pimlint rules` lists them"
    ));
    Outcome::Failure
}
