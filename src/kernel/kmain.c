/*
 * kmain.c: where the C kernel starts, called from boot64.asm.
 *
 * The order matters: consoles first so everything after can speak, the
 * IDT next so a fault becomes a sentence, then the kernel's own page
 * tables so a wrong access faults rather than corrupts, then the boot
 * information is copied out of GRUB's memory before anything could reuse it.
 */
#include <stdbool.h>
#include <stdint.h>

#include "arch/x86_64/asm_symbols.h"
#include "arch/x86_64/boot.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/cpu/exception.h"
#include "arch/x86_64/io.h"
#include "arch/x86_64/paging/paging.h"
#include "arch/x86_64/pc.h"
#include "kernel/bootinfo/bootinfo.h"
#include "kernel/bootinfo/report.h"
#include "kernel/cmdline.h"
#include "kernel/console/console.h"
#include "kernel/framebuffer_choice.h"
#include "kernel/fault_option.h"
#include "kernel/panic.h"
#include "kernel/selftest.h"

static struct bootinfo boot_info;

static void report_boot_info_problems(const struct bootinfo *bi)
{
    if (bi->problem_count == 0)
        return;
    console_set_color(CONSOLE_WHITE, CONSOLE_RED);
    if (bi->tag_count == 0 && !bi->complete) {
        kprintf("longboot: the boot information is unusable (%s); carrying on without it.\n",
                bi->problems[0].reason);
    } else if (!bi->complete) {
        kprintf("longboot: boot information: %s (tag type %u at offset 0x%x, total_size 0x%x);"
                " kept the %u tag(s) before it.\n", bi->stop.reason, bi->stop.tag_type,
                bi->stop.offset, bi->total_size, bi->stop.tag_index);
    } else {
        kprintf("longboot: boot information: %s (tag type %u at offset 0x%x); skipped that tag"
                " (%u problems in all).\n", bi->problems[0].reason, bi->problems[0].tag_type,
                bi->problems[0].offset, bi->problem_count);
    }
    console_set_color(CONSOLE_LIGHT_GREY, CONSOLE_BLACK);
}

/* A cut command line is said so; cmdline_find then ignores its last word. */
static void report_cut_command_line(const struct bootinfo *bi)
{
    if (!bi->cmdline_truncated)
        return;
    console_set_color(CONSOLE_WHITE, CONSOLE_RED);
    kprintf("longboot: command line cut: %u bytes, %u kept; its last word is ignored.\n",
            bi->cmdline_length, BOOTINFO_CMDLINE_MAX - 1);
    console_set_color(CONSOLE_LIGHT_GREY, CONSOLE_BLACK);
}

void kmain(uint32_t magic, uint64_t mbi_phys)
{
    uintptr_t frame = (uintptr_t)__builtin_frame_address(0);

    selftest_check_boot_tables();

    console_init();
    exception_init(panic_on_exception);
    bool nx = paging_init();
    console_set_color(CONSOLE_LIGHT_GREEN, CONSOLE_BLACK);
    kprintf("Hello World!\n");
    console_set_color(CONSOLE_LIGHT_GREY, CONSOLE_BLACK);
    kprintf("longboot: 64-bit long mode, 0-%u GiB identity-mapped, %s\n", BOOT_IDENTITY_MAP_GIB,
            nx ? "kernel pages W^X (NX on)" : ".text read-only, no NX");
    klog("Multiboot2 magic 0x%x, boot information at 0x%lx\n", magic, mbi_phys);

    bootinfo_parse((const void *)(uintptr_t)mbi_phys, BOOTINFO_MAX_SIZE, &boot_info);
    framebuffer_choose(&boot_info, mbi_phys);
    report_boot_info_problems(&boot_info);
    report_cut_command_line(&boot_info);
    struct cmdline options = { boot_info.cmdline, boot_info.cmdline_truncated };
    if (!cmdline_find(options, "quiet", NULL, 0))
        report_print(&boot_info, kprintf);

    int failed = selftest_run(frame);
    kprintf("Self-checks: %s\n", failed ? "FAILED (see the serial log)" : "all passed");
    fault_option_run(options, nx);

    if (cmdline_find(options, "qemu-exit", NULL, 0))
        outb(QEMU_DEBUG_EXIT_PORT, failed || boot_info.problem_count ? 1 : 0);
    halt_forever();
}
