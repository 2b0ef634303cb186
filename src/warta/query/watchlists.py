"""Saved queries (watchlists): a JSON file naming searches and event filters, shared by ``warta serve`` (an Atom feed
each) and ``warta watch`` (alerts on new articles and events)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

from warta.errors import UsageError


@dataclass(frozen=True, slots=True)
class Watchlist:
    """A saved query: ``q`` words, an actor pair and event types (any may be missing)."""

    name: str
    title: str
    q: str = ""
    actor: str | None = None
    recipient: str | None = None
    types: tuple[str, ...] = ()

    def feed_path(self) -> str:
        params: list[tuple[str, str]] = [(k, v) for k, v in (("actor", self.actor), ("recipient", self.recipient)) if v]
        params += [("type", t) for t in self.types]
        if self.q:
            return "/feeds/search.atom?" + urlencode([("q", self.q), *params])
        return "/feeds/events.atom?" + urlencode(params)


def load_watchlists(path: Path | None) -> list[Watchlist]:
    """``{"name": {"title": …, "q": …, "actor": …, "recipient": …, "types": [...]}}`` → watchlists."""
    if path is None:
        return []
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        return [
            Watchlist(
                name,
                str(spec.get("title") or name),
                str(spec.get("q") or ""),
                spec.get("actor"),
                spec.get("recipient"),
                tuple(spec.get("types") or ()),
            )
            for name, spec in raw.items()
        ]
    except (OSError, ValueError, AttributeError) as exc:
        raise UsageError(f"cannot read watchlists from {path}: {exc}") from exc
