/*
 * selftest.h: the kernel checks, at boot, that the trampoline left the CPU
 * the way boot32.asm and boot64.asm promise.
 */
#ifndef SELFTEST_H
#define SELFTEST_H

#include <stdint.h>

/*
 * Walks the page tables CR3 points to on entry, the boot loader's or our
 * trampoline's, for the identity map of 0 to BOOT_IDENTITY_MAP_GIB GiB
 * they promise, before paging_init replaces them; selftest_run reports
 * the result. Call first thing in kmain.
 */
void selftest_check_boot_tables(void);

/*
 * Runs every check, logs each as "selftest: NAME: ok" or "...: FAILED (why)"
 * on COM1, and returns how many failed. kmain_frame is kmain's frame
 * address: with frame pointers it equals RSP at the call into kmain - 16.
 */
int selftest_run(uintptr_t kmain_frame);

#endif
