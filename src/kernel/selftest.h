/*
 * selftest.h: the kernel checks, at boot, that the trampoline left the CPU
 * the way boot32.asm and boot64.asm promise.
 */
#ifndef SELFTEST_H
#define SELFTEST_H

#include <stdint.h>

/*
 * Runs every check, logs each as "selftest: NAME: ok" or "...: FAILED (why)"
 * on COM1, and returns how many failed. kmain_frame is kmain's frame
 * address: with frame pointers it equals RSP at the call into kmain - 16.
 */
int selftest_run(uintptr_t kmain_frame);

#endif
