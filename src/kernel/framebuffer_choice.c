/*
 * framebuffer_choice.c: the bridge between the boot information and the
 * console's screens, called once by kmain.
 *
 * On BIOS, GRUB leaves EGA text (VGA text to us) and the console keeps
 * it; on UEFI there is no VGA text and GRUB reports the firmware's
 * framebuffer, which the console can only draw on if the CPU can reach it
 * safely: inside the identity map boot32.asm built, and uncached, since
 * video memory must not sit in the CPU's caches.
 */
#include "kernel/framebuffer_choice.h"

#include <stdint.h>

#include "arch/x86_64/multiboot2.h"
#include "arch/x86_64/paging/paging.h"
#include "kernel/bootinfo/bootinfo.h"
#include "kernel/console/console.h"
#include "kernel/console/fbcon.h"

/* Why GRUB's framebuffer cannot be drawn on, or NULL once the console has taken it. */
static const char *offer(const struct bootinfo_framebuffer *fb)
{
    uint64_t size = (uint64_t)fb->pitch * fb->height;

    if (fb->type != MULTIBOOT2_FRAMEBUFFER_TYPE_RGB)
        return "it is palette-indexed, not RGB";
    if (fb->addr >= IDENTITY_MAP_END || size > IDENTITY_MAP_END - fb->addr)
        return "it lies beyond the 0-4 GiB identity map";
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
    return console_use_framebuffer(&surface);
}

void framebuffer_choose(const struct bootinfo *bi)
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
    const char *problem = offer(fb);
    if (problem)
        klog("console: cannot draw on the framebuffer at 0x%lx: %s; the screen stays VGA text\n",
             fb->addr, problem);
}
