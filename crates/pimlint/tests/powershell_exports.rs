//! PowerShell exports are read end to end: every finding points at a place that exists in the
//! file as written, what an export lost is said, and a truncated export is a located error.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test code fails loudly"
)]

use std::path::Path;

use pimlint::{Locator, Options};

fn fixtures() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/powershell");
    let mut out: Vec<(String, String)> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.extension()
                .is_some_and(|x| x.eq_ignore_ascii_case("json"))
        })
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap();
            let text = pimlint::decode(&bytes).unwrap().into_owned();
            (p.file_name().unwrap().to_string_lossy().into_owned(), text)
        })
        .collect();
    out.sort();
    out
}

#[test]
fn every_finding_points_into_the_export_as_written() {
    let fixtures = fixtures();
    assert!(fixtures.len() >= 10);
    for (name, text) in &fixtures {
        let reports = pimlint::check_str(text, &Options::default()).unwrap();
        let locator = Locator::new(text);
        if name.contains("truncated") {
            let error = reports[0]
                .error
                .as_deref()
                .expect("a truncated export is an error");
            assert!(error.contains("-Depth"), "{name}: {error}");
            assert!(locator.locate(&reports[0].pointer).unwrap().exact, "{name}");
            continue;
        }
        for report in &reports {
            assert!(report.error.is_none(), "{name}: {:?}", report.error);
            for d in &report.diagnostics {
                let at = locator.locate(&d.pointer).unwrap();
                assert!(at.exact, "{name}: {} {} not in the file", d.code, d.pointer);
                assert!(
                    !(d.code.starts_with("PIM0") && d.severity >= pimlint::Severity::Warning),
                    "{name}: structural finding {} at {}: {}",
                    d.code,
                    d.pointer,
                    d.message
                );
            }
        }
    }
}

#[test]
fn a_finding_on_a_graph_sdk_export_names_the_member_as_written() {
    let (_, text) = fixtures()
        .into_iter()
        .find(|(n, _)| n == "scubagear-privileged-roles.json")
        .unwrap();
    let reports = pimlint::check_str(&text, &Options::default()).unwrap();
    let pointers: Vec<String> = reports
        .iter()
        .flat_map(|r| &r.diagnostics)
        .filter(|d| d.code == "PIM102")
        .map(|d| d.pointer.to_string())
        .collect();
    assert_eq!(pointers, ["/privileged_roles/0/Rules/10/MaximumDuration"]);
}

#[test]
fn what_an_export_lost_is_unknown_and_said() {
    let (_, text) = fixtures()
        .into_iter()
        .find(|(n, _)| n == "graph-sdk-policy-expand-rules.json")
        .unwrap();
    let reports = pimlint::check_str(&text, &Options::default()).unwrap();
    let codes: Vec<&str> = reports
        .iter()
        .flat_map(|r| &r.diagnostics)
        .map(|d| d.code)
        .collect();
    // Every rule lost its settings: nothing can be judged, and nothing is guessed.
    assert!(codes.iter().all(|c| *c == "PIM018"), "{codes:?}");
    assert_eq!(codes.len(), 17);
}

#[test]
fn what_an_export_lost_follows_the_configuration() {
    let (_, text) = fixtures()
        .into_iter()
        .find(|(n, _)| n == "graph-sdk-policy-expand-rules.json")
        .unwrap();
    let options = Options {
        config: pimlint::config::Config::from_toml(r#"ignore = ["partial-read"]"#, false).unwrap(),
        ..Options::default()
    };
    let reports = pimlint::check_str(&text, &options).unwrap();
    assert!(reports.iter().all(|r| r.diagnostics.is_empty()));
}
