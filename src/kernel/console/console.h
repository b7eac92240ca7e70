/*
 * console.h: kernel output. Everything printed goes to the screen (VGA
 * text, or a framebuffer GRUB set up) and to COM1 alike; klog lines go to
 * COM1 only. Every function works the same on either screen, also from a
 * CPU-exception handler: they touch only their own static state, the
 * screen's memory and the UART.
 */
#ifndef CONSOLE_H
#define CONSOLE_H

#include "kernel/bootinfo/bootinfo.h"
#include "kernel/console/color.h"

/* Takes over COM1 and the VGA text screen, which it clears. */
void console_init(void);

/*
 * Picks the screen from the parsed boot information: GRUB's linear RGB
 * framebuffer if it reported one that lies inside the identity map and has
 * a usable format, with everything printed so far redrawn on it; VGA text
 * otherwise. Says on COM1 which, and why a framebuffer was refused. Call
 * once, after bootinfo_parse; until then the screen is VGA text.
 */
void console_use_framebuffer(const struct bootinfo *bi);

void console_clear(void);
void console_set_color(enum console_color foreground, enum console_color background);

/* printf to both consoles; see format.h for the conversions. */
void kprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* printf to COM1 only: detail for logs and tests, kept off the screen. */
void klog(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
