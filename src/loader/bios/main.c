/*
 * main.c: the BIOS loader's C part, from the kernel file in memory to the
 * kernel's entry address and its boot information. long_mode.asm calls
 * loader_main() in 64-bit mode, with 0-4 GiB identity-mapped.
 */
#include "loader/bios/loader.h"

#include <stddef.h>

#include "loader/elf.h"

#define EBDA_SEARCH_BYTES 1024 /* the RSDP may be in the EBDA's first KiB (ACPI 6.4, 5.2.5.1) */

uint64_t kernel_entry, boot_information;

static uint8_t boot_info[BOOT_INFO_MAX_SIZE] __attribute__((aligned(8)));

/* The kernel goes where linker.ld puts it, which is clear of all the
 * loader's own memory (layout.h): so no PT_LOAD that elf_check() accepts
 * can overwrite the loader, its buffers or the kernel file. */
static const struct elf_limits kernel_limits = {
    .lowest = LOADER_KERNEL_LOWEST,
    .end = LOADER_KERNEL_END,
};
_Static_assert(LOADER_KERNEL_BUFFER_END <= LOADER_KERNEL_LOWEST,
               "the kernel's memory must not overlap the loader's (layout.h)");

const char *loader_main(void)
{
    const uint8_t *file = (const uint8_t *)LOADER_KERNEL_BUFFER;
    const char *problem = elf_check(file, (size_t)kernel_sectors * DISK_SECTOR_SIZE,
                                    &kernel_limits, &kernel_entry);

    if (problem != NULL)
        return problem;
    elf_load(file, &kernel_limits, (uint8_t *)LOADER_KERNEL_LOWEST);

    const uint8_t *rsdp = rsdp_find((const uint8_t *)((uintptr_t)ebda_segment << 4),
                                    EBDA_SEARCH_BYTES);
    if (rsdp == NULL)
        rsdp = rsdp_find((const uint8_t *)BIOS_ROM_AREA, BIOS_ROM_AREA_END - BIOS_ROM_AREA);
    struct boot_facts facts = {
        .cmdline_sector = cmdline_sector,
        .bios_drive = boot_drive,
        .e820 = e820_map,
        .e820_count = e820_count,
        .rsdp = rsdp,
    };
    boot_info_build(boot_info, &facts);
    boot_information = (uintptr_t)boot_info;
    return NULL;
}
