/*
 * memory_carve.h: finding room in RAM the boot memory map says is free,
 * for memory whose size is known only at boot (the framebuffer console's
 * cells, sized from the screen GRUB hands over).
 *
 * Nothing is allocated or recorded: the caller takes the place it is
 * given and keeps it for good. Pure computation on the parsed boot
 * information; host tests in tests/unit/test_memory_carve.c.
 */
#ifndef MEMORY_CARVE_H
#define MEMORY_CARVE_H

#include <stddef.h>
#include <stdint.h>

struct bootinfo; /* kernel/bootinfo/bootinfo.h */

/* Physical addresses [start, end). */
struct phys_range {
    uint64_t start, end;
};

/*
 * The lowest address at or above `floor`, a multiple of `align` (a power
 * of two), where `size` bytes lie inside one available region of bi's
 * memory map, end at or below `limit`, and overlap none of the `avoid`
 * ranges (nor the modules). 0 if there is none, if size is 0, or if bi
 * does not list every module (bootinfo_lists_every_module), since one it
 * left out could lie anywhere.
 */
uint64_t memory_carve(const struct bootinfo *bi, uint64_t size, uint64_t align, uint64_t floor,
                      uint64_t limit, const struct phys_range *avoid, size_t avoid_count);

#endif
