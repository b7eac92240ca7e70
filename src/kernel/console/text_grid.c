/*
 * text_grid.c: the text grid declared in text_grid.h, the one place where
 * the console's control characters, wrapping and scrolling are decided.
 *
 * Every change to a cell goes through set_cell, which tells the screen
 * only when the value differs: a scroll then redraws just the cells whose
 * text or colour moved, which matters most on a framebuffer, where a cell
 * is 128 pixels.
 */
#include "kernel/console/text_grid.h"

#include <stdbool.h>

#define BLANK ' '

static uint16_t blank_cell(const struct text_grid *grid)
{
    return text_cell(grid->attribute, BLANK);
}

static void report_cursor(const struct text_grid *grid)
{
    if (grid->screen->move_cursor != NULL)
        grid->screen->move_cursor(grid->row, grid->column);
}

static void set_cell(struct text_grid *grid, unsigned row, unsigned column, uint16_t cell)
{
    uint16_t *slot = &grid->cells[row * grid->columns + column];

    if (*slot == cell)
        return;
    *slot = cell;
    grid->screen->draw(row, column, cell);
}

/* Moves every row up one and blanks the last in the current colour. */
static void scroll(struct text_grid *grid)
{
    for (unsigned row = 0; row + 1 < grid->rows; row++)
        for (unsigned column = 0; column < grid->columns; column++)
            set_cell(grid, row, column, grid->cells[(row + 1) * grid->columns + column]);
    for (unsigned column = 0; column < grid->columns; column++)
        set_cell(grid, grid->rows - 1, column, blank_cell(grid));
}

static void next_line(struct text_grid *grid)
{
    grid->column = 0;
    if (grid->row == grid->rows - 1)
        scroll(grid);
    else
        grid->row++;
}

/* Wraps at once rather than on the next character, keeping the invariant. */
static void wrap_if_past_the_edge(struct text_grid *grid)
{
    if (grid->column >= grid->columns)
        next_line(grid);
}

static void put_cell(struct text_grid *grid, uint16_t cell)
{
    set_cell(grid, grid->row, grid->column, cell);
    grid->column++;
    wrap_if_past_the_edge(grid);
}

static void put(struct text_grid *grid, char c)
{
    switch (c) {
    case '\n':
        next_line(grid);
        break;
    case '\r':
        grid->column = 0;
        break;
    case '\t':
        grid->column = (grid->column / TEXT_GRID_TAB_WIDTH + 1) * TEXT_GRID_TAB_WIDTH;
        wrap_if_past_the_edge(grid);
        break;
    case '\b':
        if (grid->column > 0)
            grid->column--;
        break;
    default:
        /* Through unsigned char so code page 437 glyphs (0x80 and up) do
         * not sign-extend into the attribute byte. */
        put_cell(grid, text_cell(grid->attribute, (unsigned char)c));
        break;
    }
}

void text_grid_init(struct text_grid *grid, uint16_t *cells, size_t capacity, unsigned columns,
                    unsigned rows, const struct text_screen *screen)
{
    if (columns > capacity)
        columns = (unsigned)capacity;
    if ((size_t)columns * rows > capacity)
        rows = (unsigned)(capacity / columns);
    grid->cells = cells;
    grid->columns = columns;
    grid->rows = rows;
    grid->row = 0;
    grid->column = 0;
    grid->screen = screen;
    text_grid_set_color(grid, CONSOLE_LIGHT_GREY, CONSOLE_BLACK);
    /* The screen's cursor may have been left anywhere, by us or the boot loader. */
    report_cursor(grid);
}

void text_grid_set_color(struct text_grid *grid, enum console_color foreground,
                         enum console_color background)
{
    grid->attribute = text_attribute(foreground, background);
}

void text_grid_clear(struct text_grid *grid)
{
    uint16_t blank = blank_cell(grid);

    for (size_t i = 0; i < (size_t)grid->columns * grid->rows; i++)
        grid->cells[i] = blank;
    /* One fill rather than a draw per cell: a framebuffer's edges outside
     * the cells must change colour too. */
    grid->screen->fill(blank);
    grid->row = 0;
    grid->column = 0;
    report_cursor(grid);
}

void text_grid_write(struct text_grid *grid, const char *text, size_t n)
{
    for (size_t i = 0; i < n; i++)
        put(grid, text[i]);
    /* Once per call: on VGA each move is four port writes. */
    report_cursor(grid);
}

/* A cell that shows nothing but `background`: a space or NUL (both empty glyphs) on it. */
static bool shows_only(uint16_t cell, enum console_color background)
{
    unsigned char c = text_cell_character(cell);

    return (c == BLANK || c == '\0') && text_cell_background(cell) == background;
}

void text_grid_move_text(struct text_grid *to, const struct text_grid *from)
{
    enum console_color background = text_cell_background(blank_cell(to));

    for (unsigned row = 0; row <= from->row; row++) {
        const uint16_t *cells = &from->cells[row * from->columns];
        bool last = row == from->row;
        unsigned end = last ? from->column : from->columns;

        while (!last && end > 0 && shows_only(cells[end - 1], background))
            end--;
        for (unsigned column = 0; column < end; column++)
            put_cell(to, cells[column]);
        /* A row that ends exactly at to's edge has wrapped already. */
        if (!last && (end == 0 || to->column != 0))
            next_line(to);
    }
    to->attribute = from->attribute;
    report_cursor(to);
}
