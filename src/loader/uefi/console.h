/*
 * console.h: how the UEFI loader speaks: its banner on COM1, and every
 * failure as one sentence, "longboot loader: <what is wrong>; halting.",
 * then a halt with interrupts off.
 *
 * While boot services run, the sentence goes to the firmware's text
 * output (ConOut) and to COM1; once ExitBootServices has been called the
 * firmware's console may be gone, so it is drawn white on red into the
 * framebuffer (the kernel's fbcon) and sent to COM1. Under OVMF, ConOut
 * also writes to COM1, so a sentence before ExitBootServices is there twice.
 */
#ifndef LOADER_UEFI_CONSOLE_H
#define LOADER_UEFI_CONSOLE_H

#include <stdint.h>

#include "kernel/console/fbcon.h"
#include "loader/uefi/efi.h"

/* Sets COM1 up and sends the banner; sentences go to `con_out` too. */
void console_init(struct efi_simple_text_output *con_out);

/* From now on sentences go to the framebuffer `screen` (NULL: none) and COM1. */
void console_boot_services_ended(const struct fb_surface *screen);

/* Says "longboot loader: <phrase>; halting." and halts. */
_Noreturn void console_fail(const char *phrase);

/* The same with " (EFI status 0x...)" after the phrase. */
_Noreturn void console_fail_status(const char *phrase, efi_status status);

/* console_fail_status(phrase, status) unless status is EFI_SUCCESS. */
void console_check(efi_status status, const char *phrase);

#endif
