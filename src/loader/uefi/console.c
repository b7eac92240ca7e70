/*
 * console.c: the sentences console.h promises. COM1 through the kernel's
 * own driver (arch/x86_64/drivers/serial.c), the framebuffer through the
 * kernel's fbcon with its font, so the loader's failures look like the
 * kernel's.
 */
#include "loader/uefi/console.h"

#include <stdbool.h>
#include <stddef.h>

#include "arch/x86_64/boot.h"
#include "arch/x86_64/drivers/serial.h"
#include "kernel/console/font.h"
#include "kernel/console/text_grid.h"
#include "loader/memory.h"
#include "loader/uefi/loader.h"

#define SENTENCE_MAX 160        /* the longest sentence, status included */
#define STATUS_HEX_DIGITS 16    /* an efi_status in hexadecimal */
#define GIB ((uint64_t)1 << 30)
#define REACHABLE_END (BOOT_IDENTITY_MAP_GIB * GIB) /* what the hand-off's page tables map */
#define DRAWN_TEXT_ROOM (SENTENCE_MAX + 8) /* CR LF, the sentence, CR LF, NUL; pixels 8-aligned */

static struct efi_simple_text_output *firmware_console;
static struct fbcon screen;
static bool have_screen;

void console_init(struct efi_simple_text_output *con_out)
{
    firmware_console = con_out;
    serial_init();
    serial_write(UEFI_LOADER_NAME "\n", sizeof UEFI_LOADER_NAME);
}

void console_boot_services_ended(const struct fb_surface *surface)
{
    firmware_console = NULL;
    have_screen = surface != NULL && fbcon_init(&screen, surface) == NULL;
}

/* Appends text to sentence[*length], keeping room for the NUL. */
static void append(char *sentence, size_t *length, const char *text)
{
    while (*text && *length < SENTENCE_MAX - 1)
        sentence[(*length)++] = *text++;
    sentence[*length] = '\0';
}

/* The firmware's console takes UCS-2 and wants CR LF. */
static void say_on_firmware_console(const char *sentence, size_t length)
{
    efi_char16 text[SENTENCE_MAX + 2];
    size_t i;

    for (i = 0; i < length; i++)
        text[i] = (unsigned char)sentence[i];
    text[i++] = '\r';
    text[i++] = '\n';
    text[i] = 0;
    firmware_console->output_string(firmware_console, text);
}

/* White on red from the top-left cell, wrapping at the grid's width. */
static void draw_sentence(const struct fbcon *con, const char *sentence, size_t length)
{
    uint8_t attribute = BOOT_FAIL_ATTRIBUTE;

    for (size_t i = 0; i < length; i++)
        fbcon_draw_cell(con, (unsigned)(i / con->columns), (unsigned)(i % con->columns),
                        text_cell(attribute, (unsigned char)sentence[i]));
}

/* The bytes of the pixel rows from the top that draw_sentence() covers
 * (no more than the screen's rows), or 0 if they do not all lie below
 * REACHABLE_END. */
static size_t sentence_bytes(const struct fbcon *con, size_t length)
{
    size_t rows = (length + con->columns - 1) / con->columns;

    if (rows > con->rows)
        rows = con->rows;
    size_t bytes = rows * FONT_HEIGHT * con->surface.pitch;
    return (uintptr_t)con->surface.pixels + bytes <= REACHABLE_END ? bytes : 0;
}

static _Noreturn void say_and_halt(const char *sentence, size_t length)
{
    if (firmware_console != NULL)
        say_on_firmware_console(sentence, length);
    else if (have_screen)
        draw_sentence(&screen, sentence, length);
    serial_write(sentence, length);
    serial_write("\n", 1);
    for (;;)
        __asm__ volatile("cli; hlt");
}

/* "longboot loader: <phrase>; halting." into sentence; returns its length. */
static size_t compose(char *sentence, const char *phrase)
{
    size_t length = 0;

    append(sentence, &length, "longboot loader: ");
    append(sentence, &length, phrase);
    append(sentence, &length, "; halting.");
    return length;
}

_Noreturn void console_fail(const char *phrase)
{
    char sentence[SENTENCE_MAX];
    size_t length = compose(sentence, phrase);

    say_and_halt(sentence, length);
}

_Noreturn void console_fail_status(const char *phrase, efi_status status)
{
    char sentence[SENTENCE_MAX], hex[STATUS_HEX_DIGITS + 1];
    size_t length = 0;

    for (int i = 0; i < STATUS_HEX_DIGITS; i++)
        hex[i] = "0123456789abcdef"[status >> (4 * (STATUS_HEX_DIGITS - 1 - i)) & 0xF];
    hex[STATUS_HEX_DIGITS] = '\0';
    append(sentence, &length, "longboot loader: ");
    append(sentence, &length, phrase);
    append(sentence, &length, " (EFI status 0x");
    append(sentence, &length, hex);
    append(sentence, &length, "); halting.");
    say_and_halt(sentence, length);
}

void console_check(efi_status status, const char *phrase)
{
    if (status != EFI_SUCCESS)
        console_fail_status(phrase, status);
}

size_t console_drawn_sentence_room(const struct fb_surface *surface, const char *phrase)
{
    char sentence[SENTENCE_MAX];
    struct fbcon con;

    if (surface == NULL || fbcon_init(&con, surface) != NULL)
        return DRAWN_TEXT_ROOM;
    return DRAWN_TEXT_ROOM + sentence_bytes(&con, compose(sentence, phrase));
}

/* The text is the sentence with CR LF before and after, as COM1 shows a
 * line. The pixels go to a surface like the screen but in `room`, only as
 * high as the rows the sentence takes: copied to the screen, they show
 * the sentence as console_fail() draws it, and the rest of those rows
 * black where console_fail() would leave them as they were. */
struct drawn_sentence console_draw_sentence(const char *phrase, uint8_t *room)
{
    char *text = (char *)room, sentence[SENTENCE_MAX];
    size_t length = compose(sentence, phrase);
    struct drawn_sentence drawn = { text, room + DRAWN_TEXT_ROOM, NULL, 0 };
    struct fb_surface band = screen.surface;
    struct fbcon band_console;

    memcpy(text, "\r\n", 2);
    memcpy(text + 2, sentence, length);
    memcpy(text + 2 + length, "\r\n", 3);
    if (!have_screen)
        return drawn;
    band.pixels = room + DRAWN_TEXT_ROOM;
    band.height = (uint32_t)(sentence_bytes(&screen, length) / band.pitch);
    if (band.height != 0 && fbcon_init(&band_console, &band) == NULL) {
        draw_sentence(&band_console, sentence, length);
        drawn.screen = screen.surface.pixels;
        drawn.bytes = (uint64_t)band.height * band.pitch;
    }
    return drawn;
}
