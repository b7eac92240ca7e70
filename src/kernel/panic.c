/*
 * panic.c: the panic screen shared by panic() and the CPU exception
 * handler, which exception.c calls through the hook kmain hands it.
 */
#include "kernel/panic.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>

#include "arch/x86_64/cpu.h"
#include "arch/x86_64/drivers/serial.h"
#include "kernel/console/console.h"
#include "kernel/crash_report.h"
#include "kernel/format.h"

#define MESSAGE_MAX 160 /* two screen rows; a longer message is cut short */

struct message {
    char text[MESSAGE_MAX];
    size_t length;
};

static bool panicking;

static void append(char c, void *context)
{
    struct message *message = context;

    if (message->length < MESSAGE_MAX - 1)
        message->text[message->length++] = c;
}

/* Clears the display to white on red, or halts if a panic screen was begun already. */
static void panic_screen_begin(void)
{
    static const char nested[] =
        "\nlongboot: a further fault or interrupt during or after the panic screen; halting.\n";

    if (panicking) {
        serial_write(nested, sizeof nested - 1);
        halt_forever();
    }
    panicking = true;
    console_set_color(CONSOLE_WHITE, CONSOLE_RED);
    console_clear();
}

noreturn void panic(const char *fmt, ...)
{
    uintptr_t caller = (uintptr_t)__builtin_return_address(0);
    uintptr_t frame = (uintptr_t)__builtin_frame_address(0);
    struct message message = { .length = 0 };
    va_list args;

    va_start(args, fmt);
    format(append, &message, fmt, args);
    va_end(args);
    message.text[message.length] = '\0';

    panic_screen_begin();
    kprintf("longboot: kernel panic: %s; halting.\n", message.text);
    kprintf("Called from RIP 0x%lx, frame 0x%lx, CR3 0x%lx.\n", caller, frame, read_cr3());
    halt_forever();
}

noreturn void panic_on_exception(const struct exception_frame *frame,
                                 const struct crash_context *context)
{
    panic_screen_begin();
    crash_report_exception(frame, context, kprintf);
    halt_forever();
}
