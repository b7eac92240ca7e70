/*
 * console.c: the kernel's one output path: the screen and COM1 fed from
 * the same characters (as xv6's console does).
 *
 * What the screen shows is one text grid (text_grid.c). From console_init
 * it is 80x25 and shown by VGA text at 0xB8000. Once kmain has parsed the
 * boot information, console_use_framebuffer either keeps VGA text (BIOS:
 * GRUB reports EGA text) or, for the linear framebuffer GRUB set up (UEFI,
 * where VGA text does not exist), re-initialises the grid over a larger
 * cell store, shown by fbcon, and moves the cells printed so far across,
 * so the framebuffer starts with the same lines in the same colours.
 *
 * Formatted output is gathered in a small buffer and flushed in pieces, so
 * the hardware cursor moves once per piece rather than once per character.
 */
#include "kernel/console/console.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arch/x86_64/boot.h"
#include "arch/x86_64/drivers/serial.h"
#include "arch/x86_64/drivers/vga_text.h"
#include "arch/x86_64/multiboot2.h"
#include "arch/x86_64/paging/paging.h"
#include "arch/x86_64/pc.h"
#include "arch/x86_64/x86.h"
#include "kernel/console/fbcon.h"
#include "kernel/console/text_grid.h"
#include "kernel/format.h"

#define FLUSH_BUFFER_SIZE 128
/* The framebuffer's cell store: 3840x2160 (4K) in 8x16 glyphs. */
#define FRAMEBUFFER_MAX_COLUMNS 480
#define FRAMEBUFFER_MAX_ROWS 135
#define CELLS_IN(store) (sizeof(store) / sizeof(store)[0])
#define IDENTITY_MAP_END ((uint64_t)BOOT_IDENTITY_MAP_GIB * PAGE_SIZE_1G)

static const struct text_screen vga_screen = {
    .draw = vga_text_put,
    .fill = vga_text_fill,
    .move_cursor = vga_text_move_cursor,
};

static struct fbcon framebuffer;

static void framebuffer_draw(unsigned row, unsigned column, uint16_t cell)
{
    fbcon_draw_cell(&framebuffer, row, column, cell);
}

static void framebuffer_fill(uint16_t cell)
{
    fbcon_fill(&framebuffer, cell);
}

static const struct text_screen framebuffer_screen = {
    .draw = framebuffer_draw,
    .fill = framebuffer_fill,
    .move_cursor = NULL, /* fbcon draws no cursor */
};

static struct text_grid grid;
static uint16_t vga_cells[VGA_TEXT_ROWS * VGA_TEXT_COLUMNS];
static uint16_t framebuffer_cells[FRAMEBUFFER_MAX_COLUMNS * FRAMEBUFFER_MAX_ROWS];

void console_init(void)
{
    serial_init();
    vga_text_init((volatile uint16_t *)VGA_TEXT_BUFFER);
    vga_text_show_cursor();
    text_grid_init(&grid, vga_cells, CELLS_IN(vga_cells), VGA_TEXT_COLUMNS, VGA_TEXT_ROWS,
                   &vga_screen);
    /* From here on the grid's cells are what VGA shows, not what GRUB left there. */
    text_grid_clear(&grid);
}

/* Moves the text onto the framebuffer `surface` describes, or says why it cannot be drawn. */
static const char *take_surface(const struct fb_surface *surface)
{
    const char *problem = fbcon_init(&framebuffer, surface);

    if (problem)
        return problem;
    struct text_grid vga_text = grid;
    text_grid_init(&grid, framebuffer_cells, CELLS_IN(framebuffer_cells), framebuffer.columns,
                   framebuffer.rows, &framebuffer_screen);
    text_grid_clear(&grid);
    text_grid_move_text(&grid, &vga_text);
    return NULL;
}

/* Why GRUB's RGB framebuffer cannot be drawn, or NULL once the screen has moved there. */
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
    return take_surface(&surface);
}

void console_use_framebuffer(const struct bootinfo *bi)
{
    const struct bootinfo_framebuffer *fb = &bi->framebuffer;

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
    klog("console: the screen is the %ux%u framebuffer at 0x%lx, %u columns by %u rows\n",
         fb->width, fb->height, fb->addr, grid.columns, grid.rows);
}

void console_clear(void)
{
    text_grid_clear(&grid);
}

void console_set_color(enum console_color foreground, enum console_color background)
{
    text_grid_set_color(&grid, foreground, background);
}

static void console_write(const char *text, size_t n)
{
    text_grid_write(&grid, text, n);
    serial_write(text, n);
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
