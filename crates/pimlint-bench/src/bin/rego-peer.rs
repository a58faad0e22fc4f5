//! `rego-peer [--cross-check] PATH`: streams an NDJSON export through six of pimlint's
//! checks written in Rego (`rego/pim-checks.rego`), evaluated by the `regorus` virtual
//! machine on one thread, and prints the findings by code. With `--cross-check` it also
//! counts the same codes with pimlint and fails when the two differ.

use std::io::{BufRead, BufReader, Write};
use std::process::ExitCode;

use pimlint_bench::rego::{Counts, Peer, options, pimlint_counts};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let cross_check = args.iter().any(|a| a == "--cross-check");
    let Some(path) = args.iter().find(|a| !a.starts_with("--")) else {
        let _ = writeln!(std::io::stderr(), "usage: rego-peer [--cross-check] PATH");
        return ExitCode::from(2);
    };
    match run(path, cross_check) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "rego-peer: {e}");
            ExitCode::from(2)
        }
    }
}

/// Whether the counts agree (always, without `cross_check`).
fn run(path: &str, cross_check: bool) -> Result<bool, String> {
    let mut peer = Peer::new()?;
    let file = std::fs::File::open(path).map_err(|e| format!("cannot open {path}: {e}"))?;
    let mut reader = BufReader::with_capacity(1 << 20, file);
    let options = options();
    let (mut rego, mut pimlint) = (Counts::default(), Counts::default());
    let mut line = String::new();
    let mut documents = 0u64;
    loop {
        line.clear();
        if reader
            .read_line(&mut line)
            .map_err(|e| format!("{path}: {e}"))?
            == 0
        {
            break;
        }
        if line.trim().is_empty() {
            continue;
        }
        documents += 1;
        let at = |e: String| format!("{path}: line {documents}: {e}");
        rego.merge(peer.check(&line).map_err(at)?);
        if cross_check {
            pimlint.merge(pimlint_counts(&line, &options).map_err(at)?);
        }
    }
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{documents} documents, Rego: {rego}");
    if !cross_check {
        return Ok(true);
    }
    let _ = writeln!(out, "{documents} documents, pimlint: {pimlint}");
    if rego == pimlint {
        let _ = writeln!(out, "the counts agree");
        Ok(true)
    } else {
        let _ = writeln!(out, "the counts differ");
        Ok(false)
    }
}
