//! Long streams: read, linted and written batch after batch, in the order of the input, on
//! one thread or several.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test code fails loudly"
)]

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use insta_cmd::get_cargo_bin;
use serde_json::Value;

/// The first policy of the streaming fixture: one line with findings.
fn policy_line() -> String {
    let export =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/stream/export.ndjson");
    let text = std::fs::read_to_string(export).unwrap();
    text.lines().next().unwrap().to_owned()
}

fn write(name: &str, bytes: &[u8]) -> PathBuf {
    let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// `text` in UTF-16 with its byte order mark, as Windows PowerShell 5.1's `Out-File` writes it.
fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    let mark = if big_endian {
        [0xFE, 0xFF]
    } else {
        [0xFF, 0xFE]
    };
    mark.into_iter()
        .chain(text.encode_utf16().flat_map(|u| {
            if big_endian {
                u.to_be_bytes()
            } else {
                u.to_le_bytes()
            }
        }))
        .collect()
}

/// `pimlint check --format json-lines --threads N PATH`: its exit code and output lines.
fn check(path: &Path, threads: &str) -> (i32, Vec<Value>) {
    let out = Command::new(get_cargo_bin("pimlint"))
        .args(["check", "--format", "json-lines", "--threads", threads])
        .arg(path)
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let lines = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect();
    (out.status.code().unwrap(), lines)
}

/// [`check`] on one thread and on two, which write the same lines in the same order.
fn check_on_one_thread_and_two(path: &Path) -> (i32, Vec<Value>) {
    let (code, one) = check(path, "1");
    let (_, two) = check(path, "2");
    assert_eq!(
        one, two,
        "one thread and two write the same, in the same order"
    );
    (code, one)
}

/// How many findings each input line has, in the order they were written.
fn findings_per_line(output: &[Value]) -> Vec<(u64, usize)> {
    let mut counts: Vec<(u64, usize)> = Vec::new();
    for finding in output.iter().filter(|v| v.get("code").is_some()) {
        let line = finding["line"].as_u64().unwrap();
        match counts.last_mut() {
            Some((l, n)) if *l == line => *n += 1,
            _ => counts.push((line, 1)),
        }
    }
    counts
}

#[test]
fn a_long_stream_is_written_whole_and_in_order_up_to_a_file_error() {
    // 300 policies, the 250th line not UTF-8: the stream stops there, after several batches.
    let policy = policy_line();
    let mut bytes = Vec::new();
    for line in 1..=300 {
        if line == 250 {
            bytes.extend_from_slice(b"{\"id\": \"\xff\"}\n");
        } else {
            bytes.extend_from_slice(policy.as_bytes());
            bytes.push(b'\n');
        }
    }
    let path = write("long-stream.ndjson", &bytes);
    let (code, one) = check_on_one_thread_and_two(&path);
    assert_eq!(code, 2, "unreadable input");

    let per_line = findings_per_line(&one);
    let expected = per_line[0].1;
    assert!(expected > 0);
    let lines: Vec<u64> = per_line.iter().map(|(l, _)| *l).collect();
    assert_eq!(
        lines,
        (1..250).collect::<Vec<u64>>(),
        "every line before the error, in order"
    );
    assert!(per_line.iter().all(|(_, n)| *n == expected), "{per_line:?}");

    let errors: Vec<&Value> = one.iter().filter(|v| v.get("error").is_some()).collect();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0]["error"]["line"], 250);
    let summary = &one.last().unwrap()["summary"];
    assert_eq!(summary["documents"], 249);
    assert_eq!(summary["unreadable"], 1);
}

#[test]
fn a_long_array_is_written_in_order_with_a_broken_document_in_place() {
    // A JSON array of 200 policies, one per line; the 181st (`/180`) is not valid JSON.
    let policy = policy_line();
    let documents: Vec<&str> = (0..200)
        .map(|i| {
            if i == 180 {
                "{\"id\": \"x\"]"
            } else {
                policy.as_str()
            }
        })
        .collect();
    let text = format!("[\n{}\n]\n", documents.join(",\n"));
    let path = write("long-array.json", text.as_bytes());
    let (code, one) = check_on_one_thread_and_two(&path);
    assert_eq!(code, 2, "unreadable input");

    // Document `i` is on line `i + 2`; the error is written where its document is.
    let lines: Vec<u64> = one
        .iter()
        .filter_map(|v| v.get("line").or_else(|| v.get("error")?.get("line")))
        .map(|l| l.as_u64().unwrap())
        .collect();
    let mut places = lines.clone();
    places.dedup();
    assert_eq!(places, (2..=201).collect::<Vec<u64>>());
    assert!(lines.is_sorted());
    let error = one.iter().find(|v| v.get("error").is_some()).unwrap();
    assert_eq!(error["error"]["pointer"], "/180");
    assert_eq!(error["error"]["line"], 182);
    let per_line: BTreeMap<u64, usize> = findings_per_line(&one).into_iter().collect();
    assert_eq!(per_line.len(), 199);
    assert!(
        per_line.values().all(|n| *n == per_line[&2]),
        "{per_line:?}"
    );
    assert_eq!(one.last().unwrap()["summary"]["documents"], 199);
}

/// Checks the file `name` holding `text` streamed (JSON lines, on one thread and on two) and
/// read whole (text output): both fail as invalid JSON, `message`, at `line:column`; streamed,
/// the `checked` documents before the fault are checked first.
fn the_same_error_streamed_and_whole(
    name: &str,
    text: &str,
    message: &str,
    (line, column): (u64, u64),
    checked: usize,
) {
    let path = write(name, text.as_bytes());
    let (code, streamed) = check_on_one_thread_and_two(&path);
    assert_eq!(code, 2, "unreadable input");
    let error = streamed
        .iter()
        .find_map(|v| v.get("error"))
        .expect("an error");
    assert!(
        error["message"]
            .as_str()
            .is_some_and(|m| m.starts_with("invalid JSON: ") && m.contains(message)),
        "{error}"
    );
    assert_eq!(
        (error["line"].as_u64(), error["column"].as_u64()),
        (Some(line), Some(column))
    );
    assert_eq!(
        findings_per_line(&streamed).len(),
        checked,
        "the documents before the fault are checked"
    );

    let whole = Command::new(get_cargo_bin("pimlint"))
        .arg("check")
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(whole.status.code(), Some(2));
    let report = String::from_utf8_lossy(&whole.stdout);
    assert!(
        report.contains(&format!("{name}:{line}:{column}: invalid JSON: {message}")),
        "{report}"
    );
}

#[test]
fn a_missing_comma_between_documents_is_an_error_streamed_or_not() {
    let policy = policy_line();
    the_same_error_streamed_and_whole(
        "missing-comma.json",
        &format!("[\n{policy}\n{policy}\n]\n"),
        "expected `,` or `]`",
        (3, 1),
        1,
    );
}

#[test]
fn a_list_response_s_own_members_are_checked_streamed_or_not() {
    // A fault after the `value` array of a list response.
    let policy = policy_line();
    the_same_error_streamed_and_whole(
        "list-response-member.json",
        &format!(
            "{{\"@odata.context\": \"x\",\n\"value\": [\n{policy},\n{policy}\n] \"@odata.nextLink\": \"y\"}}\n"
        ),
        "expected `,` or `}`",
        (5, 3),
        2,
    );
}

/// The lines of a JSON-lines output with the path left out.
fn without_path(lines: &[Value]) -> Vec<Value> {
    lines
        .iter()
        .map(|line| {
            let mut line = line.clone();
            if let Some(object) = line.as_object_mut() {
                object.remove("path");
            }
            line
        })
        .collect()
}

#[test]
fn utf16_files_are_streamed_as_utf8_ones() {
    // What Windows PowerShell 5.1's `Out-File` writes: UTF-16 with a byte order mark. A
    // character outside the BMP is a surrogate pair there; the columns count characters.
    let policy = policy_line().replacen('{', "{\"note\": \"é🔐\", ", 1);
    let text = format!("[\n{policy},\n{policy}\n]\n");
    let (code, expected) = check(&write("array-utf8.json", text.as_bytes()), "2");
    assert_eq!(findings_per_line(&expected).len(), 2, "{expected:?}");
    for (name, bytes) in [
        ("array-utf16le.json", utf16(&text, false)),
        ("array-utf16be.json", utf16(&text, true)),
    ] {
        let (found, lines) = check_on_one_thread_and_two(&write(name, &bytes));
        assert_eq!(found, code, "{name}");
        assert_eq!(without_path(&lines), without_path(&expected), "{name}");
    }
}

#[test]
fn a_streamed_utf16_fault_is_told_as_a_file_read_whole_tells_it() {
    // An unpaired surrogate on the second line: the first is checked, then the fault is told
    // with the byte offset a whole read gives, never read past or replaced.
    let policy = policy_line();
    let mut bytes = utf16(&format!("{policy}\n{policy}\n{policy}\n"), false);
    let at = 2 + 2 * (policy.encode_utf16().count() + 1) + 20;
    bytes[at..at + 2].copy_from_slice(&0xD800u16.to_le_bytes());
    let whole = pimlint::decode(&bytes).unwrap_err().to_string();
    assert!(whole.contains(&format!("byte offset {at}")), "{whole}");
    let (code, lines) = check(&write("fault-utf16.ndjson", &bytes), "1");
    assert_eq!(code, 2);
    assert_eq!(findings_per_line(&lines).len(), 1, "{lines:?}");
    let errors: Vec<&Value> = lines.iter().filter(|l| l.get("error").is_some()).collect();
    assert_eq!(errors.len(), 1, "{lines:?}");
    let error = errors[0].to_string();
    assert!(error.contains(&whole), "{error}");
}

#[test]
fn utf16_on_stdin_is_read_when_the_pipe_gives_one_byte_first() {
    // The byte order mark is two bytes; a pipe may deliver the first of them alone.
    let policy = policy_line();
    let (code, expected) = check(
        &write("line-utf8.ndjson", format!("{policy}\n").as_bytes()),
        "1",
    );
    assert_eq!(findings_per_line(&expected).len(), 1, "{expected:?}");
    let bytes = utf16(&format!("{policy}\n"), false);
    let mut child = Command::new(get_cargo_bin("pimlint"))
        .args([
            "check",
            "--format",
            "json-lines",
            "--format-in",
            "ndjson",
            "-",
        ])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(&bytes[..1]).unwrap();
    stdin.flush().unwrap();
    // Long enough for the first read to return the one byte.
    std::thread::sleep(std::time::Duration::from_millis(300));
    stdin.write_all(&bytes[1..]).unwrap();
    drop(stdin);
    let out = child.wait_with_output().unwrap();
    let lines: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(out.status.code(), Some(code));
    assert_eq!(without_path(&lines), without_path(&expected));
}

#[test]
fn statistics_name_what_could_not_be_checked() {
    // Streamed (NDJSON) and read whole, what could not be checked is listed with its place
    // and counted in the closing line.
    let policy = policy_line();
    let ndjson = write(
        "statistics.ndjson",
        format!("{policy}\n{{\"rules\": [\n{policy}\n").as_bytes(),
    );
    let whole = write(
        "statistics.json",
        format!("[\n{policy},\n{{\"hello\": 1}}\n]\n").as_bytes(),
    );
    for (path, place) in [(&ndjson, ":2:11: error: "), (&whole, ":3:1: error: ")] {
        let out = Command::new(get_cargo_bin("pimlint"))
            .args(["check", "--statistics"])
            .arg(path)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        let text = String::from_utf8(out.stdout).unwrap();
        let name = path.file_name().unwrap().to_str().unwrap();
        let Some((_, listed)) = text.split_once("\nnot checked:\n") else {
            panic!("{text}");
        };
        assert!(
            listed
                .lines()
                .next()
                .is_some_and(|l| l.starts_with("  ") && l.contains(name) && l.contains(place)),
            "{text}"
        );
        assert!(
            text.lines()
                .last()
                .is_some_and(|l| l.starts_with("1 input could not be checked. ")),
            "{text}"
        );
    }
}
