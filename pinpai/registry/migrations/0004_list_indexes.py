"""Indexes for the registry's staff list pages at scale (bench/registry_lists.py: 100,000 enterprises,
300,000 brands on PostgreSQL).

- brand (name, id): every brand list is ordered by name, pk and shows its first 50 rows; without this
  index PostgreSQL sorts every visible brand (about 250,000) on disk for each page.
- brand (status, name, id): a status filter, and the public (published only), read in that order.
- PostgreSQL only, run as SQL (no model state, so no Meta.indexes line): brand ↔ district links by
  district, so a district's brand ids come from the index alone (district filter, district staff scope);
  and pg_trgm GIN on UPPER(name), which is what `name__icontains` compares, for searches of three or more
  characters (a two-character Chinese term has no trigram; see bench/README.md).
"""

from typing import Any

from django.db import migrations, models

POSTGRES_ONLY = (
    (
        "CREATE INDEX IF NOT EXISTS registry_brand_districts_district_idx"
        " ON registry_brand_districts (district_id, brand_id)",
        "DROP INDEX IF EXISTS registry_brand_districts_district_idx",
    ),
    # pg_trgm is a trusted extension (PostgreSQL 13+): the database owner may create it. Left in place
    # when this migration is reversed, since other indexes may come to use it.
    ("CREATE EXTENSION IF NOT EXISTS pg_trgm", ""),
    (
        "CREATE INDEX IF NOT EXISTS registry_brand_name_trgm_idx"
        " ON registry_brand USING gin (UPPER(name::text) gin_trgm_ops)",
        "DROP INDEX IF EXISTS registry_brand_name_trgm_idx",
    ),
)


def postgres_indexes_create(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    for create, _drop in POSTGRES_ONLY:
        schema_editor.execute(create)


def postgres_indexes_drop(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    for _create, drop in reversed(POSTGRES_ONLY):
        if drop:
            schema_editor.execute(drop)


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0003_trademark_reminded_on"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="brand",
            index=models.Index(fields=["name", "id"], name="registry_brand_name_idx"),
        ),
        migrations.AddIndex(
            model_name="brand",
            index=models.Index(fields=["status", "name", "id"], name="registry_brand_status_name_idx"),
        ),
        migrations.RunPython(postgres_indexes_create, postgres_indexes_drop, elidable=False),
    ]
