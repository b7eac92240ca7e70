/*
 * vga_text.c: the VGA text screen declared in vga_text.h.
 *
 * The console's text grid calls vga_text_put, vga_text_fill and
 * vga_text_move_cursor as its screen while the screen is VGA text. Cells
 * are stored one by one because the buffer is volatile (video memory) and
 * there is no memcpy in the kernel.
 */
#include "arch/x86_64/drivers/vga_text.h"

#include <stddef.h>
#include <stdint.h>

#include "arch/x86_64/io.h"
#include "arch/x86_64/pc.h"

#define CURSOR_FIRST_SCANLINE 14 /* an underline cursor in the 16-line cell */
#define CURSOR_LAST_SCANLINE 15
#define CURSOR_BYTE_BITS 8       /* the CRTC takes the cursor's cell index a byte at a time */

static volatile uint16_t *cells;

void vga_text_init(volatile uint16_t *buffer)
{
    cells = buffer;
}

void vga_text_put(unsigned row, unsigned column, uint16_t cell)
{
    cells[row * VGA_TEXT_COLUMNS + column] = cell;
}

void vga_text_fill(uint16_t cell)
{
    for (size_t i = 0; i < (size_t)VGA_TEXT_ROWS * VGA_TEXT_COLUMNS; i++)
        cells[i] = cell;
}

void vga_text_show_cursor(void)
{
    outb(VGA_CRTC_INDEX, VGA_CRTC_CURSOR_START);
    outb(VGA_CRTC_DATA, CURSOR_FIRST_SCANLINE);
    outb(VGA_CRTC_INDEX, VGA_CRTC_CURSOR_END);
    outb(VGA_CRTC_DATA, CURSOR_LAST_SCANLINE);
}

void vga_text_move_cursor(unsigned row, unsigned column)
{
    unsigned position = row * VGA_TEXT_COLUMNS + column;

    outb(VGA_CRTC_INDEX, VGA_CRTC_CURSOR_HIGH);
    outb(VGA_CRTC_DATA, (uint8_t)(position >> CURSOR_BYTE_BITS));
    outb(VGA_CRTC_INDEX, VGA_CRTC_CURSOR_LOW);
    outb(VGA_CRTC_DATA, (uint8_t)position);
}
