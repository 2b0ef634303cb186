"""Intermediate results of extraction, before they are folded into an :class:`~warta.data.Article`."""

from __future__ import annotations

from dataclasses import dataclass, field

from warta.data import Credit, Related


@dataclass(slots=True)
class HtmlExtraction:
    """What the HTML extractor found on one page (owner: ``warta.extract.html``)."""

    text: str  # body, paragraphs separated by a blank line ("" when nothing was found)
    title: str | None = None  # without site-name suffixes
    published: str | None = None  # ISO 8601 date or datetime
    authors: list[str] = field(default_factory=list)
    site_name: str | None = None
    url: str | None = None  # canonical URL when the page declares one
    language: str | None = None  # as declared by the page (<html lang>, meta), ISO 639-1
    # Byline, editor, "Baca juga" and source lines found around the body (often in blocks trafilatura leaves out);
    # not body text: the line cleaner turns them into metadata (see :meth:`cleaner_input`).
    meta_lines: list[str] = field(default_factory=list)

    def cleaner_input(self) -> str:
        """The text the line cleaner gets: the metadata lines first (the header zone), then the body."""
        return "\n\n".join([*self.meta_lines, self.text]) if self.meta_lines else self.text


@dataclass(slots=True)
class CleanResult:
    """The line cleaner's output: the body, and boilerplate turned into metadata (owner: ``warta.extract.cleaner``)."""

    text: str  # paragraphs separated by a blank line
    title: str | None = None
    editor: str | None = None
    authors: list[str] = field(default_factory=list)
    credits: list[Credit] = field(default_factory=list)
    related: list[Related] = field(default_factory=list)
    dropped: list[tuple[str, str]] = field(default_factory=list)  # (line, why) for debugging and stats
