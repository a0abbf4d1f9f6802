"""The event database (DuckDB): schema and migrations, batch writer, stories, queries, exports."""

from newswire.store.db import DEFAULT_DB, Store, StoreError, WriteResult, open_store
from newswire.store.records import Prepared, article_key, prepare

__all__ = ["DEFAULT_DB", "Prepared", "Store", "StoreError", "WriteResult", "article_key", "open_store", "prepare"]
