"""Django's SQLite backend, creating the database's folder on first connection."""
