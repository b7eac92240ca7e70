/*
 * mbi_writer.h: writing a Multiboot2 boot information (MBI) tag by tag,
 * so that the kernel reads one format whichever loader started it
 * (docs/multiboot2.md §3). Pure C over caller-supplied memory, tested on
 * the host through the kernel's own parser (tests/unit/test_uefi_boot_info.c).
 *
 * The UEFI loader writes its MBI with these. The BIOS loader keeps its own
 * few lines for the same tags (bios/boot_info.c): called across files,
 * these cost its clang build 79 bytes more than the 4 KiB it has.
 */
#ifndef LOADER_MBI_WRITER_H
#define LOADER_MBI_WRITER_H

#include <stddef.h>
#include <stdint.h>

/* One memory map entry as Multiboot2 lays it out (mbi_layout.h's
 * struct mbi_mmap_entry, checked in mbi_writer.c). */
struct memory_range {
    uint64_t base, length;
    uint32_t type;      /* MULTIBOOT2_MEMORY_*, or another number passed on */
    uint32_t reserved;  /* 0 */
};

/* The MBI being written into zeroed, 8-byte aligned memory: bytes used
 * so far, a multiple of 8. Padding and reserved fields stay 0. */
struct mbi_writer {
    uint8_t *bytes;
    size_t used;
};

/* A writer for an MBI at `bytes` (zeroed, 8-byte aligned), past its
 * fixed part (total_size and a reserved u32). */
#define MBI_WRITER(bytes) ((struct mbi_writer){ (bytes), 8 })

/* Appends a tag of `type` with a body of `size` bytes; returns the body
 * (8-byte aligned) for the caller to fill. */
void *mbi_tag(struct mbi_writer *mbi, uint32_t type, size_t size);

/* A string tag (command line, loader name): text[0..length) and a NUL. */
void mbi_string_tag(struct mbi_writer *mbi, uint32_t type, const char *text, size_t length);

/* The basic memory tag worked out of the map as GRUB does: mem_lower, the
 * available RAM at 0 (at most 640 KiB); mem_upper, the available RAM from
 * 1 MiB up to the first hole. */
void mbi_basic_memory_tag(struct mbi_writer *mbi, const struct memory_range *map, uint32_t count);

/* The memory map tag: the entries as given, each one's reserved field 0. */
void mbi_memory_map_tag(struct mbi_writer *mbi, const struct memory_range *map, uint32_t count);

/* The end tag and total_size; returns total_size. */
size_t mbi_finish(struct mbi_writer *mbi);

/* Bytes a tag with a body of `size` bytes takes, padding included. */
#define MBI_TAG_SPACE(size) ((8 + (size) + 7) / 8 * 8)

#endif
