"""YAML data files that remember where each value stands, so errors can name the line."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import ComposerError
from yaml.constructor import ConstructorError

from .model import DataError, InputError

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class Mapping(dict):  # type: ignore[type-arg]
    """A YAML mapping with the line of the mapping and of each key."""

    line: int
    key_lines: dict[str, int]


class Sequence(list):  # type: ignore[type-arg]
    """A YAML sequence with its line and the line of each item."""

    line: int
    item_lines: list[int]


class _Loader(yaml.SafeLoader):
    # Lines above the YAML in its file (an edited release's front matter starts on line 2).
    line_offset = 0

    def file_line(self, mark: yaml.Mark) -> int:
        return mark.line + 1 + self.line_offset

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        """A value, or an error at its line: PyYAML's own constructors fail with a Python error on
        a tag they cannot make a value of (``!!timestamp soon``, ``!!int x``)."""
        try:
            return super().construct_object(node, deep)
        except (ValueError, KeyError, AttributeError, TypeError, OverflowError) as exc:
            raise ConstructorError(None, None, f"{node.tag.rsplit(':', 1)[-1]} {node.value!r} cannot be read ({exc})", node.start_mark) from None

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        """No anchors or aliases: ten lines of them expand to gigabytes (a "billion laughs"), and
        a newsroom's data has no need of them."""
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise ComposerError(None, None, "YAML anchors and aliases (&name, *name) are not allowed: write each value out", event.start_mark)
        return super().compose_node(parent, index)

    def construct_yaml_map(self, node: yaml.MappingNode):  # type: ignore[override]
        data = Mapping()
        data.line = self.file_line(node.start_mark)
        data.key_lines = {}
        yield data
        for key_node, _ in node.value:
            key = str(self.construct_object(key_node))
            if key in data.key_lines:
                # YAML would keep the last silently; a person meant one of them.
                raise ConstructorError(None, None, f"duplicate key {key!r} (first on line {data.key_lines[key]})", key_node.start_mark)
            data.key_lines[key] = self.file_line(key_node.start_mark)
        data.update(self.construct_mapping(node, deep=True))

    def construct_yaml_timestamp(self, node: yaml.ScalarNode):  # type: ignore[override]
        """A date-shaped value that is no real date (2017-13-01) is the user's error, not a crash."""
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError as exc:
            raise ConstructorError(None, None, f"{node.value!r} is not a real date ({exc})", node.start_mark) from None

    def construct_yaml_binary(self, node: yaml.ScalarNode) -> bytes:  # type: ignore[override]
        """Bytes are no text to publish (they would show as b'...')."""
        raise ConstructorError(None, None, "binary data (!!binary) is not text: write the text itself", node.start_mark)

    def construct_yaml_seq(self, node: yaml.SequenceNode):  # type: ignore[override]
        data = Sequence()
        data.line = self.file_line(node.start_mark)
        data.item_lines = [self.file_line(item.start_mark) for item in node.value]
        yield data
        data.extend(self.construct_sequence(node, deep=True))


_Loader.add_constructor("tag:yaml.org,2002:map", _Loader.construct_yaml_map)
_Loader.add_constructor("tag:yaml.org,2002:seq", _Loader.construct_yaml_seq)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)
_Loader.add_constructor("tag:yaml.org,2002:binary", _Loader.construct_yaml_binary)


def absent(path: Path, shown: str) -> bool:
    """Whether a data file is absent, which makes it empty; a file beside it that is plainly it
    under another name (``products.yaml``, ``Products.yml``) is an error: it would be published
    as it is, and the site built as if there were none."""
    if path.exists():
        return False
    stem = path.stem.casefold()
    try:
        alike = sorted(other.name for other in path.parent.iterdir() if other.stem.casefold() == stem and other.suffix.casefold() in (".yml", ".yaml"))
    except OSError:
        alike = []
    if alike:
        raise DataError(shown, None, f"no such file, but {alike[0]} is beside it: name it {path.name} (or set the newsroom option to its name)")
    return True


def load(path: Path, shown: str) -> Any:
    """Parse a YAML file; syntax errors become a ``DataError`` with the line YAML points at."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(shown, None, f"cannot read the file: {exc}") from None
    return loads(text, shown)


def loads(text: str, shown: str, line_offset: int = 0, error: type[InputError] = DataError) -> Any:
    """Parse YAML that starts ``line_offset`` lines into the file ``shown``; errors are ``error``
    findings with the line YAML points at."""
    try:
        loader = _Loader(text)  # its reader refuses a character YAML does not accept, here
    except yaml.reader.ReaderError as exc:
        line = line_offset + text.count("\n", 0, exc.position) + 1
        raise error(shown, line, f"invalid YAML: U+{exc.character:04X} is a character YAML does not allow (a control character): remove it") from None
    loader.line_offset = line_offset
    try:
        return loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem if isinstance(exc, ConstructorError) and exc.problem else f"invalid YAML: {exc.problem or exc}"
        raise error(shown, loader.file_line(mark) if mark else None, problem) from None
    except yaml.YAMLError as exc:  # e.g. a character YAML does not accept, which has no line
        raise error(shown, None, f"invalid YAML: {exc}") from None
    except RecursionError:
        # PyYAML reads nested lists and mappings by recursion: a few hundred levels exhaust it.
        raise error(shown, loader.file_line(loader.get_mark()), "invalid YAML: lists or mappings nested too deeply to read") from None
    finally:
        loader.dispose()


def line_of(data: Any, key: str | int | None = None) -> int | None:
    """The line of ``data`` itself, or of one of its keys or items."""
    if isinstance(data, Mapping):
        return data.key_lines.get(str(key), data.line) if key is not None else data.line
    if isinstance(data, Sequence):
        if isinstance(key, int) and key < len(data.item_lines):
            return data.item_lines[key]
        return data.line
    return None


def expect_mapping(data: Any, shown: str, what: str, allowed: Iterable[str], required: Iterable[str] = ()) -> Mapping:
    """A mapping with only known keys and every required one; anything else names its line."""
    if not isinstance(data, Mapping):
        raise DataError(shown, line_of(data), f"{what} must be a mapping of keys to values")
    allowed = set(allowed)
    for key in data:
        if key not in allowed:
            known = ", ".join(sorted(allowed))
            raise DataError(shown, line_of(data, key), f"unknown key {key!r} in {what} (known keys: {known})")
    for key in required:
        if data.get(key) in (None, "", []):
            raise DataError(shown, data.line, f"{what} needs {key!r}")
    return data


def expect_list(data: Any, shown: str, what: str, line: int | None) -> Sequence:
    if not isinstance(data, Sequence):
        raise DataError(shown, line_of(data) or line, f"{what} must be a list")
    return data


def expect_text(data: Any, shown: str, what: str, line: int | None) -> str:
    if isinstance(data, (Mapping, Sequence)) or data is None or str(data).strip() == "":
        raise DataError(shown, line, f"{what} must be a non-empty text")
    if not isinstance(data, str):
        # YAML reads No, on, 1.10, 017 and 1:30 unquoted as false, true, 1.1, 15 and 90: what
        # would be published is not what was written.
        raise DataError(shown, line, f"{what} must be a text in quotes: unquoted, YAML reads it as {kind_of(data)}")
    return data


def optional_text(data: Mapping, key: str, shown: str, what: str) -> str:
    """The text under ``key`` when there is one (``""`` when the key is missing or empty)."""
    return expect_text(data[key], shown, what, line_of(data, key)) if data.get(key) else ""


def kind_of(value: Any) -> str:
    """What a YAML value that is not text is, in a person's words."""
    if isinstance(value, bool):
        return f"true/false ({value})"
    if isinstance(value, (int, float)):
        return f"a number ({value})"
    if isinstance(value, (date, datetime)):
        return f"a date ({value})"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return "empty" if value in (None, "") else f"{type(value).__name__} data"


def expect_texts(data: Any, shown: str, what: str, item_what: str, line: int | None) -> list[tuple[str, int | None]]:
    """A list of non-empty texts (aliases, phrases), each with its own line for later messages."""
    items = expect_list(data, shown, what, line)
    lines = [line_of(items, index) for index in range(len(items))]
    return [(expect_text(item, shown, item_what, item_line), item_line) for item, item_line in zip(items, lines, strict=True)]


def expect_date(value: Any, shown: str, key: str, line: int | None) -> date:
    """A date under ``key``: YAML's own date, or the same written in quotes; never a time of day."""
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, str) and ISO_DATE.fullmatch(value.strip()):
        try:
            return date.fromisoformat(value.strip())
        except ValueError as exc:
            raise DataError(shown, line, f"{key!r} {value!r} is not a real date ({exc})") from None
    raise DataError(shown, line, f"{key!r} must be a date written YYYY-MM-DD, not {value!r}")
