/*
 * boot_info.h: the Multiboot2 boot information (MBI) the BIOS loader
 * hands the kernel, built from what the BIOS told it, so that the kernel
 * reads one format whichever loader started it (docs/multiboot2.md §3).
 *
 * Pure C over caller-supplied memory: host tests build an MBI from made-up
 * facts and parse it with the kernel's own parser (tests/unit/test_boot_info.c).
 */
#ifndef LOADER_BIOS_BOOT_INFO_H
#define LOADER_BIOS_BOOT_INFO_H

#include <stddef.h>
#include <stdint.h>

#include "arch/x86_64/pc.h"
#include "loader/bios/layout.h"

/* One entry of the BIOS memory map (INT 15h E820), as the BIOS wrote it. */
struct e820_entry {
    uint64_t base, length;
    uint32_t type, attributes;
};

/* What the BIOS told the loader. */
struct boot_facts {
    const char *cmdline_sector;     /* DISK_SECTOR_SIZE bytes; a NUL ends the text */
    uint8_t bios_drive;             /* DL at boot */
    const struct e820_entry *e820;  /* e820_count entries, as the BIOS gave them */
    uint32_t e820_count;            /* at most LOADER_E820_MAX_ENTRIES: stage2.asm refuses more */
    const uint8_t *rsdp;            /* a checked ACPI RSDP (rsdp_find), or NULL */
};

/* stage1.asm's banner, LOADER_NAME then CR LF: the loader name tag is
 * its first sizeof LOADER_NAME - 1 bytes, so the name is stored once in
 * the loader's 4 KiB (the host tests supply their own). */
extern const char loader_banner[];

/* Room for the largest MBI boot_info_build() writes (it asserts so). */
#define BOOT_INFO_MAX_SIZE 4096

/*
 * Writes the MBI to mbi (BOOT_INFO_MAX_SIZE zeroed bytes, 8-byte aligned) and
 * returns its total_size. Tags: command line, loader name (LOADER_NAME),
 * basic memory (from the E820 map), BIOS boot device (partition
 * LOADER_KERNEL_PARTITION), the memory map entry for entry, EGA text
 * 80x25 as the framebuffer, the RSDP (tag 14 for ACPI 1.0, 15 for 2.0+,
 * as GRUB passes them), end.
 */
size_t boot_info_build(uint8_t *mbi, const struct boot_facts *facts);

/*
 * Looks for the ACPI RSDP (ACPI 6.4, 5.2.5.1) in area[0..size), on 16-byte
 * boundaries: the signature "RSD PTR " and the checksum of its first 20
 * bytes. Returns it, or NULL. The BIOS keeps it in the first KiB of the
 * EBDA or in BIOS_ROM_AREA.
 */
const uint8_t *rsdp_find(const uint8_t *area, size_t size);

#endif
