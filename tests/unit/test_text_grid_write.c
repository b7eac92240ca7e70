/*
 * test_text_grid_write.c: host tests for how text_grid_write stores
 * characters and moves for '\n', '\r', '\t' and '\b', on the 80x25 grid
 * of VGA text and on a 4x3 grid as small as a framebuffer's can be
 * (test_text_grid_wrap.c has what happens at the right and bottom edges).
 */
#include "check.h"
#include "grid_check.h"

#include <stdint.h>

#define COLUMNS 80
#define ROWS 25
#define TAB TEXT_GRID_TAB_WIDTH
#define SMALL_COLUMNS 4
#define SMALL_ROWS 3

TEST(test_write_draws_characters_in_consecutive_cells)
{
    uint16_t cells[COLUMNS * ROWS];
    struct text_grid grid;

    START_GRID(&grid, cells, COLUMNS, ROWS);
    write_str(&grid, "Hi!");
    CHECK_CELL(&grid, 0, 0, GREY << 8 | 'H');
    CHECK_CELL(&grid, 0, 1, GREY << 8 | 'i');
    CHECK_CELL(&grid, 0, 2, GREY << 8 | '!');
    CHECK_CELL(&grid, 0, 3, UNTOUCHED);
    CHECK_POSITION(&grid, 0, 3);
}

TEST(test_write_draws_exactly_n_characters)
{
    uint16_t cells[COLUMNS * ROWS];
    struct text_grid grid;

    START_GRID(&grid, cells, COLUMNS, ROWS);
    text_grid_write(&grid, "abcdef", 3);
    CHECK_CELL(&grid, 0, 2, GREY << 8 | 'c');
    CHECK_CELL(&grid, 0, 3, UNTOUCHED);
    CHECK_POSITION(&grid, 0, 3);
}

TEST(test_high_bytes_are_stored_without_sign_extension)
{
    uint16_t cells[COLUMNS * ROWS];
    struct text_grid grid;

    START_GRID(&grid, cells, COLUMNS, ROWS);
    write_str(&grid, "\xDB\x80\xFF");
    CHECK_CELL(&grid, 0, 0, GREY << 8 | 0xDB);
    CHECK_CELL(&grid, 0, 1, GREY << 8 | 0x80);
    CHECK_CELL(&grid, 0, 2, GREY << 8 | 0xFF);
}

TEST(test_other_control_bytes_are_drawn_as_glyphs)
{
    uint16_t cells[COLUMNS * ROWS];
    struct text_grid grid;

    START_GRID(&grid, cells, COLUMNS, ROWS);
    text_grid_write(&grid, "\x01\x1B\0", 3);
    CHECK_CELL(&grid, 0, 0, GREY << 8 | 0x01);
    CHECK_CELL(&grid, 0, 1, GREY << 8 | 0x1B);
    CHECK_CELL(&grid, 0, 2, GREY << 8 | 0x00);
    CHECK_POSITION(&grid, 0, 3);
}

TEST(test_newline_starts_next_row_at_column_zero_without_drawing)
{
    uint16_t cells[COLUMNS * ROWS];
    struct text_grid grid;

    START_GRID(&grid, cells, COLUMNS, ROWS);
    write_str(&grid, "abc\nd");
    CHECK_CELL(&grid, 0, 3, UNTOUCHED);
    CHECK_CELL(&grid, 1, 0, GREY << 8 | 'd');
    CHECK_POSITION(&grid, 1, 1);
}

TEST(test_carriage_return_returns_to_column_zero_of_same_row)
{
    uint16_t cells[COLUMNS * ROWS];
    struct text_grid grid;

    START_GRID(&grid, cells, COLUMNS, ROWS);
    write_str(&grid, "abc\rX");
    CHECK_CELL(&grid, 0, 0, GREY << 8 | 'X');
    CHECK_CELL(&grid, 0, 1, GREY << 8 | 'b');
    CHECK_POSITION(&grid, 0, 1);
}

TEST(test_tab_advances_to_next_multiple_of_tab_width)
{
    uint16_t cells[COLUMNS * ROWS];
    struct text_grid grid;

    START_GRID(&grid, cells, COLUMNS, ROWS);
    write_str(&grid, "\t");
    CHECK_POSITION(&grid, 0, 8);
    write_str(&grid, "\t");
    CHECK_POSITION(&grid, 0, 16);
    write_str(&grid, "abc\t");
    CHECK_POSITION(&grid, 0, 24);
    write_str(&grid, "1234567\t");
    CHECK_POSITION(&grid, 0, 32);
}

TEST(test_tab_moves_without_drawing)
{
    uint16_t cells[COLUMNS * ROWS];
    struct text_grid grid;

    START_GRID(&grid, cells, COLUMNS, ROWS);
    write_str(&grid, "a\tb");
    CHECK_CELL(&grid, 0, 0, GREY << 8 | 'a');
    for (unsigned column = 1; column < TAB; column++)
        CHECK_CELL(&grid, 0, column, UNTOUCHED);
    CHECK_CELL(&grid, 0, TAB, GREY << 8 | 'b');
}

TEST(test_tab_past_the_edge_of_a_narrow_grid_goes_to_the_next_row)
{
    uint16_t cells[SMALL_COLUMNS * SMALL_ROWS];
    struct text_grid grid;

    START_GRID(&grid, cells, SMALL_COLUMNS, SMALL_ROWS);
    write_str(&grid, "ab\bc\rd\te");
    CHECK_CELL(&grid, 0, 0, GREY << 8 | 'd');
    CHECK_CELL(&grid, 0, 1, GREY << 8 | 'c');
    /* A tab from column 1 goes to column 8, past the 4-column grid. */
    CHECK_CELL(&grid, 1, 0, GREY << 8 | 'e');
    CHECK_POSITION(&grid, 1, 1);
}

TEST(test_backspace_steps_back_one_column_without_erasing)
{
    uint16_t cells[COLUMNS * ROWS];
    struct text_grid grid;

    START_GRID(&grid, cells, COLUMNS, ROWS);
    write_str(&grid, "abc\b");
    CHECK_POSITION(&grid, 0, 2);
    CHECK_CELL(&grid, 0, 2, GREY << 8 | 'c');
    write_str(&grid, "X");
    CHECK_CELL(&grid, 0, 2, GREY << 8 | 'X');
}

TEST(test_backspace_at_column_zero_stays_on_same_row)
{
    uint16_t cells[COLUMNS * ROWS];
    struct text_grid grid;

    START_GRID(&grid, cells, COLUMNS, ROWS);
    write_str(&grid, "a\nb\b\b\b");
    CHECK_POSITION(&grid, 1, 0);
    write_str(&grid, "X");
    CHECK_CELL(&grid, 0, 0, GREY << 8 | 'a');
    CHECK_CELL(&grid, 1, 0, GREY << 8 | 'X');
}
