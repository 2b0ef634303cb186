"""The PETRARCH2/Phoenix English dictionaries as data: CAMEO verb patterns, named actors, agents.

``python -m warta.events.phoenix build [--phoenix DIR] [--plover FILE]`` reads the dictionaries in
``../shared/data/events/phoenix/`` (MIT, Open Event Data Alliance) and ``CAMEO2PLOVER-2021.txt`` and writes three
compact tables under ``events/data/`` (deterministic: rerun to rebuild, never edit by hand):

``en_verbs.tsv.gz``
    verb, before, after, cameo, plover, context — one row per verb word and pattern of ``CAMEO.2.0.txt``. A verb
    block (``---  SIGN  [---]  ---``) lists verb words (``HURRY {HURRIES …}``, ``+ASK_FOR``: verb + particle), each
    with an optional own code, then patterns ``- BEFORE * AFTER [code]``: words (``(TO BORDER)`` prepositional,
    ``{ARMS SHIPMENT}`` a phrase, ``&WEAPON`` a synonym set) that must stand before or after the verb. Here a pattern
    element is a ``|``-list of alternatives (a synonym set expanded; ``_`` joins a multi-word alternative); the
    default row of a verb has empty before/after. ``plover`` is empty for codes CAMEO2PLOVER drops (01, 02): a
    specific pattern with such a code still wins over the verb's default, which is what PETRARCH does.
``en_actors.tsv.gz``
    name, code — undated entries of the country, international and non-state actor dictionaries (country names,
    demonyms, capitals, ministries, IGOs, armed groups); dated entries are people, compiled with their offices into
    ``leaders.tsv`` by ``scripts/build_actors.py``.
``en_agents.tsv.gz``
    word, sector — generic agents (``FARMER`` → AGR, ``SOLDIERS`` → MIL) with ``!PERSON!`` macros expanded.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
PHOENIX = ROOT.parent / "shared" / "data" / "events" / "phoenix"
PLOVER = ROOT.parent / "shared" / "data" / "events" / "plover" / "CAMEO2PLOVER-2021.txt"
DATA = Path(__file__).resolve().parent / "data"
ACTOR_FILES = ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt")

_CODE = re.compile(r"\[([0-9:\-]+)\]")
_HEADER = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]")
_ACTOR_CODE = re.compile(r"\[([A-Z]{3,}[A-Z]*)\s*([^\]]*)\]")
_AGENT = re.compile(r"^(.+?)\s*\[~?([A-Z]{3})~?\]")


@dataclass(frozen=True, slots=True)
class Pattern:
    """One verb pattern: words that must stand before/after the verb, and the code it gives."""

    before: tuple[tuple[str, ...], ...]  # each element: alternatives, "_"-joined for multi-word
    after: tuple[tuple[str, ...], ...]
    cameo: str
    plover: str | None
    context: str | None

    @property
    def size(self) -> int:
        return len(self.before) + len(self.after)


# -- reading the dictionaries ------------------------------------------------------------------------------------


def _word(raw: str) -> str:
    return raw.strip().strip("_").lower()


def _cameo(text: str) -> str | None:
    """``[0312:0312]`` → ``0312``, ``[:173]`` → ``173``, ``[---]`` → None."""
    m = _CODE.search(text)
    if not m or m.group(1).startswith("-"):
        return None
    first, _, second = m.group(1).partition(":")
    return first or second or None


def read_synsets(lines: list[str]) -> dict[str, tuple[str, ...]]:
    """``&NAME`` blocks: the ``+WORD`` lines under each, until a blank line."""
    out: dict[str, list[str]] = {}
    current: str | None = None
    for line in lines:
        if line.startswith("&"):
            current = line.split()[0][1:].strip("_")
            out[current] = []
        elif current and line.startswith("+"):
            out[current].append(_word(line[1:].split("#")[0]))
        elif not line.strip() or line.startswith("---"):
            current = None
    return {k: tuple(w for w in v if w) for k, v in out.items()}


def _elements(part: str, synsets: dict[str, tuple[str, ...]]) -> tuple[tuple[str, ...], ...]:
    """Pattern words to alternative sets: ``{ARMS SHIPMENT}`` one phrase, ``&WEAPON`` its synonyms."""
    out: list[tuple[str, ...]] = []
    for phrase in re.findall(r"\{[^}]*\}|[^\s(){}]+", part):
        if phrase.startswith("{"):
            words = [w for w in phrase[1:-1].split() if w]
            alts = [_alts(w, synsets) for w in words]
            out += [a for a in alts if a]
            continue
        alt = _alts(phrase, synsets)
        if alt:
            out.append(alt)
    return tuple(out)


def _alts(token: str, synsets: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    if token.startswith("&"):
        return synsets.get(token[1:].strip("_"), ())
    word = _word(token)
    if not word or not re.match(r"^[a-z]", word):  # $ ^ % + markers, numbers
        return ()
    return (word,)


def read_verbs(path: Path, plover: dict[str, tuple[str, str | None]]) -> Iterator[tuple[str, Pattern]]:
    """(verb, pattern) for every verb word and pattern of ``CAMEO.2.0.txt``."""
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    synsets = read_synsets(lines)
    block_code: str | None = None
    words: list[tuple[str, tuple[str, ...], str | None]] = []  # verb, particles, own code
    patterns: list[tuple[str, str, str]] = []

    def flush(
        block_code: str | None,
        words: list[tuple[str, tuple[str, ...], str | None]],
        patterns: list[tuple[str, str, str]],
    ) -> Iterator[tuple[str, Pattern]]:
        for verb, particles, own in words:
            code = own or block_code
            extra = tuple((p,) for p in particles)
            if code:
                yield verb, _pattern((), extra, code, plover)
            for before, after, pcode in patterns:
                yield verb, _pattern(_elements(before, synsets), extra + _elements(after, synsets), pcode, plover)

    in_verbs = False
    for raw in lines:
        line = raw.split("#")[0].rstrip() if not raw.startswith("#") else ""
        if raw.startswith("####### VERB PATTERNS"):
            in_verbs = True
            continue
        if not in_verbs or not line.strip() or line.startswith("~"):
            continue
        if m := _HEADER.match(line):
            yield from flush(block_code, words, patterns)
            block_code = _cameo(f"[{m.group(2)}]")
            words, patterns = [], []
        elif line.startswith("-"):
            body = line[1:]
            code = _cameo(body)
            if code is None or "*" not in body:
                continue
            before, _, after = _CODE.sub("", body).partition("*")
            patterns.append((before, after, code))
        elif line.startswith("&"):
            continue
        else:
            head = re.sub(r"\{[^}]*\}", "", line)
            own = _cameo(head)
            name = _CODE.sub("", head).strip().lstrip("+").split()
            if not name:
                continue
            verb, *particles = [w for w in name[0].split("_") if w]
            words.append((verb.lower(), tuple(p.lower() for p in particles), own))
    yield from flush(block_code, words, patterns)


def _pattern(
    before: tuple[tuple[str, ...], ...],
    after: tuple[tuple[str, ...], ...],
    code: str,
    plover: dict[str, tuple[str, str | None]],
) -> Pattern:
    ptype, context = to_plover(code, plover)
    return Pattern(before, after, code, ptype, context)


def read_plover(path: Path) -> dict[str, tuple[str, str | None]]:
    """CAMEO code → (PLOVER type, context) from ``CAMEO2PLOVER-2021.txt`` (01 and 02 are absent: dropped)."""
    out: dict[str, tuple[str, str | None]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^(\d{3,4}):\s*([A-Z]+)\s*,[^,]*,\s*([^#]*)", line)
        if m:
            context = m.group(3).split(";")[0].strip() or None
            out[m.group(1)] = (m.group(2), context)
    return out


def to_plover(code: str, plover: dict[str, tuple[str, str | None]]) -> tuple[str | None, str | None]:
    """The PLOVER type of a CAMEO code, its own row first, else its parent's (``0232`` → ``023``).

    CAMEO 02 (appeal) is dropped by CAMEO2PLOVER; Warta counts an appeal as the REQUEST its parallel 10 code
    describes (``021`` appeal for material cooperation → ``101``), as its Indonesian triggers do (*meminta*,
    *mendesak* → 100).
    """
    if code.startswith("02"):
        code = "10" + code[2:]
    for n in (len(code), 3):
        if code[:n] in plover:
            return plover[code[:n]]
    return None, None


def read_actors(paths: list[Path]) -> Iterator[tuple[str, str]]:
    """(name, code) for undated actor entries: a name line, ``+`` aliases, then ``[CODE]`` lines."""
    for path in paths:
        names: list[str] = []
        codes: list[tuple[str, str]] = []

        for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
            line = raw.split("#")[0].rstrip()
            if not line.strip():
                continue
            if line[0] in " \t":
                if m := _ACTOR_CODE.search(line):
                    codes.append((m.group(1), m.group(2)))
                continue
            if line.startswith("+"):
                names.append(_name(line[1:]))
                if m := _ACTOR_CODE.search(line):
                    codes.append((m.group(1), m.group(2)))
                continue
            yield from _undated(names, codes)
            names, codes = [_name(_ACTOR_CODE.sub("", line))], []
            if m := _ACTOR_CODE.search(line):
                codes.append((m.group(1), m.group(2)))
        yield from _undated(names, codes)


def _undated(names: list[str], codes: list[tuple[str, str]]) -> Iterator[tuple[str, str]]:
    """An entry's names with its code, when no code has dates (a dated entry is a person in office)."""
    undated = [c for c, when in codes if not when.strip()]
    if names and undated and len(undated) == len(codes):
        for name in names:
            yield name, undated[0]


def _name(raw: str) -> str:
    return " ".join(w for w in re.split(r"[_\s]+", raw.strip().lower()) if w)


def read_agents(path: Path) -> Iterator[tuple[str, str]]:
    """(word, sector) from ``Phoenix.agents.txt``, ``!MACRO!`` parts expanded."""
    macros: dict[str, list[str]] = {}
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#")[0].strip()
        if m := re.match(r"^!(\w+)!\s*=\s*(.+)$", line):
            macros[m.group(1)] = [w.strip() for w in m.group(2).split(",") if w.strip()]
            continue
        if not (m := _AGENT.match(line)):
            continue
        head = m.group(1)
        plural = re.search(r"\{([^}]*)\}", head)
        forms = [re.sub(r"\{[^}]*\}", "", head).strip(), *(plural.group(1).split() if plural else [])]
        for macro, values in macros.items():
            forms = [f.replace(f"!{macro}!", v) for f in forms for v in (values if f"!{macro}!" in f else [""])]
        for form in forms:
            if "!" not in form:
                yield _name(form), m.group(2)


# -- building and loading the shipped tables ---------------------------------------------------------------------


def _write(path: Path, header: str, rows: Sequence[tuple[str, ...]]) -> None:
    body = header + "".join("\t".join(r) + "\n" for r in rows)
    path.write_bytes(gzip.compress(body.encode("utf-8"), mtime=0))


def _fmt(elements: tuple[tuple[str, ...], ...]) -> str:
    return " ".join("|".join(alts) for alts in elements)


def build(phoenix: Path = PHOENIX, plover_file: Path = PLOVER, out: Path = DATA) -> dict[str, int]:
    """Write the three tables; returns their row counts."""
    plover = read_plover(plover_file)
    verbs = sorted(
        {
            (v, _fmt(p.before), _fmt(p.after), p.cameo, p.plover or "", p.context or "")
            for v, p in read_verbs(phoenix / "CAMEO.2.0.txt", plover)
        }
    )
    note = "# Compiled by `python -m warta.events.phoenix build` from the PETRARCH2/Phoenix dictionaries (MIT, Open Event Data Alliance) and CAMEO2PLOVER-2021; do not edit.\n"  # noqa: E501
    _write(out / "en_verbs.tsv.gz", note + "# verb\tbefore\tafter\tcameo\tplover\tcontext\n", verbs)
    actors = sorted({(n, c) for n, c in read_actors([phoenix / f for f in ACTOR_FILES]) if n and len(n.split()) <= 6})
    _write(out / "en_actors.tsv.gz", note + "# name\tcode\n", actors)
    agents = sorted(set(read_agents(phoenix / "Phoenix.agents.txt")))
    _write(out / "en_agents.tsv.gz", note + "# word\tsector\n", agents)
    return {"verbs": len(verbs), "actors": len(actors), "agents": len(agents)}


def _rows(name: str) -> Iterator[list[str]]:
    data = resources.files("warta.events").joinpath("data", name).read_bytes()
    for line in gzip.decompress(data).decode("utf-8").splitlines():
        if line and not line.startswith("#"):
            yield line.split("\t")


def _parse_elements(field: str) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(part.split("|")) for part in field.split()) if field else ()


@functools.lru_cache(maxsize=1)
def verb_patterns() -> dict[str, tuple[Pattern, ...]]:
    """Verb word → its patterns: Warta's corrections (``en_verbs_warta.tsv``) first, then Phoenix's, each most
    specific first (the default, with no words, last)."""
    plover = {c: (t, x or None) for c, t, x in _cameo_plover()}
    warta: dict[str, list[Pattern]] = {}
    text = resources.files("warta.events").joinpath("data", "en_verbs_warta.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            verb, before, after, cameo = line.split("\t")[:4]
            ptype, context = to_plover(cameo, plover)
            warta.setdefault(verb, []).append(
                Pattern(_parse_elements(before), _parse_elements(after), cameo, ptype, context)
            )
    out: dict[str, list[Pattern]] = {}
    for verb, before, after, cameo, ptype, context in _rows("en_verbs.tsv.gz"):
        pattern = Pattern(_parse_elements(before), _parse_elements(after), cameo, ptype or None, context or None)
        out.setdefault(verb, []).append(pattern)
    by_size = {v: sorted(ps, key=lambda p: -p.size) for v, ps in out.items()}
    return {
        v: tuple(sorted(warta.get(v, []), key=lambda p: -p.size) + by_size.get(v, []))
        for v in set(by_size) | set(warta)
    }


def _cameo_plover() -> Iterator[tuple[str, str, str]]:
    """(cameo, plover, context) of every code the compiled verb table uses, for Warta's own rows."""
    for _verb, _before, _after, cameo, ptype, context in _rows("en_verbs.tsv.gz"):
        if ptype:
            yield cameo, ptype, context


@functools.lru_cache(maxsize=1)
def actor_codes() -> dict[str, str]:
    """Lower-case actor name → Phoenix code (``russia`` → ``RUS``, ``un security council`` → ``IGOUNO``)."""
    return {name: code for name, code in _rows("en_actors.tsv.gz")}


@functools.lru_cache(maxsize=1)
def agent_sectors() -> dict[str, str]:
    """Lower-case agent word → CAMEO sector (``soldiers`` → ``MIL``)."""
    return {word: sector for word, sector in _rows("en_agents.tsv.gz")}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description="Compile the Phoenix English dictionaries into Warta's tables.")
    ap.add_argument("command", choices=["build"])
    ap.add_argument("--phoenix", type=Path, default=PHOENIX)
    ap.add_argument("--plover", type=Path, default=PLOVER)
    args = ap.parse_args(argv)
    print(build(args.phoenix, args.plover))


if __name__ == "__main__":
    main()
