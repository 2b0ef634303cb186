"""Option bundles shared by commands, as decorators (one definition, the same flags and help everywhere)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from warta.data import InputFormat
from warta.settings import SETTINGS, Settings

F = TypeVar("F", bound=Callable[..., Any])

DEFAULT_DB = "warta.db"


def db_option(f: F) -> F:
    """``--db FILE``, default ``warta.db``."""
    return click.option(
        "--db",
        "db",
        default=DEFAULT_DB,
        show_default=True,
        type=click.Path(dir_okay=False),
        metavar="FILE",
        help="SQLite database file.",
    )(f)


def json_option(f: F) -> F:
    """``--json``: machine-readable output instead of text for people."""
    return click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")(f)


def output_option(f: F) -> F:
    """``--output -|FILE``: where documents go (``-`` is stdout)."""
    return click.option(
        "-o",
        "--output",
        default="-",
        show_default=True,
        type=click.File("w", encoding="utf-8", lazy=True),
        metavar="-|FILE",
        help="Write the output here instead of stdout.",
    )(f)


def paths_argument(f: F) -> F:
    """``PATH...``: files, directories (recursive) or ``-`` for stdin."""
    return click.argument(
        "paths", nargs=-1, required=True, type=click.Path(exists=True, allow_dash=True), metavar="PATH..."
    )(f)


def input_format_option(f: F) -> F:
    """``--input-format``: override format detection."""
    return click.option(
        "-f",
        "--input-format",
        type=click.Choice([fmt.value for fmt in InputFormat]),
        default=None,
        help="Read every input as this format instead of detecting it.",
    )(f)


def _flag(name: str) -> str:
    return "--" + name.replace("_", "-")


def settings_options(f: F) -> F:
    """One flag per entry of :data:`warta.settings.SETTINGS` (``batch_size`` → ``--batch-size``).

    Every flag defaults to ``None`` so that :func:`settings_from` only overrides what the user gave.
    """
    for setting in reversed(SETTINGS):
        default = "" if setting.default is None else f" [default: {setting.default}]"
        help_text = f"{setting.help[:1].upper()}{setting.help[1:]}{default}."
        if isinstance(setting.default, bool):
            decls = [f"{_flag(setting.name)}/--no-{setting.name.replace('_', '-')}", setting.name]
            f = click.option(*decls, default=None, help=help_text)(f)
        else:
            kind: type = int if isinstance(setting.default, int) else str
            f = click.option(_flag(setting.name), setting.name, type=kind, default=None, help=help_text)(f)
    return f


def settings_from(options: dict[str, Any]) -> Settings:
    """The run's :class:`Settings`: defaults, overridden by the setting flags the user passed."""
    names = {s.name for s in SETTINGS}
    given = {k: v for k, v in options.items() if k in names and v is not None}
    return Settings().with_(**given)
