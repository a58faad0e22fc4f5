//! Every `pimlint` command the top-level README (and `docs/export.md`) shows is run, and every
//! output it shows is compared with what the real binary prints, so the README cannot drift
//! from the tool.
//!
//! What is checked, from the README's own fenced blocks:
//! - an `sh` block of `pimlint …` commands followed directly by a `text` or `json` block:
//!   the command's output is that block;
//! - a `text` or `json` block right after `<!-- readme-test: [cd DIR &&] pimlint … -->`:
//!   the command's output is that block (the comment does not show when rendered);
//! - an `sh` block of commands without an output: each runs and does not fail with exit code 2;
//!   `cargo run … -- ARGS` runs as `pimlint ARGS`;
//! - the synopsis block (lines with `[--`): every subcommand exists and every flag it shows is in
//!   that subcommand's `--help`, and every subcommand `pimlint --help` lists is shown.
//!
//! Outputs may be abbreviated, and the README says so where they are: in text, a line holding
//! only `…` stands for any number of lines; in JSON, an object may leave members out (and a
//! member named `…` is ignored), and an array may leave elements out. Everything shown must be
//! there, in the order shown.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test code fails loudly"
)]

use std::path::{Path, PathBuf};
use std::process::Command;

use insta_cmd::get_cargo_bin;
use serde_json::Value;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

struct Block {
    lang: String,
    body: String,
    /// The `readme-test` comment on the line before the fence, if any.
    marker: Option<String>,
    /// 1-based line of the opening fence, for messages.
    line: usize,
    /// Whether only blank lines separate it from the block before.
    adjacent: bool,
}

fn blocks(markdown: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut lines = markdown.lines().enumerate().peekable();
    let mut previous = "";
    let mut adjacent = false;
    while let Some((n, line)) = lines.next() {
        if let Some(lang) = line.strip_prefix("```") {
            let mut body = String::new();
            for (_, inner) in lines.by_ref() {
                if inner.starts_with("```") {
                    break;
                }
                body.push_str(inner);
                body.push('\n');
            }
            let marker = previous
                .trim()
                .strip_prefix("<!-- readme-test:")
                .and_then(|rest| rest.strip_suffix("-->"))
                .map(|command| command.trim().to_owned());
            out.push(Block {
                lang: lang.trim().to_owned(),
                body,
                marker,
                line: n + 1,
                adjacent,
            });
            previous = "";
            adjacent = true;
        } else {
            adjacent &= line.trim().is_empty();
            previous = line;
        }
    }
    out
}

/// The commands of a shell block, continuation lines joined and comments dropped.
fn commands(body: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    for line in body.lines() {
        let line = line.split(" #").next().unwrap().trim_end();
        if let Some(start) = line.strip_suffix('\\') {
            current.push_str(start.trim());
            current.push(' ');
        } else {
            current.push_str(line.trim());
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
        }
    }
    out
}

/// `[cd DIR &&] pimlint ARGS` or `cargo run … -- ARGS` as (directory, arguments), or `None`
/// for a command that is not pimlint's.
fn parse_command(command: &str) -> Option<(PathBuf, Vec<String>)> {
    let (dir, command) = match command.strip_prefix("cd ") {
        Some(rest) => {
            let (dir, rest) = rest.split_once("&&").expect("`cd DIR && …`");
            (workspace().join(dir.trim()), rest.trim())
        }
        None => (workspace(), command),
    };
    let args = if let Some(rest) = command.strip_prefix("pimlint ") {
        rest
    } else if command.starts_with("cargo run") {
        command.split_once(" -- ")?.1
    } else {
        return None;
    };
    Some((
        dir,
        args.split_whitespace()
            .map(str::to_owned)
            .collect::<Vec<_>>(),
    ))
}

fn run(dir: &Path, args: &[String]) -> (i32, String) {
    let out = Command::new(get_cargo_bin("pimlint"))
        .current_dir(dir)
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
    )
}

/// Whether `expected` (README text, `…` lines standing for any run of lines) matches `actual`.
fn text_matches(expected: &[&str], actual: &[&str]) -> bool {
    match expected.split_first() {
        None => actual.is_empty(),
        Some((&"…", rest)) => (0..=actual.len()).any(|skip| text_matches(rest, &actual[skip..])),
        Some((line, rest)) => actual.split_first().is_some_and(|(first, actual_rest)| {
            first.trim_end() == line.trim_end() && text_matches(rest, actual_rest)
        }),
    }
}

/// Whether `actual` holds everything `expected` shows (see the module documentation).
fn json_matches(expected: &Value, actual: &Value) -> bool {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => e
            .iter()
            .filter(|(k, _)| k.as_str() != "…")
            .all(|(k, v)| a.get(k).is_some_and(|found| json_matches(v, found))),
        (Value::Array(e), Value::Array(a)) => {
            let mut rest = a.iter();
            e.iter()
                .all(|item| rest.any(|found| json_matches(item, found)))
        }
        _ => expected == actual,
    }
}

/// A JSON block holds one value, or one value per line (JSON Lines).
fn json_values(text: &str) -> Vec<Value> {
    serde_json::Deserializer::from_str(text)
        .into_iter::<Value>()
        .collect::<Result<_, _>>()
        .unwrap_or_else(|e| panic!("not JSON ({e}):\n{text}"))
}

fn check_output(file: &str, block: &Block, command: &str) -> Result<(), String> {
    let (dir, args) =
        parse_command(command).unwrap_or_else(|| panic!("not a pimlint command: {command}"));
    let (_, stdout) = run(&dir, &args);
    let ok = match block.lang.as_str() {
        "text" => text_matches(
            &block.body.lines().collect::<Vec<_>>(),
            &stdout.lines().collect::<Vec<_>>(),
        ),
        "json" => {
            let expected = Value::Array(json_values(&block.body));
            let actual = Value::Array(json_values(&stdout));
            json_matches(&expected, &actual)
        }
        other => panic!("{file}:{}: cannot compare a ```{other} block", block.line),
    };
    if ok {
        Ok(())
    } else {
        Err(format!(
            "{file}:{}: `{command}` prints something else than it shows:\n--- {file}\n{}--- pimlint\n{stdout}",
            block.line, block.body
        ))
    }
}

fn check_synopsis(body: &str) -> Result<(), String> {
    let mut problems = Vec::new();
    let mut shown = Vec::new();
    // A synopsis continues a command on indented lines.
    let mut synopsis: Vec<String> = Vec::new();
    for line in body.lines() {
        match synopsis.last_mut() {
            Some(last) if !line.starts_with("pimlint") => last.push_str(line),
            _ => synopsis.push(line.to_owned()),
        }
    }
    for command in synopsis {
        let mut words = command.split_whitespace();
        assert_eq!(words.next(), Some("pimlint"), "synopsis line: {command}");
        let sub = words.next().unwrap().to_owned();
        let (code, help) = run(&workspace(), &[sub.clone(), "--help".into()]);
        if code != 0 {
            problems.push(format!("`pimlint {sub}` is not a subcommand"));
            continue;
        }
        for flag in command
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
            .filter(|w| w.starts_with("--"))
        {
            if !help.contains(flag) {
                problems.push(format!("`pimlint {sub} --help` does not list {flag}"));
            }
        }
        shown.push(sub);
    }
    let (_, help) = run(&workspace(), &["--help".into()]);
    let listed = help
        .split("Commands:")
        .nth(1)
        .unwrap()
        .split("\n\n")
        .next()
        .unwrap()
        .lines()
        // A command's description may wrap onto more deeply indented lines.
        .filter_map(|l| l.strip_prefix("  ").filter(|l| !l.starts_with(' ')))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|&sub| sub != "help");
    for sub in listed {
        if !shown.iter().any(|s| s == sub) {
            problems.push(format!("the synopsis does not show `pimlint {sub}`"));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("\n"))
    }
}

/// Runs the commands and compares the outputs a Markdown file of the workspace shows:
/// the problems found, the outputs compared and the commands run.
fn check_markdown(file: &str) -> (Vec<String>, usize, usize) {
    let text = std::fs::read_to_string(workspace().join(file)).unwrap();
    let blocks = blocks(&text);
    let mut problems = Vec::new();
    let mut outputs_checked = 0;
    let mut commands_run = 0;
    let mut i = 0;
    while i < blocks.len() {
        let block = &blocks[i];
        let next_is_output = blocks.get(i + 1).is_some_and(|b| {
            b.adjacent && b.marker.is_none() && matches!(b.lang.as_str(), "text" | "json")
        });
        if let Some(command) = &block.marker {
            problems.extend(check_output(file, block, command).err());
            outputs_checked += 1;
        } else if block.lang == "sh" && block.body.contains("[--") {
            problems.extend(check_synopsis(&block.body).err());
        } else if block.lang == "sh" && next_is_output {
            let command = commands(&block.body);
            assert_eq!(
                command.len(),
                1,
                "{file}:{}: one command before its output",
                block.line
            );
            problems.extend(check_output(file, &blocks[i + 1], &command[0]).err());
            outputs_checked += 1;
            i += 1;
        } else if block.lang == "sh" {
            for command in commands(&block.body) {
                if let Some((dir, args)) = parse_command(&command) {
                    let (code, _) = run(&dir, &args);
                    commands_run += 1;
                    if code == 2 {
                        problems.push(format!(
                            "{file}:{}: `{command}` exits 2 (unreadable input or bad command line)",
                            block.line
                        ));
                    }
                }
            }
        }
        i += 1;
    }
    (problems, outputs_checked, commands_run)
}

#[test]
fn readme_commands_and_outputs_are_current() {
    let (problems, outputs_checked, commands_run) = check_markdown("README.md");
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
    // The README shows the validate example, the hero finding, `check --format json`,
    // json-lines and `validate --format json`; a parser that found none would pass vacuously.
    assert!(
        outputs_checked >= 5,
        "only {outputs_checked} outputs checked"
    );
    assert!(commands_run >= 1, "no command run");
}

#[test]
fn export_guide_commands_and_outputs_are_current() {
    let (problems, outputs_checked, commands_run) = check_markdown("docs/export.md");
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
    // The guide checks the example export and a PowerShell export, and shows what they find.
    assert!(
        outputs_checked >= 2,
        "only {outputs_checked} outputs checked"
    );
    assert!(commands_run >= 1, "no command run");
}

#[test]
fn abbreviations_match_as_documented() {
    let actual = ["a", "b", "c", "d"];
    assert!(text_matches(&["a", "…", "d"], &actual));
    assert!(text_matches(&["…", "c", "…"], &actual));
    assert!(!text_matches(&["a", "c"], &actual));
    let actual: Value = serde_json::json!({"x": [1, 2, 3], "y": {"z": 1, "w": 2}});
    assert!(json_matches(
        &serde_json::json!({"x": [1, 3], "y": {"z": 1, "…": "more"}}),
        &actual
    ));
    assert!(!json_matches(&serde_json::json!({"x": [3, 1]}), &actual));
    assert!(!json_matches(&serde_json::json!({"y": {"z": 2}}), &actual));
}
