//! `parse-floor value|ignored PATH`: parses every line of an NDJSON file with `serde_json`
//! into `serde_json::Value` or into `IgnoredAny` (the floor: syntax only), on one thread.
//! The whole-process baseline `just bench` compares `pimlint check` with.

use std::io::{BufRead, BufReader, Write};
use std::process::ExitCode;

use serde::de::IgnoredAny;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(mode), Some(path)) = (args.first(), args.get(1)) else {
        let _ = writeln!(std::io::stderr(), "usage: parse-floor value|ignored PATH");
        return ExitCode::from(2);
    };
    let Ok(file) = std::fs::File::open(path) else {
        let _ = writeln!(std::io::stderr(), "parse-floor: cannot open {path}");
        return ExitCode::from(2);
    };
    let mut reader = BufReader::with_capacity(1 << 20, file);
    let mut line = String::new();
    let (mut documents, mut failures) = (0u64, 0u64);
    loop {
        line.clear();
        match reader.read_line(&mut line) {
            Ok(0) | Err(_) => break,
            Ok(_) => {}
        }
        let ok = if mode == "value" {
            serde_json::from_str::<serde_json::Value>(&line).is_ok()
        } else {
            serde_json::from_str::<IgnoredAny>(&line).is_ok()
        };
        documents += 1;
        failures += u64::from(!ok);
    }
    let _ = writeln!(
        std::io::stdout(),
        "{documents} documents, {failures} not parsed"
    );
    ExitCode::SUCCESS
}
