"""``warta serve``: the web app and JSON API over a database."""

from __future__ import annotations

from pathlib import Path

import click

from warta.cli.options import db_option
from warta.errors import UsageError

EPILOG = """\b
Examples:
  warta serve --db warta-demo.db                  # http://127.0.0.1:8000/
  WARTA_TOKEN=secret warta serve --db warta.db    # also accept POST /api/ingest with that token

\b
Pages: /search, /articles/ID, /events, /actors/PRK, /watchlists; API: /api/… (OpenAPI at /openapi.json,
browsable at /api/docs). Read-only unless a token is given.
"""


@click.command(epilog=EPILOG)
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to bind (keep the default).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="TCP port.")
@click.option(
    "--token-file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Enable POST /api/ingest with the token in this file (or set WARTA_TOKEN).",
)
@click.option(
    "--watchlists",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="JSON file of saved queries, each served as an Atom feed at /watchlists/NAME.atom.",
)
@click.option(
    "--timeout", default=30.0, show_default=True, type=click.FloatRange(min=1), help="Seconds a request may run."
)
def serve(db: str, host: str, port: int, token_file: Path | None, watchlists: Path | None, timeout: float) -> None:
    """Serve the web app (search, articles, events, actors) and the JSON API for the database DB."""
    from warta.serve import ServeConfig, run
    from warta.serve.config import exposure_warnings

    token = token_file.read_text(encoding="utf-8").strip() if token_file else ServeConfig.token_from_env()
    if token_file and not token:
        raise UsageError(f"{token_file} is empty: put the ingestion token in it")
    config = ServeConfig(db=Path(db), token=token, watchlists=watchlists, request_timeout_s=timeout)
    mode = "ingestion enabled" if token else "read-only"
    for line in exposure_warnings(host, token):
        click.echo(line, err=True)
    click.echo(f"warta: serving {db} on http://{host}:{port}/ ({mode})", err=True)
    run(config, host=host, port=port)
