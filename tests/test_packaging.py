"""What `pip install .` ships: every package of kb/ (setuptools is given the list by hand,
so that the migrations ship as kb._migrations), and the gazetteer's data."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_package_of_kb_is_shipped() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    shipped = set(config["tool"]["setuptools"]["packages"])
    found = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "kb").rglob("__init__.py")
        if "_migrations" not in init.parts
    }
    assert found - shipped == set(), "add them to [tool.setuptools] packages"
