/*
 * boot_info.h: the Multiboot2 boot information the UEFI loader hands the
 * kernel, the tags GRUB passes on UEFI (docs/multiboot2.md §3), built
 * from what the firmware told the loader once boot services have ended.
 *
 * Pure C over caller-supplied memory: host tests build one from made-up
 * facts and parse it with the kernel's own parser
 * (tests/unit/test_uefi_boot_info.c).
 */
#ifndef LOADER_UEFI_BOOT_INFO_H
#define LOADER_UEFI_BOOT_INFO_H

#include <stddef.h>
#include <stdint.h>

#include "kernel/console/fbcon.h"
#include "loader/mbi_writer.h"

/* What the firmware told the loader. */
struct uefi_facts {
    const char *cmdline;              /* cmdline_length bytes, no NUL needed */
    size_t cmdline_length;
    const struct memory_range *map;   /* efi_map_convert's ranges */
    uint32_t map_count;
    const uint8_t *efi_map;           /* the firmware's map, as GetMemoryMap gave it */
    size_t efi_map_size;
    uint32_t descriptor_size, descriptor_version;
    uint64_t system_table;            /* the EFI system table's address */
    const struct fb_surface *screen;  /* GOP's framebuffer, or NULL */
    const uint8_t *rsdp;              /* the ACPI RSDP from the configuration table, or NULL */
};

/* The most bytes uefi_boot_info_build() writes for facts with these
 * sizes: for the caller to allocate before it knows the final map. */
size_t uefi_boot_info_max_size(size_t cmdline_length, size_t efi_map_size,
                               size_t descriptor_size);

/*
 * Writes the boot information to mbi (uefi_boot_info_max_size() zeroed
 * bytes, 8-byte aligned) and returns its total_size. Tags: command line,
 * loader name (UEFI_LOADER_NAME), basic memory, memory map, framebuffer
 * (RGB, when there is one), EFI 64-bit system table, EFI memory map, the
 * RSDP (tag 14 for ACPI 1.0, 15 for 2.0+), end.
 */
size_t uefi_boot_info_build(uint8_t *mbi, const struct uefi_facts *facts);

#endif
