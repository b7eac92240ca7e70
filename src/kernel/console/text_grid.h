/*
 * text_grid.h: the text on screen, whichever screen shows it: a grid of
 * character cells, where the next character goes, the colour it gets, and
 * what '\n', '\r', '\t', '\b', wrapping and scrolling do to them.
 *
 * The grid keeps its cells in an array its owner provides and tells a
 * screen about each cell whose value changes, so a screen never draws a
 * cell again that did not change and never reads back what it shows. The
 * VGA text driver copies cells into video memory, the framebuffer console
 * draws their glyphs, and host tests (tests/unit/test_text_grid*.c) hand
 * the grid an array and a screen that records.
 */
#ifndef TEXT_GRID_H
#define TEXT_GRID_H

#include <stddef.h>
#include <stdint.h>

#include "kernel/console/color.h"

#define TEXT_GRID_TAB_WIDTH 8 /* '\t' goes to the next multiple of this column */

/*
 * A cell is attribute << 8 | character, an attribute is background << 4 |
 * foreground: VGA text mode's own format, so the VGA driver stores a cell
 * as it is. The character is a code page 437 byte.
 */
#define TEXT_CELL_ATTRIBUTE_SHIFT 8
#define TEXT_CELL_CHARACTER_MASK 0xFF
#define TEXT_ATTRIBUTE_BACKGROUND_SHIFT 4
#define TEXT_ATTRIBUTE_COLOR_MASK 0x0F

static inline uint8_t text_attribute(enum console_color foreground, enum console_color background)
{
    /* Masked so an out-of-range colour cannot spill into the other nibble. */
    return (uint8_t)((background & TEXT_ATTRIBUTE_COLOR_MASK) << TEXT_ATTRIBUTE_BACKGROUND_SHIFT
                     | (foreground & TEXT_ATTRIBUTE_COLOR_MASK));
}

static inline uint16_t text_cell(uint8_t attribute, unsigned char character)
{
    return (uint16_t)(attribute << TEXT_CELL_ATTRIBUTE_SHIFT | character);
}

static inline unsigned char text_cell_character(uint16_t cell)
{
    return (unsigned char)(cell & TEXT_CELL_CHARACTER_MASK);
}

static inline enum console_color text_cell_foreground(uint16_t cell)
{
    unsigned attribute = cell >> TEXT_CELL_ATTRIBUTE_SHIFT;

    return (enum console_color)(attribute & TEXT_ATTRIBUTE_COLOR_MASK);
}

static inline enum console_color text_cell_background(uint16_t cell)
{
    unsigned attribute = cell >> TEXT_CELL_ATTRIBUTE_SHIFT;

    return (enum console_color)(attribute >> TEXT_ATTRIBUTE_BACKGROUND_SHIFT
                                & TEXT_ATTRIBUTE_COLOR_MASK);
}

/* What a screen does for the grid. move_cursor may be NULL; the others may not. */
struct text_screen {
    /* The cell at (row, column) now holds `cell`. */
    void (*draw)(unsigned row, unsigned column, uint16_t cell);
    /* Every cell now holds `cell`, a blank: paint the whole screen, edges included. */
    void (*fill)(uint16_t cell);
    /* The next character goes to (row, column). */
    void (*move_cursor)(unsigned row, unsigned column);
};

/* Invariant: row < rows and column < columns between calls, so the position names a cell. */
struct text_grid {
    uint16_t *cells;            /* columns * rows, row-major: what the screen shows */
    unsigned columns, rows;
    unsigned row, column;       /* where the next character goes */
    uint8_t attribute;          /* the colour of what is written next */
    const struct text_screen *screen;
};

/*
 * Takes over `cells` as a columns x rows grid shown by `screen`, in light
 * grey on black, writing from the top left and reporting the cursor there.
 * Uses at most `capacity` cells: fewer columns, then fewer rows, when
 * columns * rows is more. Keeps the cells as they are, so the caller
 * either knows they hold what the screen shows or clears the grid.
 * columns, rows and capacity must be at least 1.
 */
void text_grid_init(struct text_grid *grid, uint16_t *cells, size_t capacity, unsigned columns,
                    unsigned rows, const struct text_screen *screen);

void text_grid_set_color(struct text_grid *grid, enum console_color foreground,
                         enum console_color background);

/* Fills the grid and the screen with blanks in the current colour; position to the top left. */
void text_grid_clear(struct text_grid *grid);

/*
 * Writes n characters, then reports the cursor once (even when n is 0).
 * '\n' starts the next line, '\r' returns to column 0, '\t' advances to
 * the next multiple of TEXT_GRID_TAB_WIDTH and '\b' steps back one column
 * (not past column 0); they move without drawing or erasing. Every other
 * byte, including 0x80 and up, is stored as is. Wrapping is immediate:
 * after a character in the last column, or a tab past the last tab stop,
 * the position is column 0 of the next line, so a full row then '\n'
 * leaves an empty line. Moving past the last row scrolls up one line and
 * blanks the last row in the current colour.
 */
void text_grid_write(struct text_grid *grid, const char *text, size_t n);

/*
 * Writes what `from` holds, up to its position, into `to` as cells,
 * colours and all, re-flowed to `to`'s width: each row of `from` becomes
 * a line of `to` (the last one up to `from`'s position), and `to` then
 * writes in `from`'s colour. Blanks that end a row (but the last) and
 * look like `to`'s background are left out, so the rows of a narrower
 * screen fit a wider one without wrapping. Meant for a freshly cleared
 * `to`, when the text moves to another screen.
 */
void text_grid_move_text(struct text_grid *to, const struct text_grid *from);

#endif
