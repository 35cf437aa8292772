"""The base of every business error; the API maps it to RFC 7807 problem+json."""

from typing import Any


class ApplicationError(Exception):
    """A business rule said no. `code` is stable: clients and tests match on it, never on text."""

    code = "application_error"
    status = 400
    title = "Request cannot be processed"

    def __init__(self, detail: str, *, extra: dict[str, Any] | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.extra = extra or {}


class NotFoundError(ApplicationError):
    code = "not_found"
    status = 404
    title = "Not found"


class ConflictError(ApplicationError):
    code = "conflict"
    status = 409
    title = "Conflict"


class InvalidInputError(ApplicationError):
    """Input that is well-formed but breaks a rule; `extra["errors"]` lists field → messages."""

    code = "invalid_input"
    status = 422
    title = "Invalid input"
