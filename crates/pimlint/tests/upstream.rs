//! The upstream corpus: Microsoft's published Graph and ARM example bodies (identifiers
//! replaced; `tests/upstream/*/SOURCES.md` names each source). Every body is read, none gets a
//! structural finding at warning or error, and the lint findings it does get are the reviewed
//! ones its `corpus.toml` entry lists.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test code fails loudly"
)]

use std::path::{Path, PathBuf};

use pimlint::{DocumentKind, Options, Severity};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
struct Corpus {
    doc: Vec<Entry>,
}

#[derive(Debug, Deserialize)]
struct Entry {
    file: String,
    source: String,
    /// The kind the request URL gives a body that does not say its own (as `--kind` does).
    kind: Option<String>,
    /// The codes of the findings, sorted, one per finding.
    expect: Vec<String>,
}

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/upstream")
}

fn entries() -> Vec<(PathBuf, Entry)> {
    let mut out = Vec::new();
    for family in ["graph", "arm"] {
        let dir = corpus_dir().join(family);
        let text = std::fs::read_to_string(dir.join("corpus.toml")).unwrap();
        let corpus: Corpus = toml::from_str(&text).unwrap();
        out.extend(corpus.doc.into_iter().map(|e| (dir.join(&e.file), e)));
    }
    out
}

#[test]
fn every_upstream_body_reads_without_a_false_finding() {
    let entries = entries();
    assert!(
        entries.len() >= 150,
        "the corpus shrank to {}",
        entries.len()
    );
    let mut failures = Vec::new();
    for (path, entry) in &entries {
        assert!(!entry.source.is_empty(), "{}: no source", entry.file);
        let text =
            std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let options = Options {
            kind: entry
                .kind
                .as_deref()
                .map(|k| k.parse::<DocumentKind>().unwrap()),
            ..Options::default()
        };
        let reports =
            pimlint::check_str(&text, &options).unwrap_or_else(|e| panic!("{}: {e}", entry.file));
        let mut codes = Vec::new();
        for report in &reports {
            if let Some(error) = &report.error {
                failures.push(format!(
                    "{} {}: not read: {error}",
                    entry.file, report.pointer
                ));
            }
            for d in &report.diagnostics {
                if d.code.starts_with("PIM0") && d.severity >= Severity::Warning {
                    failures.push(format!(
                        "{} {}: structural {} ({}): {}",
                        entry.file, d.pointer, d.code, d.severity, d.message
                    ));
                }
                codes.push(d.code.to_owned());
            }
        }
        codes.sort();
        if codes != entry.expect {
            failures.push(format!(
                "{}: findings {codes:?}, reviewed {:?}",
                entry.file, entry.expect
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_corpus_file_is_listed_once() {
    for family in ["graph", "arm"] {
        let dir = corpus_dir().join(family);
        let listed: Vec<String> = entries()
            .into_iter()
            .filter(|(p, _)| p.starts_with(&dir))
            .map(|(_, e)| e.file)
            .collect();
        let mut files: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| {
                p.extension()
                    .is_some_and(|x| x.eq_ignore_ascii_case("json"))
            })
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        files.sort();
        let mut sorted = listed.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(
            sorted.len(),
            listed.len(),
            "{family}: a file is listed twice"
        );
        assert_eq!(
            files, sorted,
            "{family}: corpus.toml and the folder disagree"
        );
        let sources = std::fs::read_to_string(dir.join("SOURCES.md")).unwrap();
        for file in &files {
            assert!(
                sources.contains(file.as_str()),
                "{family}/SOURCES.md does not name {file}"
            );
        }
    }
}
