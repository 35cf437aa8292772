"""`pinpai_ngrams(text)`: the characters and character pairs of a text, for GIN indexes that answer
substring searches of Chinese names (see pinpai/common/search.py). PostgreSQL only; nothing on SQLite."""

from typing import Any

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION pinpai_ngrams(value text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT ARRAY(
        SELECT substr(value, i, 1) FROM generate_series(1, char_length(value)) AS i
        UNION
        SELECT substr(value, i, 2) FROM generate_series(1, char_length(value) - 1) AS i
    )
$$
"""
DROP = "DROP FUNCTION IF EXISTS pinpai_ngrams(text)"


def create(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [
        ("common", "0002_taxonomy_industries_tiers"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]
