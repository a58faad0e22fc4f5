//! Turning command-line paths into input files.

use std::io::Read as _;
use std::path::{Path, PathBuf};

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
}

/// One command-line argument expanded: its inputs, or why it gave none.
#[derive(Debug)]
pub enum Expanded {
    /// Files to check.
    Inputs(Vec<Source>),
    /// The argument names nothing that can be read.
    Missing(String),
}

fn is_json(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("json"))
}

/// Expands one argument: `-`, a file (any extension), or a directory (its `*.json` files,
/// recursively, skipping hidden entries, in name order).
pub fn expand(arg: &str) -> Expanded {
    if arg == "-" {
        return Expanded::Inputs(vec![Source::Stdin]);
    }
    let path = PathBuf::from(arg);
    match std::fs::metadata(&path) {
        Ok(meta) if meta.is_dir() => {
            let files: Vec<Source> = walkdir::WalkDir::new(&path)
                .follow_links(true)
                .sort_by_file_name()
                .into_iter()
                .filter_entry(|e| {
                    e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.')
                })
                .filter_map(Result::ok)
                .filter(|e| e.file_type().is_file() && is_json(e.path()))
                .map(|e| Source::File(e.into_path()))
                .collect();
            if files.is_empty() {
                Expanded::Missing(format!("{arg}: no *.json files in this directory"))
            } else {
                Expanded::Inputs(files)
            }
        }
        Ok(_) => Expanded::Inputs(vec![Source::File(path)]),
        Err(e) => Expanded::Missing(format!("{arg}: {}", io_message(&e))),
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
