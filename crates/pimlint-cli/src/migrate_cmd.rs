//! `pimlint migrate FILE`: the iteration-3 calls that replace a document of PIM's older APIs.

use std::path::PathBuf;

use clap::Args;

use crate::{Outcome, emit, warn};

/// Arguments of `pimlint migrate`.
#[derive(Debug, Args)]
pub struct MigrateArgs {
    /// An iteration 1 or 2 document (role settings, assignment request or a list of them),
    /// or - for standard input.
    pub file: PathBuf,
}

/// Prints the migration as JSON; what has no counterpart is also listed on standard error.
pub fn run(args: &MigrateArgs) -> Outcome {
    let bytes = if args.file.as_os_str() == "-" {
        let mut buf = Vec::new();
        if let Err(e) = std::io::Read::read_to_end(&mut std::io::stdin(), &mut buf) {
            warn(&format!("pimlint: cannot read standard input: {e}"));
            return Outcome::Failure;
        }
        buf
    } else {
        match std::fs::read(&args.file) {
            Ok(b) => b,
            Err(e) => {
                warn(&format!(
                    "pimlint: cannot read {}: {e}",
                    args.file.display()
                ));
                return Outcome::Failure;
            }
        }
    };
    let name = args.file.display();
    let text = match pimlint::decode(&bytes) {
        Ok(t) => t,
        Err(e) => {
            warn(&format!("pimlint: {name}: {e}"));
            return Outcome::Failure;
        }
    };
    match pimlint::api::migrate_text(&text) {
        Ok(migrated) => {
            for doc in &migrated {
                for item in &doc.not_carried {
                    warn(&format!(
                        "pimlint: {name}: not carried over: {} at {}: {}",
                        item.setting,
                        if item.pointer.is_root() {
                            "/".into()
                        } else {
                            item.pointer.text()
                        },
                        item.why
                    ));
                }
            }
            emit(&format!(
                "{}\n",
                serde_json::to_string_pretty(&migrated).unwrap_or_default()
            ));
            Outcome::Clean
        }
        Err(e) => {
            warn(&format!("pimlint: {name}: {e}"));
            Outcome::Failure
        }
    }
}
