"""storage.tables (the light views `status` and `counts` read) against the ORM tables."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from storage import tables
from storage.models import SQLModel
from storage.types import UTCDateTime


@pytest.mark.parametrize("light", tables.ALL, ids=lambda t: t.name)
def test_every_light_column_is_a_real_column_of_the_same_kind(light):
    real = SQLModel.metadata.tables[light.name]
    for column in light.columns:
        assert column.name in real.c, f"{light.name}.{column.name} is not in storage.models"
        real_type = real.c[column.name].type
        for kind in (UTCDateTime, sa.Boolean, sa.Integer):
            assert isinstance(column.type, kind) == isinstance(real_type, kind), (
                f"{light.name}.{column.name}: {column.type!r} here, {real_type!r} in the model")


def test_a_dropped_column_would_be_caught():
    """The check above can fail: a view naming a column the model lacks."""
    bogus = sa.table("meta", sa.column("no_such_column", sa.String()))
    assert "no_such_column" not in SQLModel.metadata.tables[bogus.name].c
