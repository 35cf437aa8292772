"""`Brand.search_name`: the brand's name and its owner's name in one column with one n-gram index, so a text
search of the brand list is one index scan of the brand table instead of two lists (brands named, owners named)
tested against every row. Database triggers keep it: on a brand's insert or a change of its name or owner, and on
an organisation's rename — whatever writes (services, imports' bulk inserts, fixtures). A space separates the
two names, so no term (terms never hold spaces) matches across them."""

from typing import Any

from django.db import migrations, models

POSTGRESQL = (
    """
    CREATE OR REPLACE FUNCTION registry_brand_search_name() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      NEW.search_name := NEW.name || ' ' || COALESCE((SELECT name FROM accounts_organisation WHERE id = NEW.owner_id), '');
      RETURN NEW;
    END $$
    """,
    "CREATE TRIGGER registry_brand_search_name BEFORE INSERT OR UPDATE OF name, owner_id, search_name"
    " ON registry_brand FOR EACH ROW EXECUTE FUNCTION registry_brand_search_name()",
    """
    CREATE OR REPLACE FUNCTION registry_owner_search_name() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      UPDATE registry_brand SET search_name = name || ' ' || NEW.name WHERE owner_id = NEW.id;
      RETURN NULL;
    END $$
    """,
    "CREATE TRIGGER registry_owner_search_name AFTER UPDATE OF name ON accounts_organisation FOR EACH ROW"
    " WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION registry_owner_search_name()",
    "CREATE INDEX IF NOT EXISTS registry_brand_search_ngram_idx"
    " ON registry_brand USING gin (pinpai_ngrams(UPPER(search_name)))",
    "DROP INDEX IF EXISTS registry_brand_name_ngram_idx",  # 0005's, on the name alone: nothing searches it now
)
POSTGRESQL_REVERSE = (
    "CREATE INDEX IF NOT EXISTS registry_brand_name_ngram_idx"
    " ON registry_brand USING gin (pinpai_ngrams(UPPER(name::text)))",
    "DROP INDEX IF EXISTS registry_brand_search_ngram_idx",
    "DROP TRIGGER IF EXISTS registry_owner_search_name ON accounts_organisation",
    "DROP FUNCTION IF EXISTS registry_owner_search_name()",
    "DROP TRIGGER IF EXISTS registry_brand_search_name ON registry_brand",
    "DROP FUNCTION IF EXISTS registry_brand_search_name()",
)
_SQLITE_NAME = (
    "NEW.name || ' ' || COALESCE((SELECT name FROM accounts_organisation WHERE id = NEW.owner_id), '')"
)
SQLITE = (
    "CREATE TRIGGER registry_brand_search_name_insert AFTER INSERT ON registry_brand BEGIN"
    f" UPDATE registry_brand SET search_name = {_SQLITE_NAME} WHERE id = NEW.id; END",
    "CREATE TRIGGER registry_brand_search_name_update AFTER UPDATE OF name, owner_id, search_name ON registry_brand"
    f" WHEN NEW.search_name IS NOT {_SQLITE_NAME}"
    f" BEGIN UPDATE registry_brand SET search_name = {_SQLITE_NAME} WHERE id = NEW.id; END",
    "CREATE TRIGGER registry_owner_search_name AFTER UPDATE OF name ON accounts_organisation"
    " WHEN OLD.name IS NOT NEW.name"
    " BEGIN UPDATE registry_brand SET search_name = name || ' ' || NEW.name WHERE owner_id = NEW.id; END",
)
SQLITE_REVERSE = (
    "DROP TRIGGER IF EXISTS registry_owner_search_name",
    "DROP TRIGGER IF EXISTS registry_brand_search_name_update",
    "DROP TRIGGER IF EXISTS registry_brand_search_name_insert",
)
BACKFILL = (
    "UPDATE registry_brand SET search_name = name || ' ' || COALESCE("
    "(SELECT name FROM accounts_organisation WHERE accounts_organisation.id = registry_brand.owner_id), '')"
)


def create(apps: Any, schema_editor: Any) -> None:
    statements = POSTGRESQL if schema_editor.connection.vendor == "postgresql" else SQLITE
    for sql in statements:
        schema_editor.execute(sql)
    schema_editor.execute(BACKFILL)


def drop(apps: Any, schema_editor: Any) -> None:
    statements = POSTGRESQL_REVERSE if schema_editor.connection.vendor == "postgresql" else SQLITE_REVERSE
    for sql in statements:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("common", "0003_ngram_search"),
        ("registry", "0006_enterprise_has_published_brand"),
    ]

    operations = [
        migrations.AddField(
            model_name="brand",
            name="search_name",
            field=models.TextField(
                blank=True,
                default="",
                editable=False,
                help_text="the brand's name and its owner's, kept by database triggers (registry/0007)",
                verbose_name="search text",
            ),
        ),
        migrations.RunPython(create, drop, elidable=False),
    ]
