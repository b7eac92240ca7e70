/*
 * fake_framebuffer.c: the fake framebuffer and pixel checks of fake_framebuffer.h.
 */
#include "fake_framebuffer.h"

#include <string.h>

#include "check.h"

uint8_t fake_memory[MEMORY];
struct fbcon fake_con;
struct text_grid fake_grid;
static uint16_t cells[CELL_ROOM];

static void draw(unsigned row, unsigned column, uint16_t cell)
{
    fbcon_draw_cell(&fake_con, row, column, cell);
}

static void fill(uint16_t cell)
{
    fbcon_fill(&fake_con, cell);
}

static const struct text_screen framebuffer_screen = { .draw = draw, .fill = fill };

struct fb_surface xrgb32(void)
{
    return (struct fb_surface){
        .pixels = fake_memory, .pitch = WIDTH * 4 + PAD, .width = WIDTH, .height = HEIGHT,
        .bpp = 32, .red_position = 16, .red_size = 8, .green_position = 8, .green_size = 8,
        .blue_position = 0, .blue_size = 8,
    };
}

struct fb_surface bgr24(void)
{
    return (struct fb_surface){
        .pixels = fake_memory, .pitch = WIDTH * 3 + PAD, .width = WIDTH, .height = HEIGHT,
        .bpp = 24, .red_position = 0, .red_size = 8, .green_position = 8, .green_size = 8,
        .blue_position = 16, .blue_size = 8,
    };
}

void start_fbcon(struct fb_surface surface)
{
    memset(fake_memory, UNTOUCHED, sizeof fake_memory);
    const char *problem = fbcon_init(&fake_con, &surface);
    CHECK(problem == NULL);
}

void start_grid_on_fbcon(struct fb_surface surface)
{
    start_fbcon(surface);
    text_grid_init(&fake_grid, cells, CELL_ROOM, fake_con.columns, fake_con.rows,
                   &framebuffer_screen);
    text_grid_clear(&fake_grid);
}

void write_str(const char *text)
{
    text_grid_write(&fake_grid, text, strlen(text));
}

static unsigned bytes_per_pixel(const struct fb_surface *s)
{
    return (s->bpp + 7u) / 8;
}

uint32_t pixel(const struct fb_surface *s, unsigned x, unsigned y)
{
    const uint8_t *at = fake_memory + y * s->pitch + x * bytes_per_pixel(s);
    uint32_t value = 0;

    for (unsigned i = 0; i < bytes_per_pixel(s); i++)
        value |= (uint32_t)at[i] << (8 * i);
    return value;
}

uint32_t encode(const struct fb_surface *s, uint32_t rgb)
{
    return (rgb >> 16 & 0xFF) << s->red_position | (rgb >> 8 & 0xFF) << s->green_position
         | (rgb & 0xFF) << s->blue_position;
}

void check_cell(const char *file, int line, const struct fb_surface *s, unsigned row,
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

void check_padding_untouched(const struct fb_surface *s)
{
    for (unsigned y = 0; y < HEIGHT; y++)
        for (unsigned i = s->width * bytes_per_pixel(s); i < s->pitch; i++)
            if (fake_memory[y * s->pitch + i] != UNTOUCHED) {
                check_fail(__FILE__, __LINE__, "row %u: padding byte %u was written", y, i);
                return;
            }
    CHECK_EQ_UINT(UNTOUCHED, fake_memory[HEIGHT * s->pitch]); /* the byte after the last row */
}

void check_margins_hold(const struct fb_surface *s, uint32_t value)
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

void check_untouched_but_cell(const struct fb_surface *s, bool except, unsigned row,
                              unsigned column)
{
    for (unsigned y = 0; y < HEIGHT; y++)
        for (unsigned i = 0; i < s->pitch; i++) {
            unsigned x = i / bytes_per_pixel(s);
            bool in_cell = except && x / FONT_WIDTH == column && x < WIDTH
                        && y / FONT_HEIGHT == row;
            if (!in_cell && fake_memory[y * s->pitch + i] != UNTOUCHED) {
                check_fail(__FILE__, __LINE__, "pixel row %u, byte %u was written", y, i);
                return;
            }
        }
}
