/*
 * test_fbcon.c: host tests for src/kernel/console/fbcon.c on its own:
 * the grid a surface holds, the pixels of a drawn cell in each pixel
 * format, a fill, and the surfaces it refuses. Each test draws into the
 * fake framebuffer of fake_framebuffer.h.
 */
#include "check.h"
#include "fake_framebuffer.h"

#include <stdint.h>

static uint16_t cell(enum console_color foreground, enum console_color background, unsigned char c)
{
    return text_cell(text_attribute(foreground, background), c);
}

TEST(test_fbcon_grid_is_the_whole_cells_that_fit)
{
    start_fbcon(xrgb32());
    CHECK_EQ_UINT(COLUMNS, fake_con.columns);
    CHECK_EQ_UINT(ROWS, fake_con.rows);
}

TEST(test_fbcon_init_draws_nothing)
{
    struct fb_surface s = xrgb32();

    start_fbcon(s);
    check_untouched_but_cell(&s, false, 0, 0);
}

TEST(test_fbcon_draws_a_cell_in_its_own_pixels_only)
{
    struct fb_surface s = bgr24();

    start_fbcon(s);
    fbcon_draw_cell(&fake_con, 1, 2, cell(CONSOLE_WHITE, CONSOLE_RED, 'W'));
    CHECK_CELL(&s, 1, 2, 'W', encode(&s, WHITE), encode(&s, RED));
    check_untouched_but_cell(&s, true, 1, 2);
}

TEST(test_fbcon_ignores_cells_outside_its_grid)
{
    struct fb_surface s = xrgb32();

    start_fbcon(s);
    fbcon_draw_cell(&fake_con, ROWS, 0, cell(CONSOLE_WHITE, CONSOLE_RED, 0xDB));
    fbcon_draw_cell(&fake_con, 0, COLUMNS, cell(CONSOLE_WHITE, CONSOLE_RED, 0xDB));
    check_untouched_but_cell(&s, false, 0, 0);
}

TEST(test_fbcon_fill_paints_the_whole_visible_area_but_not_the_padding)
{
    struct fb_surface s = xrgb32();

    start_fbcon(s);
    fbcon_fill(&fake_con, cell(CONSOLE_LIGHT_GREY, CONSOLE_BLACK, ' '));
    check_margins_hold(&s, BLACK);
    for (unsigned row = 0; row < ROWS; row++)
        for (unsigned column = 0; column < COLUMNS; column++)
            CHECK_CELL(&s, row, column, ' ', BLACK, BLACK);
    check_padding_untouched(&s);
}

TEST(test_fbcon_fill_paints_in_the_cells_background)
{
    struct fb_surface s = bgr24();

    start_fbcon(s);
    fbcon_fill(&fake_con, cell(CONSOLE_WHITE, CONSOLE_RED, ' '));
    check_margins_hold(&s, encode(&s, RED));
    CHECK_CELL(&s, ROWS - 1, COLUMNS - 1, ' ', encode(&s, WHITE), encode(&s, RED));
    check_padding_untouched(&s);
}

TEST(test_fbcon_draws_glyphs_at_32_bpp_odd_pitch)
{
    struct fb_surface s = xrgb32();

    start_fbcon(s);
    fbcon_fill(&fake_con, cell(CONSOLE_LIGHT_GREY, CONSOLE_BLACK, ' '));
    fbcon_draw_cell(&fake_con, 0, 0, cell(CONSOLE_LIGHT_GREY, CONSOLE_BLACK, 'H'));
    fbcon_draw_cell(&fake_con, 0, 1, cell(CONSOLE_LIGHT_GREY, CONSOLE_BLACK, 'i'));
    fbcon_draw_cell(&fake_con, 0, 2, cell(CONSOLE_LIGHT_GREY, CONSOLE_BLACK, '!'));
    CHECK_CELL(&s, 0, 0, 'H', LIGHT_GREY, BLACK);
    CHECK_CELL(&s, 0, 1, 'i', LIGHT_GREY, BLACK);
    CHECK_CELL(&s, 0, 2, '!', LIGHT_GREY, BLACK);
    CHECK_CELL(&s, 0, 3, ' ', BLACK, BLACK);
    check_padding_untouched(&s);
}

TEST(test_fbcon_draws_glyphs_at_24_bpp_with_blue_high)
{
    struct fb_surface s = bgr24();

    start_fbcon(s);
    fbcon_draw_cell(&fake_con, 0, 0, cell(CONSOLE_BROWN, CONSOLE_BLUE, 'O'));
    fbcon_draw_cell(&fake_con, 0, 1, cell(CONSOLE_BROWN, CONSOLE_BLUE, 'k'));
    /* Brown is R 0xAA G 0x55 B 0x00, so each pixel is the bytes AA 55 00 in memory. */
    CHECK_EQ_UINT(0x0055AA, encode(&s, BROWN));
    CHECK_CELL(&s, 0, 0, 'O', 0x0055AA, 0xAA0000);
    CHECK_CELL(&s, 0, 1, 'k', 0x0055AA, 0xAA0000);
    check_padding_untouched(&s);
}

/* The VGA palette as 0xRRGGBB, written out here from the VGA's DAC
 * defaults, independently of fbcon.c: each colour as foreground on one
 * cell and as background on the next. */
TEST(test_fbcon_colours_are_the_vga_palette)
{
    static const uint32_t vga[16] = {
        0x000000, 0x0000AA, 0x00AA00, 0x00AAAA, 0xAA0000, 0xAA00AA, 0xAA5500, 0xAAAAAA,
        0x555555, 0x5555FF, 0x55FF55, 0x55FFFF, 0xFF5555, 0xFF55FF, 0xFFFF55, 0xFFFFFF,
    };
    struct fb_surface s = xrgb32();

    start_fbcon(s);
    for (unsigned colour = 0; colour < 16; colour++) {
        unsigned other = 15 - colour;
        fbcon_draw_cell(&fake_con, 0, 0, cell(colour, other, 'X'));
        CHECK_CELL(&s, 0, 0, 'X', vga[colour], vga[other]);
    }
}

TEST(test_fbcon_scales_colours_to_narrow_channels)
{
    struct fb_surface s = xrgb32();

    /* 16 bpp 5:6:5, the usual VBE high-colour layout. */
    s.bpp = 16;
    s.pitch = WIDTH * 2 + PAD;
    s.red_position = 11, s.red_size = 5, s.green_position = 5, s.green_size = 6;
    s.blue_position = 0, s.blue_size = 5;
    start_fbcon(s);
    fbcon_draw_cell(&fake_con, 0, 0, cell(CONSOLE_LIGHT_GREEN, CONSOLE_BLACK, '#'));
    uint32_t green565 = (0x55u >> 3) << 11 | (0xFFu >> 2) << 5 | (0x55u >> 3);
    CHECK_CELL(&s, 0, 0, '#', green565, BLACK);
    check_padding_untouched(&s);
}

TEST(test_fbcon_refuses_surfaces_it_cannot_draw)
{
    struct fb_surface s;

    s = xrgb32(), s.bpp = 8;
    CHECK_EQ_STR("the framebuffer's bits per pixel are not 15, 16, 24 or 32",
                 fbcon_init(&fake_con, &s));
    s = xrgb32(), s.pitch = WIDTH * 4 - 1;
    CHECK_EQ_STR("the pitch is shorter than a row of pixels", fbcon_init(&fake_con, &s));
    s = xrgb32(), s.red_position = 28;
    CHECK_EQ_STR("a colour channel lies outside the pixel", fbcon_init(&fake_con, &s));
    s = xrgb32(), s.blue_size = 0;
    CHECK_EQ_STR("a colour channel lies outside the pixel", fbcon_init(&fake_con, &s));
    s = xrgb32(), s.height = FONT_HEIGHT - 1;
    CHECK_EQ_STR("the framebuffer is smaller than one character", fbcon_init(&fake_con, &s));
}
