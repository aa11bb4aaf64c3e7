"""Charts drawn with matplotlib: bars with a title, axis labels, the unit and the source line
("kb, N commitments, ECB rates"), readable at the default size; written as PNG, SVG, or an
HTML page that holds the SVG."""

from __future__ import annotations

import html
import io
from pathlib import Path
from typing import Any

from kb.charts.series import Series

COLOURS = {
    "pledged": "#9ecae1",
    "delivered": "#08519c",
    "military": "#6b6b6b",
    "humanitarian": "#e6550d",
    "financial": "#31a354",
    "count": "#3182bd",
}
FORMATS = ("png", "svg", "html")


def render(series: Series, target: Path, source: str) -> None:
    """Draw `series` into `target` (its extension says the format); `source` is the line
    under the chart that says where its figures come from."""
    kind = target.suffix.lstrip(".").lower()
    if kind not in FORMATS:
        raise ValueError(f"cannot draw {target.name}: name a .png, .svg or .html file")
    figure = _figure(series, source)
    if kind == "html":
        out = io.StringIO()
        figure.savefig(out, format="svg", bbox_inches="tight")
        target.write_text(_page(series.title, out.getvalue(), source), encoding="utf-8")
    else:
        figure.savefig(target, format=kind, dpi=120, bbox_inches="tight")
    import matplotlib.pyplot as plt

    plt.close(figure)


def _figure(series: Series, source: str) -> Any:
    import matplotlib

    matplotlib.use("Agg")  # no display: files only
    import matplotlib.pyplot as plt

    # Text stays text in an SVG, so that a reader (and a test) finds the labels in it.
    plt.rcParams["svg.fonttype"] = "none"
    figure, axes = plt.subplots(figsize=(10, 5.5))
    names = list(series.values)
    width = 0.8 / max(1, len(names)) if len(names) > 1 and "pledged" in names else 0.8
    positions = range(len(series.labels))
    bottom = [0.0] * len(series.labels)
    for i, name in enumerate(names):
        values = series.values[name]
        if "pledged" in names:  # side by side: pledged beside delivered
            shifted = [p + (i - (len(names) - 1) / 2) * width for p in positions]
            axes.bar(
                shifted, values, width, label=name, color=COLOURS.get(name), gid=f"bars-{name}"
            )
        else:  # stacked: the aid types of one month or year
            axes.bar(list(positions), values, width, bottom=bottom, label=name,
                     color=COLOURS.get(name), gid=f"bars-{name}")  # fmt: skip
            bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    axes.set_xticks(list(positions), series.labels, rotation=45, ha="right")
    axes.set_title(series.title)
    axes.set_ylabel(series.unit)
    axes.yaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(_short))
    if len(names) > 1:
        axes.legend()
    axes.spines[["top", "right"]].set_visible(False)
    # Room at the foot for the source line, below the (turned) labels of the bars.
    figure.tight_layout(rect=(0, 0.05, 1, 1))
    figure.text(0.01, 0.012, source, fontsize=8, color="#555555")
    return figure


def _short(value: float, _: object) -> str:
    """An axis figure people read: 1.5bn, 250m, 40k."""
    for size, word in ((1e9, "bn"), (1e6, "m"), (1e3, "k")):
        if abs(value) >= size:
            return f"{value / size:g}{word}"
    return f"{value:g}"


def _page(title: str, svg: str, source: str) -> str:
    start = svg.find("<svg")
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title></head><body>\n{svg[start:]}\n"
        f"<p>{html.escape(source)}</p></body></html>\n"
    )
