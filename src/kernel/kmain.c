/*
 * kmain.c: where the C kernel starts, called from boot64.asm.
 */
#include <stdint.h>

#include "boot.h"
#include "console.h"
#include "cpu.h"
#include "selftest.h"

/* boot64.asm calls this with RSP 16-byte aligned; the assembly depends on this exact signature. */
void kmain(uint32_t magic, uint64_t mbi_phys);

void kmain(uint32_t magic, uint64_t mbi_phys)
{
    uintptr_t frame = (uintptr_t)__builtin_frame_address(0);

    console_init();
    console_clear();
    console_set_color(VGA_LIGHT_GREEN, VGA_BLACK);
    kprintf("Hello World!\n");
    console_set_color(VGA_LIGHT_GREY, VGA_BLACK);
    kprintf("longboot: 64-bit long mode, paging on, 0-%u GiB identity-mapped in 2 MiB pages\n",
            BOOT_IDENTITY_MAP_GIB);
    kprintf("Multiboot2 magic 0x%x, boot information at %p\n", magic, (void *)(uintptr_t)mbi_phys);
    int failed = selftest_run(frame);
    kprintf("self-checks: %s\n", failed ? "FAILED (see serial log)" : "all passed");
    halt_forever();
}
