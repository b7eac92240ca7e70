/*
 * paging.h: changes to the identity map that boot32.asm built.
 */
#ifndef PAGING_H
#define PAGING_H

#include <stdint.h>

#include <stdbool.h>

/*
 * Makes [start, start + size) uncached for the CPU's own caches, as video
 * memory must be: sets PCD in each 2 MiB page of the range (the pages'
 * whole 2 MiB are affected), which selects PAT entry 2, UC- since power-on,
 * so writes reach the device at once unless the firmware's MTRRs made the
 * range write-combining, which UC- keeps. The range must lie inside the
 * 0-4 GiB identity map; flushes the TLB. Returns false, changing nothing,
 * if the firmware left PAT entry 2 as a cached type.
 */
bool paging_make_uncached(uint64_t start, uint64_t size);

#endif
