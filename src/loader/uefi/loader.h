/*
 * loader.h: what longboot's UEFI loader is called, where it finds the
 * kernel, and the steps main.c takes, one file each.
 *
 * main.c runs them in this order: console_init; the kernel's memory
 * (AllocatePages at its address); kernel_file_read; elf_check and
 * elf_load (loader/elf.h, shared with the BIOS loader); the display, the
 * RSDP and the command line (load_options.h); the memory map and
 * ExitBootServices; the boot information (boot_info.h); handoff.
 */
#ifndef LOADER_UEFI_LOADER_H
#define LOADER_UEFI_LOADER_H

#include <stddef.h>
#include <stdint.h>

#include "loader/uefi/console.h"
#include "loader/uefi/efi.h"

/* The COM1 banner, and the Multiboot2 loader name. */
#define UEFI_LOADER_NAME "longboot UEFI loader 0.1"
/* The kernel, on the EFI system partition the loader came from. */
#define UEFI_KERNEL_PATH u"\\boot\\kernel.elf"
#define UEFI_KERNEL_PATH_TEXT "\\boot\\kernel.elf" /* the same, for sentences */

/* Reads the kernel file from the volume the loader was loaded from into
 * pages the firmware allocates (8-byte aligned, as elf_check wants);
 * fails with a sentence (console.h) if it cannot. */
void kernel_file_read(struct efi_boot_services *bs, efi_handle device, uint8_t **file,
                      size_t *size);

/* Pages the hand-off needs below 4 GiB: the page tables, then one page
 * for handoff_stub.asm's code, its GDT and its stack. */
#define HANDOFF_PAGES 7

/* What the hand-off stub says if an exception or NMI stops it. */
#define HANDOFF_FAULT_PHRASE "CPU exception or NMI while handing over to the kernel"

/*
 * Identity-maps 0-4 GiB in the page tables at area (HANDOFF_PAGES pages,
 * EfiLoaderCode, below 4 GiB), copies handoff_stub.asm there and runs it: it
 * loads an IDT of its own, our GDT, those tables, CR4 = PAE (and MCE where
 * CPUID has it), CR0.WP, EFER.NXE where CPUID has NX, and jumps to `entry`
 * with EDI = the Multiboot2 magic and ESI = boot_info. An exception or NMI
 * on the way shows `fault`, the sentence for HANDOFF_FAULT_PHRASE drawn in
 * advance (console.h), on COM1 and the screen, and halts.
 * Boot services must have ended and interrupts be off.
 */
_Noreturn void handoff(uint8_t *area, uint64_t entry, uint64_t boot_info,
                       const struct drawn_sentence *fault);

#endif
