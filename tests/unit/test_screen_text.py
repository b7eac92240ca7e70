"""Host tests of the framebuffer screen reader the UEFI boot tests rely on
(tools/qemu.py, ScreenText): a glyph is read with its colours, a blank
only in the background its row's text has, and any other solid cell as a
full block, so that a cell the console filled wrongly cannot pass for a
blank."""

import font
from qemu import ScreenText

BLACK, GREEN, RED, WHITE = (0, 0, 0), (0x55, 0xFF, 0x55), (0xAA, 0, 0), (0xFF, 0xFF, 0xFF)


def picture(rows):
    """The RGB bytes of cells given row by row as ("A", fg, bg) for a
    glyph or (None, colour) for a solid cell, and the picture's size."""
    glyphs = font.glyphs()
    width, height = len(rows[0]) * font.WIDTH, len(rows) * font.HEIGHT
    rgb = bytearray(width * height * 3)
    for row, cells in enumerate(rows):
        for column, cell in enumerate(cells):
            for y in range(font.HEIGHT):
                bits = glyphs[ord(cell[0])][y] if cell[0] else 0
                for x in range(font.WIDTH):
                    lit = cell[0] and bits & (font.LEFTMOST_PIXEL >> x)
                    colour = cell[1] if lit or not cell[0] else cell[2]
                    at = ((row * font.HEIGHT + y) * width + column * font.WIDTH + x) * 3
                    rgb[at:at + 3] = bytes(colour)
    return width, height, bytes(rgb)


def test_glyphs_and_blanks_in_their_rows_background_read_as_text():
    screen = ScreenText(*picture([[("H", GREEN, BLACK), ("i", GREEN, BLACK), (None, BLACK)],
                                  [("X", WHITE, RED), (None, RED), (None, RED)],
                                  [(None, BLACK), (None, BLACK), (None, BLACK)]]))
    assert screen.lines == ["Hi", "X", ""]
    assert screen.cells[0][0] == ("H", GREEN, BLACK)
    assert screen.cells[1][2] == (" ", None, RED)


def test_a_cell_filled_with_another_colour_is_not_a_blank():
    screen = ScreenText(*picture([[("H", GREEN, BLACK), (None, GREEN), ("i", GREEN, BLACK)],
                                  [(None, BLACK), (None, WHITE), (None, BLACK)]]))
    assert screen.lines == ["H" + ScreenText.FULL_BLOCK + "i", " " + ScreenText.FULL_BLOCK]
