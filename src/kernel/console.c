/*
 * console.c: the kernel's one output path, the VGA screen and COM1 fed
 * from the same characters (as xv6's console does).
 *
 * Formatted output is gathered in a small buffer and flushed in pieces, so
 * the hardware cursor moves once per piece rather than once per character.
 */
#include "console.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>

#include "format.h"
#include "io.h"
#include "pc.h"
#include "serial.h"

#define CURSOR_FIRST_SCANLINE 14 /* an underline cursor in the 16-line cell */
#define CURSOR_LAST_SCANLINE 15
#define FLUSH_BUFFER_SIZE 128

static struct vga screen;

static void move_hardware_cursor(unsigned position)
{
    outb(VGA_CRTC_INDEX, VGA_CRTC_CURSOR_HIGH);
    outb(VGA_CRTC_DATA, (uint8_t)(position >> 8));
    outb(VGA_CRTC_INDEX, VGA_CRTC_CURSOR_LOW);
    outb(VGA_CRTC_DATA, (uint8_t)position);
}

/* GRUB may leave the cursor hidden; give it a visible underline shape. */
static void show_hardware_cursor(void)
{
    outb(VGA_CRTC_INDEX, VGA_CRTC_CURSOR_START);
    outb(VGA_CRTC_DATA, CURSOR_FIRST_SCANLINE);
    outb(VGA_CRTC_INDEX, VGA_CRTC_CURSOR_END);
    outb(VGA_CRTC_DATA, CURSOR_LAST_SCANLINE);
}

void console_init(void)
{
    serial_init();
    vga_init(&screen, (volatile uint16_t *)VGA_TEXT_BUFFER, move_hardware_cursor);
    show_hardware_cursor();
}

void console_clear(void)
{
    vga_clear(&screen);
}

void console_set_color(enum vga_color foreground, enum vga_color background)
{
    vga_set_color(&screen, foreground, background);
}

static void console_write(const char *text, size_t n)
{
    vga_write(&screen, text, n);
    serial_write(text, n);
}

struct flush_buffer {
    char text[FLUSH_BUFFER_SIZE];
    size_t length;
    bool serial_only;
};

static void flush(struct flush_buffer *buffer)
{
    if (buffer->serial_only)
        serial_write(buffer->text, buffer->length);
    else
        console_write(buffer->text, buffer->length);
    buffer->length = 0;
}

static void buffer_char(char c, void *context)
{
    struct flush_buffer *buffer = context;

    buffer->text[buffer->length++] = c;
    if (buffer->length == FLUSH_BUFFER_SIZE)
        flush(buffer);
}

static void print(bool serial_only, const char *fmt, va_list args)
{
    struct flush_buffer buffer = { .length = 0, .serial_only = serial_only };

    format(buffer_char, &buffer, fmt, args);
    flush(&buffer);
}

void kprintf(const char *fmt, ...)
{
    va_list args;

    va_start(args, fmt);
    print(false, fmt, args);
    va_end(args);
}

void klog(const char *fmt, ...)
{
    va_list args;

    va_start(args, fmt);
    print(true, fmt, args);
    va_end(args);
}
