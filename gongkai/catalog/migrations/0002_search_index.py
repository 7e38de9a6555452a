"""The full-text index behind catalog_searchentry, in each database's own way.

SQLite: an FTS5 table over the entry's token columns (external content), kept in step by
triggers. PostgreSQL: a generated tsvector column (title words weighted above body words) with a
GIN index. Both index words that jieba has already separated with spaces.
"""

from django.db import migrations

SQLITE_FORWARD = [
    """CREATE VIRTUAL TABLE catalog_fts USING fts5(
        title_tokens, body_tokens, content='catalog_searchentry', content_rowid='item_id',
        tokenize='unicode61 remove_diacritics 0')""",
    """CREATE TRIGGER catalog_fts_ai AFTER INSERT ON catalog_searchentry BEGIN
        INSERT INTO catalog_fts(rowid, title_tokens, body_tokens)
        VALUES (new.item_id, new.title_tokens, new.body_tokens);
    END""",
    """CREATE TRIGGER catalog_fts_ad AFTER DELETE ON catalog_searchentry BEGIN
        INSERT INTO catalog_fts(catalog_fts, rowid, title_tokens, body_tokens)
        VALUES ('delete', old.item_id, old.title_tokens, old.body_tokens);
    END""",
    """CREATE TRIGGER catalog_fts_au AFTER UPDATE ON catalog_searchentry BEGIN
        INSERT INTO catalog_fts(catalog_fts, rowid, title_tokens, body_tokens)
        VALUES ('delete', old.item_id, old.title_tokens, old.body_tokens);
        INSERT INTO catalog_fts(rowid, title_tokens, body_tokens)
        VALUES (new.item_id, new.title_tokens, new.body_tokens);
    END""",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS catalog_fts_au",
    "DROP TRIGGER IF EXISTS catalog_fts_ad",
    "DROP TRIGGER IF EXISTS catalog_fts_ai",
    "DROP TABLE IF EXISTS catalog_fts",
]
POSTGRES_FORWARD = [
    """ALTER TABLE catalog_searchentry ADD COLUMN vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple', title_tokens), 'A') || setweight(to_tsvector('simple', body_tokens), 'B')
    ) STORED""",
    "CREATE INDEX catalog_searchentry_vector ON catalog_searchentry USING GIN (vector)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS catalog_searchentry_vector",
    "ALTER TABLE catalog_searchentry DROP COLUMN IF EXISTS vector",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("catalog", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        )
    ]
