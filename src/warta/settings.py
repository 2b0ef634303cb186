"""One table of settings: name, default, help. It drives the CLI flags, ``warta --help-settings`` and the docs."""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from typing import Any

from warta.errors import UsageError


@dataclass(frozen=True, slots=True)
class Setting:
    name: str
    default: Any
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("batch_size", 200, "documents written per database transaction"),
    Setting("max_page_bytes", 20_000_000, "pages larger than this are rejected rather than parsed"),
    Setting("min_text_chars", 20, "extracted bodies shorter than this are rejected as 'no article text'"),
    Setting("clean_jsonl", False, "run the boilerplate cleaner on JSON Lines `text` too (default: taken as is)"),
    Setting("favor", "balanced", "HTML extraction trade-off: precision, balanced or recall"),
    Setting("page_timeout_s", 60, "seconds one page may take to extract before it is rejected (0: no limit)"),
    Setting(
        "page_memory_mb",
        2048,
        "MiB one page may add to a worker process before it is rejected as out of memory (0: no limit)",
    ),
    Setting("language_hint", None, "language to assume when identification is unsure (ISO 639-1)"),
)


@dataclass(frozen=True, slots=True)
class Settings:
    """Validated, keyword-only options for one run (defaults come from :data:`SETTINGS`)."""

    batch_size: int = 200
    max_page_bytes: int = 20_000_000
    min_text_chars: int = 20
    clean_jsonl: bool = False
    favor: str = "balanced"
    language_hint: str | None = None
    page_timeout_s: int = 60
    page_memory_mb: int = 2048
    extra: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.batch_size < 1:
            raise UsageError("batch_size must be at least 1")
        if self.page_timeout_s < 0:
            raise UsageError("page_timeout_s must be 0 (no limit) or more")
        if self.page_memory_mb < 0:
            raise UsageError("page_memory_mb must be 0 (no limit) or more")
        if self.favor not in ("precision", "balanced", "recall"):
            raise UsageError(f"favor must be precision, balanced or recall, not {self.favor!r}")

    def with_(self, **changes: Any) -> Settings:
        known = {f.name for f in fields(self)}
        unknown = set(changes) - known
        if unknown:
            raise UsageError(f"unknown setting(s): {', '.join(sorted(unknown))}")
        return replace(self, **changes)


DEFAULTS = Settings()
