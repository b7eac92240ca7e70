/*
 * test_fbcon_grid.c: host tests for the framebuffer as the console runs
 * it: a text grid (text_grid.c) on fbcon, on the fake framebuffer of
 * fake_framebuffer.h. Wrapping and scrolling must show in the pixels,
 * redraw only what changed and never reach the edges outside the cells,
 * and a clear must paint those edges too.
 */
#include "check.h"
#include "fake_framebuffer.h"

#include <stdint.h>
#include <string.h>

TEST(test_fbcon_under_a_cleared_grid_is_black_everywhere_but_the_padding)
{
    struct fb_surface s = xrgb32();

    start_grid_on_fbcon(s);
    check_margins_hold(&s, BLACK);
    CHECK_CELL(&s, 0, 0, ' ', BLACK, BLACK);
    check_padding_untouched(&s);
}

TEST(test_fbcon_shows_text_written_to_the_grid)
{
    struct fb_surface s = xrgb32();

    start_grid_on_fbcon(s);
    write_str("Hi!");
    CHECK_CELL(&s, 0, 0, 'H', LIGHT_GREY, BLACK);
    CHECK_CELL(&s, 0, 1, 'i', LIGHT_GREY, BLACK);
    CHECK_CELL(&s, 0, 2, '!', LIGHT_GREY, BLACK);
    CHECK_CELL(&s, 0, 3, ' ', BLACK, BLACK);
    check_padding_untouched(&s);
}

TEST(test_fbcon_wraps_at_the_last_whole_column)
{
    struct fb_surface s = xrgb32();

    start_grid_on_fbcon(s);
    write_str("abcde");
    CHECK_CELL(&s, 0, 3, 'd', LIGHT_GREY, BLACK);
    CHECK_CELL(&s, 1, 0, 'e', LIGHT_GREY, BLACK);
    CHECK_EQ_UINT(1, fake_grid.row);
    CHECK_EQ_UINT(1, fake_grid.column);
    check_margins_hold(&s, BLACK);
}

TEST(test_fbcon_scrolls_up_and_blanks_the_last_row)
{
    struct fb_surface s = xrgb32();

    start_grid_on_fbcon(s);
    write_str("1\n2\n3\n");
    CHECK_CELL(&s, 0, 0, '2', LIGHT_GREY, BLACK);
    CHECK_CELL(&s, 1, 0, '3', LIGHT_GREY, BLACK);
    CHECK_CELL(&s, 2, 0, ' ', BLACK, BLACK);
    CHECK_EQ_UINT(ROWS - 1, fake_grid.row);
    CHECK_EQ_UINT(0, fake_grid.column);
}

TEST(test_fbcon_scroll_fills_the_new_row_in_the_current_background)
{
    struct fb_surface s = xrgb32();

    start_grid_on_fbcon(s);
    write_str("a\nb\nc");
    text_grid_set_color(&fake_grid, CONSOLE_WHITE, CONSOLE_RED);
    write_str("\n");
    for (unsigned column = 0; column < COLUMNS; column++)
        CHECK_CELL(&s, 2, column, ' ', WHITE, RED);
    CHECK_CELL(&s, 1, 0, 'c', LIGHT_GREY, BLACK);
}

TEST(test_fbcon_scroll_redraws_only_cells_that_change)
{
    struct fb_surface s = xrgb32();

    start_grid_on_fbcon(s);
    write_str("a\nb\nc");
    /* Column 3 is blank in every row before and after the scroll. */
    uint8_t *marker = fake_memory + 5 * s.pitch + (3 * FONT_WIDTH + 2) * 4;
    *marker = UNTOUCHED;
    write_str("\n");
    CHECK_EQ_UINT(UNTOUCHED, *marker);
    CHECK_CELL(&s, 0, 0, 'b', LIGHT_GREY, BLACK);
}

TEST(test_fbcon_never_draws_into_the_right_and_bottom_margins)
{
    struct fb_surface s = xrgb32();

    start_grid_on_fbcon(s);
    /* Mark the margins, then fill and scroll the screen several times over. */
    for (unsigned y = 0; y < HEIGHT; y++)
        for (unsigned x = 0; x < WIDTH; x++)
            if (x >= COLUMNS * FONT_WIDTH || y >= ROWS * FONT_HEIGHT)
                memset(fake_memory + y * s.pitch + x * 4, UNTOUCHED, 4);
    text_grid_set_color(&fake_grid, CONSOLE_WHITE, CONSOLE_RED);
    for (unsigned i = 0; i < 5 * CELL_ROOM; i++)
        text_grid_write(&fake_grid, "\xDB", 1); /* the full block: every pixel in the foreground */
    write_str("\tx\n\n\n\b\r");
    check_margins_hold(&s, 0xEEEEEEEE);
    check_padding_untouched(&s);
}

TEST(test_fbcon_clear_paints_margins_in_the_background_but_not_the_padding)
{
    struct fb_surface s = bgr24();

    start_grid_on_fbcon(s);
    write_str("text");
    text_grid_set_color(&fake_grid, CONSOLE_WHITE, CONSOLE_RED);
    text_grid_clear(&fake_grid);
    check_margins_hold(&s, encode(&s, RED));
    CHECK_CELL(&s, 0, 0, ' ', encode(&s, WHITE), encode(&s, RED));
    CHECK_EQ_UINT(0, fake_grid.row);
    CHECK_EQ_UINT(0, fake_grid.column);
    check_padding_untouched(&s);
}

TEST(test_fbcon_control_characters_move_like_vga)
{
    struct fb_surface s = xrgb32();

    start_grid_on_fbcon(s);
    write_str("ab\bc\rd\te");
    CHECK_CELL(&s, 0, 0, 'd', LIGHT_GREY, BLACK);
    CHECK_CELL(&s, 0, 1, 'c', LIGHT_GREY, BLACK);
    /* A tab from column 1 goes to column 8, past the 4-column grid: next line. */
    CHECK_CELL(&s, 1, 0, 'e', LIGHT_GREY, BLACK);
}
