"""``warta extract``: inputs in, one JSON document per article out (JSON Lines); no database."""

from __future__ import annotations

import json
from typing import Any, TextIO

import click

from warta.cli.common import Progress, documents, echo_rejections
from warta.cli.options import input_format_option, output_option, paths_argument, settings_from, settings_options
from warta.data import Rejection

EPILOG = """\b
Examples:
  warta extract examples/000_3634da77584c6100.txt
  warta extract pages/ crawl.warc.gz -o articles.jsonl
  cat page.html | warta extract - --input-format html
"""


@click.command(epilog=EPILOG)
@paths_argument
@input_format_option
@output_option
@settings_options
def extract(paths: tuple[str, ...], input_format: str | None, output: TextIO, **options: Any) -> None:
    """Extract articles from PATH... and print them as JSON Lines (document schema v1).

    PATH is a file (text record, HTML, WARC, JSON Lines, RSS/Atom; gzip or not), a directory (read
    recursively) or - for stdin. Rejected inputs are reported on stderr, one line each.
    """
    settings = settings_from(options)
    progress = Progress()
    for item in echo_rejections(documents(paths, input_format, settings), progress):
        if isinstance(item, Rejection):
            continue
        output.write(json.dumps(item.to_dict(), ensure_ascii=False) + "\n")
    output.flush()
    progress.clear()
