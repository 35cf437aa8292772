"""Input errors of the EPCIS engine: a field, a stable rule and an English message.

Each `rule` is a stable snake_case identifier a client may switch on (the message may be reworded, the rule may not).
"""

from __future__ import annotations

# The stable rules, listed once so docs, tests and the API agree.
RULES = frozenset(
    {
        "malformed",  # not the shape the scheme requires (wrong length, non-digits, missing part)
        "bad_check_digit",  # a GS1 key whose check digit is wrong; the message names the expected digit
        "unknown_scheme",  # not an EPC URN, GS1 Digital Link or CBV value this engine knows
        "prefix_length_unknown",  # a Digital Link → EPC URN conversion without a usable company prefix length
        "unknown_vocabulary",  # a CBV kind or bare word not in the CBV 2.0 code lists
        "required",  # an event field the hash needs is missing
        "not_a_string",
        "not_an_object",
        "not_a_list",
        "invalid_time",  # a timestamp that is not ISO 8601 with an offset
    }
)

# The stable rules of a captured document's problems (`document.Problem.rule`): what the capture API reports per problem.
PROBLEM_RULES = frozenset(
    {
        "malformed_json",  # the body is not UTF-8 JSON text holding one object (message: line and column)
        "malformed_xml",  # the body is not well-formed XML, or declares entities (message: line)
        "xsd",  # the XML document breaks the EPCIS 2.0 XML schema (one problem per XSD error, with its line)
        "not_a_document",  # the body is not an EPCISDocument (a query document, capture job, master data, bare event)
        "not_an_event",  # POST /events got something other than one of the five EPCIS event types
        "too_many_events",  # the eventList is longer than the caller allows
        "schema",  # the GS1 EPCIS 2.0 JSON Schema rejects the document (format checking on)
        "unknown_vocabulary",  # a bare word that is not in its CBV 2.0 / GS1 code list
        "unknown_event_type",  # a user-defined event type: valid JSON-LD, but not one of the five EPCIS event types
        "bad_check_digit",  # a GS1 key in a Digital Link with a wrong check digit
        "identifier",  # an EPC URN or GS1 Digital Link that does not parse (wrong length, missing part, non-digits)
        "invalid_time",  # a timestamp the schema lets through but that is not a real instant (e.g. second 60)
    }
)


class InputError(ValueError):
    """One problem with the input: where (`field`), which rule was broken (`rule`), and why (`message`)."""

    def __init__(self, field: str, rule: str, message: str) -> None:
        if rule not in RULES:
            raise AssertionError(f"undeclared input error rule {rule!r}")
        super().__init__(f"{field}: {message} ({rule})")
        self.field = field
        self.rule = rule
        self.message = message

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, InputError):
            return NotImplemented
        return (self.field, self.rule, self.message) == (other.field, other.rule, other.message)

    def __hash__(self) -> int:
        return hash((self.field, self.rule, self.message))

    def __repr__(self) -> str:
        return f"InputError({self.field!r}, {self.rule!r}, {self.message!r})"
