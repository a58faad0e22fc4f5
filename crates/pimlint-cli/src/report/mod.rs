//! `pimlint report`: an assessment against a baseline, as one self-contained HTML file or as
//! Markdown.

mod html;
mod markdown;

use std::path::PathBuf;

use clap::{Args, ValueEnum};
use pimlint::Options;
use pimlint::baselines::Baseline;
use pimlint::config::{Config, ConfigFile};
use pimlint::report::{Assessment, Input, Verdict};

use crate::check::{FileOutcome, check_source, skippable};
use crate::inputs::Expanded;
use crate::{Outcome, emit, warn};

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Files or directories to assess (directories are searched as `check` searches them).
    #[arg(value_name = "PATH", required = true)]
    paths: Vec<String>,

    /// The baseline: cisa-scuba, cis-m365, zero-trust or maester (each runs with the profile
    /// of the same name).
    #[arg(long, value_name = "BASELINE", value_parser = crate::baselines_cmd::parse_baseline)]
    profile: Baseline,

    /// Output format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Html)]
    format: ReportFormat,

    /// Write the report to this file instead of standard output.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,

    /// Configuration file whose settings apply on top of the baseline's profile (default:
    /// none; a discovered pimlint.toml is not read, so the report shows the baseline as its
    /// source defines it).
    #[arg(long, value_name = "PATH")]
    config: Option<PathBuf>,

    /// Exit 0 even when a control fails.
    #[arg(long)]
    exit_zero: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// One self-contained HTML page (inline styles and charts, no network).
    Html,
    /// Markdown, for pull requests and wikis.
    Markdown,
    /// The assessment as JSON.
    Json,
}

/// A failing object's value as written in its file, shortened.
pub struct Values {
    files: Vec<(String, Option<serde_json::Value>)>,
}

impl Values {
    fn new(files: &[FileOutcome]) -> Self {
        Self {
            files: files
                .iter()
                .map(|f| {
                    let value = f
                        .text
                        .as_deref()
                        .and_then(|t| serde_json::from_str::<serde_json::Value>(t).ok());
                    (f.path.clone(), value)
                })
                .collect(),
        }
    }

    /// The JSON at `pointer` in `path`, compact, at most 120 characters.
    pub fn at(&self, path: &str, pointer: &str) -> Option<String> {
        let (_, value) = self.files.iter().find(|(p, _)| p == path)?;
        let found = value.as_ref()?.pointer(pointer)?;
        let text = serde_json::to_string(found).ok()?;
        Some(if text.chars().count() > 120 {
            format!("{}…", text.chars().take(119).collect::<String>())
        } else {
            text
        })
    }
}

fn config(args: &ReportArgs) -> Result<Config, String> {
    let mut file = match &args.config {
        Some(path) => {
            Config::from_path(path)
                .map_err(|e| format!("pimlint: {e}"))?
                .file
        }
        None => ConfigFile::default(),
    };
    file.profile = Some(args.profile.profile());
    Config::resolve(file).map_err(|e| format!("pimlint: {e}"))
}

pub fn run(args: &ReportArgs) -> Outcome {
    let config = match config(args) {
        Ok(c) => c,
        Err(message) => {
            warn(&message);
            return Outcome::Failure;
        }
    };
    let options = Options {
        config: config.clone(),
        ..Options::default()
    };
    let mut configs = crate::settings::Configs::new(None);
    let mut files = Vec::new();
    for arg in &args.paths {
        let walk = match configs.walk_for(arg, &crate::inputs::WalkSettings::default()) {
            Ok(walk) => walk,
            Err(message) => {
                warn(&message);
                return Outcome::Failure;
            }
        };
        match walk.expand(arg) {
            Expanded::Inputs(found) => {
                for source in &found.sources {
                    let outcome = check_source(source, &options);
                    if !(found.walked && skippable(&outcome)) {
                        files.push(outcome);
                    }
                }
            }
            Expanded::Missing(message) => {
                warn(&format!("pimlint: {message}"));
                return Outcome::Failure;
            }
        }
    }
    // The tenant view joins every input, as `check` does.
    {
        let mut documents: Vec<&mut Vec<pimlint::DocumentReport>> = files
            .iter_mut()
            .filter_map(|f| f.result.as_mut().ok())
            .collect();
        pimlint::tenant::check_run(&mut documents, &config);
    }
    let mut unreadable = Vec::new();
    let inputs: Vec<Input<'_>> = files
        .iter()
        .filter_map(|f| match &f.result {
            Ok(documents) => Some(Input {
                path: &f.path,
                documents,
            }),
            Err(e) => {
                unreadable.push((f.path.clone(), e.message.clone()));
                None
            }
        })
        .collect();
    let mut assessment = pimlint::report::assess(args.profile, &config, &inputs);
    assessment.unreadable.extend(unreadable);
    let values = Values::new(&files);
    let text = match args.format {
        ReportFormat::Html => html::render(&assessment, &values),
        ReportFormat::Markdown => markdown::render(&assessment, &values),
        ReportFormat::Json => format!(
            "{}\n",
            serde_json::to_string_pretty(&assessment).unwrap_or_default()
        ),
    };
    match &args.out {
        Some(path) => {
            if let Err(e) = std::fs::write(path, text) {
                warn(&format!("pimlint: cannot write {}: {e}", path.display()));
                return Outcome::Failure;
            }
        }
        None => emit(&text),
    }
    outcome(&assessment, args.exit_zero)
}

fn outcome(assessment: &Assessment, exit_zero: bool) -> Outcome {
    if !assessment.unreadable.is_empty() {
        Outcome::Failure
    } else if !exit_zero
        && assessment
            .controls
            .iter()
            .any(|c| c.verdict == Verdict::Fail)
    {
        Outcome::Findings
    } else {
        Outcome::Clean
    }
}
