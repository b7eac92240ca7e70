"""compare_chart.py: the timeline chart of `make compare`, as plain SVG text.

One horizontal bar per way to boot, split into the three phases that
boot_timing.boot_phases measures, each labelled with its seconds (inside
the bar, or after it where the phase is too thin); the 512-byte floor as a
dashed line across the bars; a legend and a time axis. compare.py writes
timeline_svg's text to BUILD/compare.svg; the README shows a copy,
docs/compare.svg. Each bar is a <g class="bar"> holding one <rect> per
phase, whose class is the phase's name, so that a test can count them.
"""

import math
import textwrap
from xml.sax.saxutils import escape

PHASE_STYLE = (  # name as in boot_timing.Phases, legend text, fill colour
    ("firmware", "firmware: QEMU start to 0x7C00", "#a0a0a0"),
    ("loader", "loader: 0x7C00 to the kernel's entry", "#3b75af"),
    ("kernel", "kernel: entry to Hello World!", "#4e9a3a"),
)
WIDTH = 900
LABEL_WIDTH = 150        # left of the bars: each bar's name
RIGHT_MARGIN = 330       # right of the longest bar: its note
LINE_HEIGHT = 18         # a line of text in the title block
TITLE_FONT_SIZE = 15
FONT_SIZE = 12
SUBTITLE_CHARACTERS = 140  # wrapped there, so a long host line stays inside the picture
LEGEND_HEIGHT = 30
LEGEND_SWATCH = 12
LEGEND_SPACING = 260
FLOOR_LABEL_HEIGHT = 16  # above the bars: what the dashed line is
FLOOR_DASHES = "4 3"     # dash and gap lengths of the floor's line
BAR_HEIGHT = 28
BAR_GAP = 16
MIN_LABELLED_WIDTH = 46  # a phase narrower than this is named after the bar instead
AXIS_HEIGHT = 40         # tick marks, their labels and the axis name
TICK_LENGTH = 5
MAX_TICKS = 10
NICE_STEPS = (0.01, 0.02, 0.05, 0.1, 0.2, 0.25, 0.5, 1, 2, 5, 10)
TEXT_PADDING = 6         # between a text and what it labels
FONT = f'font-family="sans-serif" font-size="{FONT_SIZE}"'
CENTRED = 'dominant-baseline="central"'  # a text's middle on its y, as a bar's is
# A white outline under a note's letters, so that the floor's line does not cross them.
HALO = 'stroke="white" stroke-width="3" paint-order="stroke"'


def _tick_step(span):
    """The smallest of NICE_STEPS that puts at most MAX_TICKS ticks on the axis."""
    return next((step for step in NICE_STEPS if span / step <= MAX_TICKS), NICE_STEPS[-1])


def _text(x, y, text, *attributes):
    return f'<text x="{x:.1f}" y="{y:.1f}" {FONT} {" ".join(attributes)}>{escape(text)}</text>'


def timeline_svg(bars, floor_seconds, title, subtitle):
    """bars: (name, Phases, note) per way to boot, the note written after the
    bar; floor_seconds: where the dashed line goes. Returns the SVG text."""
    longest = max([sum(phases) for _, phases, _ in bars] + [floor_seconds])
    step = _tick_step(longest)
    span = step * math.ceil(longest / step)  # the axis ends on a tick
    plot_width = WIDTH - LABEL_WIDTH - RIGHT_MARGIN
    scale = plot_width / span

    def x(seconds):
        return LABEL_WIDTH + seconds * scale

    subtitle_lines = textwrap.wrap(subtitle, SUBTITLE_CHARACTERS)
    legend_top = LINE_HEIGHT * (1 + len(subtitle_lines)) + TEXT_PADDING
    bars_top = legend_top + LEGEND_HEIGHT + FLOOR_LABEL_HEIGHT
    bars_bottom = bars_top + len(bars) * (BAR_HEIGHT + BAR_GAP)
    height = bars_bottom + AXIS_HEIGHT
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
           f'viewBox="0 0 {WIDTH} {height}">',
           f'<rect width="{WIDTH}" height="{height}" fill="white"/>',
           f'<text x="{TEXT_PADDING}" y="{LINE_HEIGHT}" font-family="sans-serif" '
           f'font-size="{TITLE_FONT_SIZE}" font-weight="bold">{escape(title)}</text>']
    for number, line in enumerate(subtitle_lines, 2):
        out.append(_text(TEXT_PADDING, number * LINE_HEIGHT, line, 'fill="#555"'))

    legend_middle = legend_top + LEGEND_HEIGHT / 2
    for number, (_, legend, colour) in enumerate(PHASE_STYLE):
        left = TEXT_PADDING + number * LEGEND_SPACING
        out.append(f'<rect x="{left}" y="{legend_middle - LEGEND_SWATCH / 2}" '
                   f'width="{LEGEND_SWATCH}" height="{LEGEND_SWATCH}" fill="{colour}"/>')
        out.append(_text(left + LEGEND_SWATCH + TEXT_PADDING, legend_middle, legend, CENTRED))

    notes = []  # after the floor's line, so that they are drawn over it
    for row, (name, phases, note) in enumerate(bars):
        top = bars_top + row * (BAR_HEIGHT + BAR_GAP) + BAR_GAP / 2
        middle = top + BAR_HEIGHT / 2
        out.append('<g class="bar">')
        out.append(_text(LABEL_WIDTH - TEXT_PADDING, middle, name, CENTRED, 'text-anchor="end"'))
        start, thin = 0.0, []
        for (phase, _, colour), seconds in zip(PHASE_STYLE, phases):
            width = seconds * scale
            out.append(f'<rect class="{phase}" x="{x(start):.1f}" y="{top:.1f}" '
                       f'width="{width:.1f}" height="{BAR_HEIGHT}" fill="{colour}">'
                       f'<title>{phase}: {seconds:.3f} s</title></rect>')
            if width >= MIN_LABELLED_WIDTH:
                out.append(_text(x(start) + width / 2, middle, f"{seconds:.3f} s", CENTRED,
                                 'fill="white"', 'text-anchor="middle"'))
            else:
                thin.append(f"{phase} {seconds:.3f} s")
            start += seconds
        out.append('</g>')
        notes.append(_text(x(start) + TEXT_PADDING, middle, "; ".join(thin + [note]), CENTRED,
                           HALO))

    floor_x = x(floor_seconds)
    out.append(f'<line x1="{floor_x:.1f}" y1="{bars_top - FLOOR_LABEL_HEIGHT}" '
               f'x2="{floor_x:.1f}" y2="{bars_bottom}" stroke="black" '
               f'stroke-dasharray="{FLOOR_DASHES}"/>')
    out.append(_text(floor_x + TEXT_PADDING, bars_top - FLOOR_LABEL_HEIGHT / 2,
                     f"512-byte floor: {floor_seconds:.3f} s", CENTRED, HALO))
    out += notes

    out.append(f'<line x1="{LABEL_WIDTH}" y1="{bars_bottom}" x2="{x(span):.1f}" '
               f'y2="{bars_bottom}" stroke="black"/>')
    for tick in range(round(span / step) + 1):
        tick_x = x(tick * step)
        out.append(f'<line x1="{tick_x:.1f}" y1="{bars_bottom}" x2="{tick_x:.1f}" '
                   f'y2="{bars_bottom + TICK_LENGTH}" stroke="black"/>')
        out.append(_text(tick_x, bars_bottom + TICK_LENGTH + FONT_SIZE, f"{tick * step:g}",
                         'text-anchor="middle"'))
    out.append(_text(LABEL_WIDTH + plot_width / 2, height - TEXT_PADDING,
                     "seconds from QEMU start", 'text-anchor="middle"'))
    out.append('</svg>')
    return "\n".join(out) + "\n"
