/*
 * fbcon.c: the framebuffer text screen declared in fbcon.h.
 *
 * The console's text grid calls fbcon_draw_cell for each cell that
 * changed and fbcon_fill to clear. Each colour is turned into a pixel
 * value once, at init, for the surface's channel layout.
 */
#include "kernel/console/fbcon.h"

#include <stdbool.h>
#include <stddef.h>

#include "kernel/console/font.h"
#include "kernel/console/text_grid.h"

#define CHANNEL_BITS 8        /* the palette below has 8 bits per channel */
#define CHANNEL_MASK 0xFF
#define RED_SHIFT 16          /* the palette's 0xRRGGBB */
#define GREEN_SHIFT 8

/* What VGA shows for each console colour, as 0xRRGGBB. */
static const uint32_t vga_rgb[CONSOLE_COLORS] = {
    0x000000, 0x0000AA, 0x00AA00, 0x00AAAA, 0xAA0000, 0xAA00AA, 0xAA5500, 0xAAAAAA,
    0x555555, 0x5555FF, 0x55FF55, 0x55FFFF, 0xFF5555, 0xFF55FF, 0xFFFF55, 0xFFFFFF,
};

/* An 8-bit channel value scaled to `size` bits and moved to `position`. */
static uint32_t channel(uint32_t value8, uint8_t position, uint8_t size)
{
    uint32_t scaled = size >= CHANNEL_BITS ? value8 << (size - CHANNEL_BITS)
                                           : value8 >> (CHANNEL_BITS - size);
    return scaled << position;
}

static bool channel_fits(uint8_t position, uint8_t size, uint8_t bpp)
{
    return size > 0 && position + size <= bpp;
}

static const char *check_surface(const struct fb_surface *s)
{
    if (s->bpp != 15 && s->bpp != 16 && s->bpp != 24 && s->bpp != 32)
        return "the framebuffer's bits per pixel are not 15, 16, 24 or 32";
    if (!channel_fits(s->red_position, s->red_size, s->bpp)
        || !channel_fits(s->green_position, s->green_size, s->bpp)
        || !channel_fits(s->blue_position, s->blue_size, s->bpp))
        return "a colour channel lies outside the pixel";
    if ((uint64_t)s->width * ((s->bpp + 7u) / 8) > s->pitch)
        return "the pitch is shorter than a row of pixels";
    if (s->width < FONT_WIDTH || s->height < FONT_HEIGHT)
        return "the framebuffer is smaller than one character";
    return NULL;
}

/* Plain stores, not volatile: to the CPU a framebuffer is memory whose
 * writes may merge and reorder freely, and the compiler keeps every store
 * because the memory outlives each call. memcpy keeps odd addresses legal. */
static void put_pixel(uint8_t *at, uint32_t value, unsigned bytes_per_pixel)
{
    switch (bytes_per_pixel) {
    case 4:
        __builtin_memcpy(at, &value, 4);
        break;
    case 3:
        __builtin_memcpy(at, &value, 3); /* little-endian: the low three bytes */
        break;
    default:
        __builtin_memcpy(at, &value, 2);
        break;
    }
}

static uint8_t *pixel_at(const struct fbcon *con, uint32_t x, uint32_t y)
{
    return con->surface.pixels + (size_t)y * con->surface.pitch + (size_t)x * con->bytes_per_pixel;
}

void fbcon_draw_cell(const struct fbcon *con, unsigned row, unsigned column, uint16_t cell)
{
    if (row >= con->rows || column >= con->columns)
        return;

    const uint8_t *glyph = font_glyphs[text_cell_character(cell)];
    uint32_t foreground = con->palette[text_cell_foreground(cell)];
    uint32_t background = con->palette[text_cell_background(cell)];
    uint8_t *line = pixel_at(con, column * FONT_WIDTH, row * FONT_HEIGHT);

    for (unsigned y = 0; y < FONT_HEIGHT; y++, line += con->surface.pitch) {
        uint8_t *pixel = line;
        for (unsigned x = 0; x < FONT_WIDTH; x++, pixel += con->bytes_per_pixel)
            put_pixel(pixel, glyph[y] & (FONT_LEFTMOST_PIXEL >> x) ? foreground : background,
                      con->bytes_per_pixel);
    }
}

const char *fbcon_init(struct fbcon *con, const struct fb_surface *surface)
{
    const char *problem = check_surface(surface);

    if (problem)
        return problem;
    con->surface = *surface;
    con->bytes_per_pixel = (surface->bpp + 7u) / 8;
    con->columns = surface->width / FONT_WIDTH;
    con->rows = surface->height / FONT_HEIGHT;
    for (unsigned i = 0; i < CONSOLE_COLORS; i++) {
        uint32_t rgb = vga_rgb[i];
        con->palette[i] =
            channel(rgb >> RED_SHIFT & CHANNEL_MASK, surface->red_position, surface->red_size)
            | channel(rgb >> GREEN_SHIFT & CHANNEL_MASK, surface->green_position,
                      surface->green_size)
            | channel(rgb & CHANNEL_MASK, surface->blue_position, surface->blue_size);
    }
    return NULL;
}

void fbcon_fill(const struct fbcon *con, uint16_t cell)
{
    uint32_t background = con->palette[text_cell_background(cell)];

    for (uint32_t y = 0; y < con->surface.height; y++)
        for (uint32_t x = 0; x < con->surface.width; x++)
            put_pixel(pixel_at(con, x, y), background, con->bytes_per_pixel);
}
