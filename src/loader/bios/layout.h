/*
 * layout.h: where longboot's BIOS loader keeps things, on disk and in
 * memory. Shared with its assembly through tools/h2inc.sed, so nothing
 * but `#define NAME value` lines with a trailing comment, and read by
 * tools/loader_image.py, which lays out the disk image.
 *
 * Disk image (sectors of 512 bytes):
 *   0       stage 1: the MBR, partition 1 in its table is the kernel
 *   1-7     stage 2 (loader.ld: stage 1 + stage 2 fit in 4 KiB)
 *   8       the kernel command line, NUL-terminated
 *   9-...   partition 1: the kernel ELF file, zero-padded to a sector
 *
 * Memory below 1 MiB while the loader runs:
 *   0x00500            a byte for the A20 test
 *   0x01000-0x06FFF    page tables: PML4, PDPT, 4 page directories
 *   0x07000-0x07BFF    the stack, from LOADER_STACK_TOP down
 *   0x07C00-0x07DFF    stage 1, where the BIOS put it
 *   0x07E00-...        stage 2, then its .bss (memory map, command line,
 *                      IDTs, the boot information): all below 0x10000
 *   0x10000-0x7FFFF    the kernel file as read from disk
 * The kernel itself goes to LOADER_KERNEL_LOWEST-LOADER_KERNEL_END, where
 * linker.ld keeps it; 0x80000 up is left alone (the EBDA may start there).
 */
#ifndef LOADER_BIOS_LAYOUT_H
#define LOADER_BIOS_LAYOUT_H

#define LOADER_NAME "longboot BIOS loader 0.1" /* banner, and the Multiboot2 loader name */
#define LOADER_TEXT_ATTRIBUTE 0x07 /* light grey on black, the banner's colours */

#define LOADER_CMDLINE_LBA 8 /* the sector after the loader's 8 */
#define LOADER_KERNEL_PARTITION 0 /* partition entry (0-based) that holds the kernel */

#define LOADER_A20_PROBE 0x0500 /* free byte; with A20 off, it + 1 MiB wraps onto it */
#define LOADER_PAGE_TABLES 0x1000 /* PML4, then PDPT, then the page directories */
#define LOADER_STACK_TOP 0x7C00 /* grows down, below stage 1; 16-byte aligned */
#define LOADER_KERNEL_BUFFER 0x10000 /* the kernel file, read here from disk */
#define LOADER_KERNEL_BUFFER_END 0x80000 /* 448 KiB: the largest kernel file */
#define LOADER_READ_SECTORS 64 /* per INT 13h read: 32 KiB, under the 127 some BIOSes allow */
#define LOADER_KERNEL_LOWEST 0x100000 /* linker.ld: KERNEL_LOAD_ADDRESS */
#define LOADER_KERNEL_END 0x200000 /* linker.ld: the image ends by LOW_PAGE_TABLE_END */
#define LOADER_E820_MAX_ENTRIES 128 /* memory map entries kept; a longer map is refused */

#endif
