/*
 * fbcon.h: text cells drawn with the 8x16 font into a linear RGB
 * framebuffer, the console's screen when GRUB hands over one.
 *
 * It draws the cells it is given (text_grid.h says what a cell is) and
 * decides nothing about text: the console's text grid tells it which cell
 * changed, so it never reads the framebuffer (slow on real video memory).
 * It writes nothing outside the width x height pixels it is given: cells
 * that would stick out at the right or bottom edge are not used, and
 * bytes past `width` pixels in a row (up to `pitch`) are never touched.
 * No cursor is drawn.
 *
 * Nothing here knows where the pixels are: the kernel passes GRUB's
 * framebuffer, host tests an array (tests/unit/test_fbcon.c).
 */
#ifndef FBCON_H
#define FBCON_H

#include <stdint.h>

#include "kernel/console/color.h"

/* Where the pixels are and how one is encoded (as Multiboot2's RGB framebuffer tag says). */
struct fb_surface {
    uint8_t *pixels;         /* the top-left pixel */
    uint32_t pitch;          /* bytes from one pixel row to the next */
    uint32_t width, height;  /* visible pixels */
    uint8_t bpp;             /* bits per pixel: 15, 16, 24 or 32 */
    uint8_t red_position, red_size;     /* bit position and width of each channel */
    uint8_t green_position, green_size;
    uint8_t blue_position, blue_size;
};

struct fbcon {
    struct fb_surface surface;
    unsigned bytes_per_pixel;
    unsigned columns, rows;     /* the whole cells that fit */
    uint32_t palette[CONSOLE_COLORS]; /* the console colours as pixel values */
};

/*
 * Checks `surface` and works out its grid and colours; draws nothing.
 * Returns NULL, or why the surface cannot be used.
 */
const char *fbcon_init(struct fbcon *con, const struct fb_surface *surface);

/* Draws `cell` at (row, column); nothing if that cell is not inside the grid. */
void fbcon_draw_cell(const struct fbcon *con, unsigned row, unsigned column, uint16_t cell);

/* Paints every visible pixel, the edges outside the grid too, in the blank `cell`'s background. */
void fbcon_fill(const struct fbcon *con, uint16_t cell);

#endif
