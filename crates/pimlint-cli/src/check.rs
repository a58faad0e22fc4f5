//! `pimlint check`.

use std::io::IsTerminal as _;

use clap::{Args, ValueEnum};
use pimlint::{DocumentKind, DocumentReport, Options, Severity};

use crate::inputs::{self, Expanded, Source};
use crate::{Outcome, emit};
use crate::{formats, output};

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files, directories (searched recursively for *.json, *.ndjson and *.jsonl, honouring
    /// .gitignore and `exclude`), or - for standard input.
    #[arg(value_name = "PATH", required = true)]
    paths: Vec<String>,

    #[command(flatten)]
    pub discovery: DiscoveryArgs,

    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    format: OutputFormat,

    /// Read every document as this kind instead of detecting it.
    #[arg(long, value_name = "KIND", value_parser = parse_kind)]
    kind: Option<DocumentKind>,

    /// When to use colours in text output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,

    /// Skip validation against the JSON Schemas (PIM016).
    #[arg(long)]
    no_schema: bool,

    /// Exit 0 even when there are findings (unreadable input still exits 2).
    #[arg(long)]
    exit_zero: bool,

    /// Show counts per rule and per role instead of each finding.
    #[arg(long)]
    statistics: bool,

    /// How documents are delimited in the inputs, or which tool wrote them (default: told
    /// from each file's shape).
    #[arg(long, value_enum, default_value_t = crate::bulk::InputFormat::Auto)]
    format_in: crate::bulk::InputFormat,

    /// An ARM deployment parameters file: resolves `[parameters('x')]` in ARM templates.
    #[arg(long, value_name = "FILE", value_parser = parse_parameters)]
    parameters: Option<serde_json::Value>,

    /// Worker threads for linting (default: one per core).
    #[arg(long, value_name = "N")]
    threads: Option<usize>,

    /// Configuration file (default: the nearest pimlint.toml, .pimlint.toml or pyproject.toml
    /// with [tool.pimlint] above each input).
    #[arg(long, value_name = "PATH")]
    config: Option<std::path::PathBuf>,

    #[command(flatten)]
    pub fixes: crate::fix::FixArgs,
}

/// How directories are searched; each replaces or extends the configuration's setting.
#[derive(Debug, Default, Args)]
pub struct DiscoveryArgs {
    /// Files a directory search reads, as globs (replaces `include`; default: *.json,
    /// *.ndjson, *.jsonl).
    #[arg(long, value_name = "GLOB", value_delimiter = ',')]
    include: Option<Vec<String>>,

    /// Files and folders a directory search skips, as globs (replaces `exclude`).
    #[arg(long, value_name = "GLOB", value_delimiter = ',')]
    exclude: Option<Vec<String>>,

    /// Files and folders a directory search skips, in addition to `exclude`.
    #[arg(long, value_name = "GLOB", value_delimiter = ',')]
    extend_exclude: Vec<String>,

    /// Read files that .gitignore names too.
    #[arg(long)]
    no_respect_gitignore: bool,
}

impl DiscoveryArgs {
    pub fn settings(&self) -> crate::inputs::WalkSettings {
        crate::inputs::WalkSettings {
            include: self.include.clone(),
            exclude: self.exclude.clone(),
            extend_exclude: self.extend_exclude.clone(),
            respect_gitignore: self.no_respect_gitignore.then_some(false),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// Human-readable, with source snippets.
    Text,
    /// One JSON object (the contract documented in the README).
    Json,
    /// SARIF 2.1.0, for code scanning.
    Sarif,
    /// GitHub Actions workflow annotations.
    Github,
    /// GitLab Code Quality (Code Climate JSON).
    Gitlab,
    /// One JSON object per finding, written as found, then a summary object.
    JsonLines,
    /// The Graph / ARM calls (`az rest` commands) that apply the fixes of policies read from
    /// a tenant.
    Remediation,
    /// The same calls as one JSON list a script can replay.
    RemediationJson,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colours when standard output is a terminal and `NO_COLOR` is unset.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

pub fn parse_kind(text: &str) -> Result<DocumentKind, String> {
    text.parse()
}

/// Why a file could not be checked.
#[derive(Debug)]
pub struct FileError {
    /// What is wrong.
    pub message: String,
    /// Byte offset in the decoded text, when known.
    pub offset: Option<usize>,
}

/// The result for one input.
#[derive(Debug)]
pub struct FileOutcome {
    /// Name shown in output.
    pub path: String,
    /// The decoded text, when it could be read.
    pub text: Option<String>,
    /// Its documents, or why it could not be checked.
    pub result: Result<Vec<DocumentReport>, FileError>,
    /// The options it was checked with, when it was (remediation checks its fixes again).
    pub options: Option<Box<Options>>,
}

impl FileOutcome {
    fn failed(path: String, text: Option<String>, message: String, offset: Option<usize>) -> Self {
        Self {
            path,
            text,
            result: Err(FileError { message, offset }),
            options: None,
        }
    }
}

pub fn check_source(source: &Source, options: &Options) -> FileOutcome {
    let path = source.display();
    let bytes = match source.read() {
        Ok(b) => b,
        Err(e) => {
            return FileOutcome::failed(
                path,
                None,
                format!("cannot read: {}", inputs::io_message(&e)),
                None,
            );
        }
    };
    let text = match pimlint::decode(&bytes) {
        Ok(t) => t.into_owned(),
        Err(e) => return FileOutcome::failed(path, None, e.to_string(), None),
    };
    match pimlint::check_str(&text, options) {
        Ok(reports) => FileOutcome {
            path,
            text: Some(text),
            result: Ok(reports),
            options: Some(Box::new(options.clone())),
        },
        Err(e) => {
            let offset = e.offset();
            let message = match &e {
                _ if source.is_yaml() => YAML.to_owned(),
                pimlint::InputError::Json { message, .. } => message.clone(),
                other => other.to_string(),
            };
            FileOutcome::failed(path, Some(text), message, offset)
        }
    }
}

/// Why a YAML file is not read.
pub const YAML: &str = "this is YAML, which pimlint does not read: PIM documents are JSON as \
    Graph and ARM write them (convert it, e.g. with `yq -o=json`)";

/// Whether a file found by searching a directory is plainly not a PIM document.
pub fn skippable(file: &FileOutcome) -> bool {
    match (&file.result, &file.text) {
        (Ok(docs), _) => {
            !docs.is_empty() && docs.iter().all(|d| d.kind.is_none() && d.error.is_some())
        }
        (Err(_), Some(text)) => inputs::names_nothing_pim(text),
        (Err(_), None) => false,
    }
}

/// What a directory search left out, for the summary.
#[derive(Debug, Default, Clone, Copy)]
pub struct Skipped {
    /// Files that are not PIM documents.
    pub not_pim: usize,
    /// YAML files.
    pub yaml: usize,
}

/// Reads an ARM deployment parameters file.
fn parse_parameters(path: &str) -> Result<serde_json::Value, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {path}: {e}"))?;
    let text = pimlint::decode(&bytes).map_err(|e| format!("{path}: {e}"))?;
    let value = pimlint::parse_json(&text).map_err(|e| format!("{path}: {e}"))?;
    if value
        .get("parameters")
        .is_some_and(serde_json::Value::is_object)
    {
        Ok(value)
    } else {
        Err(format!(
            "{path}: not a deployment parameters file (it has no `parameters` object)"
        ))
    }
}

/// The options for one input: its configuration (found once per folder) and the flags; `None`
/// (after saying why) when the configuration cannot be used.
fn options_for(
    args: &CheckArgs,
    configs: &mut crate::settings::Configs,
    source: &Source,
) -> Option<Options> {
    match configs.for_source(source) {
        Ok(config) => Some(Options {
            kind: args.kind,
            schema: !args.no_schema,
            config,
            format: args.format_in.forced(),
            parameters: args.parameters.clone(),
        }),
        Err(message) => {
            crate::warn(&message);
            None
        }
    }
}

/// The findings and failures of each file, for the machine formats.
fn items(files: &[FileOutcome]) -> Vec<formats::Item<'_>> {
    files
        .iter()
        .map(|file| {
            let mut item = formats::Item {
                path: &file.path,
                text: file.text.as_deref(),
                diagnostics: Vec::new(),
                failures: Vec::new(),
            };
            match &file.result {
                Err(e) => item.failures.push((e.message.clone(), e.offset)),
                Ok(docs) => {
                    let locator = file.text.as_deref().map(pimlint::Locator::new);
                    for doc in docs {
                        if let Some(error) = &doc.error {
                            let offset = locator
                                .as_ref()
                                .and_then(|l| l.locate(&doc.pointer))
                                .map(|f| f.span.start);
                            item.failures.push((error.clone(), offset));
                        }
                        item.diagnostics.extend(doc.diagnostics.iter());
                    }
                }
            }
            item
        })
        .collect()
}

pub fn run(args: &CheckArgs) -> Outcome {
    let mut configs = crate::settings::Configs::new(args.config.as_deref());
    if let Err(message) = configs.explicit() {
        crate::warn(&message);
        return Outcome::Failure;
    }
    if let Some(threads) = args.threads {
        if let Err(e) = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build_global()
        {
            crate::warn(&format!("pimlint: cannot start {threads} threads: {e}"));
            return Outcome::Failure;
        }
    }
    let cli_walk = args.discovery.settings();
    let mut expanded = Vec::with_capacity(args.paths.len());
    for arg in &args.paths {
        match configs.walk_for(arg, &cli_walk) {
            Ok(walk) => expanded.push((arg, walk.expand(arg))),
            Err(message) => {
                crate::warn(&message);
                return Outcome::Failure;
            }
        }
    }
    if args.fixes.unsafe_fixes && !(args.fixes.fix || args.fixes.diff) {
        crate::warn("pimlint: --unsafe-fixes applies with --fix or --diff");
        return Outcome::Failure;
    }
    let mut fix_failed = false;
    if args.fixes.fix || args.fixes.diff {
        match run_fixes(args, &mut configs, &expanded) {
            FixPhase::Done(outcome) => return outcome,
            FixPhase::Check { failed } => fix_failed = failed,
        }
    }
    let streamed = args.format == OutputFormat::JsonLines
        || expanded.iter().any(|(_, e)| match e {
            Expanded::Inputs(found) => found
                .sources
                .iter()
                .any(|s| crate::bulk::wants_streaming(s, args.format_in)),
            Expanded::Missing(_) => false,
        });
    if streamed {
        return run_streamed(args, &mut configs, expanded);
    }
    let mut files = Vec::new();
    let mut skipped = Skipped::default();
    let mut run_config = None;
    for (arg, expansion) in expanded {
        match expansion {
            Expanded::Inputs(found) => {
                skipped.yaml += found.yaml;
                for source in &found.sources {
                    let Some(options) = options_for(args, &mut configs, source) else {
                        return Outcome::Failure;
                    };
                    let outcome = check_source(source, &options);
                    run_config.get_or_insert(options.config);
                    if found.walked && skippable(&outcome) {
                        skipped.not_pim += 1;
                    } else {
                        files.push(outcome);
                    }
                }
            }
            Expanded::Missing(message) => {
                let (path, message) = message
                    .split_once(": ")
                    .map_or((arg.clone(), message.clone()), |(p, m)| {
                        (p.to_owned(), m.to_owned())
                    });
                files.push(FileOutcome::failed(path, None, message, None));
            }
        }
    }
    // The tenant view joins every input of the run, under the first input's configuration.
    if let Some(config) = &run_config {
        let mut inputs: Vec<&mut Vec<DocumentReport>> = files
            .iter_mut()
            .filter_map(|f| f.result.as_mut().ok())
            .collect();
        pimlint::tenant::check_run(&mut inputs, config);
    }
    let mut summary = output::Summary::of(&files);
    summary.skipped = skipped.not_pim + skipped.yaml;
    summary.skipped_yaml = skipped.yaml;
    match args.format {
        OutputFormat::Text if args.statistics => emit(&output::statistics(&files, &summary)),
        OutputFormat::Json => emit(&output::json(&files, &summary)),
        OutputFormat::Sarif => emit(&formats::sarif(&items(&files))),
        OutputFormat::Github => emit(&formats::github(&items(&files))),
        OutputFormat::Gitlab => emit(&crate::gitlab::gitlab(&items(&files))),
        OutputFormat::JsonLines => unreachable_streamed(),
        OutputFormat::Remediation => emit(&crate::remediation::text(&files)),
        OutputFormat::RemediationJson => emit(&crate::remediation::json(&files)),
        OutputFormat::Text => {
            let color = match args.color {
                ColorChoice::Always => true,
                ColorChoice::Never => false,
                ColorChoice::Auto => {
                    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
                }
            };
            output::text(&files, &summary, color);
        }
    }
    if summary.unreadable > 0 || fix_failed {
        Outcome::Failure
    } else if !args.exit_zero
        && summary.count(Severity::Warning) + summary.count(Severity::Error) > 0
    {
        Outcome::Findings
    } else {
        Outcome::Clean
    }
}

/// How the fix phase of `check --fix` / `--diff` ends.
enum FixPhase {
    /// The run ends here: `--diff`, standard input printed fixed, or a configuration error.
    Done(Outcome),
    /// The check of the fixed files follows; `failed` when an input could not be fixed (the
    /// run then fails).
    Check { failed: bool },
}

fn run_fixes(
    args: &CheckArgs,
    configs: &mut crate::settings::Configs,
    expanded: &[(&String, Expanded)],
) -> FixPhase {
    let mut tally = crate::fix::Tally::default();
    let mut stdin = false;
    for (_, expansion) in expanded {
        let Expanded::Inputs(found) = expansion else {
            continue;
        };
        for source in &found.sources {
            let Some(options) = options_for(args, configs, source) else {
                return FixPhase::Done(Outcome::Failure);
            };
            let ndjson = crate::bulk::is_ndjson(source, args.format_in);
            if found.walked && !ndjson && crate::bulk::plainly_not_pim(source) {
                continue;
            }
            stdin |= matches!(source, Source::Stdin);
            let mode = crate::fix::Mode {
                unsafe_fixes: args.fixes.unsafe_fixes,
                diff: args.fixes.diff,
                ndjson,
            };
            crate::fix::fix_source(source, &options, mode, &mut tally);
        }
    }
    let mode = crate::fix::Mode {
        unsafe_fixes: args.fixes.unsafe_fixes,
        diff: args.fixes.diff,
        ndjson: false,
    };
    crate::warn(&crate::fix::summary(&tally, mode));
    if args.fixes.diff {
        return FixPhase::Done(if tally.failed > 0 {
            Outcome::Failure
        } else if tally.files > 0 && !args.exit_zero {
            Outcome::Findings
        } else {
            Outcome::Clean
        });
    }
    if stdin {
        return FixPhase::Done(if tally.failed > 0 {
            Outcome::Failure
        } else if tally.remaining > 0 && !args.exit_zero {
            Outcome::Findings
        } else {
            Outcome::Clean
        });
    }
    FixPhase::Check {
        failed: tally.failed > 0,
    }
}

/// `json-lines` output always goes through the streamed path.
const fn unreachable_streamed() {}

/// The streamed path: documents one at a time, findings written as they come.
fn run_streamed(
    args: &CheckArgs,
    configs: &mut crate::settings::Configs,
    expanded: Vec<(&String, Expanded)>,
) -> Outcome {
    use crate::bulk::{self, Sink, Writer};
    let sink = match args.format {
        OutputFormat::Text if args.statistics => Sink::Statistics,
        OutputFormat::Text => Sink::Text,
        OutputFormat::Json => Sink::Json,
        OutputFormat::JsonLines => Sink::JsonLines,
        OutputFormat::Sarif => {
            bulk::unsupported("sarif");
            return Outcome::Failure;
        }
        OutputFormat::Github => {
            bulk::unsupported("github");
            return Outcome::Failure;
        }
        OutputFormat::Gitlab => {
            bulk::unsupported("gitlab");
            return Outcome::Failure;
        }
        OutputFormat::Remediation | OutputFormat::RemediationJson => {
            bulk::unsupported("remediation");
            return Outcome::Failure;
        }
    };
    let progress = bulk::progress_bar();
    let mut writer = Writer::new(sink);
    let mut tenant = crate::tenant_run::TenantRun::default();
    let mut run_config = None;
    let mut missing = 0;
    let mut skipped = Skipped::default();
    for (_, expansion) in expanded {
        match expansion {
            Expanded::Inputs(found) => {
                skipped.yaml += found.yaml;
                for source in &found.sources {
                    let Some(options) = options_for(args, configs, source) else {
                        progress.finish_and_clear();
                        return Outcome::Failure;
                    };
                    let ndjson = bulk::is_ndjson(source, args.format_in);
                    if found.walked && !ndjson && bulk::plainly_not_pim(source) {
                        skipped.not_pim += 1;
                        continue;
                    }
                    bulk::check(
                        source,
                        ndjson,
                        &options,
                        &mut writer,
                        &mut tenant,
                        &progress,
                    );
                    run_config.get_or_insert(options.config);
                }
            }
            Expanded::Missing(message) => {
                crate::warn(&format!("pimlint: {message}"));
                missing += 1;
            }
        }
    }
    progress.finish_and_clear();
    if let Some(config) = &run_config {
        tenant.emit(&mut writer, config);
    }
    let summary = writer.finish(skipped);
    if summary.unreadable + missing > 0 {
        Outcome::Failure
    } else if !args.exit_zero
        && summary.count(Severity::Warning) + summary.count(Severity::Error) > 0
    {
        Outcome::Findings
    } else {
        Outcome::Clean
    }
}
