/*
 * grid_check.h: a recording screen and checks for the text grid's host
 * tests (test_text_grid*.c).
 *
 * A test starts a grid on a cell array and on the recording screen, both
 * prefilled with a marker the grid never writes on its own. The screen
 * keeps what each draw and fill told it, so a test sees both what the
 * grid holds and what a real screen would show, and counts every call.
 */
#ifndef GRID_CHECK_H
#define GRID_CHECK_H

#include <stddef.h>
#include <stdint.h>

#include "kernel/console/text_grid.h"

#define GRID_CHECK_MAX_CELLS (80 * 25) /* the largest grid a test starts */
#define UNTOUCHED 0xEEEEu    /* prefill: no test draws byte 0xEE in colour 0xEE */
#define NOT_REPORTED 0xFFFFu /* cursor row and column before any report */
#define GREY 0x07u           /* light grey on black, the colour a new grid writes in */

struct screen_record {
    uint16_t shown[GRID_CHECK_MAX_CELLS]; /* what the draws and fills left on screen */
    unsigned columns, rows;               /* the grid the screen shows */
    unsigned draws, fills;
    unsigned cursor_calls, cursor_row, cursor_column;
};

extern struct screen_record screen_record;
extern const struct text_screen recording_screen;
extern const struct text_screen recording_screen_without_cursor;

/*
 * Fills `cells` (capacity of them) and the recorded screen with UNTOUCHED,
 * starts `grid` on them as columns x rows on `screen`, then forgets the
 * reports, so each test sees only the calls its own writes make.
 */
void start_grid_on(struct text_grid *grid, uint16_t *cells, size_t capacity, unsigned columns,
                   unsigned rows, const struct text_screen *screen);

/* start_grid_on with the recording screen, a grid exactly the size of the array. */
#define START_GRID(grid, cells, columns, rows) \
    start_grid_on(grid, cells, sizeof(cells) / sizeof(cells)[0], columns, rows, &recording_screen)

void forget_screen_reports(void);
void write_str(struct text_grid *grid, const char *text);
void write_repeated(struct text_grid *grid, char c, unsigned count);

#define CHECK_POSITION(grid, row, column) \
    check_position(__FILE__, __LINE__, grid, row, column)
void check_position(const char *file, int line, const struct text_grid *grid, unsigned row,
                    unsigned column);

/* The cell the grid holds at (row, column). */
#define CHECK_CELL(grid, row, column, expected) \
    check_cell(__FILE__, __LINE__, grid, row, column, expected)
void check_cell(const char *file, int line, const struct text_grid *grid, unsigned row,
                unsigned column, unsigned expected);

/* Every cell of rows first..last holds `expected`; names the first that does not. */
#define CHECK_ROWS_HOLD(grid, first, last, expected) \
    check_rows_hold(__FILE__, __LINE__, grid, first, last, expected)
void check_rows_hold(const char *file, int line, const struct text_grid *grid, unsigned first,
                     unsigned last, unsigned expected);

/*
 * The characters of a row, colours ignored. `expected` runs up to the last
 * non-space character; bytes outside printable ASCII read as '?'.
 */
#define CHECK_ROW_TEXT(grid, row, expected) \
    check_row_text(__FILE__, __LINE__, grid, row, expected)
void check_row_text(const char *file, int line, const struct text_grid *grid, unsigned row,
                    const char *expected);

/* The recording screen shows every cell the grid holds. */
#define CHECK_SCREEN_SHOWS_GRID(grid) check_screen_shows_grid(__FILE__, __LINE__, grid)
void check_screen_shows_grid(const char *file, int line, const struct text_grid *grid);

/* The last cursor report was (row, column). */
#define CHECK_CURSOR_AT(row, column) check_cursor_at(__FILE__, __LINE__, row, column)
void check_cursor_at(const char *file, int line, unsigned row, unsigned column);

#endif
