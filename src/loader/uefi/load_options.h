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

#include "loader/uefi/efi.h"

/* Bytes load_options_text() may write for options of `size` bytes, a
 * multiple of 8 so that what follows it in memory stays 8-byte aligned. */
#define LOAD_OPTIONS_TEXT_ROOM(size) (((size) / 2 + 7) / 8 * 8)

/*
 * Writes the options' text to `text` (LOAD_OPTIONS_TEXT_ROOM(size) bytes)
 * and returns its length: the UCS-2 characters up to the first NUL or the
 * end of the `size` bytes, whichever comes first, each one outside
 * printable ASCII (a control character, or anything past U+007E) as '?'.
 * Passed on whole: the kernel says so if it keeps less.
 *
 * A UEFI shell passes the command line as typed, the loader's own name
 * first (`fs0:\EFI\longboot\loader.efi quiet`). A first word that names
 * the same file as program[0..program_length) (the loader's path, from
 * load_options_program) is left out with the spaces after it: compared
 * are the names after the last '\', '/' or ':', in any case, with or
 * without ".efi".
 */
size_t load_options_text(const uint16_t *options, uint32_t size, const uint8_t *program,
                         size_t program_length, char *text);

/*
 * The loader's own path: sets *program to the text of the last file-path
 * node (UEFI 2.9 §10.3.5.4: media type 4, subtype 4, UCS-2 little-endian,
 * as bytes: nodes are packed, so it may start at an odd address) in the
 * device path the Loaded Image protocol gives, and returns its length in
 * characters, up to its NUL or the node's end; 0 if it has none. The walk
 * stops at the end node, at a node too short to be one, or after
 * DEVICE_PATH_MAX_NODES nodes.
 */
#define DEVICE_PATH_MAX_NODES 64    /* a loader's path has a handful; more means no end node */
size_t load_options_program(const struct efi_device_path *path, const uint8_t **program);

#endif
