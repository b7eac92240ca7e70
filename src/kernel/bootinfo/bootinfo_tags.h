/*
 * bootinfo_tags.h: what the MBI walk (bootinfo.c) and the per-type tag
 * decoders (bootinfo_tags.c) share. Private to those two files.
 */
#ifndef BOOTINFO_TAGS_H
#define BOOTINFO_TAGS_H

#include "kernel/bootinfo/bootinfo.h"

/* Little-endian loads from MBI bytes, which carry no alignment guarantee
 * for the types inside them (a cast pointer would be undefined behaviour). */
static inline uint16_t bootinfo_load16(const uint8_t *p)
{
    return (uint16_t)(p[0] | p[1] << 8);
}

static inline uint32_t bootinfo_load32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
           (uint32_t)p[3] << 24;
}

static inline uint64_t bootinfo_load64(const uint8_t *p)
{
    return bootinfo_load32(p) | (uint64_t)bootinfo_load32(p + 4) << 32;
}

/*
 * Decodes a tag of type 1..MULTIBOOT2_TAG_TYPE_LOAD_BASE_ADDR whose `size`
 * bytes at `tag` the walk has checked to lie inside total_size: checks the
 * size and layout the type needs, then copies the fields into *bi. Returns
 * NULL, or the reason the tag is skipped, with *bi left unchanged.
 */
const char *bootinfo_decode_tag(const uint8_t *tag, uint32_t type, uint32_t size,
                                struct bootinfo *bi);

#endif
