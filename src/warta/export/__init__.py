"""Exports of a Warta database for other tools: Parquet tables, GDELT 2.0 Events TSV, PLOVER JSON Lines."""

from __future__ import annotations

import enum
from pathlib import Path

from warta.export.gdelt import GDELT_COLUMNS, export_gdelt
from warta.export.plover import export_plover


class ExportFormat(enum.StrEnum):
    PARQUET = "parquet"
    GDELT = "gdelt"
    PLOVER = "plover"


def export(db: str | Path, fmt: ExportFormat | str, out: str | Path) -> dict[str, int]:
    """Write the database ``db`` to ``out`` (a folder for Parquet, a file otherwise); rows written per table."""
    kind = ExportFormat(fmt)
    if kind is ExportFormat.PARQUET:
        from warta.export.parquet import export_parquet  # pyarrow is an optional dependency

        return export_parquet(db, out)
    if kind is ExportFormat.GDELT:
        return {"events": export_gdelt(db, out)}
    return {"events": export_plover(db, out)}


__all__ = ["GDELT_COLUMNS", "ExportFormat", "export", "export_gdelt", "export_plover"]
