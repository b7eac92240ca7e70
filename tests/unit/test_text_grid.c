/*
 * test_text_grid.c: host tests for src/kernel/console/text_grid.c: starting
 * and clearing a grid, its colours and cell format, and what it tells the
 * screen (test_text_grid_write.c has where characters go).
 */
#include "check.h"
#include "grid_check.h"

#include <stdint.h>

#define COLUMNS 80
#define ROWS 25
#define LAST_ROW (ROWS - 1)

TEST(test_init_keeps_the_cells_and_tells_the_screen_nothing_but_the_cursor)
{
    uint16_t cells[COLUMNS * ROWS];
    struct text_grid grid;

    for (unsigned i = 0; i < COLUMNS * ROWS; i++)
        cells[i] = UNTOUCHED;
    forget_screen_reports();
    text_grid_init(&grid, cells, COLUMNS * ROWS, COLUMNS, ROWS, &recording_screen);
    CHECK_ROWS_HOLD(&grid, 0, LAST_ROW, UNTOUCHED);
    CHECK_EQ_UINT(0, screen_record.draws);
    CHECK_EQ_UINT(0, screen_record.fills);
}

TEST(test_init_writes_from_top_left_in_light_grey_on_black)
{
    uint16_t cells[COLUMNS * ROWS];
    struct text_grid grid = { .row = 7, .column = 33, .attribute = 0x4F };

    START_GRID(&grid, cells, COLUMNS, ROWS);
    write_str(&grid, "A");
    CHECK_CELL(&grid, 0, 0, GREY << 8 | 'A');
    CHECK_POSITION(&grid, 0, 1);
}

TEST(test_init_reports_cursor_at_top_left)
{
    uint16_t cells[COLUMNS * ROWS] = { 0 };
    struct text_grid grid;

    forget_screen_reports();
    text_grid_init(&grid, cells, COLUMNS * ROWS, COLUMNS, ROWS, &recording_screen);
    CHECK_EQ_UINT(1, screen_record.cursor_calls);
    CHECK_CURSOR_AT(0, 0);
}

TEST(test_init_uses_at_most_the_cells_it_is_given)
{
    uint16_t cells[5];
    struct text_grid grid;

    start_grid_on(&grid, cells, 5, 4, 3, &recording_screen);
    CHECK_EQ_UINT(4, grid.columns);
    CHECK_EQ_UINT(1, grid.rows);
    start_grid_on(&grid, cells, 3, 4, 3, &recording_screen);
    CHECK_EQ_UINT(3, grid.columns);
    CHECK_EQ_UINT(1, grid.rows);
    start_grid_on(&grid, cells, 5, 2, 3, &recording_screen);
    CHECK_EQ_UINT(2, grid.columns);
    CHECK_EQ_UINT(2, grid.rows);
}

TEST(test_clear_fills_grid_and_screen_with_blanks_in_current_colour)
{
    uint16_t cells[COLUMNS * ROWS];
    struct text_grid grid;

    START_GRID(&grid, cells, COLUMNS, ROWS);
    text_grid_set_color(&grid, CONSOLE_WHITE, CONSOLE_BLUE);
    text_grid_clear(&grid);
    CHECK_ROWS_HOLD(&grid, 0, LAST_ROW, 0x1Fu << 8 | ' ');
    CHECK_SCREEN_SHOWS_GRID(&grid);
}

TEST(test_clear_is_one_fill_not_a_draw_per_cell)
{
    uint16_t cells[COLUMNS * ROWS];
    struct text_grid grid;

    START_GRID(&grid, cells, COLUMNS, ROWS);
    write_str(&grid, "text");
    forget_screen_reports();
    text_grid_clear(&grid);
    CHECK_EQ_UINT(1, screen_record.fills);
    CHECK_EQ_UINT(0, screen_record.draws);
}

TEST(test_clear_moves_position_and_cursor_to_top_left)
{
    uint16_t cells[COLUMNS * ROWS];
    struct text_grid grid;

    START_GRID(&grid, cells, COLUMNS, ROWS);
    write_str(&grid, "abc\ndef");
    forget_screen_reports();
    text_grid_clear(&grid);
    CHECK_POSITION(&grid, 0, 0);
    CHECK_EQ_UINT(1, screen_record.cursor_calls);
    CHECK_CURSOR_AT(0, 0);
}

TEST(test_cells_are_vga_attribute_and_character)
{
    uint16_t cell = text_cell(text_attribute(CONSOLE_YELLOW, CONSOLE_BLUE), 0xDB);

    CHECK_EQ_UINT(0x1EDB, cell);
    CHECK_EQ_UINT(0xDB, text_cell_character(cell));
    CHECK_EQ_UINT(CONSOLE_YELLOW, text_cell_foreground(cell));
    CHECK_EQ_UINT(CONSOLE_BLUE, text_cell_background(cell));
}

/* All 16, in the VGA text attribute order (IBM's CGA/EGA/VGA palette). */
TEST(test_console_colours_are_the_vga_palette_numbers)
{
    CHECK_EQ_UINT(0, CONSOLE_BLACK);
    CHECK_EQ_UINT(1, CONSOLE_BLUE);
    CHECK_EQ_UINT(2, CONSOLE_GREEN);
    CHECK_EQ_UINT(3, CONSOLE_CYAN);
    CHECK_EQ_UINT(4, CONSOLE_RED);
    CHECK_EQ_UINT(5, CONSOLE_MAGENTA);
    CHECK_EQ_UINT(6, CONSOLE_BROWN);
    CHECK_EQ_UINT(7, CONSOLE_LIGHT_GREY);
    CHECK_EQ_UINT(8, CONSOLE_DARK_GREY);
    CHECK_EQ_UINT(9, CONSOLE_LIGHT_BLUE);
    CHECK_EQ_UINT(10, CONSOLE_LIGHT_GREEN);
    CHECK_EQ_UINT(11, CONSOLE_LIGHT_CYAN);
    CHECK_EQ_UINT(12, CONSOLE_LIGHT_RED);
    CHECK_EQ_UINT(13, CONSOLE_LIGHT_MAGENTA);
    CHECK_EQ_UINT(14, CONSOLE_YELLOW);
    CHECK_EQ_UINT(15, CONSOLE_WHITE);
    CHECK_EQ_UINT(16, CONSOLE_COLORS);
}

TEST(test_set_color_puts_background_in_high_nibble)
{
    uint16_t cells[COLUMNS * ROWS];
    struct text_grid grid;

    START_GRID(&grid, cells, COLUMNS, ROWS);
    text_grid_set_color(&grid, CONSOLE_YELLOW, CONSOLE_BLUE);
    write_str(&grid, "x");
    CHECK_CELL(&grid, 0, 0, 0x1Eu << 8 | 'x');
}

TEST(test_set_color_keeps_out_of_range_colours_in_their_nibble)
{
    uint16_t cells[COLUMNS * ROWS];
    struct text_grid grid;

    START_GRID(&grid, cells, COLUMNS, ROWS);
    text_grid_set_color(&grid, (enum console_color)0x3E, (enum console_color)0x21);
    CHECK_EQ_UINT(0x1E, grid.attribute);
}

TEST(test_set_color_changes_only_later_characters)
{
    uint16_t cells[COLUMNS * ROWS];
    struct text_grid grid;

    START_GRID(&grid, cells, COLUMNS, ROWS);
    write_str(&grid, "a");
    text_grid_set_color(&grid, CONSOLE_RED, CONSOLE_BLACK);
    write_str(&grid, "b");
    CHECK_CELL(&grid, 0, 0, GREY << 8 | 'a');
    CHECK_CELL(&grid, 0, 1, 0x04u << 8 | 'b');
}

TEST(test_screen_is_told_each_cell_written)
{
    uint16_t cells[COLUMNS * ROWS];
    struct text_grid grid;

    START_GRID(&grid, cells, COLUMNS, ROWS);
    write_str(&grid, "Hi!\nthere");
    CHECK_EQ_UINT(8, screen_record.draws);
    CHECK_SCREEN_SHOWS_GRID(&grid);
}

TEST(test_rewriting_a_cell_unchanged_draws_nothing)
{
    uint16_t cells[COLUMNS * ROWS];
    struct text_grid grid;

    START_GRID(&grid, cells, COLUMNS, ROWS);
    write_str(&grid, "same");
    forget_screen_reports();
    write_str(&grid, "\rsame\rSame");
    CHECK_EQ_UINT(1, screen_record.draws);
    text_grid_set_color(&grid, CONSOLE_GREEN, CONSOLE_BLACK);
    write_str(&grid, "\rS");
    CHECK_EQ_UINT(2, screen_record.draws);
    CHECK_SCREEN_SHOWS_GRID(&grid);
}

TEST(test_scroll_redraws_only_cells_that_change)
{
    uint16_t cells[COLUMNS * ROWS];
    struct text_grid grid;

    START_GRID(&grid, cells, COLUMNS, ROWS);
    text_grid_clear(&grid);
    write_str(&grid, "a\nbc");
    write_repeated(&grid, '\n', LAST_ROW - 1);
    /* Row 0 changes from "a" to "bc", row 1 from "bc" to blank; all else stays blank. */
    forget_screen_reports();
    write_str(&grid, "\n");
    CHECK_EQ_UINT(2 + 2, screen_record.draws);
    CHECK_ROW_TEXT(&grid, 0, "bc");
    CHECK_SCREEN_SHOWS_GRID(&grid);
}

TEST(test_cursor_reports_cell_after_last_character)
{
    uint16_t cells[COLUMNS * ROWS];
    struct text_grid grid;

    START_GRID(&grid, cells, COLUMNS, ROWS);
    write_str(&grid, "ab\ncd");
    CHECK_CURSOR_AT(1, 2);
}

TEST(test_cursor_stays_on_last_row_after_scrolling)
{
    uint16_t cells[COLUMNS * ROWS];
    struct text_grid grid;

    START_GRID(&grid, cells, COLUMNS, ROWS);
    write_repeated(&grid, '\n', ROWS + 5);
    write_str(&grid, "ab");
    CHECK_CURSOR_AT(LAST_ROW, 2);
}

TEST(test_cursor_reported_once_per_write)
{
    uint16_t cells[COLUMNS * ROWS];
    struct text_grid grid;
    char text[3 * COLUMNS * ROWS];

    /* Enough characters, newlines and tabs to wrap and scroll many times. */
    for (size_t i = 0; i < sizeof text; i++)
        text[i] = i % 97 == 0 ? '\n' : i % 13 == 0 ? '\t' : (char)('a' + i % 26);
    START_GRID(&grid, cells, COLUMNS, ROWS);
    text_grid_write(&grid, text, sizeof text);
    CHECK_EQ_UINT(1, screen_record.cursor_calls);
    write_str(&grid, "more");
    CHECK_EQ_UINT(2, screen_record.cursor_calls);
    CHECK_SCREEN_SHOWS_GRID(&grid);
}

TEST(test_empty_write_still_reports_cursor)
{
    uint16_t cells[COLUMNS * ROWS];
    struct text_grid grid;

    START_GRID(&grid, cells, COLUMNS, ROWS);
    write_str(&grid, "abc");
    forget_screen_reports();
    text_grid_write(&grid, "", 0);
    CHECK_EQ_UINT(1, screen_record.cursor_calls);
    CHECK_CURSOR_AT(0, 3);
}

TEST(test_screen_without_cursor_is_allowed)
{
    uint16_t cells[COLUMNS * ROWS];
    struct text_grid grid;

    START_GRID(&grid, cells, COLUMNS, ROWS); /* sizes the recording screen */
    text_grid_init(&grid, cells, COLUMNS * ROWS, COLUMNS, ROWS, &recording_screen_without_cursor);
    write_str(&grid, "ok\n");
    text_grid_clear(&grid);
    write_str(&grid, "x");
    CHECK_CELL(&grid, 0, 0, GREY << 8 | 'x');
    CHECK_EQ_UINT(0, screen_record.cursor_calls);
}
