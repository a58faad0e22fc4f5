import json
import pathlib

import pytest

REPO = pathlib.Path(__file__).resolve().parents[3]


@pytest.fixture
def repo() -> pathlib.Path:
    return REPO


def load(relative: str):
    return json.loads((REPO / relative).read_text(encoding="utf-8"))


@pytest.fixture
def global_admin():
    return load("examples/tenant-export/global-administrator.json")


@pytest.fixture
def global_admin_text() -> str:
    return (REPO / "examples/tenant-export/global-administrator.json").read_text(encoding="utf-8")
