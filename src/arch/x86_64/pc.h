/*
 * pc.h: fixed addresses and I/O ports of the PC platform that longboot
 * uses: the VGA text buffer, the COM1 UART and QEMU's isa-debug-exit.
 *
 * Shared with the assembly: the build turns every `#define NAME value`
 * line here into a NASM `%define` (tools/h2inc.sed).
 */
#ifndef PC_H
#define PC_H

/* VGA text mode: 80x25 cells of (attribute << 8 | character) at 0xB8000. */
#define VGA_TEXT_BUFFER 0xB8000 /* physical address of colour text memory */
#define VGA_TEXT_COLUMNS 80 /* cells per row */
#define VGA_TEXT_ROWS 25 /* rows of cells */
#define VGA_CRTC_INDEX 0x3D4 /* CRT controller register select port */
#define VGA_CRTC_DATA 0x3D5 /* CRT controller register data port */
#define VGA_CRTC_CURSOR_START 0x0A /* cursor shape: first scan line, bit 5 hides */
#define VGA_CRTC_CURSOR_END 0x0B /* cursor shape: last scan line */
#define VGA_CRTC_CURSOR_HIGH 0x0E /* cursor cell index, high byte */
#define VGA_CRTC_CURSOR_LOW 0x0F /* cursor cell index, low byte */

/* COM1, a 16550 UART (registers as offsets from its base port). */
#define COM1_PORT 0x3F8 /* base I/O port of the first serial port */
#define UART_DATA 0 /* transmit holding / receive buffer (DLAB=0) */
#define UART_DIVISOR_LOW 0 /* baud divisor, low byte (DLAB=1) */
#define UART_INTERRUPT_ENABLE 1 /* interrupt enable (DLAB=0) */
#define UART_DIVISOR_HIGH 1 /* baud divisor, high byte (DLAB=1) */
#define UART_FIFO_CONTROL 2 /* FIFO control (write) */
#define UART_LINE_CONTROL 3 /* word length, parity, stop bits, DLAB */
#define UART_MODEM_CONTROL 4 /* DTR, RTS, OUT2 */
#define UART_LINE_STATUS 5 /* transmitter and receiver state */
#define UART_DIVISOR_115200 1 /* 115200 baud = 115200 / divisor */
#define UART_LCR_DLAB 0x80 /* bit 7: divisor latch access */
#define UART_LCR_8N1 0x03 /* 8 data bits, no parity, 1 stop bit */
#define UART_FCR_ENABLE_CLEAR 0x07 /* enable FIFOs, clear receive and transmit */
#define UART_MCR_DTR_RTS 0x03 /* data terminal ready, request to send */
#define UART_LSR_THR_EMPTY 0x20 /* bit 5: transmit holding register empty */
#define UART_TRANSMIT_SPINS 100000 /* polls of THR_EMPTY before giving up on a byte */

/* QEMU's isa-debug-exit device: writing v exits QEMU with status (v << 1) | 1. */
#define QEMU_DEBUG_EXIT_PORT 0xF4 /* iobase given to -device isa-debug-exit */

#endif
