/*
 * format.h: printf-style formatting into any character sink.
 *
 * Pure C with no hardware access: the kernel's kprintf feeds the consoles
 * through it, and the host unit tests feed a buffer.
 */
#ifndef FORMAT_H
#define FORMAT_H

#include <stdarg.h>
#include <stddef.h>

/* Receives each formatted character in order. */
typedef void (*format_sink)(char c, void *context);

/*
 * Formats like C's printf and returns how many characters went to the sink.
 * Conversions: %c %s %d %i %u %x %X %p %%. Length modifiers: l, ll, z.
 * Flags: '-' (left-justify) and '0' (zero padding). A field width and, for
 * %s, a precision, each a number or '*'. %s of NULL prints "(null)". Any
 * other conversion is printed as written, so a typo shows on screen.
 *
 * %p prints "0x" and 16 hex digits, zero-padded like an address dump. A
 * precision on a conversion other than %s is ignored.
 */
size_t format(format_sink sink, void *context, const char *fmt, va_list args);

#endif
