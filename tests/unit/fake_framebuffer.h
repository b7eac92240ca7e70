/*
 * fake_framebuffer.h: a framebuffer in an array for the fbcon host tests
 * (test_fbcon.c, test_fbcon_grid.c), and checks on its pixels.
 *
 * The visible area is a few cells plus a strip that fits no whole cell at
 * the right and bottom, with an odd pitch so rows also have padding
 * bytes. The array is prefilled with a marker byte fbcon never writes (no
 * console colour has a 0xEE channel), so untouched memory is visible.
 * Pixels are checked against the generated font table the kernel draws
 * with.
 */
#ifndef FAKE_FRAMEBUFFER_H
#define FAKE_FRAMEBUFFER_H

#include <stdbool.h>
#include <stdint.h>

#include "kernel/console/fbcon.h"
#include "kernel/console/font.h"
#include "kernel/console/text_grid.h"

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

extern uint8_t fake_memory[MEMORY];
extern struct fbcon fake_con;
extern struct text_grid fake_grid;

/* 32 bpp, red in bits 16-23, green 8-15, blue 0-7: what OVMF's GOP gives. */
struct fb_surface xrgb32(void);

/* 24 bpp with blue in the high byte: channel positions are honoured, not assumed. */
struct fb_surface bgr24(void);

/* Fills the memory with the marker and starts fake_con on `surface`; draws nothing. */
void start_fbcon(struct fb_surface surface);

/* start_fbcon, then the screen taken over as the console does: a grid on it, cleared. */
void start_grid_on_fbcon(struct fb_surface surface);

void write_str(const char *text);

/* The pixel at (x, y) as the surface stores it. */
uint32_t pixel(const struct fb_surface *s, unsigned x, unsigned y);

/* 0xRRGGBB as the surface encodes it (8-bit channels only). */
uint32_t encode(const struct fb_surface *s, uint32_t rgb);

/* The 8x16 pixels of cell (row, column) show glyph c in the two colours. */
#define CHECK_CELL(s, row, column, c, fg, bg) \
    check_cell(__FILE__, __LINE__, s, row, column, c, fg, bg)
void check_cell(const char *file, int line, const struct fb_surface *s, unsigned row,
                unsigned column, unsigned char c, uint32_t fg, uint32_t bg);

/* Every padding byte after the visible pixels of every row still holds the marker. */
void check_padding_untouched(const struct fb_surface *s);

/* The pixels right of and below the cell grid hold `value` (marker or background). */
void check_margins_hold(const struct fb_surface *s, uint32_t value);

/* Every byte holds the marker, but those of cell (row, column) if `except` says so. */
void check_untouched_but_cell(const struct fb_surface *s, bool except, unsigned row,
                              unsigned column);

#endif
