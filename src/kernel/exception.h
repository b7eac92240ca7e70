/*
 * exception.h: CPU exceptions become a clear sentence and a halt, never a
 * silent triple fault and reboot.
 */
#ifndef EXCEPTION_H
#define EXCEPTION_H

/* Points vectors 0-31 at exception_stubs.asm and loads the IDT. */
void exception_init(void);

#endif
