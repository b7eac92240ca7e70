/*
 * boot.h: the choices the boot trampoline makes that the C kernel relies
 * on. Shared with the assembly through tools/h2inc.sed like x86.h.
 */
#ifndef BOOT_H
#define BOOT_H

#define BOOT_STACK_SIZE 0x4000 /* 16 KiB: the kernel's only stack */
#define BOOT_STACK_ALIGN 16 /* System V ABI: RSP % 16 == 0 at a call */
#define BOOT_IDENTITY_MAP_GIB 4 /* 0 to 4 GiB mapped virtual == physical */
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
