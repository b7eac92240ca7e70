/*
 * test_text_grid_wrap.c: host tests for what text_grid_write does at the
 * grid's edges: wrapping after the last column and scrolling past the
 * last row, on the 80x25 grid of VGA text and on a 4x3 grid as small as a
 * framebuffer's can be.
 */
#include "check.h"
#include "grid_check.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define COLUMNS 80
#define ROWS 25
#define LAST_ROW (ROWS - 1)
#define TAB TEXT_GRID_TAB_WIDTH
#define SMALL_COLUMNS 4
#define SMALL_ROWS 3

TEST(test_tab_from_last_tab_stop_wraps_to_next_row)
{
    uint16_t cells[COLUMNS * ROWS];
    struct text_grid grid;

    START_GRID(&grid, cells, COLUMNS, ROWS);
    write_repeated(&grid, 'x', COLUMNS - TAB);
    write_str(&grid, "\t");
    CHECK_POSITION(&grid, 1, 0);
    write_repeated(&grid, 'y', COLUMNS - 1);
    write_str(&grid, "\t");
    CHECK_POSITION(&grid, 2, 0);
}

TEST(test_tab_from_last_tab_stop_of_last_row_scrolls)
{
    uint16_t cells[COLUMNS * ROWS];
    struct text_grid grid;

    START_GRID(&grid, cells, COLUMNS, ROWS);
    text_grid_clear(&grid);
    write_repeated(&grid, '\n', LAST_ROW);
    write_repeated(&grid, 'z', COLUMNS - 3);
    write_str(&grid, "\t");
    CHECK_CELL(&grid, LAST_ROW - 1, 0, GREY << 8 | 'z');
    CHECK_CELL(&grid, LAST_ROW - 1, COLUMNS - 4, GREY << 8 | 'z');
    CHECK_CELL(&grid, LAST_ROW - 1, COLUMNS - 3, GREY << 8 | ' ');
    CHECK_ROWS_HOLD(&grid, LAST_ROW, LAST_ROW, GREY << 8 | ' ');
    CHECK_POSITION(&grid, LAST_ROW, 0);
    CHECK_SCREEN_SHOWS_GRID(&grid);
}

TEST(test_character_after_last_column_goes_to_next_row)
{
    uint16_t cells[COLUMNS * ROWS];
    struct text_grid grid;
    const char *full_row = "0123456789abcdefghijklmnopqrstuvwxyz"
                           "ABCDEFGHIJKLMNOPQRSTUVWXYZ!@#$%^&*()-_=+[]{}";

    START_GRID(&grid, cells, COLUMNS, ROWS);
    CHECK_EQ_UINT(COLUMNS, strlen(full_row));
    write_str(&grid, full_row);
    write_str(&grid, "Z");
    CHECK_ROW_TEXT(&grid, 0, full_row);
    CHECK_CELL(&grid, 1, 0, GREY << 8 | 'Z');
}

TEST(test_wrap_happens_right_after_last_column)
{
    uint16_t cells[COLUMNS * ROWS];
    struct text_grid grid;

    START_GRID(&grid, cells, COLUMNS, ROWS);
    write_repeated(&grid, 'w', COLUMNS);
    CHECK_POSITION(&grid, 1, 0);
    CHECK_CURSOR_AT(1, 0);
}

TEST(test_wrap_happens_at_the_last_column_of_a_narrow_grid)
{
    uint16_t cells[SMALL_COLUMNS * SMALL_ROWS];
    struct text_grid grid;

    START_GRID(&grid, cells, SMALL_COLUMNS, SMALL_ROWS);
    write_str(&grid, "abcde");
    CHECK_CELL(&grid, 0, 3, GREY << 8 | 'd');
    CHECK_CELL(&grid, 1, 0, GREY << 8 | 'e');
    CHECK_POSITION(&grid, 1, 1);
}

TEST(test_newline_after_full_row_leaves_empty_row)
{
    uint16_t cells[COLUMNS * ROWS];
    struct text_grid grid;

    START_GRID(&grid, cells, COLUMNS, ROWS);
    text_grid_clear(&grid);
    write_repeated(&grid, 'w', COLUMNS);
    write_str(&grid, "\nnext");
    CHECK_ROW_TEXT(&grid, 1, "");
    CHECK_ROW_TEXT(&grid, 2, "next");
}

TEST(test_newline_on_last_row_scrolls_content_up_one_row)
{
    uint16_t cells[COLUMNS * ROWS];
    struct text_grid grid;
    char line[32];

    START_GRID(&grid, cells, COLUMNS, ROWS);
    text_grid_clear(&grid);
    for (unsigned row = 0; row < ROWS; row++) {
        snprintf(line, sizeof line, row == 0 ? "row %u" : "\nrow %u", row);
        write_str(&grid, line);
    }
    write_str(&grid, "\n");
    for (unsigned row = 0; row < LAST_ROW; row++) {
        snprintf(line, sizeof line, "row %u", row + 1);
        CHECK_ROW_TEXT(&grid, row, line);
    }
    CHECK_ROW_TEXT(&grid, LAST_ROW, "");
    CHECK_POSITION(&grid, LAST_ROW, 0);
    CHECK_SCREEN_SHOWS_GRID(&grid);
}

TEST(test_scroll_moves_colours_with_characters)
{
    uint16_t cells[COLUMNS * ROWS];
    struct text_grid grid;

    START_GRID(&grid, cells, COLUMNS, ROWS);
    write_str(&grid, "\n");
    text_grid_set_color(&grid, CONSOLE_GREEN, CONSOLE_MAGENTA);
    write_str(&grid, "g");
    write_repeated(&grid, '\n', LAST_ROW);
    CHECK_CELL(&grid, 0, 0, 0x52u << 8 | 'g');
    CHECK_SCREEN_SHOWS_GRID(&grid);
}

TEST(test_scroll_blanks_last_row_in_current_colour)
{
    uint16_t cells[COLUMNS * ROWS];
    struct text_grid grid;

    START_GRID(&grid, cells, COLUMNS, ROWS);
    write_repeated(&grid, '\n', LAST_ROW);
    text_grid_set_color(&grid, CONSOLE_WHITE, CONSOLE_RED);
    write_str(&grid, "\n");
    CHECK_ROWS_HOLD(&grid, 0, LAST_ROW - 1, UNTOUCHED);
    CHECK_ROWS_HOLD(&grid, LAST_ROW, LAST_ROW, 0x4Fu << 8 | ' ');
    CHECK_SCREEN_SHOWS_GRID(&grid);
}

TEST(test_scroll_of_a_narrow_grid_blanks_its_last_row_in_current_colour)
{
    uint16_t cells[SMALL_COLUMNS * SMALL_ROWS];
    struct text_grid grid;

    START_GRID(&grid, cells, SMALL_COLUMNS, SMALL_ROWS);
    write_str(&grid, "a\nb\nc");
    text_grid_set_color(&grid, CONSOLE_WHITE, CONSOLE_RED);
    write_str(&grid, "\n");
    CHECK_CELL(&grid, 0, 0, GREY << 8 | 'b');
    CHECK_CELL(&grid, 1, 0, GREY << 8 | 'c');
    CHECK_ROWS_HOLD(&grid, SMALL_ROWS - 1, SMALL_ROWS - 1, 0x4Fu << 8 | ' ');
    CHECK_POSITION(&grid, SMALL_ROWS - 1, 0);
    CHECK_SCREEN_SHOWS_GRID(&grid);
}

TEST(test_wrap_on_last_row_scrolls)
{
    uint16_t cells[COLUMNS * ROWS];
    struct text_grid grid;

    START_GRID(&grid, cells, COLUMNS, ROWS);
    text_grid_clear(&grid);
    write_repeated(&grid, '\n', LAST_ROW);
    write_repeated(&grid, 'w', COLUMNS);
    CHECK_ROWS_HOLD(&grid, LAST_ROW - 1, LAST_ROW - 1, GREY << 8 | 'w');
    CHECK_ROWS_HOLD(&grid, LAST_ROW, LAST_ROW, GREY << 8 | ' ');
    CHECK_POSITION(&grid, LAST_ROW, 0);
    CHECK_SCREEN_SHOWS_GRID(&grid);
}

TEST(test_hundred_lines_leave_last_25_on_screen_in_order)
{
    uint16_t cells[COLUMNS * ROWS];
    struct text_grid grid;
    char line[32];

    START_GRID(&grid, cells, COLUMNS, ROWS);
    text_grid_clear(&grid);
    for (unsigned i = 0; i < 100; i++) {
        snprintf(line, sizeof line, i == 0 ? "line %03u" : "\nline %03u", i);
        write_str(&grid, line);
    }
    for (unsigned row = 0; row < ROWS; row++) {
        snprintf(line, sizeof line, "line %03u", 100 - ROWS + row);
        CHECK_ROW_TEXT(&grid, row, line);
    }
    CHECK_POSITION(&grid, LAST_ROW, 8);
    CHECK_SCREEN_SHOWS_GRID(&grid);
}
