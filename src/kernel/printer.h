/*
 * printer.h: the printf-like sink that reports print through, so that
 * pure formatting code prints with kprintf in the kernel and into a buffer
 * in the host unit tests.
 */
#ifndef PRINTER_H
#define PRINTER_H

typedef void (*report_printer)(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
