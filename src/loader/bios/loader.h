/*
 * loader.h: what the BIOS loader's assembly hands its C part.
 *
 * stage1.asm and stage2.asm fill these variables in real mode;
 * long_mode.asm calls loader_main() in 64-bit mode with RSP 16-byte
 * aligned, per the System V ABI. The assembly depends on these exact
 * names, types and this signature.
 */
#ifndef LOADER_BIOS_LOADER_H
#define LOADER_BIOS_LOADER_H

#include <stdint.h>

#include "arch/x86_64/pc.h"
#include "loader/bios/boot_info.h"
#include "loader/bios/layout.h"

extern uint8_t boot_drive;                                  /* stage1.asm: DL at boot */
extern uint16_t ebda_segment;                               /* stage2.asm: from BIOS_EBDA_SEGMENT */
extern uint16_t e820_count;                                 /* stage2.asm */
extern struct e820_entry e820_map[LOADER_E820_MAX_ENTRIES + 1]; /* stage2.asm; one spare */
extern char cmdline_sector[DISK_SECTOR_SIZE];               /* stage2.asm */
extern uint32_t kernel_sectors;                             /* stage2.asm: the kernel file at LOADER_KERNEL_BUFFER */

/* What loader_main() leaves for long_mode.asm's jump to the kernel. */
extern uint64_t kernel_entry;     /* the kernel's 64-bit entry, from its ELF note */
extern uint64_t boot_information; /* the Multiboot2 boot information's address */

/*
 * Checks the kernel file, loads it, builds the boot information. Returns
 * NULL with kernel_entry and boot_information set, or the middle of the
 * failure sentence for fail32.asm.
 */
const char *loader_main(void);

#endif
