"""Warta's errors. Each user-facing error carries a greppable code (``W001``…) and reads as one line."""

from __future__ import annotations


class WartaError(Exception):
    """Base of every error Warta raises on purpose."""

    code = "W000"

    def __str__(self) -> str:
        return f"[{self.code}] {super().__str__()}"


class UsageError(WartaError):
    """The caller asked for something that cannot work (bad path, bad option, bad query)."""

    code = "W001"


class PipelineOrderError(WartaError):
    """A stage needs a field that no earlier stage sets."""

    code = "W002"


class RejectError(WartaError):
    """This input cannot be processed; the batch goes on and the reason is stored."""

    code = "W003"

    def __str__(self) -> str:  # the reason is stored as is, without the code prefix
        return Exception.__str__(self)


class StoreError(WartaError):
    """The database cannot be opened, migrated or written."""

    code = "W004"


class QueryError(UsageError):
    """A search or query is malformed."""

    code = "W005"


class MissingDependency(WartaError):
    """An optional package is needed for this feature."""

    code = "W006"

    def __init__(self, package: str, extra: str) -> None:
        super().__init__(f"this needs the '{package}' package: pip install 'warta[{extra}]'")
