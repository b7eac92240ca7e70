/*
 * fake_io.h: port I/O for host tests of drivers, put in place of
 * src/arch/x86_64/io.h. The Makefile force-includes this header
 * (-include) when it builds such a test; it claims io.h's include guard,
 * so the driver's own #include of io.h adds nothing, and the driver's
 * inb/outb calls land in fake_io.c, which records them and answers reads
 * from a script the test sets.
 */
#ifndef IO_H
#define IO_H

#include <stddef.h>
#include <stdint.h>

uint8_t inb(uint16_t port);
void outb(uint16_t port, uint8_t value);

struct port_access {
    char kind;       /* 'i' for inb, 'o' for outb */
    uint16_t port;
    uint8_t value;   /* written, or answered */
};

#define FAKE_IO_MAX_ACCESSES 400000

extern struct port_access fake_io_log[FAKE_IO_MAX_ACCESSES];
extern size_t fake_io_count;

/* Forgets the log; from now on every inb answers `value`. */
void fake_io_reset(uint8_t value);

#endif
