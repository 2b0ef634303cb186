"""The ``warta`` command: a click group whose errors are one line on stderr and a non-zero exit status."""

from __future__ import annotations

import logging
import os
import sys
import traceback
from typing import Any

import click

from warta import __version__
from warta.cli.events import actors_group, commitments_command, events_command
from warta.cli.export import export_command
from warta.cli.extract import extract
from warta.cli.ingest import ingest
from warta.cli.load import load_command
from warta.cli.quotes import quotes
from warta.cli.runs import runs
from warta.cli.search import search
from warta.cli.serve import serve
from warta.cli.stats import stats
from warta.cli.stories import related_command, stories_command, story_command
from warta.cli.watch import watch
from warta.errors import UsageError, WartaError
from warta.settings import SETTINGS

EPILOG = """\b
Examples:
  warta ingest examples/ --db warta.db --show
  warta search "kim jong un" --db warta.db
  warta quotes --db warta.db --speaker Lee
  warta stats --db warta.db
  warta stories --db warta.db
  warta serve --db warta.db
  warta watch docs/sources.txt --db warta.db --every 15m
  warta extract page.html > page.jsonl
"""

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class _Formatter(logging.Formatter):
    """``warta: <level>: <message>``; tracebacks only with ``--debug``."""

    def __init__(self, tracebacks: bool) -> None:
        super().__init__("warta: %(levelname)s: %(message)s")
        self.tracebacks = tracebacks

    def format(self, record: logging.LogRecord) -> str:
        record.levelname = record.levelname.lower()
        if self.tracebacks:
            return super().format(record)
        saved = record.exc_info, record.exc_text
        record.exc_info, record.exc_text = None, None
        try:
            return super().format(record)
        finally:
            record.exc_info, record.exc_text = saved


def _configure_logging(verbose: int, debug: bool) -> None:
    # Stages log a warning for each page they reject; the CLI already prints those as "rejected:" lines, so by
    # default only errors show. -v adds warnings, -vv progress details, --debug everything with tracebacks.
    level = logging.DEBUG if debug else {0: logging.ERROR, 1: logging.WARNING}.get(verbose, logging.INFO)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_Formatter(tracebacks=debug))
    root = logging.getLogger()
    for old in [h for h in root.handlers if getattr(h, "_warta", False)]:
        root.removeHandler(old)
    handler._warta = True  # type: ignore[attr-defined]  # so a second run in one process replaces it
    root.addHandler(handler)
    root.setLevel(level)


def _print_settings(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if not value or ctx.resilient_parsing:
        return
    width = max(len(s.name) for s in SETTINGS) + 2
    click.echo("Settings (flags of extract and ingest; --batch-size etc.):\n")
    for s in SETTINGS:
        click.echo(f"  {s.name:<{width}}{s.help} [default: {s.default}]")
    ctx.exit(0)


def _one_line(text: str) -> str:
    return " ".join(part.strip() for part in text.splitlines() if part.strip())


class WartaGroup(click.Group):
    """A group that turns every error into one line on stderr (a traceback only with ``--debug``)."""

    debug = False

    def main(  # type: ignore[override]
        self,
        args: list[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        self.debug = False
        try:
            rv = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
            code = rv if isinstance(rv, int) else 0
        except click.exceptions.Abort:
            click.echo("Aborted.", err=True)
            code = 130
        except click.UsageError as exc:
            hint = f" (see '{exc.ctx.command_path} --help')" if exc.ctx else ""
            click.echo(f"Error: {_one_line(exc.format_message())}{hint}", err=True)
            code = exc.exit_code
        except click.ClickException as exc:
            click.echo(f"Error: {_one_line(exc.format_message())}", err=True)
            code = exc.exit_code
        except BrokenPipeError:
            # The reader went away (`warta extract … | head`): stop quietly, and keep Python from complaining
            # again when it flushes stdout at exit.
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - must outlive this function
            code = 1
        except WartaError as exc:
            self._traceback()
            click.echo(f"Error: {_one_line(str(exc))}", err=True)
            code = 2 if isinstance(exc, UsageError) else 1
        except Exception as exc:
            self._traceback()
            hint = "" if self.debug else " (run with --debug for the traceback)"
            click.echo(f"Error: internal error: {type(exc).__name__}: {_one_line(str(exc))}{hint}", err=True)
            code = 1
        if standalone_mode:
            sys.exit(code)
        return code

    def _traceback(self) -> None:
        if self.debug:
            traceback.print_exc(file=sys.stderr)


@click.group(
    cls=WartaGroup, epilog=EPILOG, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100}
)
@click.version_option(__version__, "-V", "--version", prog_name="warta")
@click.option("-v", "--verbose", count=True, help="Show warnings (-v) and progress details (-vv) on stderr.")
@click.option("--debug", is_flag=True, help="Show full tracebacks and debug logs.")
@click.option(
    "--help-settings",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_print_settings,
    help="List the settings (name, default, help) and exit.",
)
@click.pass_context
def cli(ctx: click.Context, verbose: int, debug: bool) -> None:
    """Warta: raw news pages in, structured knowledge out.

    Extract clean articles (title, body, editor, credits, entities, quotes, events) from text records, HTML,
    WARC, JSON Lines and feeds; store them in SQLite; search them.
    """
    group = ctx.command
    if isinstance(group, WartaGroup):
        group.debug = debug
    _configure_logging(verbose, debug)


cli.add_command(actors_group)
cli.add_command(commitments_command)
cli.add_command(events_command)
cli.add_command(export_command)
cli.add_command(extract)
cli.add_command(ingest)
cli.add_command(load_command)
cli.add_command(quotes)
cli.add_command(runs)
cli.add_command(search)
cli.add_command(serve)
cli.add_command(stats)
cli.add_command(stories_command)
cli.add_command(story_command)
cli.add_command(related_command)
cli.add_command(watch)


def main() -> None:
    """Console entry point (``warta``)."""
    cli.main(prog_name="warta")
