"""Types of the native module; the public API is re-exported by ``pimlint``."""

import datetime
import os
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Literal, Optional, Protocol, Sequence, Union, final

from typing_extensions import TypeAlias

__all__ = [
    "__version__",
    "Config",
    "Diagnostic",
    "Label",
    "Requirement",
    "Rule",
    "Verdict",
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

__version__: str

# A JSON document: text (findings then carry line and column), bytes (UTF-8, or UTF-16 with a
# byte order mark), or what ``json.load`` and ``requests``/``httpx`` ``.json()`` return.
# A model of Microsoft's Python SDKs (msgraph-sdk, azure-mgmt-authorization), or a list of them:
# read in the JSON the SDK sends for it.
class _SdkModel(Protocol):
    def serialize(self, *args: Any, **kwargs: Any) -> Any: ...

_Json: TypeAlias = Union[str, bytes, Mapping[str, Any], Sequence[Any], _SdkModel]


@final
class Label:
    """A secondary place of a finding."""

    @property
    def pointer(self) -> str: ...
    @property
    def message(self) -> str: ...
    @property
    def line(self) -> Optional[int]: ...
    @property
    def column(self) -> Optional[int]: ...
    def __eq__(self, value: object, /) -> bool: ...

@final
class Diagnostic:
    """One finding: what is wrong, where (JSON pointer, and line/column for text input), and
    how to fix it."""

    @property
    def code(self) -> str: ...
    @property
    def rule(self) -> str: ...
    @property
    def severity(self) -> Literal["error", "warning", "info"]: ...
    @property
    def message(self) -> str: ...
    @property
    def pointer(self) -> str: ...
    @property
    def line(self) -> Optional[int]: ...
    @property
    def column(self) -> Optional[int]: ...
    @property
    def end_line(self) -> Optional[int]: ...
    @property
    def end_column(self) -> Optional[int]: ...
    @property
    def help(self) -> Optional[str]: ...
    @property
    def note(self) -> Optional[str]: ...
    @property
    def labels(self) -> tuple[Label, ...]: ...
    @property
    def fix(self) -> Optional[dict[str, Any]]:
        """The edits that resolve the finding, when the rule knows them: ``applicability``
        (``"safe"`` or ``"unsafe"``), ``message`` and ``edits`` (JSON Patch operations)."""
    @property
    def fix_not_applied(self) -> Optional[str]:
        """Why the rule's fix is not made in this file (a converted input whose value is not a
        literal at one place of it), when it is not."""
    def to_dict(self) -> dict[str, Any]:
        """The diagnostic as ``pimlint check --format json`` gives it (camelCase keys)."""
    def __eq__(self, value: object, /) -> bool: ...

@final
class Requirement:
    """Something the service will demand that cannot be checked offline."""

    @property
    def rule(self) -> str: ...
    @property
    def message(self) -> str: ...
    def __eq__(self, value: object, /) -> bool: ...

@final
class Verdict:
    """What the PIM service will do with a schedule request."""

    @property
    def verdict(self) -> Literal["accepted", "pending-approval", "rejected", "unknown"]: ...
    @property
    def failed_rules(self) -> tuple[str, ...]: ...
    @property
    def requirements(self) -> tuple[Requirement, ...]: ...
    @property
    def diagnostics(self) -> tuple[Diagnostic, ...]: ...
    @property
    def ok(self) -> bool:
        """True when the service would take the request (accepted or pending approval)."""
    def to_dict(self) -> dict[str, Any]:
        """The verdict as ``pimlint validate --format json`` gives it (camelCase keys)."""

@final
class Rule:
    """A rule of the registry."""

    @property
    def code(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def category(self) -> str: ...
    @property
    def default_severity(self) -> Literal["error", "warning", "info"]: ...
    @property
    def enabled_by_default(self) -> bool: ...
    @property
    def summary(self) -> str: ...

@final
class Config:
    """Which rules run, at what severity, with which options."""

    def __new__(cls) -> "Config": ...
    @staticmethod
    def from_toml(text: str, *, pyproject: bool = False) -> "Config": ...
    @staticmethod
    def from_dict(data: Mapping[str, Any]) -> "Config": ...
    @staticmethod
    def from_path(path: Union[str, "os.PathLike[str]"]) -> "Config": ...
    @staticmethod
    def discover(path: Union[str, "os.PathLike[str]"]) -> Optional["Config"]: ...
    @property
    def source(self) -> Optional[str]: ...
    @property
    def profile(self) -> str: ...
    def show(self) -> str: ...

_FormatIn: TypeAlias = Literal["terraform", "arm-template", "easypim", "powershell"]

def lint(
    doc: _Json,
    config: Optional[Config] = None,
    *,
    kind: Optional[str] = None,
    format_in: Optional[_FormatIn] = None,
) -> list[Diagnostic]:
    """Lints one input: a policy, policy assignment, schedule request, list response or array;
    or policy as code (a Terraform plan, an ARM template, an EasyPIM configuration) or a
    PowerShell export, told from its shape or named by ``format_in``."""

def lint_many(
    docs: Iterable[_Json],
    config: Optional[Config] = None,
    *,
    kind: Optional[str] = None,
    format_in: Optional[_FormatIn] = None,
) -> list[list[Diagnostic]]:
    """Lints many inputs on all cores without holding the GIL; one list per input, in order."""

def validate(
    request: _Json,
    policy: _Json,
    now: Union[datetime.datetime, str, None] = None,
    *,
    scope: Optional[str] = None,
    updates: Optional[Sequence[_Json]] = None,
    tenant: Optional[Sequence[_Json]] = None,
) -> Verdict:
    """Predicts what the PIM service does with ``request`` under the policy that governs it,
    after ``updates`` (rule ``PATCH`` bodies, lists of rules, partial policy bodies) are applied.
    With ``tenant`` (the schedules and instances of an export), eligibility becomes a verdict
    (``PIM517``: not eligible, ``PIM518``: beyond the eligibility...)."""

def check_tenant(
    docs: Iterable[_Json],
    config: Optional[Config] = None,
) -> list[list[Diagnostic]]:
    """Lints the documents of a tenant export together and joins them: one list per document,
    in order, with the tenant findings (``PIM601``...) in the list of the document they are about."""

def rules() -> list[Rule]:
    """Every rule, in code order."""

def migrate(doc: _Json) -> list[dict[str, Any]]:
    """The iteration-3 calls that replace a document of PIM's older APIs (iteration 1 or 2):
    one dict per legacy document, with ``calls`` (method, url, body) and ``notCarried``.
    ``InputError`` if the input holds no legacy document."""

_RequestKind: TypeAlias = Literal[
    "activate",
    "extend-active",
    "extend-eligible",
    "renew-active",
    "renew-eligible",
    "assign-active",
    "assign-eligible",
    "update-active",
    "update-eligible",
    "admin-extend-active",
    "admin-extend-eligible",
    "admin-renew-active",
    "admin-renew-eligible",
]

def requirements(
    policy: _Json,
    kind: _RequestKind,
    *,
    role: Optional[str] = None,
    scope: Optional[str] = None,
    policy_at: Optional[str] = None,
    tenant: Optional[Sequence[_Json]] = None,
    principal: Optional[str] = None,
    now: Union[datetime.datetime, str, None] = None,
) -> dict[str, Any]:
    """What a request of ``kind`` must carry under the policy in ``policy`` that governs
    ``role`` at ``scope`` (or the one at the JSON pointer ``policy_at``): maximum duration,
    justification, ticket, MFA, authentication context, approval and notifications, each with
    the pointer of the policy member it comes from; ``None`` where the policy does not say.
    With ``tenant`` (the schedules and instances of an export) and ``principal`` (an object
    id), also ``eligibility``: whether the principal is eligible at ``now`` (``None``: the export
    does not say), until when, whether the role is already active, and the longest activation.
    ``InputError`` when the policy cannot be read or chosen; ``ValueError`` for an unknown kind
    or ``tenant`` without ``principal``."""

def policies(source: _Json) -> list[dict[str, Any]]:
    """Every policy in ``source`` with the role and scope it governs (``pointer``,
    ``provider``, ``policyId``, ``role``, ``scope``), for choosing one."""

def principals(tenant: Sequence[_Json]) -> list[dict[str, Any]]:
    """Every principal the tenant inputs show holding a role or a group membership, groups
    left out (``id``, ``name``, ``signIn``, ``kind``), for choosing the requester."""
def fix(
    doc: _Json, config: Optional[Config] = None, *, unsafe: bool = False, kind: Optional[str] = None
) -> tuple[Any, list[dict[str, Any]]]:
    """Applies the safe fixes (and the unsafe ones with ``unsafe=True``) of the findings in
    ``doc``; returns the fixed document (text for text, a new dict or list for a dict or list)
    and the fixes applied (``code``, ``rule``, ``message``, ``pointer``, ``fix``)."""

def explain(code: str) -> str:
    """The documentation of a rule (Markdown), by code or name; ``KeyError`` if unknown."""
