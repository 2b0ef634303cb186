"""Property tests of the API against its own OpenAPI schema (schemathesis, a fast subset): whatever the generated
parameters, no endpoint answers 5xx and every answer matches the documented schema."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

schemathesis = pytest.importorskip("schemathesis", reason="schemathesis is a dev dependency")

from schemathesis.checks import positive_data_acceptance  # noqa: E402
from tests.serve.conftest import ROOT  # noqa: E402

from warta.serve import ServeConfig, create_app  # noqa: E402

#: A tiny database made once per run from the hand-made query corpus (ingesting examples/ would load the models).
_DB = Path(__file__).resolve().parent / "artifacts" / "schema.db"


def _app() -> object:
    from tests.query.conftest import CORPUS

    from warta.store import Store

    _DB.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{_DB}{suffix}").unlink(missing_ok=True)
    with Store(_DB) as store:
        store.write(CORPUS)
    return create_app(ServeConfig(db=_DB))


schema = schemathesis.openapi.from_asgi("/openapi.json", _app())
assert ROOT.is_dir()


@schema.include(method="GET").parametrize()
@settings(max_examples=3, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_schema(case: schemathesis.Case) -> None:
    # A schema-valid but meaningless query ("...", a lone OR) is a documented 400 with a message, by design.
    case.call_and_validate(excluded_checks=[positive_data_acceptance])
