"""A stage factory for the memory-limit tests (a module of its own, so worker processes can import it): the last
stage allocates, outside any per-page guard, when a page says HOG — as a runaway library might."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import ClassVar

from warta.data import Article, Item
from warta.pipeline.stage import Stage
from warta.pipeline.worker import extract_factory
from warta.settings import Settings


class Hog(Stage):
    """Passes items on; on an article whose text holds ``HOG`` it asks for 4 GiB in its stream loop."""

    name: ClassVar[str] = "hog"
    requires: ClassVar[frozenset[str]] = frozenset({"text"})
    assigns: ClassVar[frozenset[str]] = frozenset()

    def process(self, article: Article) -> Article | None:
        return article

    def run(self, items: Iterable[Item]) -> Iterator[Item]:
        for item in items:
            if isinstance(item, Article) and "HOG" in (item.text or ""):
                bytearray(4 << 30)
            yield item


def hog_factory(settings: Settings) -> Sequence[Stage]:
    return [*extract_factory(settings), Hog()]
