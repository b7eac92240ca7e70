/*
 * framebuffer_choice.h: whether the screen moves from VGA text to the
 * framebuffer GRUB reported in the boot information.
 */
#ifndef FRAMEBUFFER_CHOICE_H
#define FRAMEBUFFER_CHOICE_H

#include <stdint.h>

struct bootinfo; /* kernel/bootinfo/bootinfo.h */

/*
 * Hands the console GRUB's framebuffer if it is a linear RGB one inside
 * the identity map, made uncached first, with cells for the whole screen
 * carved from free memory (mbi_phys: where the boot information lies,
 * which stays untouched); otherwise the screen stays VGA text. Says on
 * COM1 which, and why a framebuffer was refused. Call once, after
 * bootinfo_parse and paging_init.
 */
void framebuffer_choose(const struct bootinfo *bi, uint64_t mbi_phys);

#endif
