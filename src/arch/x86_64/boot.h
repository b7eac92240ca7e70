/*
 * boot.h: the choices the boot trampoline and the linker script make that
 * the C kernel relies on. Shared with the assembly through
 * tools/h2inc.sed like x86.h, and with linker.ld through the C
 * preprocessor.
 */
#ifndef BOOT_H
#define BOOT_H

#define KERNEL_LOAD_ADDRESS 0x100000 /* 1 MiB: the first RAM above the ISA hole */
#define KERNEL_IMAGE_LIMIT 0x200000 /* the image ends below 2 MiB, which the kernel maps in 4 KiB pages */
#define BOOT_STACK_SIZE 0x4000 /* 16 KiB: the kernel's only stack */
#define BOOT_STACK_ALIGN 16 /* System V ABI: RSP % 16 == 0 at a call */
#define BOOT_IDENTITY_MAP_GIB 4 /* 0 to 4 GiB mapped virtual == physical */
#define GDT_CODE64_SELECTOR 0x08 /* boot64.asm's GDT: 64-bit code */
#define GDT_DATA_SELECTOR 0x10 /* flat 4 GiB data, for 32-bit and 64-bit code alike */
#define GDT_TSS_SELECTOR 0x18 /* the 16-byte TSS descriptor tss.c fills in */
#define GDT_CODE32_SELECTOR 0x28 /* flat 4 GiB 32-bit code, for the trampoline and its early IDT */
#define EARLY_STUB_SIZE 8 /* early_idt.asm: stub v of a block is at block + v * EARLY_STUB_SIZE */
#define EARLY_STUBS_ALIGN 256 /* a block, 32 stubs, aligned to its size: no stub's low 16 bits carry */
#define BOOT_FAIL_ATTRIBUTE 0x4F /* white (15) on red (4) for boot failures */

/*
 * The ELF note that tells a loader which enters long mode itself (our BIOS
 * loader, src/loader/bios/) where the kernel's 64-bit entry is, as Xen's
 * PVH note does for its 32-bit one. The note's name is LONGBOOT_NOTE_NAME
 * with its NUL, its type LONGBOOT_NOTE_ENTRY64, its descriptor the u64
 * address of start64 (boot64.asm). The state start64 expects: 64-bit mode,
 * 0-4 GiB identity-mapped, interrupts off, EDI = Multiboot2 boot-loader
 * magic, ESI = physical address of a Multiboot2 boot information below 4 GiB.
 */
#define LONGBOOT_NOTE_NAME "longboot" /* n_name of the note; n_namesz counts its NUL too */
#define LONGBOOT_NOTE_ENTRY64 1 /* n_type: the descriptor is the u64 address of start64 */

#endif
