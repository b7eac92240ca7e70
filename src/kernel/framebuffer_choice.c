/*
 * framebuffer_choice.c: the bridge between the boot information and the
 * console's screens, called once by kmain.
 *
 * On BIOS, GRUB leaves EGA text (VGA text to us) and the console keeps
 * it; on UEFI there is no VGA text and GRUB reports the firmware's
 * framebuffer (our UEFI loader too), which the console can only draw on if
 * the CPU can reach it safely: inside the kernel's 0-4 GiB identity map,
 * and uncached, since video memory must not sit in the CPU's caches.
 *
 * The console's cells for it (two bytes per 8x16 character) are sized to
 * the screen and carved from RAM the memory map says is free, above the
 * kernel's image and clear of the boot information, the modules and the
 * framebuffer itself (none is carved unless the boot information lists
 * every module), so the kernel's .bss need not hold room for the
 * largest screen there might be.
 */
#include "kernel/framebuffer_choice.h"

#include <stdint.h>

#include "arch/x86_64/multiboot2.h"
#include "arch/x86_64/paging/paging.h"
#include "kernel/bootinfo/bootinfo.h"
#include "arch/x86_64/x86.h"
#include "kernel/console/console.h"
#include "kernel/console/fbcon.h"
#include "kernel/console/font.h"
#include "kernel/memory_carve.h"

/* Free memory for `cells` text cells, or NULL. */
static uint16_t *carve_cells(const struct bootinfo *bi, uint64_t mbi_phys, size_t cells,
                             const struct bootinfo_framebuffer *fb)
{
    const struct phys_range keep[] = {
        { mbi_phys, mbi_phys + bi->total_size },
        { fb->addr, fb->addr + (uint64_t)fb->pitch * fb->height },
    };
    uint64_t floor = paging_kernel_layout().image_end;
    uint64_t found = memory_carve(bi, cells * sizeof(uint16_t), PAGE_SIZE_4K, floor,
                                  IDENTITY_MAP_END, keep, sizeof keep / sizeof keep[0]);

    return (uint16_t *)(uintptr_t)found;
}

/* Why GRUB's framebuffer cannot be drawn on, or NULL once the console has taken it. */
static const char *offer(const struct bootinfo *bi, uint64_t mbi_phys)
{
    const struct bootinfo_framebuffer *fb = &bi->framebuffer;
    uint64_t size = (uint64_t)fb->pitch * fb->height;
    size_t cells = (size_t)(fb->width / FONT_WIDTH) * (fb->height / FONT_HEIGHT);

    if (fb->type != MULTIBOOT2_FRAMEBUFFER_TYPE_RGB)
        return "it is palette-indexed, not RGB";
    if (fb->addr >= IDENTITY_MAP_END || size > IDENTITY_MAP_END - fb->addr)
        return "it lies beyond the 0-4 GiB identity map";
    if (cells == 0)
        return "it is smaller than one 8x16 character";
    if (!bootinfo_lists_every_module(bi))
        return "the boot information does not say where every module lies, so no memory is"
               " known to be free for the console's cells";
    uint16_t *store = carve_cells(bi, mbi_phys, cells, fb);
    if (!store)
        return "no free memory below 4 GiB holds the console's cells for it";
    /* Before the console draws its first pixel. */
    if (!paging_make_uncached(fb->addr, size))
        klog("console: the framebuffer keeps the firmware's memory type (it starts below"
             " 2 MiB, or PAT entry 2 is a cached type)\n");
    struct fb_surface surface = {
        .pixels = (uint8_t *)(uintptr_t)fb->addr,
        .pitch = fb->pitch, .width = fb->width, .height = fb->height, .bpp = fb->bpp,
        .red_position = fb->red_position, .red_size = fb->red_mask_size,
        .green_position = fb->green_position, .green_size = fb->green_mask_size,
        .blue_position = fb->blue_position, .blue_size = fb->blue_mask_size,
    };
    const char *problem = console_use_framebuffer(&surface, store, cells);
    if (!problem)
        klog("console: its %zu cells are in free memory at 0x%lx\n", cells, (uintptr_t)store);
    return problem;
}

void framebuffer_choose(const struct bootinfo *bi, uint64_t mbi_phys)
{
    const struct bootinfo_framebuffer *fb = &bi->framebuffer;

    if (!bootinfo_has(bi, MULTIBOOT2_TAG_TYPE_FRAMEBUFFER)) {
        klog("console: no framebuffer from the boot loader; the screen stays VGA text\n");
        return;
    }
    if (fb->type == MULTIBOOT2_FRAMEBUFFER_TYPE_EGA_TEXT) {
        klog("console: the boot loader reports EGA text mode, so the screen stays VGA text\n");
        return;
    }
    const char *problem = offer(bi, mbi_phys);
    if (problem)
        klog("console: cannot draw on the framebuffer at 0x%lx: %s; the screen stays VGA text\n",
             fb->addr, problem);
}
