/*
 * framebuffer_choice.h: whether the screen moves from VGA text to the
 * framebuffer GRUB reported in the boot information.
 */
#ifndef FRAMEBUFFER_CHOICE_H
#define FRAMEBUFFER_CHOICE_H

struct bootinfo; /* kernel/bootinfo/bootinfo.h */

/*
 * Hands the console GRUB's framebuffer if it is a linear RGB one inside
 * the identity map, made uncached first; otherwise the screen stays VGA
 * text. Says on COM1 which, and why a framebuffer was refused. Call once,
 * after bootinfo_parse and paging_init.
 */
void framebuffer_choose(const struct bootinfo *bi);

#endif
