/*
 * load_options.h: the kernel's command line from the UEFI loader's load
 * options (UEFI 2.9 §9.1: what a boot entry's optional data or a shell's
 * command line gave the image, as UCS-2 text). Pure C, tested on the host
 * (tests/unit/test_load_options.c).
 */
#ifndef LOADER_UEFI_LOAD_OPTIONS_H
#define LOADER_UEFI_LOAD_OPTIONS_H

#include <stddef.h>
#include <stdint.h>

/* Bytes load_options_text() may write for options of `size` bytes, a
 * multiple of 8 so that what follows it in memory stays 8-byte aligned. */
#define LOAD_OPTIONS_TEXT_ROOM(size) (((size) / 2 + 7) / 8 * 8)

/*
 * Writes the options' text to `text` (LOAD_OPTIONS_TEXT_ROOM(size) bytes)
 * and returns its length: the UCS-2 characters up to the first NUL or the
 * end of the `size` bytes, whichever comes first, each one outside
 * printable ASCII (a control character, or anything past U+007E) as '?'.
 * Passed on whole: the kernel says so if it keeps less. A UEFI shell puts
 * the loader's own path first, which the kernel then sees as the first
 * word of its command line (it acts on no word it does not know).
 */
size_t load_options_text(const uint16_t *options, uint32_t size, char *text);

#endif
