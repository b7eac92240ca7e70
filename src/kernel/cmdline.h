/*
 * cmdline.h: reading options from the kernel command line GRUB passes.
 *
 * Options the kernel understands (README, "Command line"):
 *   quiet           skip the boot report
 *   fault=NAME      raise one fault after the report, to show the panic
 *                   screen (fault_option.c lists the names)
 *   qemu-exit       at the end, leave QEMU through isa-debug-exit with
 *                   status 0 if every check passed, 1 otherwise
 */
#ifndef CMDLINE_H
#define CMDLINE_H

#include <stdbool.h>
#include <stddef.h>

/* A command line as the kernel has it: the text, and whether the boot
 * information held more than was kept (then its last argument may be a
 * fragment, such as `fault=nx` of `fault=nxstack`). */
struct cmdline {
    const char *text;
    bool cut;
};

/*
 * Looks for the argument `name` or `name=value`. Arguments are separated
 * by spaces; double quotes group, and a backslash takes the next character
 * literally, as GRUB writes them. The last argument of a cut command line
 * is never matched: what was cut must not be acted on. If found and
 * `value` is not NULL, copies the value (empty for a bare name) without
 * quotes into value[size], truncating to fit. Returns whether the
 * argument was found.
 */
bool cmdline_find(struct cmdline cmdline, const char *name, char *value, size_t size);

#endif
