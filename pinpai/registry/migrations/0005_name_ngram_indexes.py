"""GIN indexes on the n-grams of brand and organisation names (common/0003 `pinpai_ngrams`), which the
brand and enterprise lists' text search uses (pinpai/common/search.py), for terms of any length.
They replace the pg_trgm index on brand names from 0004, which only helped terms of three or more
characters. PostgreSQL only; nothing on SQLite."""

from typing import Any

from django.db import migrations

CREATE = (
    "CREATE INDEX IF NOT EXISTS registry_brand_name_ngram_idx"
    " ON registry_brand USING gin (pinpai_ngrams(UPPER(name::text)))",
    "CREATE INDEX IF NOT EXISTS accounts_organisation_name_ngram_idx"
    " ON accounts_organisation USING gin (pinpai_ngrams(UPPER(name::text)))",
    "DROP INDEX IF EXISTS registry_brand_name_trgm_idx",
)
REVERSE = (
    "CREATE INDEX IF NOT EXISTS registry_brand_name_trgm_idx"
    " ON registry_brand USING gin (UPPER(name::text) gin_trgm_ops)",
    "DROP INDEX IF EXISTS accounts_organisation_name_ngram_idx",
    "DROP INDEX IF EXISTS registry_brand_name_ngram_idx",
)


def create(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        for sql in CREATE:
            schema_editor.execute(sql)


def drop(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        for sql in REVERSE:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [
        ("common", "0003_ngram_search"),
        ("registry", "0004_list_indexes"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]
