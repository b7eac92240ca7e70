/*
 * test_text_grid_move.c: host tests for text_grid_move_text, which the
 * console uses to carry what VGA text showed onto a framebuffer's grid of
 * another size: lines, colours and the position must survive the trip.
 *
 * Each test writes into a cleared `from` grid, then moves its text into a
 * cleared `to` grid on the recording screen, as the console does.
 */
#include "check.h"
#include "grid_check.h"

#include <stdint.h>
#include <stdio.h>

#define VGA_COLUMNS 80
#define VGA_ROWS 25
#define WIDE_COLUMNS 100
#define WIDE_ROWS 10
#define NARROW_COLUMNS 5
#define NARROW_ROWS 6
#define GREEN_ON_BLACK 0x02u
#define WHITE_ON_RED 0x4Fu

static uint16_t from_cells[VGA_COLUMNS * VGA_ROWS];
static uint16_t to_cells[WIDE_COLUMNS * WIDE_ROWS];

static void start_from(struct text_grid *from)
{
    START_GRID(from, from_cells, VGA_COLUMNS, VGA_ROWS);
    text_grid_clear(from);
}

static void move_to(struct text_grid *to, unsigned columns, unsigned rows,
                    const struct text_grid *from)
{
    start_grid_on(to, to_cells, columns * rows, columns, rows, &recording_screen);
    text_grid_clear(to);
    text_grid_move_text(to, from);
}

TEST(test_move_keeps_lines_colours_and_position_on_a_wider_grid)
{
    struct text_grid from, to;

    start_from(&from);
    text_grid_set_color(&from, CONSOLE_GREEN, CONSOLE_BLACK);
    write_str(&from, "Hello\n");
    text_grid_set_color(&from, CONSOLE_LIGHT_GREY, CONSOLE_BLACK);
    write_str(&from, "second line\nthird");
    move_to(&to, WIDE_COLUMNS, WIDE_ROWS, &from);
    CHECK_ROW_TEXT(&to, 0, "Hello");
    CHECK_CELL(&to, 0, 0, GREEN_ON_BLACK << 8 | 'H');
    CHECK_ROW_TEXT(&to, 1, "second line");
    CHECK_CELL(&to, 1, 0, GREY << 8 | 's');
    CHECK_ROW_TEXT(&to, 2, "third");
    CHECK_ROWS_HOLD(&to, 3, WIDE_ROWS - 1, GREY << 8 | ' ');
    CHECK_POSITION(&to, 2, 5);
}

TEST(test_move_leaves_out_trailing_blanks_so_a_narrower_grid_does_not_wrap_them)
{
    struct text_grid from, to;

    start_from(&from);
    write_str(&from, "abc\nde");
    move_to(&to, NARROW_COLUMNS, NARROW_ROWS, &from);
    CHECK_ROW_TEXT(&to, 0, "abc");
    CHECK_ROW_TEXT(&to, 1, "de");
    CHECK_POSITION(&to, 1, 2);
}

TEST(test_move_adds_no_empty_line_after_a_row_that_filled_the_new_width)
{
    struct text_grid from, to;

    start_from(&from);
    write_str(&from, "abcde\n0123456789\nx");
    move_to(&to, NARROW_COLUMNS, NARROW_ROWS, &from);
    CHECK_ROW_TEXT(&to, 0, "abcde");
    CHECK_ROW_TEXT(&to, 1, "01234");
    CHECK_ROW_TEXT(&to, 2, "56789");
    CHECK_ROW_TEXT(&to, 3, "x");
    CHECK_POSITION(&to, 3, 1);
}

TEST(test_move_of_a_full_row_to_an_equally_wide_grid_wraps_once)
{
    struct text_grid from, to;

    start_from(&from);
    write_repeated(&from, 'w', VGA_COLUMNS);
    write_str(&from, "next");
    move_to(&to, VGA_COLUMNS, WIDE_ROWS, &from);
    CHECK_ROWS_HOLD(&to, 0, 0, GREY << 8 | 'w');
    CHECK_ROW_TEXT(&to, 1, "next");
    CHECK_POSITION(&to, 1, 4);
}

TEST(test_move_keeps_empty_lines)
{
    struct text_grid from, to;

    start_from(&from);
    write_str(&from, "a\n\n\nb");
    move_to(&to, WIDE_COLUMNS, WIDE_ROWS, &from);
    CHECK_ROW_TEXT(&to, 0, "a");
    CHECK_ROW_TEXT(&to, 1, "");
    CHECK_ROW_TEXT(&to, 2, "");
    CHECK_ROW_TEXT(&to, 3, "b");
    CHECK_POSITION(&to, 3, 1);
}

TEST(test_move_keeps_trailing_blanks_in_another_background)
{
    struct text_grid from, to;

    start_from(&from);
    text_grid_set_color(&from, CONSOLE_WHITE, CONSOLE_RED);
    write_str(&from, "ab  ");
    text_grid_set_color(&from, CONSOLE_LIGHT_GREY, CONSOLE_BLACK);
    write_str(&from, "\n");
    move_to(&to, WIDE_COLUMNS, WIDE_ROWS, &from);
    CHECK_CELL(&to, 0, 2, WHITE_ON_RED << 8 | ' ');
    CHECK_CELL(&to, 0, 3, WHITE_ON_RED << 8 | ' ');
    CHECK_CELL(&to, 0, 4, GREY << 8 | ' ');
    CHECK_POSITION(&to, 1, 0);
}

TEST(test_move_keeps_blanks_before_the_position_on_the_last_line)
{
    struct text_grid from, to;

    start_from(&from);
    write_str(&from, "prompt>   ");
    move_to(&to, WIDE_COLUMNS, WIDE_ROWS, &from);
    CHECK_POSITION(&to, 0, 10);
}

TEST(test_move_treats_never_written_nul_cells_as_blank)
{
    struct text_grid from, to;

    START_GRID(&from, from_cells, VGA_COLUMNS, VGA_ROWS);
    for (unsigned i = 0; i < VGA_COLUMNS * VGA_ROWS; i++)
        from_cells[i] = 0;
    write_str(&from, "a\nb");
    move_to(&to, NARROW_COLUMNS, NARROW_ROWS, &from);
    CHECK_ROW_TEXT(&to, 0, "a");
    CHECK_ROW_TEXT(&to, 1, "b");
    CHECK_POSITION(&to, 1, 1);
}

TEST(test_move_then_writes_in_the_colour_from_wrote_in)
{
    struct text_grid from, to;

    start_from(&from);
    text_grid_set_color(&from, CONSOLE_WHITE, CONSOLE_RED);
    move_to(&to, WIDE_COLUMNS, WIDE_ROWS, &from);
    write_str(&to, "x");
    CHECK_CELL(&to, 0, 0, WHITE_ON_RED << 8 | 'x');
}

TEST(test_move_of_more_lines_than_fit_keeps_the_last_ones_in_order)
{
    struct text_grid from, to;
    char line[32];

    start_from(&from);
    for (unsigned i = 0; i < VGA_ROWS; i++) {
        snprintf(line, sizeof line, i == 0 ? "line %02u" : "\nline %02u", i);
        write_str(&from, line);
    }
    move_to(&to, WIDE_COLUMNS, WIDE_ROWS, &from);
    for (unsigned row = 0; row < WIDE_ROWS; row++) {
        snprintf(line, sizeof line, "line %02u", VGA_ROWS - WIDE_ROWS + row);
        CHECK_ROW_TEXT(&to, row, line);
    }
    CHECK_POSITION(&to, WIDE_ROWS - 1, 7);
}

TEST(test_move_shows_every_moved_cell_and_the_cursor_on_the_new_screen)
{
    struct text_grid from, to;

    start_from(&from);
    text_grid_set_color(&from, CONSOLE_YELLOW, CONSOLE_BLUE);
    write_str(&from, "Display:   RGB\n\tindented");
    move_to(&to, NARROW_COLUMNS, NARROW_ROWS, &from);
    CHECK_SCREEN_SHOWS_GRID(&to);
    CHECK_CURSOR_AT(to.row, to.column);
}
