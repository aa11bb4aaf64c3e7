"""Each chart kind drawn from the seeds, to PNG, SVG and HTML; the SVG holds the bars it
should (its elements, not its pixels), the title, the unit and the source line."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import Engine
from typer.testing import Result

from kb.knowledge import KnowledgeBase

pytest.importorskip("matplotlib", reason="charts need the extra kb[charts] (matplotlib)")

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    kb = KnowledgeBase(tmp_path_factory.mktemp("charts") / "kb.sqlite")
    kb.load([SEEDS])
    return kb


def bars(svg: Path, name: str) -> list[float]:
    """The heights of the bars of series `name` (matplotlib writes a group a series, by gid)."""
    root = ET.parse(svg).getroot()
    heights = []
    for group in root.iter(f"{SVG}g"):
        if group.get("id") == f"bars-{name}":
            for path in group.iter(f"{SVG}path"):
                box = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", path.get("d", ""))]
                ys = box[1::2]
                heights.append(round(max(ys) - min(ys), 3) if ys else 0.0)
    return heights


@pytest.mark.parametrize("suffix", ["png", "svg", "html"])
@pytest.mark.parametrize("kind", ["pledged-delivered", "over-time", "items"])
def test_every_kind_draws_in_every_format(
    seeded: KnowledgeBase, tmp_path: Path, kind: str, suffix: str
) -> None:
    target = tmp_path / f"{kind}.{suffix}"
    drawn = seeded.chart(kind, target, category="vaccine" if kind == "items" else None)
    assert target.stat().st_size > 1000 and drawn.labels
    if suffix == "png":
        assert target.read_bytes().startswith(b"\x89PNG")
    else:
        text = target.read_text("utf-8")
        assert drawn.title in text.replace("&amp;", "&")
        assert "kb, " in text and "commitments of" in text


def test_pledged_beside_delivered_holds_a_bar_a_donor_each(
    seeded: KnowledgeBase, tmp_path: Path
) -> None:
    drawn = seeded.chart("pledged-delivered", tmp_path / "p.svg")
    pledged, delivered = bars(tmp_path / "p.svg", "pledged"), bars(tmp_path / "p.svg", "delivered")
    assert len(pledged) == len(delivered) == len(drawn.labels)
    # Heights follow the figures: the largest pledge has the tallest pledged bar.
    top = max(range(len(drawn.labels)), key=lambda i: drawn.values["pledged"][i])
    assert pledged[top] == max(pledged)
    text = (tmp_path / "p.svg").read_text("utf-8")
    for label in drawn.labels:
        assert label in text.replace("&amp;", "&")


def test_items_counts_a_category_by_donor(seeded: KnowledgeBase, tmp_path: Path) -> None:
    drawn = seeded.chart("items", tmp_path / "i.svg", category="vaccine")
    assert drawn.unit == "vaccine" and "India" in drawn.labels
    assert len(bars(tmp_path / "i.svg", "count")) == len(drawn.labels)
    assert drawn.values["count"] == sorted(drawn.values["count"], reverse=True)


def test_the_command_draws_and_refuses_what_it_cannot(
    kb: Callable[..., Result], stored: Engine, tmp_path: Path
) -> None:
    done = kb("chart", "pledged-delivered", "--out", str(tmp_path / "c.png"))
    assert done.exit_code == 0, done.output
    assert "drawn to" in done.stdout
    assert kb("chart", "pies", "--out", str(tmp_path / "c.png")).exit_code == 2
    wrong = kb("chart", "items", "--out", str(tmp_path / "c.gif"))
    assert wrong.exit_code == 1 and "name a .png, .svg or .html file" in wrong.stderr
