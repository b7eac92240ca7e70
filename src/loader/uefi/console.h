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

#include <stddef.h>
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

/*
 * A failure sentence drawn in advance, for a step that cannot draw text
 * itself (handoff_stub.asm reads this layout): the text for COM1, with
 * CR LF before and after it and a NUL, and the framebuffer bytes that show
 * it, white on red, to be copied over the top of the screen from its first
 * byte. All of it lies below 4 GiB; `bytes` is 0 where there is no screen,
 * or none wholly below 4 GiB, to draw on.
 */
struct drawn_sentence {
    const char *text;
    const uint8_t *pixels;
    uint8_t *screen;
    uint64_t bytes;
};

/* The room console_draw_sentence() needs for `phrase` on `screen` (NULL:
 * none); to be set aside below 4 GiB before ExitBootServices. */
size_t console_drawn_sentence_room(const struct fb_surface *screen, const char *phrase);

/* After ExitBootServices: draws the sentence for `phrase` into `room` (as
 * much as console_drawn_sentence_room() said, zeroed) and describes it. */
struct drawn_sentence console_draw_sentence(const char *phrase, uint8_t *room);

#endif
