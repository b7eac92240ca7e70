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

#endif
