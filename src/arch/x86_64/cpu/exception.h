/*
 * exception.h: CPU exceptions and stray interrupts become a panic screen
 * and a halt, never a silent triple fault and reboot.
 */
#ifndef EXCEPTION_H
#define EXCEPTION_H

/* Loads the TSS and an IDT whose 256 vectors all lead to the panic screen. */
void exception_init(void);

#endif
