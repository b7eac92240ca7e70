/*
 * console.h: kernel output. Everything printed goes to the VGA text screen
 * and to COM1 alike; klog lines go to COM1 only.
 */
#ifndef CONSOLE_H
#define CONSOLE_H

#include <stddef.h>

#include "vga.h"

/* Takes over the VGA text buffer and COM1; the screen keeps its contents. */
void console_init(void);

void console_clear(void);
void console_set_color(enum vga_color foreground, enum vga_color background);

/* printf to both consoles; see format.h for the conversions. */
void kprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* printf to COM1 only: detail for logs and tests, kept off the screen. */
void klog(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
