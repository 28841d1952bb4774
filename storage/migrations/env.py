"""Alembic environment: runs on the engine handed over in ``config.attributes``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from alembic import context

from storage.models import SQLModel
from storage.search import is_search_object

if TYPE_CHECKING:
    from alembic.runtime.environment import NameFilterParentNames, NameFilterType

target_metadata = SQLModel.metadata


def include_name(name: str | None, type_: NameFilterType, parent_names: NameFilterParentNames) -> bool:
    """Autogenerate leaves alone what the models do not describe: the search index."""
    return not is_search_object(name)

engine = context.config.attributes["engine"]

with engine.connect() as connection:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        include_name=include_name,
    )
    with context.begin_transaction():
        context.run_migrations()
