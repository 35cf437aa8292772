"""Substring search on names that an index can answer, Chinese included.

`name__icontains` is `UPPER(name) LIKE '%term%'`: without an index PostgreSQL reads every row, and the
pg_trgm index cannot help a one- or two-character term (鑫源, 榨菜), which is most Chinese searches.
So names are indexed by their characters and character pairs (uni- and bigrams, the way CJK search
engines index text): on PostgreSQL, `pinpai_ngrams(UPPER(name))` is an immutable SQL function
(common/0003) with a GIN index per searched column. A term matches a row when the row's n-grams
contain all of the term's (the index finds the candidates) AND the name contains the term (the exact
check). On SQLite the same Q is just `icontains`.
"""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.db.models import BooleanField, F, Func, Q
from django.db.models.sql.compiler import SQLCompiler


def ngrams(term: str) -> list[str]:
    """What `pinpai_ngrams` indexes that a term needs: its one character, or its character pairs."""
    term = term.upper()
    if len(term) < 2:
        return [term] if term else []
    return sorted({term[i : i + 2] for i in range(len(term) - 1)})


class NGramsContain(Func):
    """`pinpai_ngrams(UPPER(<column>::text)) @> <grams>`: the expression the GIN indexes are built on."""

    output_field = BooleanField()

    def __init__(self, expression: Any, grams: list[str]) -> None:
        super().__init__(expression)
        self.grams = grams

    def as_sql(self, compiler: SQLCompiler, connection: Any, **extra_context: Any) -> tuple[str, Any]:  # type: ignore[override]
        column, params = compiler.compile(self.source_expressions[0])
        return f"pinpai_ngrams(UPPER(({column})::text)) @> %s::text[]", (*params, self.grams)


def contains_q(field: str, term: str) -> Q:
    """Rows whose `field` contains `term` (case-insensitive), through the n-gram index on PostgreSQL."""
    q = Q(**{f"{field}__icontains": term})
    if connection.vendor == "postgresql" and term:
        grams = Q(NGramsContain(F(field), ngrams(term)))
        # One or two characters: holding the term's n-gram IS containing the term, so no LIKE. That
        # also leaves PostgreSQL the index's own statistics to estimate how many rows match (its
        # guess for LIKE '%…%' is a handful), which decides whether it drives the page from the matches.
        return grams if len(term) <= 2 else grams & q
    return q
