"""Compile the Phoenix country-actors dictionary into Warta's compact leaders table.

    python scripts/build_actors.py [--phoenix ../shared/data/events/phoenix] [--since 2012-01-01]

Reads ``Phoenix.Countries.actors.txt`` (MIT, Open Event Data Alliance) and writes
``src/warta/events/data/leaders.tsv``: one row per person and period of office that reaches ``--since`` or later,
with the names news use for them (titles such as *PRESIDENT_* dropped). Run it again to rebuild the table; the
output is sorted and deterministic.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "warta" / "events" / "data" / "leaders.tsv"
#: Words that make an alias a title, not a name ("PRESIDENT_PUTIN_").
_TITLE = re.compile(
    r"\b(PRESIDENT|MINISTER|PRIME|SECRETARY|GENERAL|KING|QUEEN|PRINCE|SHEIKH|SHEIK|EMIR|SULTAN|CHANCELLOR|"
    r"AMBASSADOR|GOVERNOR|MAYOR|SENATOR|LEADER|CHIEF|DR|MR|MRS|MS|COL|GEN|LT|ADMIRAL|MARSHAL|JUDGE|JUSTICE|"
    r"OF|THE|RUSSIAN|AMERICAN|CHINESE|FORMER|DEPUTY|VICE|SPEAKER|FOREIGN|DEFENSE|DEFENCE|COMMANDER)\b"
)
_ROLE = re.compile(r"\[([A-Z]{3})([A-Z]{3})?[A-Z]*\s*(?:([<>]?)(\d{6})(?:-(\d{6}))?)?\]")
#: Phoenix secondary codes that are sectors Warta uses (the rest fall back to the primary code).
SECTORS = frozenset({"GOV", "MIL", "JUD", "LEG", "COP", "ELI", "OPP", "REB", "SPY", "BUS", "MED", "EDU", "REL"})


def _date(yymmdd: str) -> str:
    yy = int(yymmdd[:2])
    return f"{2000 + yy if yy <= 30 else 1900 + yy}-{yymmdd[2:4]}-{yymmdd[4:6]}"


def _name(raw: str) -> str:
    words = raw.strip().strip("+").split("#")[0].strip().strip("_").replace("_", " ").split()
    return " ".join(w if w.upper() != w or len(w) <= 1 else w.capitalize() for w in words)


def parse(path: Path, since: str) -> list[tuple[str, str, str, str, str, str]]:
    """Rows (name, aliases, country, sector, start, end) for people in office on or after ``since``."""
    rows: list[tuple[str, str, str, str, str, str]] = []
    names: list[str] = []
    roles: list[tuple[str, str, str, str]] = []

    def flush() -> None:
        if names and roles:
            primary, *aliases = names
            alias_field = "|".join(sorted({a for a in aliases if a != primary}))
            for country, sector, start, end in roles:
                if (end or "9999") >= since:
                    rows.append((primary, alias_field, country, sector, start, end))

    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith(("\t", " ")) and "[" in line:
            m = _ROLE.search(line)
            if not m:
                continue
            country, sector, op, d1, d2 = m.groups()
            if not d1:  # an undated fallback role ("[RUSELI]") adds nothing to the dated ones
                continue
            sector = sector if sector in SECTORS else "GOV"
            start, end = ("", _date(d1)) if op == "<" else (_date(d1), _date(d2) if d2 else "")
            roles.append((country, sector, start, end))
        elif line.startswith("+"):
            raw = line[1:].split("#")[0]
            if not _TITLE.search(raw.replace("_", " ")) and "." not in raw:
                names.append(_name(raw))
        elif "CountryInfo" in line and "[" not in line:
            flush()
            names, roles = [_name(line.split("#")[0])], []
        else:  # a country block or anything else ends the current person
            flush()
            names, roles = [], []
    flush()
    return sorted(set(rows))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--phoenix", type=Path, default=ROOT.parent / "shared" / "data" / "events" / "phoenix")
    ap.add_argument("--since", default="2012-01-01", help="keep periods of office ending on or after this date")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    rows = parse(args.phoenix / "Phoenix.Countries.actors.txt", args.since)
    header = (
        "# Leaders and officials with dates of office, compiled by scripts/build_actors.py from the\n"
        "# Phoenix country-actors dictionary (MIT, Open Event Data Alliance, 2014) — do not edit;\n"
        "# add people to officials.tsv. Columns: name, aliases (| separated), country (alpha-3), sector,\n"
        "# start (ISO date or empty), end (ISO date or empty = open-ended).\n"
    )
    args.out.write_text(header + "".join("\t".join(r) + "\n" for r in rows), encoding="utf-8")
    print(f"{len(rows)} rows -> {args.out}")


if __name__ == "__main__":
    main()
