/*
 * grid_check.c: the recording screen and grid checks of grid_check.h.
 */
#include "grid_check.h"

#include <string.h>

#include "check.h"

#define ROW_TEXT_MAX 80 /* the widest row check_row_text prints */

struct screen_record screen_record;

static void record_draw(unsigned row, unsigned column, uint16_t cell)
{
    screen_record.draws++;
    if (row >= screen_record.rows || column >= screen_record.columns) {
        check_fail(__FILE__, __LINE__, "draw outside the %ux%u grid: row %u column %u",
                   screen_record.columns, screen_record.rows, row, column);
        return;
    }
    screen_record.shown[row * screen_record.columns + column] = cell;
}

static void record_fill(uint16_t cell)
{
    screen_record.fills++;
    for (unsigned i = 0; i < screen_record.columns * screen_record.rows; i++)
        screen_record.shown[i] = cell;
}

static void record_cursor(unsigned row, unsigned column)
{
    screen_record.cursor_calls++;
    screen_record.cursor_row = row;
    screen_record.cursor_column = column;
}

const struct text_screen recording_screen = {
    .draw = record_draw, .fill = record_fill, .move_cursor = record_cursor,
};

const struct text_screen recording_screen_without_cursor = {
    .draw = record_draw, .fill = record_fill, .move_cursor = NULL,
};

void forget_screen_reports(void)
{
    screen_record.draws = 0;
    screen_record.fills = 0;
    screen_record.cursor_calls = 0;
    screen_record.cursor_row = NOT_REPORTED;
    screen_record.cursor_column = NOT_REPORTED;
}

void start_grid_on(struct text_grid *grid, uint16_t *cells, size_t capacity, unsigned columns,
                   unsigned rows, const struct text_screen *screen)
{
    for (size_t i = 0; i < capacity; i++)
        cells[i] = UNTOUCHED;
    for (size_t i = 0; i < GRID_CHECK_MAX_CELLS; i++)
        screen_record.shown[i] = UNTOUCHED;
    text_grid_init(grid, cells, capacity, columns, rows, screen);
    screen_record.columns = grid->columns;
    screen_record.rows = grid->rows;
    forget_screen_reports();
}

void write_str(struct text_grid *grid, const char *text)
{
    text_grid_write(grid, text, strlen(text));
}

void write_repeated(struct text_grid *grid, char c, unsigned count)
{
    for (unsigned i = 0; i < count; i++)
        text_grid_write(grid, &c, 1);
}

void check_position(const char *file, int line, const struct text_grid *grid, unsigned row,
                    unsigned column)
{
    if (grid->row != row || grid->column != column)
        check_fail(file, line, "position: expected row %u column %u, saw row %u column %u",
                   row, column, grid->row, grid->column);
}

void check_cell(const char *file, int line, const struct text_grid *grid, unsigned row,
                unsigned column, unsigned expected)
{
    unsigned saw = grid->cells[row * grid->columns + column];

    if (saw != expected)
        check_fail(file, line, "cell at row %u column %u: expected 0x%04x, saw 0x%04x",
                   row, column, expected, saw);
}

void check_rows_hold(const char *file, int line, const struct text_grid *grid, unsigned first,
                     unsigned last, unsigned expected)
{
    unsigned wrong = 0, first_wrong = 0;

    for (unsigned i = first * grid->columns; i < (last + 1) * grid->columns; i++)
        if (grid->cells[i] != expected && wrong++ == 0)
            first_wrong = i;
    if (wrong > 0)
        check_fail(file, line,
                   "rows %u-%u: expected every cell 0x%04x, saw %u others, "
                   "first at row %u column %u: 0x%04x",
                   first, last, expected, wrong, first_wrong / grid->columns,
                   first_wrong % grid->columns, (unsigned)grid->cells[first_wrong]);
}

void check_row_text(const char *file, int line, const struct text_grid *grid, unsigned row,
                    const char *expected)
{
    char saw[ROW_TEXT_MAX + 1];
    size_t length = 0;

    for (unsigned column = 0; column < grid->columns && column < ROW_TEXT_MAX; column++) {
        unsigned char c = text_cell_character(grid->cells[row * grid->columns + column]);
        saw[column] = c >= 0x20 && c < 0x7F ? (char)c : '?';
        if (c != ' ')
            length = column + 1;
    }
    saw[length] = '\0';
    if (strcmp(expected, saw) != 0)
        check_fail(file, line, "row %u: expected \"%s\", saw \"%s\"", row, expected, saw);
}

void check_screen_shows_grid(const char *file, int line, const struct text_grid *grid)
{
    for (unsigned i = 0; i < grid->columns * grid->rows; i++)
        if (screen_record.shown[i] != grid->cells[i]) {
            check_fail(file, line, "screen at row %u column %u: expected the grid's 0x%04x, "
                       "saw 0x%04x", i / grid->columns, i % grid->columns,
                       (unsigned)grid->cells[i], (unsigned)screen_record.shown[i]);
            return;
        }
}

void check_cursor_at(const char *file, int line, unsigned row, unsigned column)
{
    if (screen_record.cursor_row != row || screen_record.cursor_column != column)
        check_fail(file, line, "cursor: expected row %u column %u, saw row %u column %u",
                   row, column, screen_record.cursor_row, screen_record.cursor_column);
}
