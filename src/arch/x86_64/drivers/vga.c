/*
 * vga.c: the 80x25 text console declared in vga.h.
 *
 * The kernel calls vga_init with the VGA text buffer at 0xB8000 and a
 * cursor mover that programs the CRT controller, then prints through
 * vga_write. Nothing here touches hardware itself, so the host unit tests
 * (tests/unit/test_vga.c) run this same file against an array.
 *
 * Invariant: row < VGA_ROWS and column < VGA_COLUMNS between calls, so the
 * position always names a cell on screen, and so does the cursor.
 */
#include <stddef.h>
#include <stdint.h>

#include "arch/x86_64/drivers/vga.h"

static uint16_t cell(const struct vga *vga, unsigned char c)
{
    return (uint16_t)(vga->attribute << 8 | c);
}

static void report_cursor(const struct vga *vga)
{
    if (vga->move_cursor != NULL)
        vga->move_cursor(vga->row * VGA_COLUMNS + vga->column);
}

/* Moves rows 1..24 up one row and blanks row 24; cell by cell because the
 * buffer is volatile and memmove is not available in the kernel. */
static void scroll(struct vga *vga)
{
    const size_t last_row = (size_t)(VGA_ROWS - 1) * VGA_COLUMNS;

    for (size_t i = 0; i < last_row; i++)
        vga->cells[i] = vga->cells[i + VGA_COLUMNS];
    for (size_t i = last_row; i < last_row + VGA_COLUMNS; i++)
        vga->cells[i] = cell(vga, ' ');
}

static void next_line(struct vga *vga)
{
    vga->column = 0;
    if (vga->row == VGA_ROWS - 1)
        scroll(vga);
    else
        vga->row++;
}

static void put(struct vga *vga, char c)
{
    switch (c) {
    case '\n':
        next_line(vga);
        return;
    case '\r':
        vga->column = 0;
        return;
    case '\t':
        vga->column = (vga->column / VGA_TAB_WIDTH + 1) * VGA_TAB_WIDTH;
        break;
    case '\b':
        if (vga->column > 0)
            vga->column--;
        return;
    default:
        /* Through unsigned char so code page 437 glyphs (0x80 and up) do
         * not sign-extend into the attribute byte. */
        vga->cells[vga->row * VGA_COLUMNS + vga->column] = cell(vga, (unsigned char)c);
        vga->column++;
        break;
    }
    /* Wrap at once rather than on the next character, keeping the invariant. */
    if (vga->column >= VGA_COLUMNS)
        next_line(vga);
}

void vga_init(struct vga *vga, volatile uint16_t *cells, vga_cursor_fn move_cursor)
{
    vga->cells = cells;
    vga->row = 0;
    vga->column = 0;
    vga->move_cursor = move_cursor;
    vga_set_color(vga, VGA_LIGHT_GREY, VGA_BLACK);
    /* The boot loader may have left the hardware cursor anywhere. */
    report_cursor(vga);
}

void vga_set_color(struct vga *vga, enum vga_color foreground, enum vga_color background)
{
    /* Masked so an out-of-range colour cannot spill into the other nibble. */
    vga->attribute = (uint8_t)((background & 0x0F) << 4 | (foreground & 0x0F));
}

void vga_clear(struct vga *vga)
{
    for (size_t i = 0; i < (size_t)VGA_ROWS * VGA_COLUMNS; i++)
        vga->cells[i] = cell(vga, ' ');
    vga->row = 0;
    vga->column = 0;
    report_cursor(vga);
}

void vga_write(struct vga *vga, const char *text, size_t n)
{
    for (size_t i = 0; i < n; i++)
        put(vga, text[i]);
    /* Once per call: each move is a few port writes on real hardware. */
    report_cursor(vga);
}
