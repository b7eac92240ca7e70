/*
 * test_vga_text.c: host tests for src/arch/x86_64/drivers/vga_text.c,
 * which copies cells into the 80x25 VGA text buffer.
 *
 * Each test hands the driver an array one screen long plus a guard row,
 * prefilled with a marker the driver never writes on its own. The cursor
 * is port I/O and is left to the boot tests.
 */
#include "arch/x86_64/drivers/vga_text.h"
#include "arch/x86_64/pc.h"
#include "check.h"
#include "kernel/console/text_grid.h"

#include <stdint.h>

#define CELLS (VGA_TEXT_ROWS * VGA_TEXT_COLUMNS)
#define LAST_ROW (VGA_TEXT_ROWS - 1)
#define LAST_COLUMN (VGA_TEXT_COLUMNS - 1)
#define UNTOUCHED 0xEEEEu /* prefill: no test stores byte 0xEE in colour 0xEE */
#define AT(row, column) ((row) * VGA_TEXT_COLUMNS + (column))

static uint16_t buffer[CELLS + VGA_TEXT_COLUMNS]; /* the screen, then a guard row */

static void start(void)
{
    for (size_t i = 0; i < sizeof buffer / sizeof buffer[0]; i++)
        buffer[i] = UNTOUCHED;
    vga_text_init(buffer);
}

static void check_guard_row_untouched(void)
{
    for (unsigned i = CELLS; i < CELLS + VGA_TEXT_COLUMNS; i++)
        if (buffer[i] != UNTOUCHED) {
            check_fail(__FILE__, __LINE__, "cell %u, past the screen, was written: 0x%04x", i,
                       (unsigned)buffer[i]);
            return;
        }
}

TEST(test_init_keeps_what_the_buffer_holds)
{
    start();
    for (unsigned i = 0; i < CELLS; i++)
        CHECK_EQ_UINT(UNTOUCHED, buffer[i]);
}

TEST(test_put_stores_the_cell_as_is_at_row_times_80_plus_column)
{
    start();
    vga_text_put(0, 0, 0x1E41);
    vga_text_put(1, 2, 0x07DB);
    vga_text_put(LAST_ROW, LAST_COLUMN, 0x4F80);
    CHECK_EQ_UINT(0x1E41, buffer[AT(0, 0)]);
    CHECK_EQ_UINT(0x07DB, buffer[AT(1, 2)]);
    CHECK_EQ_UINT(0x4F80, buffer[AT(LAST_ROW, LAST_COLUMN)]);
    CHECK_EQ_UINT(UNTOUCHED, buffer[AT(0, 1)]);
    CHECK_EQ_UINT(UNTOUCHED, buffer[AT(1, 1)]);
    check_guard_row_untouched();
}

TEST(test_fill_stores_the_cell_in_every_cell_of_the_screen_and_no_further)
{
    start();
    vga_text_fill(0x1F20);
    for (unsigned i = 0; i < CELLS; i++)
        if (buffer[i] != 0x1F20) {
            check_fail(__FILE__, __LINE__, "cell %u: expected 0x1f20, saw 0x%04x", i,
                       (unsigned)buffer[i]);
            break;
        }
    check_guard_row_untouched();
}

TEST(test_a_text_grid_on_vga_text_leaves_its_cells_in_the_buffer)
{
    static const struct text_screen vga_without_cursor = {
        .draw = vga_text_put, .fill = vga_text_fill,
        .move_cursor = NULL, /* port I/O, which a host test cannot do */
    };
    uint16_t cells[CELLS];
    struct text_grid grid;

    start();
    text_grid_init(&grid, cells, CELLS, VGA_TEXT_COLUMNS, VGA_TEXT_ROWS, &vga_without_cursor);
    text_grid_clear(&grid);
    text_grid_set_color(&grid, CONSOLE_LIGHT_GREEN, CONSOLE_BLACK);
    for (unsigned i = 0; i < 3 * VGA_TEXT_ROWS; i++)
        text_grid_write(&grid, "scrolling \xDB\t text\n", 18);
    for (unsigned i = 0; i < CELLS; i++)
        if (buffer[i] != cells[i]) {
            check_fail(__FILE__, __LINE__, "cell %u: expected the grid's 0x%04x, saw 0x%04x", i,
                       (unsigned)cells[i], (unsigned)buffer[i]);
            break;
        }
    CHECK_EQ_UINT(0x0A << 8 | 's', buffer[AT(LAST_ROW - 1, 0)]);
    check_guard_row_untouched();
}
