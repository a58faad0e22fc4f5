//! `pimlint baselines`: the coverage table of each baseline, control by control.

use std::fmt::Write as _;

use clap::{Args, ValueEnum};
use pimlint::baselines::{self, Baseline, Status};

use crate::{Outcome, emit};

#[derive(Debug, Args)]
pub struct BaselinesArgs {
    /// The baseline to show (default: all of them).
    #[arg(long, value_name = "BASELINE", value_parser = parse_baseline)]
    profile: Option<Baseline>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = TableFormat::Text)]
    format: TableFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TableFormat {
    /// A table per baseline.
    Text,
    /// The controls as JSON.
    Json,
    /// The Markdown pages of docs/baselines/.
    Markdown,
}

pub fn parse_baseline(text: &str) -> Result<Baseline, String> {
    Baseline::from_name(text).ok_or_else(|| {
        let names: Vec<&str> = Baseline::ALL.iter().map(|b| b.as_str()).collect();
        format!("unknown baseline {text:?}; one of: {}", names.join(", "))
    })
}

pub fn run(args: &BaselinesArgs) -> Outcome {
    let chosen: Vec<Baseline> = args
        .profile
        .map_or_else(|| Baseline::ALL.to_vec(), |b| vec![b]);
    match args.format {
        TableFormat::Json => {
            let value: Vec<_> = chosen
                .iter()
                .map(|b| {
                    serde_json::json!({
                        "baseline": b.as_str(),
                        "title": b.title(),
                        "source": b.source(),
                        "profile": b.profile().as_str(),
                        "controls": b.controls(),
                    })
                })
                .collect();
            emit(&format!(
                "{}\n",
                serde_json::to_string_pretty(&value).unwrap_or_default()
            ));
        }
        TableFormat::Markdown => {
            let pages: Vec<String> = chosen.iter().map(|b| baselines::markdown(*b)).collect();
            emit(&pages.join("\n"));
        }
        TableFormat::Text => emit(&text(&chosen)),
    }
    Outcome::Clean
}

fn text(chosen: &[Baseline]) -> String {
    let mut out = String::new();
    for (i, b) in chosen.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let _ = writeln!(out, "{} (profile {})", b.title(), b.profile().as_str());
        let width = b.controls().iter().map(|c| c.id.len()).max().unwrap_or(0);
        for c in b.controls() {
            let rules = if c.rules.is_empty() {
                "-".to_owned()
            } else {
                c.rules.join(" ")
            };
            let _ = writeln!(
                out,
                "  {:<width$}  {:<22}  {}",
                c.id,
                c.status.as_str(),
                rules
            );
        }
        let count = |s| b.controls().iter().filter(|c| c.status == s).count();
        let _ = writeln!(
            out,
            "  {} controls: {} implemented, {} need tenant data, {} not applicable offline",
            b.controls().len(),
            count(Status::Implemented),
            count(Status::NeedsTenantData),
            count(Status::NotApplicableOffline)
        );
    }
    out
}
