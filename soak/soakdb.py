"""A fresh PostgreSQL database of the soak's own (never the shared servers' other data)."""

from __future__ import annotations

import psycopg


def fresh_postgres_database(name: str, port: int = 5432) -> str:
    with psycopg.connect(
        f"host=127.0.0.1 port={port} user=postgres dbname=postgres", autocommit=True
    ) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    return name
