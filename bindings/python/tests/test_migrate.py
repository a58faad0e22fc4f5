"""pimlint.migrate: the iteration-3 calls for documents of PIM's older APIs."""

import pytest

import pimlint
from conftest import REPO

LEGACY = REPO / "tests/fixtures/legacy"


def test_iteration2_setting_becomes_graph_rule_patches():
    text = (LEGACY / "iteration2-aadroles-role-setting.json").read_text()
    [doc] = pimlint.migrate(text)
    assert doc["api"] == "iteration2Settings"
    assert all(c["method"] == "PATCH" for c in doc["calls"])
    ids = [c["body"]["id"] for c in doc["calls"]]
    assert "Expiration_EndUser_Assignment" in ids
    assert any(n["setting"] == "userMemberSettings/NotificationRule" for n in doc["notCarried"])
    # What migrate prints lints clean of structural warnings and errors.
    for call in doc["calls"]:
        found = pimlint.lint(call["body"])
        assert not [d for d in found if d.code.startswith("PIM0") and d.severity != "info"]


def test_a_dict_gives_the_same_answer_as_text():
    import json

    text = (LEGACY / "iteration2-role-assignment-request.json").read_text()
    assert pimlint.migrate(json.loads(text)) == pimlint.migrate(text)


def test_a_current_document_is_an_input_error():
    with pytest.raises(pimlint.InputError, match="nothing to migrate"):
        pimlint.migrate({"id": "Directory_x", "scopeId": "/", "scopeType": "Directory", "rules": []})
