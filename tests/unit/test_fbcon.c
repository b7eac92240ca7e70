/*
 * test_fbcon.c: host tests for the framebuffer console in src/kernel/console/fbcon.c.
 *
 * Each test hands the console a fake framebuffer: a byte array whose
 * visible area is a few cells plus a strip that fits no whole cell at the
 * right and bottom, with an odd pitch so rows also have padding bytes. The
 * array is prefilled with a marker byte the console never writes (no VGA
 * colour has a 0xEE channel), so untouched memory is visible. Pixels are
 * checked against the generated font table the kernel draws with.
 */
#include "check.h"
#include "kernel/console/fbcon.h"
#include "kernel/console/font.h"

#include <stdint.h>
#include <string.h>

#define COLUMNS 4
#define ROWS 3
#define EXTRA_X 5                               /* pixels right of the last whole cell */
#define EXTRA_Y 7                               /* pixels below the last whole row */
#define WIDTH (COLUMNS * FONT_WIDTH + EXTRA_X)
#define HEIGHT (ROWS * FONT_HEIGHT + EXTRA_Y)
#define PAD 3                                   /* bytes after each row of pixels */
#define MAX_BYTES_PER_PIXEL 4
#define MEMORY (HEIGHT * (WIDTH * MAX_BYTES_PER_PIXEL + PAD) + 64)
#define UNTOUCHED 0xEE
#define CELL_ROOM (COLUMNS * ROWS)

#define LIGHT_GREY 0xAAAAAAu
#define BLACK 0x000000u
#define WHITE 0xFFFFFFu
#define RED 0xAA0000u
#define BROWN 0xAA5500u

static uint8_t memory[MEMORY];
static uint16_t cells[CELL_ROOM];

/* 32 bpp, red in bits 16-23, green 8-15, blue 0-7: what OVMF's GOP gives. */
static struct fb_surface xrgb32(void)
{
    return (struct fb_surface){
        .pixels = memory, .pitch = WIDTH * 4 + PAD, .width = WIDTH, .height = HEIGHT, .bpp = 32,
        .red_position = 16, .red_size = 8, .green_position = 8, .green_size = 8,
        .blue_position = 0, .blue_size = 8,
    };
}

/* 24 bpp with blue in the high byte: channel positions are honoured, not assumed. */
static struct fb_surface bgr24(void)
{
    return (struct fb_surface){
        .pixels = memory, .pitch = WIDTH * 3 + PAD, .width = WIDTH, .height = HEIGHT, .bpp = 24,
        .red_position = 0, .red_size = 8, .green_position = 8, .green_size = 8,
        .blue_position = 16, .blue_size = 8,
    };
}

static void start(struct fbcon *con, struct fb_surface surface)
{
    memset(memory, UNTOUCHED, sizeof memory);
    const char *problem = fbcon_init(con, &surface, cells, CELL_ROOM);
    CHECK(problem == NULL);
}

static void write_str(struct fbcon *con, const char *text)
{
    fbcon_write(con, text, strlen(text));
}

static unsigned bytes_per_pixel(const struct fb_surface *s)
{
    return (s->bpp + 7u) / 8;
}

static uint32_t pixel(const struct fb_surface *s, unsigned x, unsigned y)
{
    const uint8_t *at = memory + y * s->pitch + x * bytes_per_pixel(s);
    uint32_t value = 0;

    for (unsigned i = 0; i < bytes_per_pixel(s); i++)
        value |= (uint32_t)at[i] << (8 * i);
    return value;
}

/* 0xRRGGBB as the surface encodes it (8-bit channels only). */
static uint32_t encode(const struct fb_surface *s, uint32_t rgb)
{
    return (rgb >> 16 & 0xFF) << s->red_position | (rgb >> 8 & 0xFF) << s->green_position
         | (rgb & 0xFF) << s->blue_position;
}

/* Checks the 8x16 pixels of cell (row, column) show glyph c in the two colours. */
#define CHECK_CELL(s, row, column, c, fg, bg) \
    check_cell(__FILE__, __LINE__, s, row, column, c, fg, bg)
static void check_cell(const char *file, int line, const struct fb_surface *s, unsigned row,
                       unsigned column, unsigned char c, uint32_t fg, uint32_t bg)
{
    for (unsigned y = 0; y < FONT_HEIGHT; y++) {
        for (unsigned x = 0; x < FONT_WIDTH; x++) {
            uint32_t expected = font_glyphs[c][y] & (FONT_LEFTMOST_PIXEL >> x) ? fg : bg;
            uint32_t saw = pixel(s, column * FONT_WIDTH + x, row * FONT_HEIGHT + y);
            if (saw != expected) {
                check_fail(file, line, "cell row %u column %u ('%c'), pixel (%u, %u): expected "
                           "0x%06x, saw 0x%06x", row, column, c, x, y, expected, saw);
                return;
            }
        }
    }
}

/* Every padding byte after the visible pixels of every row still holds the marker. */
static void check_padding_untouched(const struct fb_surface *s)
{
    for (unsigned y = 0; y < HEIGHT; y++)
        for (unsigned i = s->width * bytes_per_pixel(s); i < s->pitch; i++)
            if (memory[y * s->pitch + i] != UNTOUCHED) {
                check_fail(__FILE__, __LINE__, "row %u: padding byte %u was written", y, i);
                return;
            }
    CHECK_EQ_UINT(UNTOUCHED, memory[HEIGHT * s->pitch]); /* the byte after the last row */
}

/* The pixels right of and below the cell grid hold `value` (marker or background). */
static void check_margins_hold(const struct fb_surface *s, uint32_t value)
{
    for (unsigned y = 0; y < HEIGHT; y++)
        for (unsigned x = 0; x < WIDTH; x++) {
            if (x < COLUMNS * FONT_WIDTH && y < ROWS * FONT_HEIGHT)
                continue;
            if (pixel(s, x, y) != value) {
                check_fail(__FILE__, __LINE__, "margin pixel (%u, %u): expected 0x%06x, saw "
                           "0x%06x", x, y, value, pixel(s, x, y));
                return;
            }
        }
}

TEST(test_fbcon_grid_is_the_whole_cells_that_fit)
{
    struct fbcon con;

    start(&con, xrgb32());
    CHECK_EQ_UINT(COLUMNS, con.columns);
    CHECK_EQ_UINT(ROWS, con.rows);
}

TEST(test_fbcon_init_paints_the_whole_visible_area_black)
{
    struct fbcon con;
    struct fb_surface s = xrgb32();

    start(&con, s);
    check_margins_hold(&s, BLACK);
    CHECK_CELL(&s, 0, 0, ' ', BLACK, BLACK);
    check_padding_untouched(&s);
}

TEST(test_fbcon_draws_glyphs_at_32_bpp_odd_pitch)
{
    struct fbcon con;
    struct fb_surface s = xrgb32();

    start(&con, s);
    write_str(&con, "Hi!");
    CHECK_CELL(&s, 0, 0, 'H', LIGHT_GREY, BLACK);
    CHECK_CELL(&s, 0, 1, 'i', LIGHT_GREY, BLACK);
    CHECK_CELL(&s, 0, 2, '!', LIGHT_GREY, BLACK);
    CHECK_CELL(&s, 0, 3, ' ', BLACK, BLACK);
    check_padding_untouched(&s);
}

TEST(test_fbcon_draws_glyphs_at_24_bpp_with_blue_high)
{
    struct fbcon con;
    struct fb_surface s = bgr24();

    start(&con, s);
    fbcon_set_color(&con, VGA_BROWN, VGA_BLUE);
    write_str(&con, "Ok");
    /* Brown is R 0xAA G 0x55 B 0x00, so each pixel is the bytes AA 55 00 in memory. */
    CHECK_EQ_UINT(0x0055AA, encode(&s, BROWN));
    CHECK_CELL(&s, 0, 0, 'O', 0x0055AA, 0xAA0000);
    CHECK_CELL(&s, 0, 1, 'k', 0x0055AA, 0xAA0000);
    check_padding_untouched(&s);
}

TEST(test_fbcon_colours_are_the_vga_palette)
{
    struct fbcon con;
    struct fb_surface s = xrgb32();

    start(&con, s);
    fbcon_set_color(&con, VGA_WHITE, VGA_RED);
    write_str(&con, "X");
    CHECK_CELL(&s, 0, 0, 'X', WHITE, RED);
    fbcon_set_color(&con, VGA_YELLOW, VGA_BLUE);
    write_str(&con, "Y");
    CHECK_CELL(&s, 0, 1, 'Y', 0xFFFF55, 0x0000AA);
    fbcon_set_color(&con, VGA_BROWN, VGA_DARK_GREY);
    write_str(&con, "Z");
    CHECK_CELL(&s, 0, 2, 'Z', 0xAA5500, 0x555555);
}

TEST(test_fbcon_scales_colours_to_narrow_channels)
{
    struct fbcon con;
    struct fb_surface s = xrgb32();

    /* 16 bpp 5:6:5, the usual VBE high-colour layout. */
    s.bpp = 16;
    s.pitch = WIDTH * 2 + PAD;
    s.red_position = 11, s.red_size = 5, s.green_position = 5, s.green_size = 6;
    s.blue_position = 0, s.blue_size = 5;
    start(&con, s);
    fbcon_set_color(&con, VGA_LIGHT_GREEN, VGA_BLACK);
    write_str(&con, "#");
    uint32_t green565 = (0x55u >> 3) << 11 | (0xFFu >> 2) << 5 | (0x55u >> 3);
    CHECK_CELL(&s, 0, 0, '#', green565, BLACK);
    check_padding_untouched(&s);
}

TEST(test_fbcon_wraps_at_the_last_whole_column)
{
    struct fbcon con;
    struct fb_surface s = xrgb32();

    start(&con, s);
    write_str(&con, "abcde");
    CHECK_CELL(&s, 0, 3, 'd', LIGHT_GREY, BLACK);
    CHECK_CELL(&s, 1, 0, 'e', LIGHT_GREY, BLACK);
    CHECK_EQ_UINT(1, con.row);
    CHECK_EQ_UINT(1, con.column);
    check_margins_hold(&s, BLACK);
}

TEST(test_fbcon_scrolls_up_and_blanks_the_last_row)
{
    struct fbcon con;
    struct fb_surface s = xrgb32();

    start(&con, s);
    write_str(&con, "1\n2\n3\n");
    CHECK_CELL(&s, 0, 0, '2', LIGHT_GREY, BLACK);
    CHECK_CELL(&s, 1, 0, '3', LIGHT_GREY, BLACK);
    CHECK_CELL(&s, 2, 0, ' ', BLACK, BLACK);
    CHECK_EQ_UINT(ROWS - 1, con.row);
    CHECK_EQ_UINT(0, con.column);
}

TEST(test_fbcon_scroll_fills_the_new_row_in_the_current_background)
{
    struct fbcon con;
    struct fb_surface s = xrgb32();

    start(&con, s);
    write_str(&con, "a\nb\nc");
    fbcon_set_color(&con, VGA_WHITE, VGA_RED);
    write_str(&con, "\n");
    for (unsigned column = 0; column < COLUMNS; column++)
        CHECK_CELL(&s, 2, column, ' ', WHITE, RED);
    CHECK_CELL(&s, 1, 0, 'c', LIGHT_GREY, BLACK);
}

TEST(test_fbcon_scroll_redraws_only_cells_that_change)
{
    struct fbcon con;
    struct fb_surface s = xrgb32();

    start(&con, s);
    write_str(&con, "a\nb\nc");
    /* Column 3 is blank in every row before and after the scroll. */
    uint8_t *marker = memory + 5 * s.pitch + (3 * FONT_WIDTH + 2) * 4;
    *marker = UNTOUCHED;
    write_str(&con, "\n");
    CHECK_EQ_UINT(UNTOUCHED, *marker);
    CHECK_CELL(&s, 0, 0, 'b', LIGHT_GREY, BLACK);
}

TEST(test_fbcon_never_draws_into_the_right_and_bottom_margins)
{
    struct fbcon con;
    struct fb_surface s = xrgb32();

    start(&con, s);
    /* Mark the margins, then fill and scroll the screen several times over. */
    for (unsigned y = 0; y < HEIGHT; y++)
        for (unsigned x = 0; x < WIDTH; x++)
            if (x >= COLUMNS * FONT_WIDTH || y >= ROWS * FONT_HEIGHT)
                memset(memory + y * s.pitch + x * 4, UNTOUCHED, 4);
    fbcon_set_color(&con, VGA_WHITE, VGA_RED);
    for (unsigned i = 0; i < 5 * CELL_ROOM; i++)
        fbcon_write(&con, "\xDB", 1); /* the full block: every pixel in the foreground */
    write_str(&con, "\tx\n\n\n\b\r");
    check_margins_hold(&s, 0xEEEEEEEE);
    check_padding_untouched(&s);
}

TEST(test_fbcon_clear_paints_margins_in_the_background_but_not_the_padding)
{
    struct fbcon con;
    struct fb_surface s = bgr24();

    start(&con, s);
    write_str(&con, "text");
    fbcon_set_color(&con, VGA_WHITE, VGA_RED);
    fbcon_clear(&con);
    check_margins_hold(&s, encode(&s, RED));
    CHECK_CELL(&s, 0, 0, ' ', encode(&s, WHITE), encode(&s, RED));
    CHECK_EQ_UINT(0, con.row);
    CHECK_EQ_UINT(0, con.column);
    check_padding_untouched(&s);
}

TEST(test_fbcon_control_characters_move_like_vga)
{
    struct fbcon con;
    struct fb_surface s = xrgb32();

    start(&con, s);
    write_str(&con, "ab\bc\rd\te");
    CHECK_CELL(&s, 0, 0, 'd', LIGHT_GREY, BLACK);
    CHECK_CELL(&s, 0, 1, 'c', LIGHT_GREY, BLACK);
    /* A tab from column 1 goes to column 8, past the 4-column grid: next line. */
    CHECK_CELL(&s, 1, 0, 'e', LIGHT_GREY, BLACK);
}

TEST(test_fbcon_uses_at_most_the_cells_it_is_given)
{
    struct fbcon con;
    struct fb_surface s = xrgb32();
    uint16_t few[5];

    memset(memory, UNTOUCHED, sizeof memory);
    CHECK(fbcon_init(&con, &s, few, 5) == NULL);
    CHECK_EQ_UINT(4, con.columns);
    CHECK_EQ_UINT(1, con.rows);
    CHECK(fbcon_init(&con, &s, few, 3) == NULL);
    CHECK_EQ_UINT(3, con.columns);
    CHECK_EQ_UINT(1, con.rows);
}

TEST(test_fbcon_refuses_surfaces_it_cannot_draw)
{
    struct fbcon con;
    struct fb_surface s;

    s = xrgb32(), s.bpp = 8;
    CHECK_EQ_STR("the framebuffer's bits per pixel are not 15, 16, 24 or 32",
                 fbcon_init(&con, &s, cells, CELL_ROOM));
    s = xrgb32(), s.pitch = WIDTH * 4 - 1;
    CHECK_EQ_STR("the pitch is shorter than a row of pixels",
                 fbcon_init(&con, &s, cells, CELL_ROOM));
    s = xrgb32(), s.red_position = 28;
    CHECK_EQ_STR("a colour channel lies outside the pixel", fbcon_init(&con, &s, cells, CELL_ROOM));
    s = xrgb32(), s.blue_size = 0;
    CHECK_EQ_STR("a colour channel lies outside the pixel", fbcon_init(&con, &s, cells, CELL_ROOM));
    s = xrgb32(), s.height = FONT_HEIGHT - 1;
    CHECK_EQ_STR("the framebuffer is smaller than one character",
                 fbcon_init(&con, &s, cells, CELL_ROOM));
    s = xrgb32();
    CHECK_EQ_STR("no room for any character cell", fbcon_init(&con, &s, cells, 0));
}
