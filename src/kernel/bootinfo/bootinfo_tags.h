/*
 * bootinfo_tags.h: what the MBI walk (bootinfo.c), the per-type tag
 * decoders (bootinfo_tags.c) and the copies of fixed-field tags
 * (bootinfo_fixed_tags.c) share. Private to those three files.
 */
#ifndef BOOTINFO_TAGS_H
#define BOOTINFO_TAGS_H

#include "kernel/bootinfo/bootinfo.h"

/*
 * Decodes a tag of type 1..MULTIBOOT2_TAG_TYPE_LOAD_BASE_ADDR whose `size`
 * bytes at `tag` the walk has checked to lie inside total_size: checks the
 * size and layout the type needs, then copies the fields into *bi. Returns
 * NULL, or the reason the tag is skipped, with *bi left unchanged.
 */
const char *bootinfo_decode_tag(const uint8_t *tag, uint32_t type, uint32_t size,
                                struct bootinfo *bi);

/*
 * Copies the fields of a tag of a type with only fixed fields (no decoder
 * in bootinfo_tags.c's table) whose size is at least that type's minimum.
 * Other types are ignored.
 */
void bootinfo_copy_fixed_fields(const uint8_t *tag, uint32_t type, struct bootinfo *bi);

#endif
