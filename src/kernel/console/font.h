/*
 * font.h: the 8x16 bitmap font the framebuffer console draws with.
 *
 * The table is generated at build time by tools/font.py from a PSF font
 * that Debian ships (Uni2-VGA16, package console-setup-linux, MIT/X11-style
 * licence; see that script), in code page 437 order like VGA text mode:
 * font_glyphs[byte][row] is one pixel row, bit 7 the leftmost pixel.
 */
#ifndef FONT_H
#define FONT_H

#include <stdint.h>

#define FONT_WIDTH 8    /* pixels per glyph row: one byte */
#define FONT_HEIGHT 16  /* rows per glyph */
#define FONT_GLYPHS 256 /* one per byte value */
#define FONT_LEFTMOST_PIXEL 0x80 /* the bit of a row byte drawn first */

extern const uint8_t font_glyphs[FONT_GLYPHS][FONT_HEIGHT];

#endif
