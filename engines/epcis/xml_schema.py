"""Safe XML parsing and the EPCIS 2.0 XML Schema (vendored in data/xsd), as `Problem`s.

Untrusted XML is parsed with entity substitution off, no network, no DTD loading, libxml2's default size and depth
limits (no `huge_tree`), comments and processing instructions dropped; a document that declares entities at all is
rejected. The XSD is loaded once per thread (an lxml validator keeps per-call state in its error log), and every
`xsd:import` resolves to a file of this package's data/xsd directory, never to the file system or the network.
"""

from __future__ import annotations

import re
import threading
from importlib import resources
from typing import TYPE_CHECKING

from lxml import etree

from engines.epcis.capture_model import DocumentError, Problem

if TYPE_CHECKING:
    from lxml.etree._docloader import _InputDocument  # the stubs' name for a resolver's result

EPCIS_XSD = "EPCglobal-epcis-2_0.xsd"
_BASE = "file:///engines-epcis-xsd/"  # a base URL for resolving imports; the resolver below serves every one


class _PackageResolver(etree.Resolver):
    """Serves XSD imports from data/xsd by file name and refuses anything else."""

    def resolve(
        self, system_url: str | None, public_id: str | None, context: object
    ) -> _InputDocument | None:
        name = (system_url or "").rsplit("/", 1)[-1]
        source = resources.files("engines.epcis").joinpath("data/xsd", name)
        if not name.endswith(".xsd") or not source.is_file():
            raise etree.XMLSchemaParseError(f"XSD import {system_url!r} is not one of the vendored schemas")
        return self.resolve_string(source.read_bytes(), context, base_url=_BASE + name)


def safe_parser() -> etree.XMLParser:
    """A parser for untrusted XML (a new one per call: lxml parsers are not shared between threads)."""
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
        load_dtd=False,
        dtd_validation=False,
    )


_local = threading.local()


def schema() -> etree.XMLSchema:
    """The EPCIS 2.0 XML Schema validator of this thread, built on first use."""
    cached: etree.XMLSchema | None = getattr(_local, "schema", None)
    if cached is None:
        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
        parser.resolvers.add(_PackageResolver())
        text = resources.files("engines.epcis").joinpath("data/xsd", EPCIS_XSD).read_bytes()
        document = etree.fromstring(text, parser, base_url=_BASE + EPCIS_XSD).getroottree()
        cached = _local.schema = etree.XMLSchema(document)
    return cached


def parse(body: bytes) -> etree._ElementTree:
    """The XML tree of `body`; "malformed_xml" for a syntax error or any entity declaration."""
    try:
        root = etree.fromstring(body, safe_parser())
    except etree.XMLSyntaxError as error:
        line, column = error.position
        text = re.sub(r", line \d+, column \d+$", "", error.msg or "not well-formed")
        message = f"line {line}, column {column}: {text}" if line else f"not well-formed XML: {text}"
        raise DocumentError([Problem("", "malformed_xml", message)]) from None
    if root is None:
        raise DocumentError([Problem("", "malformed_xml", "the body holds no XML element")])
    tree = root.getroottree()
    dtd = tree.docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        message = "the DOCTYPE declares entities (<!ENTITY …>), which EPCIS documents may not use"
        raise DocumentError([Problem("", "malformed_xml", message)])
    return tree


def xsd_problems(tree: etree._ElementTree, event_lines: list[int]) -> list[Problem]:
    """One problem per XSD error, with its line; the pointer names the event the line falls in, if any."""
    validator = schema()
    if validator.validate(tree):
        return []
    problems = []
    for entry in validator.error_log:
        index = _event_at(entry.line, event_lines)
        pointer = f"/epcisBody/eventList/{index}" if index is not None else ""
        problems.append(Problem(pointer, "xsd", f"line {entry.line}: {entry.message}"))
    return problems


def _event_at(line: int, starts: list[int]) -> int | None:
    """The index of the last event starting at or before `line` (events are in document order)."""
    index = None
    for i, start in enumerate(starts):
        if start > line:
            break
        index = i
    return index
