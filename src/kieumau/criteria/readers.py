"""Criteria set files (YAML, see docs/criteria-format.md): read and check every field.

The text is only composed into PyYAML's node tree (safe loader), never constructed into
objects, so every value keeps its line and no tag can run code. Text fields take a scalar's
literal text, so ``code: 01`` stays "01" and ``comparator: =`` stays "=".
"""

import difflib
import hashlib
import math
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from kieumau.adminunits.errors import ImportRejected, RowError
from kieumau.criteria.types import Comparator, Kind

SET_CODE = re.compile(r"[-a-zA-Z0-9_]{1,50}")
CODE = re.compile(r"[-A-Za-z0-9._]{1,20}")
MAX_THRESHOLD = Decimal(10) ** 10  # the column holds 12 digits, 2 after the point
MAX_INTEGER = 2**31 - 1  # PostgreSQL's integer

_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"

# Keys of each mapping: True = required.
SET_KEYS = {
    "code": True,
    "version": True,
    "name": True,
    "is_template": False,
    "description": False,
    "verdict": True,
    "groups": True,
}
VERDICT_KEYS = {"basic_min_met": True}
GROUP_KEYS = {"code": True, "title": True, "title_en": False, "criteria": True}
CRITERION_KEYS = {
    "code": True,
    "title": True,
    "title_en": False,
    "guidance": False,
    "kind": True,
    "comparator": False,
    "threshold": False,
    "unit": False,
    "mandatory": False,
    "evidence": False,
}


@dataclass(frozen=True)
class CriterionSpec:
    code: str
    title: str
    title_en: str
    guidance: str
    kind: Kind
    comparator: str  # "" for yes/no criteria
    threshold: Decimal | None
    unit: str
    mandatory: bool
    evidence: str


@dataclass(frozen=True)
class GroupSpec:
    code: str
    title: str
    title_en: str
    criteria: tuple[CriterionSpec, ...]


@dataclass(frozen=True)
class CriteriaFile:
    """A checked criteria set file."""

    code: str
    version: int
    name: str
    is_template: bool
    description: str
    basic_min_met: int
    groups: tuple[GroupSpec, ...]
    sha256: str

    @property
    def criteria(self) -> tuple[CriterionSpec, ...]:
        return tuple(criterion for group in self.groups for criterion in group.criteria)


def read_criteria_file(path: Path) -> CriteriaFile:
    """Read and check a criteria set file; raise ImportRejected listing every problem."""
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ImportRejected([RowError(line, "tệp không phải mã UTF-8")]) from None
    return parse_criteria(text, sha256=hashlib.sha256(data).hexdigest())


def parse_criteria(text: str, *, sha256: str = "") -> CriteriaFile:
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        raise ImportRejected([_syntax_error(error, text)]) from None
    except yaml.YAMLError as error:
        raise ImportRejected([RowError(None, f"sai cú pháp YAML: {error}")]) from None
    if root is None:
        raise ImportRejected([RowError(None, "không có nội dung")])
    checker = _Checker()
    criteria_file = checker.criteria_file(root, sha256)
    if checker.errors:
        raise ImportRejected(sorted(checker.errors, key=lambda error: error.row or 0))
    return criteria_file


def _syntax_error(error: yaml.MarkedYAMLError, text: str) -> RowError:
    mark = error.problem_mark or error.context_mark
    # An unclosed bracket is noticed at the end of the text, past its last line.
    line = min(mark.line + 1, len(text.splitlines()) or 1) if mark else None
    message = f"sai cú pháp YAML: {error.problem or error.context}"
    if error.context and error.context_mark and error.context_mark.line + 1 != line:
        where = f"{error.context} (dòng {error.context_mark.line + 1})"
        message = f"sai cú pháp YAML: {where}: {error.problem}"
    if "chomping" in (error.problem or ""):
        message += ' — giá trị bắt đầu bằng > hoặc | phải đặt trong dấu ngoặc kép, ví dụ ">="'
    return RowError(line, message)


def _line(node: Node) -> int:
    return node.start_mark.line + 1


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


class _Checker:
    """Walks the node tree, collecting every problem; values of bad fields come back None."""

    def __init__(self) -> None:
        self.errors: list[RowError] = []
        self.group_lines: dict[str, int] = {}
        self.criterion_lines: dict[str, int] = {}

    def error(self, node: Node, path: str, message: str) -> None:
        self.errors.append(RowError(_line(node), message, path))

    def criteria_file(self, root: Node, sha256: str) -> CriteriaFile | None:
        fields = self.fields(root, "", SET_KEYS)
        if fields is None:
            return None
        code = self.code(fields.get("code"), "code", SET_CODE, "chữ không dấu, số, - và _", 50)
        version = self.integer(fields.get("version"), "version", minimum=1)
        name = self.text(fields.get("name"), "name", required=True, max_length=300)
        is_template = self.boolean(fields.get("is_template"), "is_template")
        description = self.text(fields.get("description"), "description")
        groups, count = [], 0
        for index, item in enumerate(self.sequence(fields.get("groups"), "groups"), 1):
            group = self.group(item, f"groups[{index}]")
            if group is not None:
                groups.append(group)
                count += len(group.criteria)
        basic_min_met = None
        verdict = fields.get("verdict")
        if verdict is not None and (rule := self.fields(verdict, "verdict", VERDICT_KEYS)):
            path, node = "verdict.basic_min_met", rule.get("basic_min_met")
            basic_min_met = self.integer(node, path, minimum=0)
            if basic_min_met is not None and basic_min_met > count:
                self.error(node, path, f"{basic_min_met} vượt quá số tiêu chí của bộ ({count})")
        return CriteriaFile(
            code=code,
            version=version,
            name=name,
            is_template=is_template,
            description=description,
            basic_min_met=basic_min_met,
            groups=tuple(groups),
            sha256=sha256,
        )

    def group(self, node: Node, path: str) -> GroupSpec | None:
        fields = self.fields(node, path, GROUP_KEYS)
        if fields is None:
            return None
        code = self.code(fields.get("code"), f"{path}.code", CODE, "chữ không dấu, số, . - _", 20)
        self.unique(code, fields.get("code"), f"{path}.code", self.group_lines, "nhóm")
        items = self.sequence(fields.get("criteria"), f"{path}.criteria")
        return GroupSpec(
            code=code,
            title=self.text(fields.get("title"), f"{path}.title", required=True, max_length=300),
            title_en=self.text(fields.get("title_en"), f"{path}.title_en", max_length=300),
            criteria=tuple(
                self.criterion(item, f"{path}.criteria[{index}]")
                for index, item in enumerate(items, 1)
            ),
        )

    def criterion(self, node: Node, path: str) -> CriterionSpec | None:
        fields = self.fields(node, path, CRITERION_KEYS)
        if fields is None:
            return None
        code = self.code(fields.get("code"), f"{path}.code", CODE, "chữ không dấu, số, . - _", 20)
        self.unique(code, fields.get("code"), f"{path}.code", self.criterion_lines, "tiêu chí")
        kind = self.choice(fields.get("kind"), f"{path}.kind", Kind.values)
        comparator, threshold = "", None
        if kind == Kind.BOOL:
            for key in ("comparator", "threshold"):
                if key in fields:
                    self.error(
                        fields[key], f"{path}.{key}", f"tiêu chí có/không (bool) không có «{key}»"
                    )
        elif kind is not None:
            for key in ("comparator", "threshold"):
                if key not in fields:
                    self.error(node, f"{path}.{key}", f"thiếu khóa «{key}» (bắt buộc với {kind})")
            comparator = self.choice(
                fields.get("comparator"), f"{path}.comparator", Comparator.values
            )
            threshold = self.number(fields.get("threshold"), f"{path}.threshold")
            if kind == Kind.PCT and threshold is not None and not 0 <= threshold <= 100:
                self.error(fields["threshold"], f"{path}.threshold", "tỷ lệ phải trong 0–100")
        unit = self.text(fields.get("unit"), f"{path}.unit", max_length=30)
        return CriterionSpec(
            code=code,
            title=self.text(fields.get("title"), f"{path}.title", required=True),
            title_en=self.text(fields.get("title_en"), f"{path}.title_en"),
            guidance=self.text(fields.get("guidance"), f"{path}.guidance"),
            kind=Kind(kind) if kind else None,
            comparator=comparator,
            threshold=threshold,
            unit=unit or ("%" if kind == Kind.PCT else ""),
            mandatory=self.boolean(fields.get("mandatory"), f"{path}.mandatory"),
            evidence=self.text(fields.get("evidence"), f"{path}.evidence", max_length=300),
        )

    # ---- one field each; absent optional fields give their default ----

    def fields(self, node: Node, path: str, keys: dict[str, bool]) -> dict[str, Node] | None:
        if not isinstance(node, MappingNode):
            self.error(node, path, "phải là các cặp «khóa: giá trị»")
            return None
        found: dict[str, Node] = {}
        lines: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, ScalarNode) else "?"
            if key not in keys:
                close = difflib.get_close_matches(key, keys, n=1)
                hint = f" (có phải «{close[0]}»?)" if close else ""
                self.error(key_node, _join(path, key), f"khóa không hợp lệ «{key}»{hint}")
            elif key in found:
                self.error(key_node, _join(path, key), f"khóa lặp lại (đã có ở dòng {lines[key]})")
            else:
                found[key], lines[key] = value_node, _line(key_node)
        for key, required in keys.items():
            if required and key not in found:
                self.error(node, _join(path, key), f"thiếu khóa «{key}»")
        return found

    def sequence(self, node: Node | None, path: str) -> list[Node]:
        if node is None:
            return []
        if not isinstance(node, SequenceNode):
            self.error(node, path, "phải là một danh sách (mỗi mục bắt đầu bằng «- »)")
            return []
        if not node.value:
            self.error(node, path, "danh sách rỗng")
        return node.value

    def text(
        self, node: Node | None, path: str, *, required: bool = False, max_length: int = 0
    ) -> str | None:
        if node is None:
            return ""
        if not isinstance(node, ScalarNode):
            self.error(node, path, "phải là văn bản")
            return None
        value = "" if node.tag == _NULL else node.value.strip()
        if required and not value:
            self.error(node, path, "không được để trống")
        elif max_length and len(value) > max_length:
            self.error(node, path, f"dài {len(value)} ký tự, tối đa {max_length}")
        return value

    def code(self, node: Node | None, path: str, pattern: re.Pattern, allowed: str, length: int):
        value = self.text(node, path, required=True)
        if value and not pattern.fullmatch(value):
            self.error(node, path, f"mã «{value}» chỉ được gồm {allowed}, tối đa {length} ký tự")
            return None
        return value

    def unique(self, code: str | None, node: Node, path: str, seen: dict, what: str) -> None:
        if not code:
            return
        if code in seen:
            self.error(node, path, f"mã {what} «{code}» trùng với dòng {seen[code]}")
        else:
            seen[code] = _line(node)

    def choice(self, node: Node | None, path: str, allowed) -> str | None:
        if node is None:
            return None
        value = node.value if isinstance(node, ScalarNode) else None
        if value not in allowed:
            listed = ", ".join(f"«{option}»" for option in allowed)
            self.error(node, path, f"phải là một trong {listed}")
            return None
        return value

    def integer(self, node: Node | None, path: str, *, minimum: int) -> int | None:
        if node is None:
            return None
        if not (isinstance(node, ScalarNode) and node.tag == _INT):
            self.error(node, path, "phải là số nguyên")
            return None
        value = _construct(node)
        if value < minimum:
            self.error(node, path, f"phải ≥ {minimum}")
            return None
        if value > MAX_INTEGER:
            self.error(node, path, f"quá lớn (tối đa {MAX_INTEGER})")
            return None
        return value

    def number(self, node: Node | None, path: str) -> Decimal | None:
        if node is None:
            return None
        if not (isinstance(node, ScalarNode) and node.tag in (_INT, _FLOAT)):
            self.error(node, path, "phải là một số (không đặt trong dấu ngoặc kép)")
            return None
        value = _construct(node)
        if not math.isfinite(value):
            self.error(node, path, "phải là một số hữu hạn")
            return None
        value = Decimal(str(value))
        if value.as_tuple().exponent < -2 or abs(value) >= MAX_THRESHOLD:
            self.error(node, path, "tối đa 2 chữ số sau dấu thập phân và 10 chữ số trước")
            return None
        return value

    def boolean(self, node: Node | None, path: str) -> bool | None:
        if node is None:
            return False
        if not (isinstance(node, ScalarNode) and node.tag == _BOOL):
            self.error(node, path, "phải là true hoặc false")
            return None
        return _construct(node)


def _construct(node: ScalarNode):
    """The value of a plain int, float or bool scalar, as PyYAML's safe loader reads it."""
    return yaml.constructor.SafeConstructor().construct_object(node)
