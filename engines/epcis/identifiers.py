"""GS1 identifiers: check digits, EPC pure-identity URNs ↔ GS1 Digital Link URIs, one canonical form.

    gs1_check_digit("401234500000")               → "0"      (GS1 General Specifications §7.9, mod 10, weights 3,1 from the right)
    gtin_normalise("4012345000009")               → "04012345000009" (GTIN-8/12/13/14 → 14 digits, check digit verified)
    epc_to_digital_link("urn:epc:id:sgtin:4012345.011122.25") → "https://id.gs1.org/01/04012345111224/21/25"
    digital_link_to_epc("https://id.gs1.org/01/04012345111224/21/25", prefix_length=7)
                                                  → "urn:epc:id:sgtin:4012345.011122.25"
    canonical_id(value)                           → the constrained canonical Digital Link on https://id.gs1.org

**Canonical form: the GS1 Digital Link URI on `https://id.gs1.org`.** An EPC URN converts to it without outside knowledge
(the URN already splits company prefix and reference), while the reverse needs the company prefix length, which only GS1's
prefix tables know. It is also the form the EPCIS event hash ID uses (CBV 2.0 §8.9), so a stored `canonical_id` and the
hash agree. An event captured with `urn:epc:id:sgtin:…` and a query by `https://example.com/01/…/21/…` meet on one string.

**Company prefix length** (only Digital Link → EPC URN needs it): pass `prefix_length` as an int (6–12), or as a callable
`key → int | None` (e.g. a lookup into the GS1 prefix table the app keeps), or pass `prefixes`: known GS1 company prefixes, of
which the longest that starts the key wins (an enterprise registers its own prefixes, so this is the default route). Nothing
usable → `prefix_length_unknown`.

Schemes (EPC Tag Data Standard 2.x §6–7; GS1 Digital Link URI Syntax 1.2 §4): SGTIN (01+21), LGTIN class (01+10), GTIN
pattern `urn:epc:idpat:sgtin:cp.ir.*` (01 alone), SSCC (00), SGLN (414 [+254]), PGLN (417), GRAI (8003), GIAI (8004), GSRN
(8018), GDTI (253), SGCN (255), CPI (8010+8011).

Percent-encoding: EPC URN parts escape `"`, `%`, `&`, `/`, `<`, `>`, `?`, `#` (TDS §5); Digital Link values percent-encode every
character outside the RFC 3986 unreserved set `A–Z a–z 0–9 - . _ ~`. Both are decoded before comparison, so either input
spelling maps to one canonical form.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import quote, unquote, urlsplit

from engines.epcis.errors import InputError

ENGINE_VERSION = "epcis-2026.1"
DL_BASE = "https://id.gs1.org"

PrefixLookup = Callable[[str], "int | None"]

_DIGITS = re.compile(r"[0-9]+")
_URN_UNSAFE = '"%&/<>?#'


# --- check digits -------------------------------------------------------------------------------------------------


def gs1_check_digit(digits: str, *, field: str = "value") -> str:
    """The GS1 mod-10 check digit of `digits` (the key without its check digit): weights 3,1,3,… from the right."""
    if not digits or not digits.isascii() or not digits.isdigit():
        raise InputError(field, "malformed", "a GS1 check digit needs a non-empty string of digits")
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(digits)))
    return str((10 - total % 10) % 10)


def _verify(key: str, length: int, name: str, field: str) -> str:
    if len(key) != length or not _DIGITS.fullmatch(key):
        raise InputError(field, "malformed", f"a {name} has {length} digits")
    expected = gs1_check_digit(key[:-1], field=field)
    if key[-1] != expected:
        raise InputError(
            field, "bad_check_digit", f"the {name} check digit is {key[-1]}, expected {expected}"
        )
    return key


def gtin_normalise(value: str, *, field: str = "gtin") -> str:
    """A GTIN-8, -12, -13 or -14 as 14 digits (left-padded with zeros), its check digit verified."""
    text = value.strip() if isinstance(value, str) else value
    if not isinstance(text, str) or len(text) not in (8, 12, 13, 14) or not _DIGITS.fullmatch(text):
        raise InputError(field, "malformed", "a GTIN has 8, 12, 13 or 14 digits")
    return _verify(text.zfill(14), 14, "GTIN", field)


def gln_check(value: str, *, field: str = "gln") -> str:
    """A 13-digit GLN, returned unchanged when its check digit is right."""
    return _verify(value, 13, "GLN", field)


def sscc_check(value: str, *, field: str = "sscc") -> str:
    """An 18-digit SSCC, returned unchanged when its check digit is right."""
    return _verify(value, 18, "SSCC", field)


# --- the parsed form ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Gs1Identifier:
    """One identifier as GS1 element strings: the primary key AI and value, and an optional qualifier AI and value."""

    scheme: (
        str  # EPC scheme: sgtin, lgtin, gtin (pattern), sscc, sgln, pgln, grai, giai, gsrn, gdti, sgcn, cpi
    )
    ai: str  # primary key application identifier: 01, 00, 414, 417, 8003, 8004, 8018, 253, 255, 8010
    key: str  # the AI value as in the element string (check digit included), unescaped
    qualifier_ai: str | None = None  # 21, 10, 254, 8011
    qualifier: str | None = None  # serial, lot, extension, unescaped

    def digital_link(self) -> str:
        path = f"/{self.ai}/{_dl_quote(self.key)}"
        if self.qualifier_ai is not None and self.qualifier is not None:
            path += f"/{self.qualifier_ai}/{_dl_quote(self.qualifier)}"
        return DL_BASE + path


def _dl_quote(value: str) -> str:
    return quote(value, safe="-._~")


def _urn_quote(value: str) -> str:
    return "".join(f"%{ord(c):02X}" if c in _URN_UNSAFE else c for c in value)


# --- EPC URN → Digital Link ---------------------------------------------------------------------------------------

_URN = re.compile(r"urn:epc:(id|class|idpat):([a-z0-9]+):(.+)", re.IGNORECASE)
# (kind, scheme) → number of dot-separated parts
_URN_PARTS = {
    ("id", "sgtin"): 3,
    ("class", "lgtin"): 3,
    ("idpat", "sgtin"): 3,
    ("id", "sscc"): 2,
    ("id", "sgln"): 3,
    ("id", "pgln"): 2,
    ("id", "grai"): 3,
    ("id", "giai"): 2,
    ("id", "gsrn"): 2,
    ("id", "gdti"): 3,
    ("id", "sgcn"): 3,
    ("id", "cpi"): 3,
}


def _digits(part: str, what: str, field: str) -> str:
    if not _DIGITS.fullmatch(part):
        raise InputError(field, "malformed", f"the {what} must be digits")
    return part


def _cp_ref(cp: str, ref: str, total: int, what: str, field: str) -> None:
    _digits(cp, "company prefix", field)
    if ref:
        _digits(ref, what, field)
    if not 6 <= len(cp) <= 12 or len(cp) + len(ref) != total:
        raise InputError(
            field,
            "malformed",
            f"company prefix (6–12 digits) and {what} must have {total} digits together",
        )


def epc_parse(urn: str, *, field: str = "id") -> Gs1Identifier:
    """Parse an EPC pure-identity URN, EPC class URN (LGTIN) or SGTIN pattern into GS1 element strings."""
    match = _URN.fullmatch(urn.strip())
    if match is None:
        raise InputError(field, "unknown_scheme", "not an EPC URN (urn:epc:id|class|idpat:<scheme>:…)")
    kind, scheme, body = match.group(1).lower(), match.group(2).lower(), match.group(3)
    count = _URN_PARTS.get((kind, scheme))
    if count is None:
        raise InputError(field, "unknown_scheme", f"EPC scheme urn:epc:{kind}:{scheme} is not supported")
    parts = body.split(".", count - 1)
    if len(parts) != count or parts[0] == "" or parts[-1] == "":
        raise InputError(field, "malformed", f"urn:epc:{kind}:{scheme} needs {count} dot-separated parts")
    parts = [unquote(p) for p in parts]
    cp = parts[0]
    if scheme in ("sgtin", "lgtin"):
        _cp_ref(cp, parts[1], 13, "indicator and item reference", field)
        gtin13 = parts[1][0] + cp + parts[1][1:]
        key = gtin13 + gs1_check_digit(gtin13)
        if kind == "idpat":
            if parts[2] != "*":
                raise InputError(field, "malformed", "only the whole-class SGTIN pattern (….*) is supported")
            return Gs1Identifier("gtin", "01", key)
        return Gs1Identifier(scheme, "01", key, "21" if kind == "id" else "10", parts[2])
    if scheme == "sscc":
        _cp_ref(cp, parts[1], 17, "extension digit and serial reference", field)
        body17 = parts[1][0] + cp + parts[1][1:]
        return Gs1Identifier("sscc", "00", body17 + gs1_check_digit(body17))
    if scheme in ("sgln", "pgln"):
        _cp_ref(cp, parts[1], 12, "location reference" if scheme == "sgln" else "party reference", field)
        gln = cp + parts[1] + gs1_check_digit(cp + parts[1])
        if scheme == "pgln":
            return Gs1Identifier("pgln", "417", gln)
        extension = parts[2]
        if extension == "0":
            return Gs1Identifier("sgln", "414", gln)
        return Gs1Identifier("sgln", "414", gln, "254", extension)
    if scheme in ("grai", "gdti", "sgcn"):
        _cp_ref(cp, parts[1], 12, "asset or document type", field)
        base = cp + parts[1] + gs1_check_digit(cp + parts[1])
        serial = parts[2]
        if scheme == "grai":
            return Gs1Identifier("grai", "8003", "0" + base + serial)
        if scheme == "sgcn":
            _digits(serial, "coupon serial", field)
        return Gs1Identifier(scheme, "253" if scheme == "gdti" else "255", base + serial)
    if scheme == "gsrn":
        _cp_ref(cp, parts[1], 17, "service reference", field)
        return Gs1Identifier("gsrn", "8018", cp + parts[1] + gs1_check_digit(cp + parts[1]))
    if scheme == "giai":
        _digits(cp, "company prefix", field)
        return Gs1Identifier("giai", "8004", cp + parts[1])
    # cpi
    _digits(cp, "company prefix", field)
    return Gs1Identifier("cpi", "8010", cp + parts[1], "8011", _digits(parts[2], "CPI serial", field))


def epc_to_digital_link(urn: str, *, field: str = "id") -> str:
    """The constrained canonical GS1 Digital Link (on https://id.gs1.org) of an EPC URN; no prefix length needed."""
    return epc_parse(urn, field=field).digital_link()


# --- Digital Link → parsed / EPC URN ------------------------------------------------------------------------------

# primary key AI → (EPC scheme, qualifier AIs in order of preference: the most fine-granular kept, CBV 2.0 §8.9 rule 18)
_DL_KEYS: dict[str, tuple[str, tuple[str, ...]]] = {
    "01": ("gtin", ("21", "10")),
    "00": ("sscc", ()),
    "414": ("sgln", ("254",)),
    "417": ("pgln", ()),
    "8003": ("grai", ()),
    "8004": ("giai", ()),
    "8018": ("gsrn", ()),
    "253": ("gdti", ()),
    "255": ("sgcn", ()),
    "8010": ("cpi", ("8011",)),
}
_QUALIFIER_SCHEME = {("01", "21"): "sgtin", ("01", "10"): "lgtin"}


def digital_link_parse(uri: str, *, field: str = "id") -> Gs1Identifier:
    """Parse a GS1 Digital Link URI (any domain, any path prefix, query ignored), check digits verified."""
    parts = urlsplit(uri.strip())
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise InputError(field, "unknown_scheme", "not an http(s) GS1 Digital Link URI")
    segments = parts.path.split("/")
    for start in range(1, len(segments) - 1):
        ai = segments[start]
        if ai in _DL_KEYS:
            pairs = segments[start:]
            break
    else:
        raise InputError(
            field, "unknown_scheme", "no GS1 primary key (01, 00, 414, 417, 8003, …) in the URI path"
        )
    if len(pairs) % 2 != 0 or any(p == "" for p in pairs):
        raise InputError(field, "malformed", "a Digital Link path is /AI/value pairs")
    values = {pairs[i]: unquote(pairs[i + 1]) for i in range(0, len(pairs), 2)}
    ai = pairs[0]
    scheme, qualifier_ais = _DL_KEYS[ai]
    key = _dl_key(ai, values[ai], field)
    for qualifier_ai in qualifier_ais:
        if qualifier_ai in values:
            qualifier = values[qualifier_ai]
            if ai == "414" and qualifier == "0":
                break
            return Gs1Identifier(
                _QUALIFIER_SCHEME.get((ai, qualifier_ai), scheme), ai, key, qualifier_ai, qualifier
            )
    return Gs1Identifier(scheme, ai, key)


def _dl_key(ai: str, value: str, field: str) -> str:
    if ai == "01":
        return gtin_normalise(value, field=field)
    if ai == "00":
        return sscc_check(value, field=field)
    if ai in ("414", "417"):
        return gln_check(value, field=field)
    if ai == "8018":
        return _verify(value, 18, "GSRN", field)
    if ai in ("253", "255", "8003"):
        offset = 1 if ai == "8003" else 0
        head = value[offset : offset + 13]
        if (ai == "8003" and value[:1] != "0") or len(head) != 13:
            raise InputError(field, "malformed", f"AI ({ai}) starts with a 13-digit key")
        _verify(head, 13, {"253": "GDTI", "255": "GCN", "8003": "GRAI"}[ai], field)
        if ai == "255" and not _DIGITS.fullmatch(value[13:] or "0"):
            raise InputError(field, "malformed", "a GCN serial must be digits")
        return value
    if not value or not _DIGITS.fullmatch(value[:6]):
        raise InputError(field, "malformed", f"AI ({ai}) starts with a GS1 company prefix")
    return value  # 8004, 8010: company prefix + free reference


def _prefix_length(
    key: str,
    prefix_length: int | PrefixLookup | None,
    prefixes: Iterable[str],
    field: str,
) -> int:
    length: int | None
    if isinstance(prefix_length, int):
        length = prefix_length
    elif prefix_length is not None:
        length = prefix_length(key)
    else:
        matches = [len(p) for p in prefixes if key.startswith(p)]
        length = max(matches) if matches else None
    if length is None or not 6 <= length <= 12:
        raise InputError(
            field,
            "prefix_length_unknown",
            "the GS1 company prefix length of this key is not known (pass prefix_length or prefixes)",
        )
    return length


def digital_link_to_epc(
    uri: str,
    *,
    prefix_length: int | PrefixLookup | None = None,
    prefixes: Iterable[str] = (),
    field: str = "id",
) -> str:
    """The EPC URN of a GS1 Digital Link; the company prefix length comes from `prefix_length` or `prefixes`."""
    ident = digital_link_parse(uri, field=field)
    ai, key, q = ident.ai, ident.key, ident.qualifier
    # the company prefix starts after the indicator / extension digit of GTIN, SSCC and GRAI
    lookup_key = key[1:] if ai in ("01", "00", "8003") else key
    cp_len = _prefix_length(lookup_key, prefix_length, prefixes, field)
    if ai == "01":
        cp, ref = key[1 : 1 + cp_len], key[0] + key[1 + cp_len : 13]
        if ident.qualifier_ai is None:
            return f"urn:epc:idpat:sgtin:{cp}.{ref}.*"
        kind = "id:sgtin" if ident.qualifier_ai == "21" else "class:lgtin"
        return f"urn:epc:{kind}:{cp}.{ref}.{_urn_quote(q or '')}"
    if ai == "00":
        return f"urn:epc:id:sscc:{key[1 : 1 + cp_len]}.{key[0]}{key[1 + cp_len : 17]}"
    if ai in ("414", "417"):
        cp, ref = key[:cp_len], key[cp_len:12]
        if ai == "417":
            return f"urn:epc:id:pgln:{cp}.{ref}"
        return f"urn:epc:id:sgln:{cp}.{ref}.{_urn_quote(q if q is not None else '0')}"
    if ai == "8003":
        return f"urn:epc:id:grai:{key[1 : 1 + cp_len]}.{key[1 + cp_len : 13]}.{_urn_quote(key[14:])}"
    if ai in ("253", "255"):
        scheme = "gdti" if ai == "253" else "sgcn"
        return f"urn:epc:id:{scheme}:{key[:cp_len]}.{key[cp_len:12]}.{_urn_quote(key[13:])}"
    if ai == "8018":
        return f"urn:epc:id:gsrn:{key[:cp_len]}.{key[cp_len:17]}"
    if len(key) <= cp_len:
        raise InputError(field, "malformed", "the reference after the company prefix is empty")
    if ai == "8004":
        return f"urn:epc:id:giai:{key[:cp_len]}.{_urn_quote(key[cp_len:])}"
    return f"urn:epc:id:cpi:{key[:cp_len]}.{_urn_quote(key[cp_len:])}.{q or ''}"


# --- one canonical form -------------------------------------------------------------------------------------------


def canonical_id(value: str, *, field: str = "id") -> str:
    """The constrained canonical GS1 Digital Link (https://id.gs1.org, key + finest qualifier, no query) of an EPC URN
    or any GS1 Digital Link; the same string whichever form the identifier arrived in."""
    if not isinstance(value, str):
        raise InputError(field, "not_a_string", "an identifier is a string")
    return _canonical(value, field)


@lru_cache(maxsize=65_536)
def _canonical(value: str, field: str) -> str:
    """Cached: a capture names the same lots and locations many times (errors are raised, never cached)."""
    text = value.strip()
    if text.lower().startswith("urn:epc:"):
        return epc_to_digital_link(text, field=field)
    if text.lower().startswith(("http://", "https://")):
        return digital_link_parse(text, field=field).digital_link()
    raise InputError(field, "unknown_scheme", "not an EPC URN or GS1 Digital Link URI")
