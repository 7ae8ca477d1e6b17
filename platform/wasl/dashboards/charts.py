"""Horizontal bar charts laid out on the server, for inline SVG that needs no script.

Across, everything is a percentage of the chart's width, so the chart fills a
phone or a desktop card while its text keeps one readable size; down, rows
are pixels, and a long label wraps onto a second line. In right-to-left pages
the chart is mirrored: labels on the right, bars growing leftwards from them,
each value just past the end of its bar.
"""

from __future__ import annotations

from dataclasses import dataclass

LABEL_SHARE = 44.0  # per cent of the width
VALUE_SHARE = 17.0
GAP = 1.5
BAR_HEIGHT = 16
LINE_HEIGHT = 15
ROW_PADDING = 10
MIN_BAR = 0.6  # a non-zero value always shows
LINE_CHARS = 22
MAX_LINES = 2


@dataclass(frozen=True)
class ChartRow:
    lines: tuple[str, ...]  # the label as drawn, on one or two lines
    full_label: str
    title: str  # the full label and value, shown on hover
    value_text: str
    bar_x: float  # per cent
    bar_width: float  # per cent
    label_x: float  # per cent
    value_x: float  # per cent
    bar_y: int  # pixels
    text_y: int  # pixels: the baseline of the label's first line
    value_y: int  # pixels: the baseline of the value, beside the bar


@dataclass(frozen=True)
class BarChart:
    rows: tuple[ChartRow, ...]
    height: int
    direction: str  # "rtl" or "ltr"
    bar_height: int = BAR_HEIGHT
    line_height: int = LINE_HEIGHT


def wrap(label: str, width: int = LINE_CHARS, lines: int = MAX_LINES) -> tuple[str, ...]:
    """Up to ``lines`` lines of about ``width`` characters, broken between words; the rest is shortened."""
    result, current = [], ""
    for word in label.split():
        candidate = f"{current} {word}".strip()
        if current and len(candidate) > width:
            result.append(current)
            current = word
        else:
            current = candidate
    result.append(current)
    if len(result) > lines:
        result = [*result[: lines - 1], " ".join(result[lines - 1:])]
    return tuple(line if len(line) <= width + 4 else line[: width - 1].rstrip() + "…" for line in result)


def bar_chart(items, rtl: bool) -> BarChart:
    """``items`` are (label, value, value_text); bars are scaled to the largest value."""
    items = list(items)
    top = max((float(value) for _label, value, _text in items), default=0.0)
    area = 100.0 - LABEL_SHARE - VALUE_SHARE - 2 * GAP
    rows, y = [], 4
    for label, value, text in items:
        lines = wrap(label)
        height = max(BAR_HEIGHT, len(lines) * LINE_HEIGHT) + ROW_PADDING
        length = 0.0 if not value or top <= 0 else max(MIN_BAR, area * float(value) / top)
        bar_y = y + (height - ROW_PADDING - BAR_HEIGHT) // 2
        if rtl:
            label_x = 100.0 - LABEL_SHARE
            bar_x = label_x - GAP - length
            value_x = bar_x - 1.0  # the value's start, which is its right edge in RTL
        else:
            label_x = LABEL_SHARE
            bar_x = label_x + GAP
            value_x = bar_x + length + 1.0
        first_baseline = y + (height - ROW_PADDING - len(lines) * LINE_HEIGHT) // 2 + LINE_HEIGHT - 3
        rows.append(ChartRow(lines, label, f"{label}: {text}", text, round(bar_x, 2), round(length, 2),
                             label_x, round(value_x, 2), bar_y, first_baseline, bar_y + BAR_HEIGHT - 4))
        y += height
    return BarChart(tuple(rows), y + 4, "rtl" if rtl else "ltr")
