//! Turning command-line paths into input files.
//!
//! Directories are searched the way ruff searches them: `.gitignore`, `.ignore` and hidden
//! entries are respected, `exclude` / `extend-exclude` prune files and folders, and only files
//! matching `include` are read. A file named on the command line is always read.

use std::io::Read as _;
use std::path::{Path, PathBuf};

use ignore::gitignore::{Gitignore, GitignoreBuilder};

/// Where an input comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A file on disk.
    File(PathBuf),
    /// Standard input.
    Stdin,
}

impl Source {
    /// The name shown in output.
    pub fn display(&self) -> String {
        match self {
            Self::File(p) => p.display().to_string(),
            Self::Stdin => "<stdin>".to_owned(),
        }
    }

    /// Reads the whole input.
    pub fn read(&self) -> std::io::Result<Vec<u8>> {
        match self {
            Self::File(p) => std::fs::read(p),
            Self::Stdin => {
                let mut buf = Vec::new();
                std::io::stdin().lock().read_to_end(&mut buf)?;
                Ok(buf)
            }
        }
    }

    /// Whether the file's name says YAML.
    pub fn is_yaml(&self) -> bool {
        matches!(self, Self::File(p) if is_yaml(p))
    }
}

/// What one command-line argument gave.
#[derive(Debug, Default)]
pub struct Found {
    /// Files to check.
    pub sources: Vec<Source>,
    /// Whether they were found by searching a directory (then files that are plainly not PIM
    /// documents are skipped rather than reported).
    pub walked: bool,
    /// YAML files seen in the directory and not read.
    pub yaml: usize,
}

/// One command-line argument expanded: its inputs, or why it gave none.
#[derive(Debug)]
pub enum Expanded {
    /// Files to check.
    Inputs(Found),
    /// The argument names nothing that can be read.
    Missing(String),
}

/// Files a directory search reads unless `include` says otherwise.
pub const DEFAULT_INCLUDE: &[&str] = &["*.json", "*.ndjson", "*.jsonl"];

/// Files and folders a directory search skips unless `exclude` says otherwise (ruff's list,
/// less what only Python has); hidden entries and what `.gitignore` names are skipped too.
pub const DEFAULT_EXCLUDE: &[&str] = &[
    ".git",
    ".hg",
    ".svn",
    ".venv",
    "venv",
    "node_modules",
    "site-packages",
    "__pypackages__",
    "_build",
    "buck-out",
    "dist",
];

/// How directories are searched: the `include` / `exclude` / `extend-exclude` settings of the
/// configuration, overridden by the command line, as gitignore-style globs relative to `root`.
#[derive(Debug, Clone)]
pub struct Walk {
    include: Gitignore,
    include_patterns: Vec<String>,
    exclude: Gitignore,
    respect_gitignore: bool,
}

/// The discovery settings, as written in the configuration or on the command line.
#[derive(Debug, Clone, Default)]
pub struct WalkSettings {
    /// Replaces [`DEFAULT_INCLUDE`].
    pub include: Option<Vec<String>>,
    /// Replaces [`DEFAULT_EXCLUDE`].
    pub exclude: Option<Vec<String>>,
    /// Added to the excluded patterns.
    pub extend_exclude: Vec<String>,
    /// Whether `.gitignore` files are honoured (default: yes).
    pub respect_gitignore: Option<bool>,
}

impl WalkSettings {
    /// `overlay` wins where it says something.
    #[must_use]
    pub fn overlaid(mut self, overlay: &Self) -> Self {
        if overlay.include.is_some() {
            self.include.clone_from(&overlay.include);
        }
        if overlay.exclude.is_some() {
            self.exclude.clone_from(&overlay.exclude);
        }
        self.extend_exclude
            .extend(overlay.extend_exclude.iter().cloned());
        if overlay.respect_gitignore.is_some() {
            self.respect_gitignore = overlay.respect_gitignore;
        }
        self
    }
}

fn globs(root: &Path, patterns: &[String], key: &str) -> Result<Gitignore, String> {
    let mut builder = GitignoreBuilder::new(root);
    for pattern in patterns {
        builder
            .add_line(None, pattern)
            .map_err(|e| format!("`{key}`: {pattern:?} is not a valid glob: {e}"))?;
    }
    builder.build().map_err(|e| format!("`{key}`: {e}"))
}

impl Walk {
    /// Builds the matchers; patterns are relative to `root` (the configuration's folder, or
    /// the current directory).
    pub fn new(root: &Path, settings: &WalkSettings) -> Result<Self, String> {
        let root = std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf());
        let include: Vec<String> = settings
            .include
            .clone()
            .unwrap_or_else(|| DEFAULT_INCLUDE.iter().map(|s| (*s).to_owned()).collect());
        let mut exclude: Vec<String> = settings
            .exclude
            .clone()
            .unwrap_or_else(|| DEFAULT_EXCLUDE.iter().map(|s| (*s).to_owned()).collect());
        exclude.extend(settings.extend_exclude.iter().cloned());
        Ok(Self {
            include: globs(&root, &include, "include")?,
            include_patterns: include,
            exclude: globs(&root, &exclude, "exclude")?,
            respect_gitignore: settings.respect_gitignore.unwrap_or(true),
        })
    }

    fn excluded(&self, path: &Path, is_dir: bool) -> bool {
        let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        self.exclude.matched(&absolute, is_dir).is_ignore()
    }

    fn included(&self, path: &Path) -> bool {
        let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        self.include.matched(&absolute, false).is_ignore()
    }

    /// Expands one argument: `-`, a file (any extension, always read), or a directory (the
    /// files under it that `include` names and nothing excludes, in name order).
    pub fn expand(&self, arg: &str) -> Expanded {
        if arg == "-" {
            return Expanded::Inputs(Found {
                sources: vec![Source::Stdin],
                ..Found::default()
            });
        }
        let path = PathBuf::from(arg);
        match std::fs::metadata(&path) {
            Ok(meta) if meta.is_dir() => {
                let mut found = Found {
                    walked: true,
                    ..Found::default()
                };
                let filter = self.clone();
                let walker = ignore::WalkBuilder::new(&path)
                    .follow_links(true)
                    .hidden(true)
                    .git_ignore(self.respect_gitignore)
                    .git_global(false)
                    .git_exclude(self.respect_gitignore)
                    .ignore(self.respect_gitignore)
                    .parents(self.respect_gitignore)
                    // A .gitignore counts outside a git repository too, as in ruff.
                    .require_git(false)
                    .sort_by_file_name(std::ffi::OsStr::cmp)
                    .filter_entry(move |e| {
                        e.depth() == 0
                            || !filter.excluded(e.path(), e.file_type().is_some_and(|t| t.is_dir()))
                    })
                    .build();
                for entry in walker.filter_map(Result::ok) {
                    if !entry.file_type().is_some_and(|t| t.is_file()) {
                        continue;
                    }
                    // `check .` shows `policies/a.json`, not `./policies/a.json`.
                    let file = entry
                        .path()
                        .strip_prefix(".")
                        .map_or_else(|_| entry.path().to_path_buf(), Path::to_path_buf);
                    if self.included(&file) {
                        found.sources.push(Source::File(file));
                    } else if is_yaml(&file) {
                        found.yaml += 1;
                    }
                }
                if found.sources.is_empty() && found.yaml == 0 {
                    Expanded::Missing(format!(
                        "{arg}: no files to check in this directory (include: {})",
                        self.include_list()
                    ))
                } else {
                    Expanded::Inputs(found)
                }
            }
            Ok(_) => Expanded::Inputs(Found {
                sources: vec![Source::File(path)],
                ..Found::default()
            }),
            Err(e) => Expanded::Missing(format!("{arg}: {}", io_message(&e))),
        }
    }

    fn include_list(&self) -> String {
        self.include_patterns.join(", ")
    }
}

fn is_yaml(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"))
}

/// Members and names that any PIM document (or a broken copy of one) contains at least one of.
const PIM_MARKERS: &[&str] = &[
    "\"rules\"",
    "\"policyId\"",
    "\"action\"",
    "\"requestType\"",
    "\"scheduleInfo\"",
    "\"@odata.",
    "roleManagementPolic",
    "RoleManagementPolic",
    "ScheduleRequest",
];

/// Whether text that could not be read as a PIM document is plainly something else (a
/// `package.json`, a `tsconfig.json` with comments): nothing in it names a PIM member.
pub fn names_nothing_pim(text: &str) -> bool {
    !PIM_MARKERS.iter().any(|m| text.contains(m))
}

/// Whether a file found by searching a directory is plainly not a PIM document, so it is
/// skipped (and counted) rather than reported: it parses but no document in it has a kind
/// pimlint recognises, or it does not parse and names nothing PIM.
pub fn plainly_not_pim(text: &str) -> bool {
    match pimlint::parse_json(text) {
        // Policy as code (a Terraform plan, an ARM template, an EasyPIM configuration) is read
        // for the PIM resources it holds.
        Ok(value) if pimlint::formats::detect(&value).is_some() => false,
        Ok(value) => {
            let slots = pimlint::kind::split(&value);
            !slots.is_empty()
                && slots
                    .iter()
                    .all(|s| pimlint::kind::detect(s.value, s.hint).is_err())
        }
        Err(_) => names_nothing_pim(text),
    }
}

/// An I/O error in plain words, without the OS error number.
pub fn io_message(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".to_owned(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ => {
            let text = e.to_string();
            text.split(" (os error").next().unwrap_or(&text).to_owned()
        }
    }
}
