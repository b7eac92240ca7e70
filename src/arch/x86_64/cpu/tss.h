/*
 * tss.h: the task-state segment, kept for its interrupt stack table, which
 * gives the double-fault handler a stack of its own.
 */
#ifndef TSS_H
#define TSS_H

#define TSS_IST_DOUBLE_FAULT 1 /* IST slot (1-7) of the double-fault stack; 0 means none */

/* Fills the GDT's TSS descriptor (boot64.asm) and loads the task register. */
void tss_init(void);

#endif
