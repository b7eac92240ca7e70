/*
 * vga_text.h: the 80x25 VGA text screen: its cell memory and the CRT
 * controller's cursor.
 *
 * It stores cells it is given, in the hardware's format (attribute << 8 |
 * character), and decides nothing about text: what goes where is the
 * kernel's text grid's business. The kernel hands it the buffer at
 * VGA_TEXT_BUFFER; host tests hand it an array and leave the cursor,
 * which is port I/O, alone.
 */
#ifndef VGA_TEXT_H
#define VGA_TEXT_H

#include <stdint.h>

/*
 * Where later calls store cells: VGA_TEXT_ROWS * VGA_TEXT_COLUMNS of them
 * (pc.h), row-major. What the buffer holds stays on screen.
 */
void vga_text_init(volatile uint16_t *buffer);

/* Stores `cell` at (row, column), which must lie on the 80x25 screen. */
void vga_text_put(unsigned row, unsigned column, uint16_t cell);

/* Stores `cell` in every cell of the screen. */
void vga_text_fill(uint16_t cell);

/* Gives the hardware cursor a visible underline shape: GRUB may leave it hidden. */
void vga_text_show_cursor(void);

/* Moves the hardware cursor to (row, column). */
void vga_text_move_cursor(unsigned row, unsigned column);

#endif
