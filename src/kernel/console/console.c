/*
 * console.c: the kernel's one output path: the screen and COM1 fed from
 * the same characters (as xv6's console does).
 *
 * The screen is VGA text at 0xB8000 from console_init on. Once kmain has
 * parsed the boot information, console_use_framebuffer either keeps VGA
 * text (BIOS: GRUB reports EGA text) or moves the screen to the linear
 * framebuffer GRUB set up (UEFI, where VGA text does not exist). Until
 * that choice, a RAM copy of the VGA text keeps what was printed, so the
 * framebuffer starts with the same lines in the same colours.
 *
 * Formatted output is gathered in a small buffer and flushed in pieces, so
 * the hardware cursor moves once per piece rather than once per character.
 */
#include "kernel/console/console.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>

#include "arch/x86_64/boot.h"
#include "arch/x86_64/drivers/serial.h"
#include "arch/x86_64/io.h"
#include "arch/x86_64/multiboot2.h"
#include "arch/x86_64/paging/paging.h"
#include "arch/x86_64/pc.h"
#include "arch/x86_64/x86.h"
#include "kernel/console/fbcon.h"
#include "kernel/format.h"

#define CURSOR_FIRST_SCANLINE 14 /* an underline cursor in the 16-line cell */
#define CURSOR_LAST_SCANLINE 15
#define FLUSH_BUFFER_SIZE 128
#define IDENTITY_MAP_END ((uint64_t)BOOT_IDENTITY_MAP_GIB * PAGE_SIZE_1G)
#define ATTRIBUTE_SHIFT 8 /* a VGA cell is attribute << 8 | character */
#define COLOR_MASK 0x0F
#define BACKGROUND_SHIFT 4 /* an attribute is background << 4 | foreground */

enum screen_kind {
    SCREEN_UNDECIDED,   /* VGA text, copied to RAM until the boot information is read */
    SCREEN_VGA_TEXT,
    SCREEN_FRAMEBUFFER,
};

static enum screen_kind screen_kind;
static struct vga screen;
static struct vga early_copy;
static uint16_t early_cells[VGA_ROWS * VGA_COLUMNS];
static struct fbcon framebuffer;
static uint16_t framebuffer_cells[FBCON_MAX_COLUMNS * FBCON_MAX_ROWS];

static void move_hardware_cursor(unsigned position)
{
    outb(VGA_CRTC_INDEX, VGA_CRTC_CURSOR_HIGH);
    outb(VGA_CRTC_DATA, (uint8_t)(position >> 8));
    outb(VGA_CRTC_INDEX, VGA_CRTC_CURSOR_LOW);
    outb(VGA_CRTC_DATA, (uint8_t)position);
}

/* GRUB may leave the cursor hidden; give it a visible underline shape. */
static void show_hardware_cursor(void)
{
    outb(VGA_CRTC_INDEX, VGA_CRTC_CURSOR_START);
    outb(VGA_CRTC_DATA, CURSOR_FIRST_SCANLINE);
    outb(VGA_CRTC_INDEX, VGA_CRTC_CURSOR_END);
    outb(VGA_CRTC_DATA, CURSOR_LAST_SCANLINE);
}

void console_init(void)
{
    serial_init();
    vga_init(&screen, (volatile uint16_t *)VGA_TEXT_BUFFER, move_hardware_cursor);
    vga_init(&early_copy, early_cells, NULL);
    screen_kind = SCREEN_UNDECIDED;
    show_hardware_cursor();
}

void console_clear(void)
{
    if (screen_kind == SCREEN_FRAMEBUFFER) {
        fbcon_clear(&framebuffer);
        return;
    }
    vga_clear(&screen);
    if (screen_kind == SCREEN_UNDECIDED)
        vga_clear(&early_copy);
}

void console_set_color(enum vga_color foreground, enum vga_color background)
{
    if (screen_kind == SCREEN_FRAMEBUFFER) {
        fbcon_set_color(&framebuffer, foreground, background);
        return;
    }
    vga_set_color(&screen, foreground, background);
    if (screen_kind == SCREEN_UNDECIDED)
        vga_set_color(&early_copy, foreground, background);
}

static void console_write(const char *text, size_t n)
{
    if (screen_kind == SCREEN_FRAMEBUFFER) {
        fbcon_write(&framebuffer, text, n);
    } else {
        vga_write(&screen, text, n);
        if (screen_kind == SCREEN_UNDECIDED)
            vga_write(&early_copy, text, n);
    }
    serial_write(text, n);
}

/* A cell that looks like the framebuffer after fbcon_init: a blank on black. */
static bool looks_blank(uint16_t cell)
{
    char c = (char)cell;

    return (c == ' ' || c == '\0')
        && (cell >> (ATTRIBUTE_SHIFT + BACKGROUND_SHIFT) & COLOR_MASK) == VGA_BLACK;
}

/* Draws the text printed so far onto the framebuffer, colours included, leaving the position
 * after its last character. Trailing blanks are left out, so a wider screen does not wrap. */
static void replay_early_text(void)
{
    for (unsigned row = 0; row <= early_copy.row; row++) {
        const uint16_t *cells = &early_cells[row * VGA_COLUMNS];
        bool last = row == early_copy.row;
        unsigned end = last ? early_copy.column : VGA_COLUMNS;

        while (!last && end > 0 && looks_blank(cells[end - 1]))
            end--;
        for (unsigned column = 0; column < end; column++) {
            char c = (char)cells[column];
            fbcon_set_color(&framebuffer, cells[column] >> ATTRIBUTE_SHIFT & COLOR_MASK,
                            cells[column] >> (ATTRIBUTE_SHIFT + BACKGROUND_SHIFT) & COLOR_MASK);
            fbcon_write(&framebuffer, &c, 1);
        }
        /* A full row already wrapped on a screen exactly as wide. */
        if (!last && (end == 0 || framebuffer.column != 0))
            fbcon_write(&framebuffer, "\n", 1);
    }
    fbcon_set_color(&framebuffer, early_copy.attribute & COLOR_MASK,
                    early_copy.attribute >> BACKGROUND_SHIFT & COLOR_MASK);
}

/* Why GRUB's RGB framebuffer cannot be drawn, or NULL once fbcon has taken it. */
static const char *take_framebuffer(const struct bootinfo_framebuffer *fb)
{
    uint64_t size = (uint64_t)fb->pitch * fb->height;

    if (fb->type != MULTIBOOT2_FRAMEBUFFER_TYPE_RGB)
        return "it is palette-indexed, not RGB";
    if (fb->addr >= IDENTITY_MAP_END || size > IDENTITY_MAP_END - fb->addr)
        return "it lies beyond the 0-4 GiB identity map";
    /* Before the first pixel: video memory must not sit in the CPU's caches. */
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
    return fbcon_init(&framebuffer, &surface, framebuffer_cells,
                      sizeof framebuffer_cells / sizeof framebuffer_cells[0]);
}

void console_use_framebuffer(const struct bootinfo *bi)
{
    const struct bootinfo_framebuffer *fb = &bi->framebuffer;

    screen_kind = SCREEN_VGA_TEXT;
    if (!bootinfo_has(bi, MULTIBOOT2_TAG_TYPE_FRAMEBUFFER)) {
        klog("console: no framebuffer from the boot loader; the screen stays VGA text\n");
        return;
    }
    if (fb->type == MULTIBOOT2_FRAMEBUFFER_TYPE_EGA_TEXT) {
        klog("console: the boot loader left EGA text mode; the screen stays VGA text\n");
        return;
    }
    const char *problem = take_framebuffer(fb);
    if (problem) {
        klog("console: cannot draw on the framebuffer at 0x%lx: %s; the screen stays VGA text\n",
             fb->addr, problem);
        return;
    }
    screen_kind = SCREEN_FRAMEBUFFER;
    replay_early_text();
    klog("console: the screen is the %ux%u framebuffer at 0x%lx, %u columns by %u rows\n",
         fb->width, fb->height, fb->addr, framebuffer.columns, framebuffer.rows);
}

struct flush_buffer {
    char text[FLUSH_BUFFER_SIZE];
    size_t length;
    bool serial_only;
};

static void flush(struct flush_buffer *buffer)
{
    if (buffer->serial_only)
        serial_write(buffer->text, buffer->length);
    else
        console_write(buffer->text, buffer->length);
    buffer->length = 0;
}

static void buffer_char(char c, void *context)
{
    struct flush_buffer *buffer = context;

    buffer->text[buffer->length++] = c;
    if (buffer->length == FLUSH_BUFFER_SIZE)
        flush(buffer);
}

static void print(bool serial_only, const char *fmt, va_list args)
{
    struct flush_buffer buffer = { .length = 0, .serial_only = serial_only };

    format(buffer_char, &buffer, fmt, args);
    flush(&buffer);
}

void kprintf(const char *fmt, ...)
{
    va_list args;

    va_start(args, fmt);
    print(false, fmt, args);
    va_end(args);
}

void klog(const char *fmt, ...)
{
    va_list args;

    va_start(args, fmt);
    print(true, fmt, args);
    va_end(args);
}
