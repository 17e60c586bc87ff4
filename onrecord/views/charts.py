"""Small charts drawn as server-side SVG, readable without JavaScript or CSS.

The SVG carries its own ``<title>`` and ``<desc>`` for screen readers, and every bar a
``<title>`` tooltip; the page also shows the same numbers as a table.
"""

from __future__ import annotations

from markupsafe import Markup, escape


def month_range(first: str, last: str) -> list[str]:
    """Every ``YYYY-MM`` from ``first`` to ``last`` inclusive."""
    year, month = int(first[:4]), int(first[5:7])
    end = (int(last[:4]), int(last[5:7]))
    months = []
    while (year, month) <= end:
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def timeline_svg(
    counts: dict[str, int], *, label: str, width: int = 720, height: int = 140
) -> Markup:
    """A bar per month from the first to the last month with statements (empty months too)."""
    if not counts:
        return Markup("")
    months = month_range(min(counts), max(counts))
    peak = max(counts.values())
    left, bottom, top = 32, 22, 8
    plot_w, plot_h = width - left - 4, height - bottom - top
    # few months: narrow bars, not one wide block, but each wide enough for its month's label
    step = min(plot_w / len(months), float(LABEL_SPACE))
    bar_w = max(1.0, step * 0.8)
    left += (plot_w - step * len(months)) / 2
    parts = [
        f'<svg class="timeline" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="tl-title tl-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="tl-title">{escape(label)}</title>',
        f'<desc id="tl-desc">Statements per month from {months[0]} to {months[-1]}; '
        f"the most in one month: {peak}.</desc>",
        f'<line x1="32" y1="{top + plot_h}" x2="{width - 4}" y2="{top + plot_h}" '
        'stroke="#50545c" stroke-width="1"/>',
        f'<text x="28" y="{top + 10}" text-anchor="end" font-size="13" '
        f'fill="#50545c">{peak}</text>',
        f'<text x="28" y="{top + plot_h}" text-anchor="end" font-size="13" '
        'fill="#50545c">0</text>',
    ]
    for i, month in enumerate(months):
        count = counts.get(month, 0)
        if count:
            bar_h = max(1.0, plot_h * count / peak)
            x = left + i * step + (step - bar_w) / 2
            parts.append(
                f'<rect x="{x:.1f}" y="{top + plot_h - bar_h:.1f}" width="{bar_w:.1f}" '
                f'height="{bar_h:.1f}" fill="#0b5cab"><title>{month}: {count}</title></rect>'
            )
    ticks = _ticks(months, step)
    by_year = len(months) > YEAR_LABELS_FROM
    for i in ticks:
        x = left + i * step + step / 2
        parts.append(
            f'<text x="{x:.1f}" y="{height - 6}" text-anchor="middle" font-size="13" '
            f'fill="#50545c">{months[i][:4] if by_year else months[i]}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))


LABELS = 6  # about this many month labels under the bars
YEAR_LABELS_FROM = 48  # months; longer spans are labelled by year, at each January
# Room a "2016-09" label needs, in the chart's units: about 54 at 13 px in the page's font,
# and a gap, so two labels never run together ("2016-092016-10")
LABEL_SPACE = 66


def _ticks(months: list[str], step: float = LABEL_SPACE) -> list[int]:
    """Indexes to label: every month when few; else every few months, the first and the last
    among them, so a year and a month of bars gets several labels, not one; long spans by year.
    ``step`` is the width of a month; no two month labels are closer than LABEL_SPACE.
    """
    count = len(months)
    if count <= 8 and step >= LABEL_SPACE:
        return list(range(count))
    if count <= YEAR_LABELS_FROM:
        stride = max(-(-count // LABELS), -(-LABEL_SPACE // int(step)))
        ticks = list(range(0, count, stride))
        if (count - 1 - ticks[-1]) * step >= LABEL_SPACE:
            ticks.append(count - 1)
        elif len(ticks) > 1:
            ticks[-1] = count - 1
        return ticks
    januaries = [i for i, m in enumerate(months) if m.endswith("-01")] or [0]
    stride = max(1, -(-len(januaries) // 8))
    return januaries[::stride]
