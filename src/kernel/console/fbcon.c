/*
 * fbcon.c: the framebuffer text console declared in fbcon.h.
 *
 * Text first, pixels second: every change goes into the cell array, and a
 * cell whose value changed is drawn again from the font. The control
 * characters, wrapping and scrolling follow vga.c line for line, so the
 * two screens show the same text.
 *
 * Invariant: row < rows and column < columns between calls.
 */
#include "kernel/console/fbcon.h"

#include <stdbool.h>

#include "kernel/console/font.h"

#define CHANNEL_BITS 8        /* the palette below has 8 bits per channel */
#define BLANK ' '
#define ATTRIBUTE_SHIFT 8     /* a cell is attribute << 8 | character */
#define COLOR_MASK 0x0F
#define BACKGROUND_SHIFT 4 /* an attribute is background << 4 | foreground */

/* The VGA text palette as 0xRRGGBB, indexed by enum vga_color. */
static const uint32_t vga_rgb[FBCON_COLORS] = {
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

static uint16_t blank_cell(const struct fbcon *con)
{
    return (uint16_t)(con->attribute << ATTRIBUTE_SHIFT | BLANK);
}

static void draw_cell(const struct fbcon *con, unsigned row, unsigned column)
{
    uint16_t cell = con->cells[row * con->columns + column];
    const uint8_t *glyph = font_glyphs[cell & 0xFF];
    uint32_t foreground = con->palette[cell >> ATTRIBUTE_SHIFT & COLOR_MASK];
    uint32_t background =
        con->palette[cell >> (ATTRIBUTE_SHIFT + BACKGROUND_SHIFT) & COLOR_MASK];
    uint8_t *line = pixel_at(con, column * FONT_WIDTH, row * FONT_HEIGHT);

    for (unsigned y = 0; y < FONT_HEIGHT; y++, line += con->surface.pitch) {
        uint8_t *pixel = line;
        for (unsigned x = 0; x < FONT_WIDTH; x++, pixel += con->bytes_per_pixel)
            put_pixel(pixel, glyph[y] & (FONT_LEFTMOST_PIXEL >> x) ? foreground : background,
                      con->bytes_per_pixel);
    }
}

/* Stores a cell and draws it if it changed. */
static void set_cell(struct fbcon *con, unsigned row, unsigned column, uint16_t cell)
{
    uint16_t *slot = &con->cells[row * con->columns + column];

    if (*slot == cell)
        return;
    *slot = cell;
    draw_cell(con, row, column);
}

/* Moves every row up one and blanks the last, redrawing only changed cells. */
static void scroll(struct fbcon *con)
{
    for (unsigned row = 0; row + 1 < con->rows; row++)
        for (unsigned column = 0; column < con->columns; column++)
            set_cell(con, row, column, con->cells[(row + 1) * con->columns + column]);
    for (unsigned column = 0; column < con->columns; column++)
        set_cell(con, con->rows - 1, column, blank_cell(con));
}

static void next_line(struct fbcon *con)
{
    con->column = 0;
    if (con->row == con->rows - 1)
        scroll(con);
    else
        con->row++;
}

static void put(struct fbcon *con, char c)
{
    switch (c) {
    case '\n':
        next_line(con);
        return;
    case '\r':
        con->column = 0;
        return;
    case '\t':
        con->column = (con->column / VGA_TAB_WIDTH + 1) * VGA_TAB_WIDTH;
        break;
    case '\b':
        if (con->column > 0)
            con->column--;
        return;
    default:
        set_cell(con, con->row, con->column,
                 (uint16_t)(con->attribute << ATTRIBUTE_SHIFT | (unsigned char)c));
        con->column++;
        break;
    }
    if (con->column >= con->columns)
        next_line(con);
}

const char *fbcon_init(struct fbcon *con, const struct fb_surface *surface, uint16_t *cells,
                       size_t capacity)
{
    const char *problem = check_surface(surface);

    if (problem)
        return problem;
    if (capacity == 0)
        return "no room for any character cell";
    con->surface = *surface;
    con->bytes_per_pixel = (surface->bpp + 7u) / 8;
    con->cells = cells;
    con->columns = surface->width / FONT_WIDTH;
    con->rows = surface->height / FONT_HEIGHT;
    if (con->columns > capacity)
        con->columns = (unsigned)capacity;
    if ((size_t)con->columns * con->rows > capacity)
        con->rows = (unsigned)(capacity / con->columns);
    for (unsigned i = 0; i < FBCON_COLORS; i++) {
        uint32_t rgb = vga_rgb[i];
        con->palette[i] = channel(rgb >> 16 & 0xFF, surface->red_position, surface->red_size)
                        | channel(rgb >> 8 & 0xFF, surface->green_position, surface->green_size)
                        | channel(rgb & 0xFF, surface->blue_position, surface->blue_size);
    }
    fbcon_set_color(con, VGA_LIGHT_GREY, VGA_BLACK);
    fbcon_clear(con);
    return NULL;
}

void fbcon_set_color(struct fbcon *con, enum vga_color foreground, enum vga_color background)
{
    con->attribute =
        (uint8_t)((background & COLOR_MASK) << BACKGROUND_SHIFT | (foreground & COLOR_MASK));
}

void fbcon_clear(struct fbcon *con)
{
    uint32_t background = con->palette[con->attribute >> BACKGROUND_SHIFT];

    for (uint32_t y = 0; y < con->surface.height; y++)
        for (uint32_t x = 0; x < con->surface.width; x++)
            put_pixel(pixel_at(con, x, y), background, con->bytes_per_pixel);
    for (size_t i = 0; i < (size_t)con->columns * con->rows; i++)
        con->cells[i] = blank_cell(con);
    con->row = 0;
    con->column = 0;
}

void fbcon_write(struct fbcon *con, const char *text, size_t n)
{
    for (size_t i = 0; i < n; i++)
        put(con, text[i]);
}
