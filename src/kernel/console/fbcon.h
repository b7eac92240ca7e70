/*
 * fbcon.h: a text console drawn with the 8x16 font into a linear RGB
 * framebuffer, behaving like the VGA text console (vga.h) on a grid of
 * whatever size the screen holds.
 *
 * It keeps the text as VGA-style cells (attribute << 8 | character) in an
 * array the caller provides, and draws a cell's pixels only when the cell
 * changes, so scrolling never reads the framebuffer (slow on real video
 * memory) and redraws only what differs. It writes nothing outside the
 * width x height pixels it is given: cells that would stick out at the
 * right or bottom edge are not used, and bytes past `width` pixels in a
 * row (up to `pitch`) are never touched. No cursor is drawn.
 *
 * Nothing here knows where the pixels are: the kernel passes GRUB's
 * framebuffer, host tests an array (tests/unit/test_fbcon.c).
 */
#ifndef FBCON_H
#define FBCON_H

#include <stddef.h>
#include <stdint.h>

#include "arch/x86_64/drivers/vga.h"

/* Cells the kernel keeps room for: 3840x2160 (4K) in 8x16 glyphs. */
#define FBCON_MAX_COLUMNS 480
#define FBCON_MAX_ROWS 135
#define FBCON_COLORS 16 /* the VGA text palette */

/* Where the pixels are and how one is encoded (MBI tag 8, type 1). */
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
    uint16_t *cells;            /* columns * rows, row-major: what is on screen */
    unsigned columns, rows;
    unsigned row, column;       /* where the next character goes */
    uint8_t attribute;          /* background << 4 | foreground, as in VGA text */
    uint32_t palette[FBCON_COLORS]; /* the VGA colours as pixel values */
};

/*
 * Takes over `surface` with light grey on black: checks it, paints it
 * black, and writes from the top left. Uses at most `capacity` cells
 * (fewer columns, then fewer rows, when the screen has room for more).
 * Returns NULL, or why the surface cannot be used (then nothing is drawn).
 */
const char *fbcon_init(struct fbcon *con, const struct fb_surface *surface, uint16_t *cells,
                       size_t capacity);

void fbcon_set_color(struct fbcon *con, enum vga_color foreground, enum vga_color background);

/* Paints the whole surface in the current background colour; position to the top left. */
void fbcon_clear(struct fbcon *con);

/* Writes n characters with the control characters and wrapping of vga_write (vga.h). */
void fbcon_write(struct fbcon *con, const char *text, size_t n);

#endif
