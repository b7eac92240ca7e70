/*
 * memory_carve.c: the lowest free place of a given size in the boot
 * memory map (memory_carve.h).
 *
 * Within each available region, a candidate starts at the region's start
 * (or `floor`), aligned; whenever the candidate would overlap a range to
 * keep (the caller's, or a module), it moves to that range's end. A range
 * once passed can never overlap again, so each region takes at most one
 * step per range, plus one.
 */
#include "kernel/memory_carve.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arch/x86_64/multiboot2.h"
#include "kernel/bootinfo/bootinfo.h"

/* x rounded up to a multiple of align, or 0 if that does not fit in 64 bits. */
static uint64_t align_up(uint64_t x, uint64_t align)
{
    uint64_t up = (x + align - 1) & ~(align - 1);

    return up < x ? 0 : up;
}

static bool overlaps(uint64_t start, uint64_t end, struct phys_range range)
{
    return start < range.end && range.start < end;
}

/* The first range to keep that [start, end) overlaps, or NULL. */
static const struct phys_range *first_overlap(const struct bootinfo *bi, uint64_t start,
                                              uint64_t end, const struct phys_range *avoid,
                                              size_t avoid_count, struct phys_range *module)
{
    for (size_t i = 0; i < avoid_count; i++)
        if (overlaps(start, end, avoid[i]))
            return &avoid[i];
    for (uint32_t i = 0; i < bi->module_count && i < BOOTINFO_MAX_MODULES; i++) {
        *module = (struct phys_range){ bi->modules[i].start, bi->modules[i].end };
        if (overlaps(start, end, *module))
            return module;
    }
    return NULL;
}

/* The lowest fit in one region, or 0. */
static uint64_t carve_in(const struct bootinfo *bi, struct phys_range region, uint64_t size,
                         uint64_t align, const struct phys_range *avoid, size_t avoid_count)
{
    uint64_t candidate = align_up(region.start, align);
    struct phys_range module;

    for (size_t step = 0; step <= avoid_count + BOOTINFO_MAX_MODULES; step++) {
        if (candidate == 0 || candidate > region.end || region.end - candidate < size)
            return 0;
        const struct phys_range *kept = first_overlap(bi, candidate, candidate + size, avoid,
                                                      avoid_count, &module);
        if (!kept)
            return candidate;
        candidate = align_up(kept->end, align);
    }
    return 0;
}

uint64_t memory_carve(const struct bootinfo *bi, uint64_t size, uint64_t align, uint64_t floor,
                      uint64_t limit, const struct phys_range *avoid, size_t avoid_count)
{
    uint64_t best = 0;

    if (size == 0 || align == 0 || (align & (align - 1)) || !bootinfo_lists_every_module(bi))
        return 0;
    for (uint32_t i = 0; i < bi->mmap_count && i < BOOTINFO_MAX_MMAP_ENTRIES; i++) {
        const struct bootinfo_mmap_entry *entry = &bi->mmap[i];
        uint64_t end = entry->base + entry->length;

        if (entry->type != MULTIBOOT2_MEMORY_AVAILABLE || end < entry->base)
            continue;
        struct phys_range region = {
            entry->base > floor ? entry->base : floor,
            end < limit ? end : limit,
        };
        if (region.start >= region.end)
            continue;
        uint64_t found = carve_in(bi, region, size, align, avoid, avoid_count);
        if (found && (best == 0 || found < best))
            best = found;
    }
    return best;
}
