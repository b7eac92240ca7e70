/*
 * mbi_builder.h: builds Multiboot2 boot information (MBIs) byte by byte
 * for the host tests of the parser and the fuzzer's seeds.
 *
 * Tags are laid out as GRUB 2.06 lays them out: each starts 8-byte
 * aligned, and the padding after it holds garbage (0xAA), as GRUB leaves
 * it. Fields are written one after the other at the widths GRUB writes
 * (docs/multiboot2.md §3), independently of src/kernel/bootinfo/mbi_layout.h,
 * so that the tests check the parser's offsets against a second source.
 */
#ifndef MBI_BUILDER_H
#define MBI_BUILDER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define MBI_BYTES 16384
#define MBI_MAX_TAGS 128
#define MBI_BODY_BYTES 8192

#define COUNT(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* The command line and loader name GRUB 2.06 passed in the boot tests. */
#define GRUB_CMDLINE "hello key=value \"two words\""
#define GRUB_NAME "GRUB 2.06-13+deb12u2"

/* A tag body (what follows the 8-byte head) under construction. */
struct body {
    uint8_t bytes[MBI_BODY_BYTES];
    size_t length;
};

struct mbi {
    uint8_t bytes[MBI_BYTES];
    size_t length;       /* bytes used, a multiple of 8 */
    int tags;            /* tags added, end tag included */
    uint32_t tag_type[MBI_MAX_TAGS];
    size_t tag_offset[MBI_MAX_TAGS], tag_size[MBI_MAX_TAGS];
};

/* One memory-map entry. */
struct region {
    uint64_t base, length;
    uint32_t type;
};

/* Writes the `width` low bytes of `value` at p, little-endian. */
void put_le(uint8_t *p, uint64_t value, int width);

/* Appending to a body; each aborts if the body is full. */
void body_u8(struct body *b, uint64_t value);
void body_u16(struct body *b, uint64_t value);
void body_u32(struct body *b, uint64_t value);
void body_u64(struct body *b, uint64_t value);
void body_fill(struct body *b, size_t count, uint8_t byte);
/* The bytes of `s`; with its NUL when `terminate`. */
void body_text(struct body *b, const char *s, bool terminate);
/* entry_size, entry_version 0, then `count` entries padded to entry_size. */
void body_mmap(struct body *b, const struct region *r, int count, uint32_t entry_size);
/* The framebuffer tag's common part, reserved field included. */
void body_framebuffer(struct body *b, uint64_t addr, uint32_t pitch, uint32_t width,
                      uint32_t height, uint8_t bpp, uint8_t type);

/* Starts an MBI: the fixed part, everything after it garbage. */
void mbi_begin(struct mbi *m);
/* Appends a tag whose size field says `size` and whose body is `b` (NULL:
 * none); the next tag goes after the body, 8-byte aligned. total_size
 * always covers everything added. Returns the tag's offset. */
size_t mbi_add_sized(struct mbi *m, uint32_t type, uint32_t size, const struct body *b);
/* The same with the true size, 8 + the body's length. */
size_t mbi_add(struct mbi *m, uint32_t type, const struct body *b);
/* Adds the end tag; returns total_size. */
size_t mbi_finish(struct mbi *m);

/* Whole tags with GRUB-like contents. */
void mbi_add_u32_tag(struct mbi *m, uint32_t type, uint32_t value);
void mbi_add_u64_tag(struct mbi *m, uint32_t type, uint64_t value);
void mbi_add_string_tag(struct mbi *m, uint32_t type, const char *s);
void mbi_add_module(struct mbi *m, uint32_t start, uint32_t end, const char *s);
void mbi_add_meminfo(struct mbi *m, uint32_t lower, uint32_t upper);
void mbi_add_bootdev(struct mbi *m, uint32_t biosdev, uint32_t part, uint32_t sub);
void mbi_add_mmap(struct mbi *m, const struct region *r, int count);
void mbi_add_ega_text_framebuffer(struct mbi *m);
void mbi_add_rgb_framebuffer(struct mbi *m);
void mbi_add_indexed_framebuffer(struct mbi *m, uint16_t colors);
/* GRUB's u32 num, entsize, shndx (num - 1), then num section headers. */
void mbi_add_elf_sections(struct mbi *m, uint32_t num, uint32_t entsize);
void mbi_add_apm(struct mbi *m);
/* A copy of the 20-byte ACPI 1.0 RSDP (tag 14) or 36-byte 2.0 RSDP (15). */
void mbi_add_rsdp(struct mbi *m, uint32_t type);
void mbi_add_efi_mmap(struct mbi *m, uint32_t count, uint32_t descriptor_size);
void mbi_add_vbe(struct mbi *m, uint16_t mode);
void mbi_add_smbios(struct mbi *m, uint8_t major, uint8_t minor);
void mbi_add_network(struct mbi *m);

/* Whole MBIs; each returns total_size. */
size_t mbi_build_grub_bios(struct mbi *m);
size_t mbi_build_grub_uefi(struct mbi *m);
size_t mbi_build_grub_uefi_boot_services(struct mbi *m);
size_t mbi_build_other_tags(struct mbi *m);
size_t mbi_build_full_arrays(struct mbi *m);

/* The whole MBIs above by name: the fuzzer's seeds, which must parse cleanly. */
struct mbi_seed {
    const char *name;
    size_t (*build)(struct mbi *m);
};

extern const struct mbi_seed mbi_seeds[];
extern const int mbi_seed_count;

#endif
