//! `gen-export N [PATH] [--array] [--schedules=M]`: writes a synthetic export of N policies
//! (NDJSON, or a JSON array with `--array`) to PATH or standard output; with `--schedules=M`,
//! M schedules and instances follow the policies (NDJSON only).

use std::io::{BufWriter, Write};
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let array = args.iter().any(|a| a == "--array");
    let schedules = args
        .iter()
        .find_map(|a| a.strip_prefix("--schedules="))
        .and_then(|n| n.replace('_', "").parse::<u64>().ok())
        .unwrap_or(0);
    let rest: Vec<&String> = args.iter().filter(|a| !a.starts_with("--")).collect();
    let Some(count) = rest
        .first()
        .and_then(|n| n.replace('_', "").parse::<u64>().ok())
    else {
        let _ = writeln!(
            std::io::stderr(),
            "usage: gen-export N [PATH] [--array] [--schedules=M]"
        );
        return ExitCode::from(2);
    };
    let generator = pimlint_bench::Generator::new();
    let result = if let Some(path) = rest.get(1) {
        std::fs::File::create(path).and_then(|f| {
            let mut out = BufWriter::with_capacity(1 << 20, f);
            generator.write(count, array, &mut out)?;
            generator.write_schedules(if array { 0 } else { schedules }, &mut out)?;
            out.flush()
        })
    } else {
        let mut out = BufWriter::with_capacity(1 << 20, std::io::stdout().lock());
        generator
            .write(count, array, &mut out)
            .and_then(|()| generator.write_schedules(if array { 0 } else { schedules }, &mut out))
            .and_then(|()| out.flush())
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "gen-export: {e}");
            ExitCode::from(2)
        }
    }
}
