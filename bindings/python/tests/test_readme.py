"""The package README's code blocks run, in order, from the repository root."""

import os
import pathlib
import re

from conftest import REPO

README = pathlib.Path(__file__).resolve().parents[1] / "README.md"


def test_readme_code_blocks_run(capsys):
    blocks = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    assert len(blocks) >= 6
    namespace: dict = {}
    cwd = os.getcwd()
    os.chdir(REPO)
    try:
        for i, block in enumerate(blocks):
            exec(compile(block, f"README.md block {i + 1}", "exec"), namespace)
    finally:
        os.chdir(cwd)
    assert "rejected" in capsys.readouterr().out
