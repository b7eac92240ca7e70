/*
 * fake_io.c: the recording port I/O of fake_io.h.
 */
#include "fake_io.h"

struct port_access fake_io_log[FAKE_IO_MAX_ACCESSES];
size_t fake_io_count;
static uint8_t answer;

static void record(char kind, uint16_t port, uint8_t value)
{
    if (fake_io_count < FAKE_IO_MAX_ACCESSES)
        fake_io_log[fake_io_count] = (struct port_access){ kind, port, value };
    fake_io_count++;
}

uint8_t inb(uint16_t port)
{
    record('i', port, answer);
    return answer;
}

void outb(uint16_t port, uint8_t value)
{
    record('o', port, value);
}

void fake_io_reset(uint8_t value)
{
    fake_io_count = 0;
    answer = value;
}
