/*
 * console.h: kernel output. Everything printed goes to the screen (VGA
 * text, or a framebuffer GRUB set up) and to COM1 alike; klog lines go to
 * COM1 only. Every function works the same on either screen, also from a
 * CPU-exception handler: they touch only their own static state, the
 * screen's memory and the UART.
 */
#ifndef CONSOLE_H
#define CONSOLE_H

#include <stddef.h>
#include <stdint.h>

#include "kernel/console/color.h"

struct fb_surface; /* fbcon.h */

/* Takes over COM1 and the VGA text screen, which it clears. */
void console_init(void);

/*
 * Moves the screen to the framebuffer `surface` describes, with
 * everything printed so far redrawn on it in the same colours, and says
 * so on COM1. `cells` is the text grid's store from then on, room for
 * `capacity` cells (a screen with more shows the rows that fit); the
 * console keeps it for good. Returns NULL, or why the surface cannot be
 * drawn on (then the screen stays VGA text). The caller has checked that
 * the pixels are mapped, and made them uncached. Call once at most.
 */
const char *console_use_framebuffer(const struct fb_surface *surface, uint16_t *cells,
                                    size_t capacity);

void console_clear(void);
void console_set_color(enum console_color foreground, enum console_color background);

/* printf to both consoles; see format.h for the conversions. */
void kprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* printf to COM1 only: detail for logs and tests, kept off the screen. */
void klog(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
