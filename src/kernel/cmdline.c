/*
 * cmdline.c: finding options on the command line GRUB builds.
 *
 * GRUB 2.06 passes the words after the kernel path, putting an argument
 * that contains spaces in double quotes and escaping quotes and
 * backslashes with a backslash (docs/multiboot2.md §5, item 9). Pure C, so the
 * host tests run it too.
 */
#include "kernel/cmdline.h"

#define ARGUMENT_MAX 256 /* longer arguments are compared by their first bytes only */

/* Copies the argument starting at *cursor, unquoted, into argument[]; moves *cursor past it. */
static void next_argument(const char **cursor, char argument[ARGUMENT_MAX])
{
    const char *p = *cursor;
    size_t length = 0;
    bool quoted = false;

    while (*p && (quoted || *p != ' ')) {
        char c = *p++;
        if (c == '"') {
            quoted = !quoted;
            continue;
        }
        if (c == '\\' && *p)
            c = *p++;
        if (length < ARGUMENT_MAX - 1)
            argument[length++] = c;
    }
    argument[length] = '\0';
    *cursor = p;
}

/* Returns what follows `name` in argument if it is `name` or `name=...`, else NULL. */
static const char *match(const char *argument, const char *name)
{
    while (*name && *argument == *name) {
        argument++;
        name++;
    }
    if (*name)
        return NULL;
    if (*argument == '=')
        return argument + 1;
    return *argument == '\0' ? argument : NULL;
}

bool cmdline_find(struct cmdline cmdline, const char *name, char *value, size_t size)
{
    const char *cursor = cmdline.text;
    char argument[ARGUMENT_MAX];

    while (*cursor) {
        if (*cursor == ' ') {
            cursor++;
            continue;
        }
        next_argument(&cursor, argument);
        if (cmdline.cut && *cursor == '\0')
            return false;
        const char *found = match(argument, name);
        if (!found)
            continue;
        if (value && size > 0) {
            size_t i = 0;
            for (; found[i] && i < size - 1; i++)
                value[i] = found[i];
            value[i] = '\0';
        }
        return true;
    }
    return false;
}
