"""The errors actorgraph raises. Each renders as one line a user can act on."""

from __future__ import annotations

from pathlib import Path


class ActorgraphError(Exception):
    """Root of every error actorgraph raises on purpose."""


class InputError(ActorgraphError):
    """A document or option the user gave cannot be used."""

    def __init__(self, source: str | Path, problem: str) -> None:
        self.source = str(source)
        self.problem = problem
        super().__init__(f"{self.source}: {problem}")


class OntologyError(ActorgraphError):
    """A model file (ontology, shapes, context, reference actors) is broken."""

    def __init__(self, path: str | Path, problem: str, term: str | None = None) -> None:
        self.path = str(path)
        self.term = term
        self.problem = problem
        where = f"{self.path}: {term}: " if term else f"{self.path}: "
        super().__init__(where + problem)


class QueryError(ActorgraphError):
    """A named query is unknown, lacks a parameter, or does not parse."""


class ValidationFailed(ActorgraphError):
    """The graph does not conform to the shapes and the caller asked to stop."""


class ValidatorError(ActorgraphError):
    """The SHACL engine itself failed (not: the data does not conform)."""
