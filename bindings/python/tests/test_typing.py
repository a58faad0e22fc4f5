"""The hand-written stubs agree with the built module."""

import subprocess
import sys


def test_stubtest():
    out = subprocess.run(
        [sys.executable, "-m", "mypy.stubtest", "pimlint._pimlint", "pimlint._errors"],
        capture_output=True, text=True,
    )
    assert out.returncode == 0, out.stdout + out.stderr


def test_readme_style_usage_type_checks(tmp_path):
    sample = tmp_path / "usage.py"
    sample.write_text(
        "import pimlint\n"
        "found: list[pimlint.Diagnostic] = pimlint.lint({'rules': []})\n"
        "line: int | None = found[0].line\n"
        "verdict: pimlint.Verdict = pimlint.validate('{}', '{}', now='2026-01-01T00:00:00Z')\n"
        "rules: tuple[str, ...] = verdict.failed_rules\n"
        "config = pimlint.Config.discover('.')\n"
        "bad: int = pimlint.explain('PIM001')\n"
    )
    out = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--python-version", "3.10", str(sample)],
        capture_output=True, text=True,
    )
    assert 'Incompatible types in assignment (expression has type "str", variable has type "int")' in out.stdout
    assert out.stdout.count("error:") == 1, out.stdout
