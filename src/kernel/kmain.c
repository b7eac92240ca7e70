/*
 * kmain.c: where the C kernel starts, called from boot64.asm.
 *
 * The order matters: consoles first so everything after can speak, the
 * IDT next so a fault becomes a sentence, then the boot information is
 * copied out of GRUB's memory before anything else could reuse it.
 */
#include <stdbool.h>
#include <stdint.h>

#include "boot.h"
#include "bootinfo.h"
#include "cmdline.h"
#include "console.h"
#include "cpu.h"
#include "exception.h"
#include "io.h"
#include "pc.h"
#include "report.h"
#include "selftest.h"

#define FAULT_ADDRESS 0x100000000000 /* 16 TiB: far beyond the identity map, so unmapped */
#define FAULT_NAME_MAX 8

/* boot64.asm calls this with RSP 16-byte aligned; the assembly depends on this exact signature. */
void kmain(uint32_t magic, uint64_t mbi_phys);

static struct bootinfo boot_info;

static void report_boot_info_problems(const struct bootinfo *bi)
{
    if (bi->problem_count == 0)
        return;
    console_set_color(VGA_WHITE, VGA_RED);
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
    console_set_color(VGA_LIGHT_GREY, VGA_BLACK);
}

/* fault=pf or fault=ud: shows what a CPU exception looks like. */
static void raise_requested_fault(const char *cmdline)
{
    char fault[FAULT_NAME_MAX];

    if (!cmdline_find(cmdline, "fault", fault, sizeof fault))
        return;
    kprintf("Raising the fault asked for on the command line (fault=%s).\n", fault);
    if (fault[0] == 'p' && fault[1] == 'f' && fault[2] == '\0')
        (void)*(volatile uint64_t *)FAULT_ADDRESS;
    if (fault[0] == 'u' && fault[1] == 'd' && fault[2] == '\0')
        __asm__ volatile("ud2");
    kprintf("longboot: unknown fault=%s (use pf or ud); ignored.\n", fault);
}

void kmain(uint32_t magic, uint64_t mbi_phys)
{
    uintptr_t frame = (uintptr_t)__builtin_frame_address(0);

    console_init();
    exception_init();
    console_clear();
    console_set_color(VGA_LIGHT_GREEN, VGA_BLACK);
    kprintf("Hello World!\n");
    console_set_color(VGA_LIGHT_GREY, VGA_BLACK);
    kprintf("longboot: 64-bit long mode, paging on, 0-%u GiB identity-mapped in 2 MiB pages\n",
            BOOT_IDENTITY_MAP_GIB);
    klog("Multiboot2 magic 0x%x, boot information at 0x%lx\n", magic, mbi_phys);

    bootinfo_parse((const void *)(uintptr_t)mbi_phys, BOOTINFO_MAX_SIZE, &boot_info);
    console_use_framebuffer(&boot_info);
    report_boot_info_problems(&boot_info);
    if (!cmdline_find(boot_info.cmdline, "quiet", NULL, 0))
        report_print(&boot_info, kprintf);

    int failed = selftest_run(frame);
    kprintf("Self-checks: %s\n", failed ? "FAILED (see the serial log)" : "all passed");
    raise_requested_fault(boot_info.cmdline);

    if (cmdline_find(boot_info.cmdline, "qemu-exit", NULL, 0))
        outb(QEMU_DEBUG_EXIT_PORT, failed || boot_info.problem_count ? 1 : 0);
    halt_forever();
}
