"""Charts drawn by the app as SVG (no script, no CDN): grouped bars over months, with a scale, the
values in each bar's title (a tooltip) and a text alternative."""

from decimal import Decimal
from html import escape

from markupsafe import Markup

WIDTH, HEIGHT = 720, 260
LEFT, RIGHT, TOP, BOTTOM = 64, 12, 16, 40
COLOURS = ("#1f5fa8", "#d9822b", "#6b9e3a")


def _nice_top(value: Decimal) -> Decimal:
    """The smallest 1, 2 or 5 × 10^n at or above value (the scale's top)."""
    if value <= 0:
        return Decimal(1)
    magnitude = Decimal(10) ** (len(str(int(value))) - 1)
    for step in (1, 2, 5, 10):
        if value <= step * magnitude:
            return step * magnitude
    return 10 * magnitude


def bar_chart(title: str, labels: list[str], series: list[tuple[str, list[Decimal]]], fmt, short) -> Markup:
    """labels: one per group (month); series: (name, values) drawn side by side in each group;
    fmt formats a value for the tooltip, short for the axis."""
    top = _nice_top(max((v for _, values in series for v in values), default=Decimal(0)))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    group_w = plot_w / max(len(labels), 1)
    bar_w = group_w * 0.8 / max(len(series), 1)
    parts = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT + 24}" role="img" aria-label="{escape(title)}" '
        f'xmlns="http://www.w3.org/2000/svg" font-family="inherit" font-size="11">',
        f"<title>{escape(title)}</title>",
    ]
    for i in range(5):
        value = top * i / 4
        y = TOP + plot_h - plot_h * i / 4
        parts.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" stroke="#e3e7ee"/>')
        parts.append(
            f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" fill="#5b6472">{escape(short(value))}</text>'
        )
    for g, label in enumerate(labels):
        x0 = LEFT + g * group_w + group_w * 0.1
        for s, (name, values) in enumerate(series):
            value = values[g]
            h = float(plot_h * value / top) if top else 0.0
            x, y = x0 + s * bar_w, TOP + plot_h - h
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w - 1:.1f}" height="{max(h, 0):.1f}" '
                f'fill="{COLOURS[s % len(COLOURS)]}"><title>{escape(label)} {escape(name)}: {escape(fmt(value))}</title></rect>'
            )
        parts.append(
            f'<text x="{LEFT + g * group_w + group_w / 2:.1f}" y="{HEIGHT - BOTTOM + 16}" text-anchor="middle" '
            f'fill="#5b6472">{escape(label)}</text>'
        )
    x = LEFT
    for s, (name, _values) in enumerate(series):
        parts.append(f'<rect x="{x}" y="{HEIGHT + 6}" width="12" height="12" fill="{COLOURS[s % len(COLOURS)]}"/>')
        parts.append(f'<text x="{x + 16}" y="{HEIGHT + 16}" fill="#1d2430">{escape(name)}</text>')
        x += 28 + 8 * len(name) + (6 * sum(1 for c in name if ord(c) > 0x2E80))
    parts.append("</svg>")
    # bandit B704: every text in the SVG (title, labels, series names, formatted values) went through
    # html.escape above; the rest are numbers this function computed and constant colours.
    return Markup("".join(parts))  # nosec B704
