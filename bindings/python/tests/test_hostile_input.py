"""Whatever a script hands over, pimlint raises a located error or answers; it never crashes
the interpreter."""

import json

import pytest

import pimlint


class Weird:
    pass


@pytest.mark.parametrize(
    ("doc", "pointer", "message"),
    [
        ({"rules": [{"id": float("nan")}]}, "/rules/0/id", "not a JSON number"),
        ({"rules": [{"id": float("inf")}]}, "/rules/0/id", "not a JSON number"),
        ({1: "one"}, "", "a key of type int"),
        ({"a": {("t",): 1}}, "/a", "a key of type tuple"),
        ({"rules": {1, 2}}, "/rules", "a value of type set"),
        ({"when": Weird()}, "/when", "a value of type Weird"),
        ({"a/b": {"c~d": [b"x"]}}, "/a~1b/c~0d/0", "a value of type bytes"),
        ({"s": "\ud800"}, "/s", "not valid Unicode"),
    ],
)
def test_unconvertible_values_are_located(doc, pointer, message):
    with pytest.raises(pimlint.InputError, match=message) as caught:
        pimlint.lint(doc)
    assert caught.value.pointer == pointer


def test_a_structure_that_contains_itself():
    cyclic: dict = {}
    cyclic["again"] = cyclic
    with pytest.raises(pimlint.InputError, match="contains itself"):
        pimlint.lint(cyclic)
    looped: list = []
    looped.append(looped)
    with pytest.raises(pimlint.InputError):
        pimlint.lint(looped)


def test_deep_nesting_objects_and_text():
    deep: object = "leaf"
    for _ in range(100_000):
        deep = [deep]
    with pytest.raises(pimlint.InputError, match="nested more than 128"):
        pimlint.lint(deep)
    with pytest.raises(pimlint.InputError) as caught:
        pimlint.lint("[" * 100_000 + "]" * 100_000)
    assert caught.value.line == 1


def test_huge_integers_become_numbers_or_errors():
    # An integer a float can hold is read as JSON would read it: the rule sees a number
    # where a string belongs.
    found = pimlint.lint({"id": "Directory_x", "scopeId": "/", "scopeType": "Directory",
                          "rules": [{"id": 10**40}]})
    assert any(d.pointer == "/rules/0/id" for d in found)
    with pytest.raises(pimlint.InputError, match="too large"):
        pimlint.lint({"rules": [10**400]})


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ("", None, None),
        ("   \n ", None, None),
        ('{"rules": [}', 1, 12),
        ('{\n  "rules": [\n', 3, 1),
        ("not json", 1, 2),
        ("[1e999999]", 1, 9),
    ],
)
def test_bad_text_is_located(text, line, column):
    with pytest.raises(pimlint.InputError) as caught:
        pimlint.lint(text)
    assert (caught.value.line, caught.value.column) == (line, column)


def test_invalid_utf8_bytes():
    with pytest.raises(pimlint.InputError, match="not valid UTF-8"):
        pimlint.lint(b'{"id": "\xff"}')


def test_wrong_argument_types_are_type_errors():
    for bad in (None, 42, 4.2, object()):
        with pytest.raises(TypeError):
            pimlint.lint(bad)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        pimlint.lint({}, config="strict")  # type: ignore[arg-type]


def test_documents_that_are_not_pim_documents():
    with pytest.raises(pimlint.InputError, match="recogni") as caught:
        pimlint.lint({"hello": "world"})
    assert caught.value.pointer == ""
    with pytest.raises(pimlint.InputError) as caught:
        pimlint.lint(json.dumps({"value": [{"hello": 1}]}, indent=1))
    assert caught.value.pointer == "/value/0"
    assert caught.value.line == 3


def test_wrong_json_types_inside_a_policy_are_findings():
    policy = {"id": "Directory_x", "scopeId": "/", "scopeType": "Directory",
              "rules": [{"@odata.type": "#microsoft.graph.unifiedRoleManagementPolicyExpirationRule",
                         "id": "Expiration_EndUser_Assignment", "isExpirationRequired": "yes",
                         "maximumDuration": 8,
                         "target": {"caller": "EndUser", "level": "Assignment"}}]}
    codes = {d.code for d in pimlint.lint(policy)}
    assert "PIM007" in codes


def test_calls_work_after_failures():
    for _ in range(3):
        with pytest.raises(pimlint.InputError):
            pimlint.lint("{")
    assert pimlint.lint('{"id": "Directory_x", "scopeId": "/", "scopeType": "Directory", "rules": []}')
