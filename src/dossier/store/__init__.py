"""Storage: SQLAlchemy schema, Alembic migrations, transactional writes and queries."""

from dossier.store.db import AddResult, Store, database_url

__all__ = ["AddResult", "Store", "database_url"]
