"""The one error type of ingestion: raised inside a reader, yielded to the caller."""

from __future__ import annotations


class IngestError(Exception):
    """A problem with one input (or one record of it): ``str()`` is one line, path first.

    Readers raise it; :func:`dossier.ingest.read` catches it and yields it in the
    stream of articles, so one bad file never stops the rest.
    """

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(path, reason)
        self.path = str(path)
        self.reason = reason

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, IngestError) and (self.path, self.reason) == (
            other.path,
            other.reason,
        )

    def __hash__(self) -> int:
        return hash((self.path, self.reason))
