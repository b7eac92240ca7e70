/*
 * console.c: the kernel's one output path: the screen and COM1 fed from
 * the same characters (as xv6's console does).
 *
 * What the screen shows is one text grid (text_grid.c). From console_init
 * it is 80x25 and shown by VGA text at 0xB8000. When kmain finds a usable
 * framebuffer in the boot information (framebuffer_choice.c; UEFI, where
 * VGA text does not exist), console_use_framebuffer re-initialises the
 * grid over a larger cell store (the caller sizes it to the screen and
 * finds it room in free memory), shown by fbcon, and moves the cells
 * printed so far across, so the framebuffer starts with the same lines in
 * the same colours.
 *
 * Formatted output is gathered in a small buffer and flushed in pieces, so
 * the hardware cursor moves once per piece rather than once per character.
 */
#include "kernel/console/console.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arch/x86_64/drivers/serial.h"
#include "arch/x86_64/drivers/vga_text.h"
#include "arch/x86_64/pc.h"
#include "kernel/console/fbcon.h"
#include "kernel/console/text_grid.h"
#include "kernel/format.h"

#define FLUSH_BUFFER_SIZE 128
#define CELLS_IN(store) (sizeof(store) / sizeof(store)[0])

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

const char *console_use_framebuffer(const struct fb_surface *surface, uint16_t *cells,
                                    size_t capacity)
{
    const char *problem = fbcon_init(&framebuffer, surface);

    if (problem)
        return problem;
    struct text_grid vga_text = grid;
    text_grid_init(&grid, cells, capacity, framebuffer.columns, framebuffer.rows,
                   &framebuffer_screen);
    text_grid_clear(&grid);
    text_grid_move_text(&grid, &vga_text);
    klog("console: the screen is the %ux%u framebuffer at 0x%lx, %u columns by %u rows\n",
         surface->width, surface->height, (uintptr_t)surface->pixels, grid.columns, grid.rows);
    if (grid.columns < framebuffer.columns || grid.rows < framebuffer.rows)
        klog("console: the screen has room for %u by %u cells, more than the %zu given; the"
             " text stays in the top %u rows\n", framebuffer.columns, framebuffer.rows, capacity,
             grid.rows);
    return NULL;
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
