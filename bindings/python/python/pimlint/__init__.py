"""Lint Microsoft Entra Privileged Identity Management (PIM) role management policies and
predict what the PIM service will do with a schedule request, offline.

>>> import pimlint
>>> [d.code for d in pimlint.lint({"id": "Directory_x", "scopeId": "/", "scopeType": "Directory", "rules": []})]
['PIM001']
"""

from pimlint._errors import ConfigError, InputError, PimlintError
from pimlint._pimlint import (
    Config,
    Diagnostic,
    Label,
    Requirement,
    Rule,
    Verdict,
    __version__,
    check_tenant,
    explain,
    fix,
    lint,
    lint_many,
    migrate,
    policies,
    principals,
    requirements,
    rules,
    validate,
)

__all__ = [
    "Config",
    "ConfigError",
    "Diagnostic",
    "InputError",
    "Label",
    "PimlintError",
    "Requirement",
    "Rule",
    "Verdict",
    "__version__",
    "check_tenant",
    "explain",
    "fix",
    "lint",
    "lint_many",
    "migrate",
    "policies",
    "principals",
    "requirements",
    "rules",
    "validate",
]
