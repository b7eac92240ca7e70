/*
 * serial.h: COM1, the kernel's second console and the test suite's window.
 */
#ifndef SERIAL_H
#define SERIAL_H

#include <stddef.h>

/* 115200 baud, 8N1, FIFOs on, interrupts off. */
void serial_init(void);

/* Sends n bytes; each '\n' goes out as "\r\n" for terminals. */
void serial_write(const char *text, size_t n);

#endif
