/*
 * panic.h: the end of the world, said clearly: a white-on-red screen with
 * a sentence, on the display and COM1, then a halt with interrupts off.
 */
#ifndef PANIC_H
#define PANIC_H

#include <stdnoreturn.h>

/* For the kernel's own fatal errors: "longboot: kernel panic: <message>; halting." */
noreturn void panic(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * Clears the display to white on red for a panic screen. Called a second
 * time (a fault while one is drawn, or an NMI at the halt after it), it
 * leaves the screen as it is, says so on COM1 and halts.
 */
void panic_screen_begin(void);

#endif
