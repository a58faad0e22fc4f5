"""The CI integrations, run offline: the pre-commit hook manifest against pre-commit's own
schema and through `pre-commit try-repo`, the GitHub Action's steps and the Azure Pipelines
template's scripts run as their runners would run them, and `--format gitlab` against the
Code Quality report format GitLab documents.

Needs `PIMLINT_BIN` (the CLI the integrations run; `scripts/test-ci.sh` builds it).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import jsonschema
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(os.environ.get("PIMLINT_BIN", ROOT / "target" / "debug" / "pimlint")).resolve()
CLEAN = ROOT / "examples" / "policy-as-code" / "global-administrator-recommended.json"
FINDINGS = ROOT / "examples" / "policy-as-code" / "helpdesk-administrator.json"
PLAN = ROOT / "tests" / "fixtures" / "terraform" / "plan.json"

# GitLab's Code Quality report: a JSON array of Code Climate issues of which GitLab reads
# `description`, `check_name`, `fingerprint`, `severity`, `location.path` and either
# `location.lines.begin` or `location.positions.begin.line`; the fingerprint must be unique
# within the report. Written from GitLab's "Code Quality report format" documentation.
GITLAB_CODE_QUALITY = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["description", "check_name", "fingerprint", "severity", "location"],
        "properties": {
            "type": {"const": "issue"},
            "description": {"type": "string", "minLength": 1},
            "check_name": {"type": "string", "minLength": 1},
            "fingerprint": {"type": "string", "minLength": 1},
            "severity": {"enum": ["info", "minor", "major", "critical", "blocker"]},
            "categories": {"type": "array", "items": {"type": "string"}},
            "content": {
                "type": "object",
                "required": ["body"],
                "properties": {"body": {"type": "string"}},
            },
            "location": {
                "type": "object",
                "required": ["path"],
                "properties": {
                    "path": {"type": "string", "minLength": 1},
                    "lines": {
                        "type": "object",
                        "required": ["begin"],
                        "properties": {
                            "begin": {"type": "integer", "minimum": 1},
                            "end": {"type": "integer", "minimum": 1},
                        },
                    },
                    "positions": {
                        "type": "object",
                        "required": ["begin"],
                        "properties": {
                            "begin": {
                                "type": "object",
                                "required": ["line"],
                                "properties": {"line": {"type": "integer", "minimum": 1}},
                            }
                        },
                    },
                },
                "anyOf": [{"required": ["lines"]}, {"required": ["positions"]}],
            },
        },
    },
}


def env_with_pimlint(**extra: str) -> dict[str, str]:
    """The environment with the CLI under test first on PATH, as an installed `pimlint`."""
    env = dict(os.environ)
    env["PATH"] = f"{BIN.parent}{os.pathsep}{env.get('PATH', '')}"
    env.update(extra)
    return env


def cli_json(*paths: Path) -> dict:
    out = subprocess.run(
        [BIN, "check", "--format", "json", *map(str, paths)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode in (0, 1), out.stderr
    return json.loads(out.stdout)


def finding_count(*paths: Path) -> int:
    report = cli_json(*paths)
    return sum(len(d["diagnostics"]) for f in report["files"] for d in f["documents"])


def render(template: str, values: dict[str, str]) -> str:
    """Expands `${{ expr }}` as the runner does, for the expressions the template uses; an
    expression the test does not know fails it rather than vanishing."""

    def one(match: re.Match[str]) -> str:
        expr = match.group(1).strip()
        if expr not in values:
            pytest.fail(f"the template uses ${{{{ {expr} }}}}, which the test does not know")
        return values[expr]

    return re.sub(r"\$\{\{(.*?)\}\}", one, template)


def assert_sarif(path: Path, expected_results: int) -> None:
    log = json.loads(path.read_text(encoding="utf-8"))
    assert log["version"] == "2.1.0"
    assert "sarif" in log["$schema"]
    results = [r for run in log["runs"] for r in run["results"]]
    assert len(results) == expected_results
    assert all(r["ruleId"].startswith("PIM") for r in results)


# ---- pre-commit ----


def test_hook_manifest_passes_pre_commits_schema() -> None:
    from pre_commit.clientlib import load_manifest

    hooks = {h["id"]: h for h in load_manifest(str(ROOT / ".pre-commit-hooks.yaml"))}
    assert set(hooks) == {"pimlint", "pimlint-terraform-plan"}
    assert hooks["pimlint"]["entry"] == "pimlint check"
    assert hooks["pimlint-terraform-plan"]["entry"] == "pimlint check --format-in terraform"
    # The Terraform hook takes plans by name, and leaves policy files to the other hook.
    plans = re.compile(hooks["pimlint-terraform-plan"]["files"])
    assert plans.search("plan.json") and plans.search("infra/tfplan.json")
    assert not plans.search("policies/helpdesk-administrator.json")


def git(cwd: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=pimlint", "-c", "user.email=pimlint@example.com", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
    )


@pytest.mark.parametrize(
    ("hook", "files", "expected"),
    [
        ("pimlint", [CLEAN], 0),
        ("pimlint", [CLEAN, FINDINGS], 1),
        ("pimlint-terraform-plan", [PLAN], 0),
    ],
)
def test_hooks_run_through_pre_commit(
    tmp_path: Path, hook: str, files: list[Path], expected: int
) -> None:
    # A project that uses the hooks: its own git repository with the files to check. The
    # hooks come from this checkout (try-repo takes uncommitted changes too), offline.
    project = tmp_path / "project"
    project.mkdir()
    names = []
    for f in files:
        name = "plan.json" if hook == "pimlint-terraform-plan" else f.name
        shutil.copy(f, project / name)
        names.append(name)
    git(project, "init", "-q")
    git(project, "add", ".")
    git(project, "commit", "-q", "-m", "policies")
    run = subprocess.run(
        [
            str(Path(os.environ.get("PRE_COMMIT_PYTHON", "python3"))),
            "-m",
            "pre_commit",
            "try-repo",
            str(ROOT),
            hook,
            "--files",
            *names,
            "--color",
            "never",
        ],
        cwd=project,
        env=env_with_pimlint(PRE_COMMIT_HOME=str(tmp_path / "cache")),
        capture_output=True,
        text=True,
        check=False,
    )
    output = run.stdout + run.stderr
    assert run.returncode == expected, output
    assert ("Passed" if expected == 0 else "Failed") in output, output
    if expected:
        assert "PIM" in output, output


# ---- GitHub Action ----


def action() -> dict:
    return yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))


def test_action_metadata_is_a_composite_action_with_documented_inputs() -> None:
    meta = action()
    assert meta["runs"]["using"] == "composite"
    for name, spec in meta["inputs"].items():
        assert spec.get("description"), name
    for step in meta["runs"]["steps"]:
        # A composite action's run steps must name their shell.
        if "run" in step:
            assert step.get("shell") == "bash", step
    install = meta["runs"]["steps"][0]["run"]
    assert "--path" in install
    assert (ROOT / "crates" / "pimlint-cli" / "Cargo.toml").is_file()
    assert '"$GITHUB_ACTION_PATH/crates/pimlint-cli"' in install


@pytest.mark.parametrize(
    ("paths", "expected_exit"),
    [(CLEAN, 0), (FINDINGS, 1)],
)
def test_action_steps_run_on_the_examples(
    tmp_path: Path, paths: Path, expected_exit: int
) -> None:
    meta = action()
    steps = {s.get("id") or s["name"]: s for s in meta["runs"]["steps"]}
    inputs = {f"inputs.{k}": str(v.get("default", "")) for k, v in meta["inputs"].items()}
    inputs["inputs.paths"] = str(paths)
    sarif = tmp_path / "out.sarif"
    inputs["inputs.sarif-file"] = str(sarif)
    output_file = tmp_path / "github_output"
    output_file.touch()

    run = steps["run"]
    env = {k: render(v, inputs) for k, v in run.get("env", {}).items()}
    result = subprocess.run(
        ["bash", "-e", "-c", render(run["run"], inputs)],
        cwd=tmp_path,
        env=env_with_pimlint(GITHUB_ACTION_PATH=str(ROOT), GITHUB_OUTPUT=str(output_file), **env),
        capture_output=True,
        text=True,
        check=False,
    )
    # The step never fails, so the log is uploaded whatever pimlint found.
    assert result.returncode == 0, result.stderr
    outputs = dict(
        line.split("=", 1) for line in output_file.read_text().splitlines() if "=" in line
    )
    assert outputs == {"exit-code": str(expected_exit)}
    assert_sarif(sarif, finding_count(paths))

    # The upload step takes the file the run step wrote.
    upload = steps["Upload to code scanning"]
    assert upload["uses"].startswith("github/codeql-action/upload-sarif@")
    assert render(upload["with"]["sarif_file"], inputs) == str(sarif)

    # The last step fails the job exactly when pimlint found something.
    fail = steps["Fail on findings"]
    values = {**inputs, "steps.run.outputs.exit-code": outputs["exit-code"]}
    condition = fail["if"]
    assert condition == (
        "inputs.fail-on-findings == 'true' && steps.run.outputs.exit-code != '0'"
    )
    runs = values["inputs.fail-on-findings"] == "true" and outputs["exit-code"] != "0"
    if runs:
        last = subprocess.run(["bash", "-c", render(fail["run"], values)], check=False)
        assert last.returncode == expected_exit
    else:
        assert expected_exit == 0


def test_example_workflow_uses_the_action_as_it_is_declared() -> None:
    workflow = yaml.safe_load((ROOT / "ci/examples/github-workflow.yml").read_text())
    assert workflow["permissions"]["security-events"] == "write"
    steps = workflow["jobs"]["pimlint"]["steps"]
    uses = [s for s in steps if "pimlint@" in s.get("uses", "")]
    assert len(uses) == 1
    assert set(uses[0]["with"]) <= set(action()["inputs"])


# ---- GitLab ----


def gitlab_report(cwd: Path, *paths: Path) -> list:
    out = subprocess.run(
        [BIN, "check", "--format", "gitlab", *map(str, paths)],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode in (0, 1), out.stderr
    return json.loads(out.stdout)


def test_gitlab_format_is_a_code_quality_report() -> None:
    paths = [FINDINGS, PLAN, ROOT / "tests/fixtures/terraform/msgraph-plan.json"]
    rel = [p.relative_to(ROOT) for p in paths]
    report = gitlab_report(ROOT, *rel)
    jsonschema.validate(report, GITLAB_CODE_QUALITY)
    assert len(report) == finding_count(*paths) > 0
    fingerprints = [issue["fingerprint"] for issue in report]
    assert len(set(fingerprints)) == len(fingerprints), "fingerprints are unique"
    # Paths are the repository-relative ones GitLab links to.
    assert {i["location"]["path"] for i in report} <= {str(p) for p in rel}
    # A clean file gives an empty report, which GitLab reads as "no issues".
    assert gitlab_report(ROOT, CLEAN.relative_to(ROOT)) == []


def test_gitlab_job_writes_the_report_it_declares(tmp_path: Path) -> None:
    job = yaml.safe_load((ROOT / "ci/gitlab-ci.yml").read_text())["pimlint"]
    artifact = job["artifacts"]["reports"]["codequality"]
    assert job["artifacts"]["when"] == "always"
    install, run = job["script"]
    assert install.startswith("cargo install --locked")
    shutil.copy(FINDINGS, tmp_path / FINDINGS.name)
    # The job's own command, in the project directory: findings do not fail it (the
    # widget shows them), and the report is the file the artifact names.
    result = subprocess.run(
        ["sh", "-e", "-c", run],
        cwd=tmp_path,
        env=env_with_pimlint(),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads((tmp_path / artifact).read_text())
    jsonschema.validate(report, GITLAB_CODE_QUALITY)
    assert len(report) == finding_count(FINDINGS) > 0
    assert {i["location"]["path"] for i in report} == {FINDINGS.name}


# ---- Azure Pipelines ----


def test_azure_pipelines_template_steps_run(tmp_path: Path) -> None:
    template = yaml.safe_load((ROOT / "ci/azure-pipelines.yml").read_text())
    params = {p["name"]: p for p in template["parameters"]}
    assert set(params) == {"paths", "args", "pimlintSource"}
    assert all(p["type"] == "string" for p in params.values())
    names = [s["displayName"] for s in template["steps"]]
    assert names == ["Install pimlint", "Run pimlint", "Publish SARIF", "Fail on findings"]
    publish = template["steps"][2]
    assert publish["task"] == "PublishBuildArtifacts@1"
    assert publish["inputs"]["ArtifactName"] == "CodeAnalysisLogs"

    values = {
        "parameters.paths": str(FINDINGS),
        "parameters.args": str(params["args"]["default"]),
        "parameters.pimlintSource": str(ROOT),
    }
    staging = tmp_path / "staging"

    def script(step: dict) -> str:
        # Azure's macro syntax, `$(Build.ArtifactStagingDirectory)`, after the template's.
        text = render(step["script"], values)
        return text.replace("$(Build.ArtifactStagingDirectory)", str(staging))

    run = subprocess.run(
        ["bash", "-e", "-c", script(template["steps"][1])],
        cwd=tmp_path,
        env=env_with_pimlint(),
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    published = script({"script": publish["inputs"]["PathtoPublish"]})
    assert_sarif(Path(published) / "pimlint.sarif", finding_count(FINDINGS))
    last = subprocess.run(
        ["bash", "-c", script(template["steps"][3])],
        cwd=tmp_path,
        env=env_with_pimlint(),
        capture_output=True,
        check=False,
    )
    assert last.returncode == 1, "the last step fails the job on findings"
