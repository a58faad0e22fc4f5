//! Fixes: every rule's fix turns its `invalid-*.json` fixture into the reviewed
//! `fixed/invalid-*.json` beside it; applying every safe fix to every fixture and example is
//! idempotent and never introduces a finding. `PIMLINT_UPDATE_FIXES=1` rewrites the `fixed/`
//! files (read the diff before committing).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test code fails loudly"
)]

mod support;

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use pimlint::fix::{Applicability, fix_text, fix_text_with};
use pimlint::{Options, Severity};

use support::{json_files, workspace};

/// The options a fixture is checked with: its folder's pimlint.toml, if any.
fn options_for(path: &Path) -> Options {
    let config = path.parent().unwrap().join("pimlint.toml");
    Options {
        config: if config.is_file() {
            pimlint::config::Config::from_path(&config).unwrap()
        } else {
            pimlint::config::Config::default()
        },
        ..Options::default()
    }
}

/// The rules whose fixes have a before/after pair (a rule that attaches a fix without one
/// fails `every_fix_has_a_before_and_after`).
const FIXABLE: [&str; 19] = [
    "PIM007", "PIM008", "PIM017", "PIM102", "PIM103", "PIM107", "PIM201", "PIM202", "PIM203",
    "PIM204", "PIM211", "PIM301", "PIM302", "PIM303", "PIM304", "PIM307", "PIM308", "PIM401",
    "PIM411",
];

#[test]
fn every_fix_has_a_before_and_after() {
    let update = std::env::var_os("PIMLINT_UPDATE_FIXES").is_some();
    let mut with_pairs = BTreeSet::new();
    let mut fixtures = Vec::new();
    fixtures.extend(json_files(&workspace().join("rules")));
    for path in fixtures {
        let name = path.file_name().unwrap().to_str().unwrap().to_owned();
        let folder = path.parent().unwrap();
        if !name.starts_with("invalid-") || folder.ends_with("fixed") {
            continue;
        }
        let code = folder
            .file_name()
            .unwrap()
            .to_str()
            .unwrap()
            .split_once('-')
            .unwrap()
            .0
            .to_owned();
        let text = std::fs::read_to_string(&path).unwrap();
        let options = options_for(&path);
        let Ok(fixed) = fix_text_with(&text, &options, |d| d.code == code) else {
            panic!("{}: the fixes do not apply", path.display());
        };
        let after = folder.join("fixed").join(&name);
        if !fixed.changed() {
            assert!(
                !after.exists(),
                "{}: no fix applies, but {} exists",
                path.display(),
                after.display()
            );
            continue;
        }
        with_pairs.insert(code.clone());
        // The fix answers the finding: none of the rule's fixable findings is left.
        let left: Vec<_> = fixed
            .reports
            .iter()
            .flat_map(|r| &r.diagnostics)
            .filter(|d| d.code == code && d.fix.is_some())
            .map(|d| d.pointer.to_string())
            .collect();
        assert!(
            left.is_empty(),
            "{}: still {code} at {left:?}",
            path.display()
        );
        if update {
            std::fs::create_dir_all(after.parent().unwrap()).unwrap();
            std::fs::write(&after, &fixed.text).unwrap();
            continue;
        }
        let expected = std::fs::read_to_string(&after).unwrap_or_else(|_| {
            panic!(
                "{}: its fix has no after file {} (PIMLINT_UPDATE_FIXES=1 writes it)",
                path.display(),
                after.display()
            )
        });
        assert_eq!(
            fixed.text,
            expected,
            "{}: the fix differs from {}",
            path.display(),
            after.display()
        );
    }
    let missing: Vec<_> = FIXABLE
        .iter()
        .filter(|c| !with_pairs.contains(**c))
        .collect();
    assert!(
        missing.is_empty(),
        "no before/after fixture for {missing:?}"
    );
    let unlisted: Vec<_> = with_pairs
        .iter()
        .filter(|c| !FIXABLE.contains(&c.as_str()))
        .collect();
    assert!(unlisted.is_empty(), "add {unlisted:?} to FIXABLE");
}

/// Every document a test or the README reads.
fn corpus() -> Vec<PathBuf> {
    let mut files = Vec::new();
    for dir in ["rules", "examples", "tests/fixtures", "tests/upstream"] {
        files.extend(json_files(&workspace().join(dir)));
    }
    files
        .into_iter()
        .filter(|p| {
            std::fs::read(p)
                .ok()
                .and_then(|b| pimlint::decode(&b).ok().map(std::borrow::Cow::into_owned))
                .is_some_and(|t| pimlint::check_str(&t, &Options::default()).is_ok())
        })
        .collect()
}

fn findings(reports: &[pimlint::DocumentReport]) -> BTreeSet<(String, String)> {
    reports
        .iter()
        .flat_map(|r| &r.diagnostics)
        .filter(|d| d.severity >= Severity::Info)
        .map(|d| (d.code.to_owned(), d.pointer.to_string()))
        .collect()
}

#[test]
fn safe_fixes_are_idempotent_and_never_add_a_finding() {
    let mut fixed_files = 0;
    for path in corpus() {
        let bytes = std::fs::read(&path).unwrap();
        let text = pimlint::decode(&bytes).unwrap().into_owned();
        let options = options_for(&path);
        let before = pimlint::check_str(&text, &options).unwrap();
        let once =
            fix_text(&text, &options, false).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert!(
            once.applied
                .iter()
                .all(|a| a.fix.applicability == Applicability::Safe)
        );
        let twice = fix_text(&once.text, &options, false).unwrap();
        assert!(
            !twice.changed(),
            "{}: a second --fix changed {:?}",
            path.display(),
            twice.applied
        );
        // A value a fix made readable is judged for the first time ("P8H" becomes "PT8H",
        // which may be longer than the role's limit): that finding is not introduced by the
        // fix but was hidden by the misspelling. Any other new finding is.
        let edited: BTreeSet<String> = once
            .applied
            .iter()
            .flat_map(|a| &a.fix.edits)
            .map(|e| e.path().to_string())
            .collect();
        let added: Vec<_> = findings(&once.reports)
            .difference(&findings(&before))
            .filter(|(code, at)| code.starts_with("PIM0") || !edited.contains(at))
            .cloned()
            .collect();
        assert!(
            added.is_empty(),
            "{}: the safe fixes introduced {added:?}",
            path.display()
        );
        fixed_files += usize::from(once.changed());
    }
    assert!(fixed_files >= 8, "only {fixed_files} files had a safe fix");
}

#[test]
fn unsafe_fixes_reach_a_fixed_point() {
    for path in corpus() {
        let text = pimlint::decode(&std::fs::read(&path).unwrap())
            .unwrap()
            .into_owned();
        let options = options_for(&path);
        let once =
            fix_text(&text, &options, true).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let twice = fix_text(&once.text, &options, true).unwrap();
        assert!(
            !twice.changed(),
            "{}: a second --fix --unsafe-fixes changed {:?}",
            path.display(),
            twice.applied
        );
        assert!(
            once.remaining_fixes().next().is_none(),
            "{}: fixes left after --unsafe-fixes: {:?}",
            path.display(),
            once.remaining_fixes()
                .map(|d| (d.code, d.pointer.to_string()))
                .collect::<Vec<_>>()
        );
    }
}

#[test]
fn the_policy_as_code_example_differs_only_at_the_fixed_values() {
    let path = workspace().join("examples/policy-as-code/helpdesk-administrator.json");
    let text = std::fs::read_to_string(&path).unwrap();
    let fixed = fix_text(&text, &Options::default(), false).unwrap();
    let changed: Vec<(&str, &str)> = text
        .lines()
        .zip(fixed.text.lines())
        .filter(|(a, b)| a != b)
        .collect();
    assert_eq!(
        changed,
        vec![
            (
                r#"        "isExpirationRequired": "true","#,
                r#"        "isExpirationRequired": true,"#
            ),
            (
                r#"        "maximumDuration": "P8H","#,
                r#"        "maximumDuration": "PT8H","#
            ),
        ]
    );
    assert_eq!(text.lines().count(), fixed.text.lines().count());
    let codes: Vec<_> = fixed.applied.iter().map(|a| a.code).collect();
    assert_eq!(codes, ["PIM007", "PIM008"]);
}

/// A finding on a converted input has its fix made in the file as written where the value
/// is a literal at one place there (an ARM template's literal property, an EasyPIM setting of
/// one policy), each before/after pair in `tests/fixtures/fix-source/`; every other fix says
/// why it is not applied (a template expression, a template several EasyPIM policies share,
/// a value the source spells another way).
#[test]
fn converted_inputs_are_fixed_in_the_source_where_the_value_is_a_literal() {
    let update = std::env::var_os("PIMLINT_UPDATE_FIXES").is_some();
    let dir = workspace().join("tests/fixtures/fix-source");
    // The parameters' default values, so that an expression's value is known.
    let options = Options {
        parameters: Some(serde_json::json!({ "parameters": {} })),
        ..Options::default()
    };
    let mut reasons = String::new();
    for name in ["arm-template.json", "easypim-shared-template.json"] {
        let path = dir.join(name);
        let text = std::fs::read_to_string(&path).unwrap();
        let fixed = fix_text(&text, &options, true).unwrap();
        assert!(fixed.changed(), "{name}: no fix was made in the source");
        let after = dir.join("fixed").join(name);
        if update {
            std::fs::create_dir_all(after.parent().unwrap()).unwrap();
            std::fs::write(&after, &fixed.text).unwrap();
        } else {
            assert_eq!(
                fixed.text,
                std::fs::read_to_string(&after).unwrap(),
                "{name}: the fixes differ from {}",
                after.display()
            );
        }
        let again = fix_text(&fixed.text, &options, true).unwrap();
        assert!(!again.changed(), "{name}: a second --fix changed something");
        let _ = writeln!(reasons, "{name}");
        for d in fixed.reports.iter().flat_map(|r| &r.diagnostics) {
            assert!(d.fix.is_none(), "{name}: a fix is left at {}", d.pointer);
            if let Some(why) = &d.fix_not_applied {
                let _ = writeln!(reasons, "  {} at {}: {why}", d.code, d.pointer);
            }
        }
    }
    assert_eq!(
        reasons,
        "arm-template.json
  PIM102 at /resources/0/properties/rules/2/maximumDuration: the value is the template expression `[parameters('maximumActivation')]`: change it where its value is set
easypim-shared-template.json
  PIM102 at /PolicyTemplates/Standard/ActivationDuration: the value is set by EasyPIM policy template `Standard`, which 2 policies share: fixing it there changes them all; give this policy its own setting
  PIM102 at /PolicyTemplates/Standard/ActivationDuration: the value is set by EasyPIM policy template `Standard`, which 2 policies share: fixing it there changes them all; give this policy its own setting
  PIM301 at /AzureRoles/Policies/Owner/AllowPermanentEligibility: the file writes true where the API document has false: the source spells it another way, so change it by hand
"
    );
}

/// Files that are never edited keep every byte, and each fixable finding says why.
#[test]
fn generated_inputs_are_never_edited_and_say_why() {
    for (file, why) in [
        (
            "tests/fixtures/arm-template/policy.json",
            "the file is Bicep build output",
        ),
        (
            "tests/fixtures/terraform/plan.json",
            "the file is a Terraform plan or state",
        ),
        (
            "tests/fixtures/powershell/graph-sdk-policy-rules-list.json",
            "the file is a PowerShell export",
        ),
        (
            "tests/fixtures/legacy/iteration2-aadroles-role-setting.json",
            "the file is in the shape of PIM's older APIs",
        ),
    ] {
        let text = std::fs::read_to_string(workspace().join(file)).unwrap();
        let fixed = fix_text(&text, &Options::default(), true).unwrap();
        assert!(!fixed.changed(), "{file} was edited");
        let reasons: Vec<&str> = fixed
            .reports
            .iter()
            .flat_map(|r| &r.diagnostics)
            .filter_map(|d| d.fix_not_applied.as_deref())
            .collect();
        assert!(
            !reasons.is_empty(),
            "{file}: no finding says why it is not fixed"
        );
        assert!(
            reasons.iter().all(|r| r.starts_with(why)),
            "{file}: {reasons:?}"
        );
    }
}
