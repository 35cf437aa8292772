"""Traceability errors. EPCIS ones carry the GS1 exception name the REST binding reports as
`epcisException:<name>` (EPCIS 2.0 §8.2.4 / the REST binding's problem types)."""

from typing import Any

from pinpai.common.exceptions import ApplicationError, ConflictError, InvalidInputError, NotFoundError


class EpcisError(ApplicationError):
    """An EPCIS exception: `exception` is the GS1 name, e.g. ValidationException."""

    exception = "ImplementationException"

    def __init__(self, detail: str, *, problems: list[dict[str, Any]] | None = None) -> None:
        super().__init__(detail, extra={"errors": problems or []})
        self.problems = problems or []


class EpcisValidationError(EpcisError):
    code = "epcis_validation"
    status = 400
    title = "Invalid EPCIS document"
    exception = "ValidationException"


class EpcisCaptureLimitExceeded(EpcisError):
    code = "epcis_capture_limit_exceeded"
    status = 413
    title = "Capture limit exceeded"
    exception = "CaptureLimitExceededException"


class EpcisUnsupportedMediaType(EpcisError):
    code = "epcis_unsupported_media_type"
    status = 415
    title = "Unsupported media type"
    exception = "UnsupportedMediaTypeException"  # not a GS1 name; the binding answers 415 with it


class EpcisDuplicateEvent(EpcisError):
    code = "epcis_duplicate_event"
    status = 409
    title = "Event already captured"
    exception = "ResourceAlreadyExistsException"


class EpcisNamedQueryExists(EpcisError):
    code = "epcis_named_query_exists"
    status = 409
    title = "Named query already exists"
    exception = "ResourceAlreadyExistsException"


class EpcisNoSuchResource(EpcisError):
    code = "epcis_no_such_resource"
    status = 404
    title = "No such resource"
    exception = "NoSuchResourceException"


class EpcisQueryParameterError(EpcisError):
    code = "epcis_query_parameter"
    status = 400
    title = "Invalid query parameter"
    exception = "QueryParameterException"


class EpcisQueryTooLarge(EpcisError):
    code = "epcis_query_too_large"
    status = 413
    title = "Query result too large"
    exception = "QueryTooLargeException"


class EpcisSecurityError(EpcisError):
    code = "epcis_security"
    status = 403
    title = "Not allowed"
    exception = "SecurityException"


class LocationInvalid(InvalidInputError):
    code = "location_invalid"


class LocationDuplicate(ConflictError):
    code = "location_duplicate"


class LotInvalid(InvalidInputError):
    code = "lot_invalid"


class TraceTargetNotFound(NotFoundError):
    code = "trace_target_not_found"


class TraceIdentifierInvalid(InvalidInputError):
    code = "trace_identifier_invalid"


class ScanGtinInvalid(InvalidInputError):
    """A Digital Link whose GTIN is malformed or has a wrong check digit (the resolver answers 400)."""

    code = "gtin_invalid"
    status = 400
    title = "Invalid GTIN"


class ScanProductNotFound(NotFoundError):
    """A well-formed GTIN no registered product has (or whose product is not public)."""

    code = "product_not_found"
