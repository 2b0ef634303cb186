"""Line-level boilerplate cleaner for scraped text records and for HTML extraction output.

It keeps the article and turns what surrounds it into metadata instead of throwing it away: the repeated headline
becomes ``title``, ``Baca juga`` lines ``related``, ``Editor : Akmal`` the editor, ``(BBC/P-5)`` a source credit,
``…(KCNA)`` under the headline a photo credit. Body recall comes first: a line is dropped only when a pattern in
:mod:`warta.extract.patterns` names it, when it repeats across pages of the same site (``repeated``), or when it is
a short label in the header or trailer zone around the paragraphs.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field

from warta.data import Credit, CreditRole, Related
from warta.extract import patterns as P
from warta.extract.types import CleanResult

_SPACES = re.compile(r"[\s\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")
_QUOTES = "\"'“”‘’«»「」`"
_SENTENCE_FINAL = tuple(".!?…\"”’'»")
_NAME_SPLIT = re.compile(r"\s*(?:,|;|&|\band\b|\bdan\b)\s*", re.IGNORECASE)
_ROLE_SPLIT = re.compile(r"\s*\|\s*|\s+(?=(?:editor|penyunting|redaktur|reporter|penulis|pewarta)\s*:)", re.I)
_HERE_SUFFIX = re.compile(r"\s*(?:di sini|disini|here|berikut ini|berikut)\s*[:.]?$", re.IGNORECASE)
_SITE_SUFFIX = re.compile(r"\s+[-|–—:]\s+[\w. ]{2,30}$")
_MONTH_OR_DAY = re.compile(
    r"\b(?:jan|feb|mar|apr|mei|may|jun|jul|agu|agt|aug|sep|okt|oct|nov|des|dec)[a-z]*\b|"
    r"\b(?:senin|selasa|rabu|kamis|jumat|sabtu|minggu|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b",
    re.IGNORECASE,
)
_NAME_PARTICLES = frozenset({"bin", "binti", "van", "von", "de", "der", "da", "al", "el", "la", "le", "di"})

#: Drop reasons that mark the start of a page's footer (ads and "read also" lines also sit mid-article).
_FOOTER_SIGNS = frozenset({"cta", "copyright", "byline", "source", "nav"})
_AD_LABELS = frozenset(
    {"advertisement", "advertisment", "iklan", "ads", "scroll to continue with content", "continue reading"}
)

#: Pages a line must appear on (within one site and batch) before it counts as boilerplate.
REPEAT_MIN_PAGES = 3
#: Lines longer than this are never counted as repeated boilerplate (syndicated bodies repeat too).
REPEAT_MAX_CHARS = 300


def normalize_line(line: str) -> str:
    """One line with invisible characters removed and whitespace collapsed."""
    line = unicodedata.normalize("NFC", _INVISIBLE.sub("", line))
    return _SPACES.sub(" ", line).strip()


def line_key(line: str) -> str:
    """The form in which lines are compared for repetition and title matches."""
    return normalize_line(line).casefold()


def repeated_lines(texts: Iterable[str], min_pages: int = REPEAT_MIN_PAGES) -> set[str]:
    """Keys of lines that occur on at least ``min_pages`` distinct pages (identical pages count once)."""
    seen_pages: set[int] = set()
    counts: Counter[str] = Counter()
    for text in texts:
        digest = hash(text)
        if digest in seen_pages:  # the same page twice in a batch says nothing about the site's template
            continue
        seen_pages.add(digest)
        keys = {line_key(raw) for raw in text.splitlines() if 0 < len(raw.strip()) <= REPEAT_MAX_CHARS}
        counts.update(keys)
    return {key for key, n in counts.items() if n >= min_pages and key}


def normalize_paragraphs(text: str) -> str:
    """Line endings and paragraph breaks normalised, nothing removed (for pre-extracted text taken as is)."""
    lines = [normalize_line(line) for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    out = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", out).strip()


@dataclass(slots=True)
class _State:
    """What one cleaning pass has gathered so far."""

    title: str | None
    editor: str | None = None
    authors: list[str] = field(default_factory=list)
    credits: list[Credit] = field(default_factory=list)
    related: list[Related] = field(default_factory=list)
    dropped: list[tuple[str, str]] = field(default_factory=list)
    pending: str | None = None  # a label whose value is on the next line: "related", "editor", "author"

    def credit(self, role: CreditRole, name: str) -> None:
        name = name.strip(" .,:;-–—" + _QUOTES)
        if name and all(c.role != role or c.name != name for c in self.credits):
            self.credits.append(Credit(role=role, name=name))

    def author(self, name: str) -> None:
        if name and name not in self.authors:
            self.authors.append(name)
        self.credit(CreditRole.AUTHOR, name)

    def set_editor(self, name: str) -> None:
        if name:
            self.editor = self.editor or name
            self.credit(CreditRole.EDITOR, name)

    def add_related(self, title: str) -> None:
        title = _clean_related(title)
        if title and all(r.title != title for r in self.related):
            self.related.append(Related(title=title))


def clean_lines(
    text: str,
    *,
    domain: str | None = None,
    title_hint: str | None = None,
    repeated: Collection[str] = (),
    infer_title: bool = True,
) -> CleanResult:
    """Split ``text`` into the article body and metadata taken from its boilerplate.

    ``repeated`` holds :func:`line_key` forms of lines seen on several pages of the same site; ``infer_title``
    lets the first title-like line be taken as the headline when no ``title_hint`` is given (text records);
    without it a headline is recognised only when it repeats.
    """
    lines = [normalize_line(raw) for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    lines = [line for line in lines if line]
    state = _State(title=normalize_line(title_hint) if title_hint else None)
    if lines and (P.DOMAIN_LINE.match(lines[0]) or (domain and line_key(lines[0]) == domain.casefold())):
        state.dropped.append((lines.pop(0), "domain"))
    if state.title is None and lines:
        state.title = _infer_title(lines, infer_title)
    title_key = line_key(state.title) if state.title else None
    first_para = next(
        (i for i, line in enumerate(lines) if _is_paragraph(line) and line_key(line) != title_key), len(lines)
    )
    links = _link_runs(lines)
    kept: list[str] = []
    hits: list[int] = []  # boilerplate lines seen before each kept line: where the page footer starts
    n_hits = 0
    for i, line in enumerate(lines):
        why = None if i in links else _classify(line, i < first_para, title_key, repeated, state)
        if why is None:
            kept.append(line)
            hits.append(n_hits)
            continue
        n_hits += why in _FOOTER_SIGNS
        state.dropped.append((line, why))
    kept, hits = _strip_credits(kept, hits, state)
    kept, hits = _merge_datelines(kept, hits)
    kept = _trim_zones(kept, hits, state)
    return CleanResult(
        text="\n\n".join(kept),
        title=state.title,
        editor=state.editor,
        authors=state.authors,
        credits=state.credits,
        related=state.related,
        dropped=state.dropped,
    )


def _link_runs(lines: list[str]) -> set[int]:
    """Bare links in a list (next to another link, or under a list item): references or sources, body when between
    paragraphs."""
    is_link = [P.URL_LINE.match(line) is not None for line in lines]
    return {
        i
        for i, link in enumerate(is_link)
        if link
        and (
            (i > 0 and (is_link[i - 1] or P.LIST_ITEM.match(lines[i - 1]) is not None))
            or (i + 1 < len(lines) and is_link[i + 1])
        )
    }


def _infer_title(lines: list[str], from_first_line: bool) -> str | None:
    """The headline: the first line when it repeats near the top, or (records) when it looks like one."""
    first = lines[0]
    key = line_key(first)
    repeats = sum(1 for line in lines[1:6] if line_key(line) == key or _caption_of(line, key) is not None)
    if repeats and _title_like(first):
        return first
    if from_first_line and _title_like(first) and len(lines) > 1:
        return first
    return None


def _classify(
    line: str, in_header: bool, title_key: str | None, repeated: Collection[str], st: _State
) -> str | None:
    """Why ``line`` is not body (a reason such as "nav", "byline", "related"), or ``None`` to keep it."""
    key = line.casefold()
    if st.pending is not None:
        pending, st.pending = st.pending, None
        if _take_pending(pending, line, st):
            return pending
    if title_key is not None:
        if key == title_key or (_SITE_SUFFIX.sub("", key) == title_key and len(key) < 250):
            return "title"
        caption = _caption_of(line, title_key)
        if caption is not None:
            st.credit(CreditRole.PHOTO, caption)
            return "caption"
    label = key.rstrip(" :»›>").strip()
    if label in P.NAV_LABELS:
        return "ad" if label in _AD_LABELS else "nav"
    if len(line) <= 300 and P.CTA.match(key):
        return "cta"
    if _related(line, st):
        return "related"
    if len(line) <= 160:
        probe = _untable(line)
        if _role(probe, st):
            return "byline"
        if _syndication(probe, st):
            return "source"
        if _photo(probe, st):
            return "photo"
    if key in repeated and not _strong_body(line):  # after the metadata patterns: an editor line repeats too
        return "repeated"
    if P.COPYRIGHT.match(line):
        return "copyright"
    if P.PAGER.match(line) or P.URL_LINE.match(line):
        return "nav"
    if _date_line(line):
        return "date"
    if _breadcrumb(line):
        return "breadcrumb"
    if _caption(line, in_header, st):
        return "caption"
    return None


def _untable(line: str) -> str:
    """A short table row (``| Penulis | : Anju |``, Kompas' byline table) as one line; other lines as they are."""
    if not P.TABLE_ROW.match(line):
        return line
    cells = [c.strip() for c in line.strip("|").split("|")]
    return " ".join(c for c in cells if c) if len(cells) <= 3 else line


def _take_pending(pending: str, line: str, st: _State) -> bool:
    """Use ``line`` as the value of a label that stood alone on the line before; False if it is not one."""
    if pending == "related":
        if _is_paragraph(line) and line.endswith("."):
            return False
        st.add_related(line)
        return True
    names = _names(line)
    if not names:
        return False
    for name in names:
        if pending == "editor":
            st.set_editor(name)
        else:
            st.author(name)
    return True


def _related(line: str, st: _State) -> bool:
    m = P.RELATED.match(line)
    if m is None or len(line) > 300:
        return False
    title = (m.group("t") or m.group("t2") or m.group("t3") or "").strip()
    # "Lihat juga bagaimana …" can open a real sentence; titles rarely run long and end in a full stop
    if len(title.split()) > 30 or (title.endswith(".") and len(title.split()) > 15):
        return False
    if not _clean_related(title):
        st.pending = "related"
        return True
    st.add_related(title)
    return True


def _clean_related(title: str) -> str:
    title = _HERE_SUFFIX.sub("", title.strip())
    title = title.rstrip(" :|").strip(_QUOTES + " ")
    return title.rstrip(" :|").strip()


def _role(line: str, st: _State) -> bool:
    """Bylines and editor lines; several may share one line (``Reporter: A | Editor: B``)."""
    # a date riding along ("Penulis: A | Kamis, 14 Maret 2024 09:30 WIB") is part of the byline, not prose
    parts = [p for p in _ROLE_SPLIT.split(line) if p and not (P.DATE_LINE.match(p) and any(c.isdigit() for c in p))]
    matches = [P.ROLE.match(p) for p in parts]
    if matches and all(m is not None for m in matches):
        for m in matches:
            assert m is not None
            label, value = m.group("r").casefold(), m.group("v").strip()
            if len(value.split()) > 12:
                return False
            kind = "editor" if label in P.EDITOR_ROLES else "photo" if label in P.PHOTO_ROLES else "author"
            if not value:
                st.pending = "editor" if kind == "editor" else "author"
                continue
            for name in _names(value) or [value]:
                if kind == "editor":
                    st.set_editor(name)
                elif kind == "photo":
                    st.credit(CreditRole.PHOTO, name)
                else:
                    st.author(name)
        return True
    for rx in (P.LAPORAN, P.BYLINE):
        m0 = rx.match(line)
        if m0 is not None:
            # without a colon, "Oleh karena itu, …" is prose: demand names in capitals
            names = _names(m0.group("v"), capitalised=rx is P.BYLINE)
            if names:
                for name in names:
                    st.author(name)
                return True
    m1 = P.REUTERS.match(line)
    if m1 is not None:
        for name in _names(m1.group("a")):
            st.author(name)
        for name in _names(m1.group("e") or ""):
            st.set_editor(name)
        return True
    return False


def _syndication(line: str, st: _State) -> bool:
    m = P.SYNDICATION.match(line)
    if m is not None:
        name = m.group("s") or m.group("s2") or m.group("s3") or ""
        st.credit(CreditRole.SOURCE, re.split(r"\s+(?:dengan|berjudul|pada|on)\b", name)[0])
        return True
    m = P.SUMBER.match(line)
    if m is not None and len(m.group("v").split()) <= 8:
        st.credit(CreditRole.SOURCE, m.group("v"))
        return True
    return False


def _photo(line: str, st: _State) -> bool:
    """``Foto: X`` lines and captions that end in a photo credit."""
    m = P.PHOTO.search(line) or P.ANTARA_FOTO.match(line)
    if m is None or _strong_body(line[: m.start()]):
        return False
    st.credit(CreditRole.PHOTO, m.group("v"))
    return True


def _caption_of(line: str, title_key: str) -> str | None:
    """The credit when ``line`` is the headline repeated as a photo caption: ``Headline(KCNA)``."""
    key = line.casefold()
    if not key.startswith(title_key):
        return None
    rest = line[len(title_key) :].strip()
    if rest.startswith("(") and rest.endswith(")") and 1 < len(rest) <= 60:
        return rest[1:-1].strip()
    return None


def _caption(line: str, in_header: bool, st: _State) -> bool:
    """A caption ending in ``(CREDIT)``: in the header zone, or anywhere when the credit looks like an agency."""
    m = P.TRAILING_CREDIT.match(line)
    if m is None or len(line.split()) > 40:
        return False
    pre, credit = m.group("pre").rstrip(), m.group("c").strip()
    if not pre or P.SENTENCE_END.search(pre) or not P.CREDIT_BODY.match(credit) or P.NOT_CREDIT.match(credit):
        return False
    agency = "/" in credit or bool(P.AGENCY.match(credit)) or credit.isupper()
    # mid-article, only a capitalised agency credit ("ANTARA/…") marks a caption; "(dtc/ega)" ends a paragraph
    mid = "/" in credit and credit[0].isupper() and not _is_paragraph(pre)
    if (in_header and (agency or not _is_paragraph(pre))) or mid:
        st.credit(CreditRole.PHOTO, credit)
        return True
    return False


def _strip_credits(kept: list[str], hits: list[int], st: _State) -> tuple[list[str], list[int]]:
    """Lift ``(BBC/P-5)``-style source credits off paragraph ends; the paragraph stays."""
    out: list[str] = []
    out_hits: list[int] = []
    for line, hit in zip(kept, hits, strict=True):
        m = P.TRAILING_CREDIT.match(line)
        if m is not None:
            pre, credit = m.group("pre").rstrip(), m.group("c").strip()
            if _is_credit(pre, credit):
                st.credit(CreditRole.SOURCE, credit)
                if not pre:
                    st.dropped.append((line, "credit"))
                    continue
                line = pre
        out.append(line)
        out_hits.append(hit)
    return out, out_hits


def _is_credit(pre: str, credit: str) -> bool:
    if P.AGENCY.match(credit):
        return not pre or bool(P.SENTENCE_END.search(pre)) or "/" in credit or credit.startswith("*")
    if not pre or not P.SENTENCE_END.search(pre) or P.NOT_CREDIT.match(credit):
        return False
    return bool(P.CREDIT_BODY.match(credit)) and len(credit.split()) <= 3 and len(pre.split()) >= 4


def _merge_datelines(kept: list[str], hits: list[int]) -> tuple[list[str], list[int]]:
    """``JAKARTA, KOMPAS.com -`` alone on a line opens the next paragraph: keep it there."""
    out: list[str] = []
    out_hits: list[int] = []
    carry = ""
    for line, hit in zip(kept, hits, strict=True):
        if P.DATELINE.match(line) and len(line.split()) <= 6:
            carry = f"{carry} {line}".strip()
            continue
        out.append(f"{carry} {line}" if carry else line)
        out_hits.append(hit)
        carry = ""
    if carry:
        out.append(carry)
        out_hits.append(hits[-1])
    return out, out_hits


def _trim_zones(kept: list[str], hits: list[int], st: _State) -> list[str]:
    """Short labels before the first paragraph, or after the last one once the footer began, are not body.

    The footer begins at the first boilerplate line after the last paragraph: a short list that simply ends the
    article (``Skor: 3,35`` …) stays.
    """
    paras = [i for i, line in enumerate(kept) if _is_paragraph(line)]
    if not paras:
        return kept
    first = paras[0]
    # Headline lists under "Terkini Lainnya" are long enough to pass for paragraphs; sentences end the body.
    last = max((i for i in paras if _is_sentence(kept[i]) or P.LIST_ITEM.match(kept[i])), default=paras[-1])
    out: list[str] = []
    for i, line in enumerate(kept):
        header = i < first
        footer = i > last and hits[i] > hits[last]
        # a list of bare links belongs to the body only between paragraphs (references), never around them
        link = (header or i > last) and P.URL_LINE.match(line) is not None
        if link or (header and _label_like(line)) or (footer and (_label_like(line) or not _is_sentence(line))):
            st.dropped.append((line, "header" if header else "trailer"))
            continue
        out.append(line)
    return out


def _names(value: str, capitalised: bool = False) -> list[str]:
    """Person names in a byline value, or ``[]`` when it does not look like one."""
    value = re.sub(r"\s*[-–—|]\s*.*$", "", value.strip()) if " - " in value or "|" in value else value.strip()
    names = [n.strip(" .:;" + _QUOTES) for n in _NAME_SPLIT.split(value)]
    names = [n for n in names if n]
    if not names or any(len(n.split()) > 6 or len(n) > 60 or n[-1] in "!?" for n in names):
        return []
    if capitalised and not all(
        w[0].isupper() or w.casefold() in _NAME_PARTICLES for n in names for w in n.split()
    ):
        return []
    return names


def _title_like(line: str) -> bool:
    words = line.split()
    return (
        2 <= len(words) <= 25
        and len(line) <= 200
        and not line.endswith((".", ",", ":", ";"))
        and (line[0].isupper() or line[0].isdigit() or line[0] in _QUOTES)
    )


def _is_paragraph(line: str) -> bool:
    """A line that reads like body text rather than a label."""
    words = len(line.split())
    return words >= 12 or (words >= 4 and line.endswith(_SENTENCE_FINAL) and not line.endswith(":"))


def _is_sentence(line: str) -> bool:
    """A paragraph that ends like prose (or is too long to be a headline)."""
    words = line.split()
    if len(words) >= 25:
        return True
    ends = line.rstrip(" )").endswith(_SENTENCE_FINAL) and not line.endswith(":")
    return len(words) >= 4 and ends and not (line[-1] in "?!" and _headline_case(words))


def _headline_case(words: list[str]) -> bool:
    """Most content words capitalised, as in headlines; Indonesian and English prose is mostly lower case."""
    content = [w for w in words if len(w) > 3 and w[0].isalpha()]
    return bool(content) and sum(w[0].isupper() for w in content) >= 0.6 * len(content)


def _strong_body(line: str) -> bool:
    """Long, sentence-final lines are kept even when they repeat (syndicated copies share whole paragraphs)."""
    return (len(line) >= 120 or len(line.split()) >= 12) and line.rstrip(" )").endswith(_SENTENCE_FINAL)


def _label_like(line: str) -> bool:
    words = line.split()
    if P.LIST_ITEM.match(line) or line[0] in _QUOTES:
        return False
    if line.endswith(":") and len(words) <= 12:
        return True
    return len(words) <= 6 and len(line) <= 60 and not line.endswith(_SENTENCE_FINAL)


def _date_line(line: str) -> bool:
    if len(line) > 70 or len(line.split()) > 10 or not any(c.isdigit() for c in line):
        return False
    if P.RELATIVE_TIME.match(line):
        return True
    if not P.DATE_LINE.match(line):
        return False
    return bool(P.HAS_TIME.search(line) or _MONTH_OR_DAY.search(line))


def _breadcrumb(line: str) -> bool:
    """``Home > News > Politik`` and ``Share | Tweet | Email``: separators, no sentence."""
    if P.TABLE_ROW.match(line):  # "| 1 | Kyle Busch | 5040 |": a table row of the article (results, prices)
        return False
    seps = sum(line.count(s) for s in ("|", "»", "›", " > ", " / "))
    return seps >= 2 and len(line.split()) <= 3 * (seps + 1) and not line.endswith(".")
