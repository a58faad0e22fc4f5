"""Every code block of the package README runs on its own.

Each block gets a fresh namespace and runs from an empty temporary directory, as a reader who
copies one block into a file would run it: a block that needs a name, an import or a relative
path from elsewhere fails here.
"""

import pathlib
import re

import pytest

README = pathlib.Path(__file__).resolve().parents[1] / "README.md"
BLOCKS = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.S)


def test_readme_has_the_blocks_it_should():
    assert len(BLOCKS) >= 8
    assert any("kind=" in block for block in BLOCKS)


@pytest.mark.parametrize("index", range(len(BLOCKS)), ids=lambda i: f"block{i + 1}")
def test_readme_block_runs_alone(index, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    code = compile(BLOCKS[index], f"README.md block {index + 1}", "exec")
    exec(code, {"__name__": "__readme__"})
    capsys.readouterr()


ROOT_README = pathlib.Path(__file__).resolve().parents[3] / "README.md"
ROOT_BLOCKS = re.findall(r"```python\n(.*?)```", ROOT_README.read_text(encoding="utf-8"), re.S)


def test_root_readme_has_a_python_block():
    assert any("pimlint.requirements(" in block for block in ROOT_BLOCKS)


@pytest.mark.parametrize("index", range(len(ROOT_BLOCKS)), ids=lambda i: f"root-block{i + 1}")
def test_root_readme_block_runs_alone(index, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    code = compile(ROOT_BLOCKS[index], f"README.md (repository root) block {index + 1}", "exec")
    exec(code, {"__name__": "__readme__"})
    capsys.readouterr()
