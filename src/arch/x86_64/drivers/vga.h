/*
 * vga.h: an 80x25 VGA text console drawn into a cell buffer.
 *
 * The console only touches the cells it is given and reports cursor moves
 * through a callback, so the kernel hands it the VGA buffer at 0xB8000 and
 * a port-I/O cursor mover, while host tests hand it an array and a recorder.
 */
#ifndef VGA_H
#define VGA_H

#include <stddef.h>
#include <stdint.h>

#define VGA_COLUMNS 80
#define VGA_ROWS 25
#define VGA_TAB_WIDTH 8

/* The 16 colours of the standard VGA text palette. */
enum vga_color {
    VGA_BLACK, VGA_BLUE, VGA_GREEN, VGA_CYAN,
    VGA_RED, VGA_MAGENTA, VGA_BROWN, VGA_LIGHT_GREY,
    VGA_DARK_GREY, VGA_LIGHT_BLUE, VGA_LIGHT_GREEN, VGA_LIGHT_CYAN,
    VGA_LIGHT_RED, VGA_LIGHT_MAGENTA, VGA_YELLOW, VGA_WHITE,
};

/* Called with row * VGA_COLUMNS + column of the cell after the last character. */
typedef void (*vga_cursor_fn)(unsigned position);

struct vga {
    volatile uint16_t *cells;   /* VGA_ROWS * VGA_COLUMNS cells, row-major */
    unsigned row, column;       /* where the next character goes */
    uint8_t attribute;          /* background << 4 | foreground */
    vga_cursor_fn move_cursor;  /* may be NULL */
};

/*
 * Takes over cells with light grey on black, writing from the top left and
 * reporting the cursor there; keeps what is on screen.
 */
void vga_init(struct vga *vga, volatile uint16_t *cells, vga_cursor_fn move_cursor);

void vga_set_color(struct vga *vga, enum vga_color foreground, enum vga_color background);

/* Fills the screen with blanks in the current colour; cursor to the top left. */
void vga_clear(struct vga *vga);

/*
 * Writes n characters, then moves the cursor once (even when n is 0). '\n'
 * starts the next line, '\r' returns to column 0, '\t' advances to the next
 * multiple of VGA_TAB_WIDTH and '\b' steps back one column (not past column
 * 0); they move without drawing or erasing. Every other byte, including 0x80
 * and up (code page 437), is drawn as is. Wrapping is immediate: after a
 * character in column 79, or a tab from the last tab stop, the position is
 * column 0 of the next line, so 80 characters then '\n' leave an empty line.
 * Moving past row 24 scrolls up one line and blanks the last row in the
 * current colour.
 */
void vga_write(struct vga *vga, const char *text, size_t n);

#endif
