/*
 * load_options.c: what load_options.h promises. An odd last byte is half
 * a character and is not read.
 */
#include "loader/uefi/load_options.h"

#include <stdbool.h>

#define FIRST_PRINTABLE ' '
#define LAST_PRINTABLE '~'
#define REPLACEMENT '?'
#define EFI_SUFFIX u".efi"
#define EFI_SUFFIX_LENGTH 4
#define DEVICE_PATH_MEDIA 4         /* UEFI 2.9 §10.3.5 */
#define DEVICE_PATH_FILE_PATH 4     /* a media node holding a path */
#define DEVICE_PATH_END 0x7F
#define DEVICE_PATH_NODE_HEADER 4   /* type, subtype, u16 length */

static uint16_t lower(uint16_t c)
{
    return c >= 'A' && c <= 'Z' ? (uint16_t)(c - 'A' + 'a') : c;
}

/* Character i of UCS-2 little-endian text at any address. */
static uint16_t character(const uint8_t *text, size_t i)
{
    return (uint16_t)(text[2 * i] | text[2 * i + 1] << 8);
}

/* Narrows text[0..*end) to its file name: from after the last '\\', '/'
 * or ':', and without a final ".efi" in any case. */
static size_t file_name(const uint8_t *text, size_t *end)
{
    size_t start = 0;

    for (size_t i = 0; i < *end; i++)
        if (character(text, i) == '\\' || character(text, i) == '/' || character(text, i) == ':')
            start = i + 1;
    if (*end - start > EFI_SUFFIX_LENGTH) {
        bool suffix = true;
        for (size_t i = 0; i < EFI_SUFFIX_LENGTH; i++)
            suffix = suffix && lower(character(text, *end - EFI_SUFFIX_LENGTH + i)) == EFI_SUFFIX[i];
        if (suffix)
            *end -= EFI_SUFFIX_LENGTH;
    }
    return start;
}

/* Whether the word options[0..length) names the same file as
 * program[0..program_length). */
static bool names_program(const uint8_t *options, size_t length, const uint8_t *program,
                          size_t program_length)
{
    size_t word_start = file_name(options, &length);
    size_t program_start = file_name(program, &program_length);

    if (length - word_start != program_length - program_start || length == word_start)
        return false;
    for (size_t i = 0; i < length - word_start; i++)
        if (lower(character(options, word_start + i)) !=
            lower(character(program, program_start + i)))
            return false;
    return true;
}

size_t load_options_text(const uint16_t *options, uint32_t size, const uint8_t *program,
                         size_t program_length, char *text)
{
    size_t count = 0, from = 0, length = 0;

    while (count < size / sizeof *options && options[count] != 0)
        count++;
    while (from < count && options[from] != ' ')
        from++;
    if (program != NULL && names_program((const uint8_t *)options, from, program, program_length))
        while (from < count && options[from] == ' ')
            from++;
    else
        from = 0;
    for (; from < count; from++) {
        uint16_t c = options[from];
        text[length++] = c >= FIRST_PRINTABLE && c <= LAST_PRINTABLE ? (char)c : REPLACEMENT;
    }
    return length;
}

size_t load_options_program(const struct efi_device_path *path, const uint8_t **program)
{
    size_t program_length = 0;

    *program = NULL;
    for (int nodes = 0; nodes < DEVICE_PATH_MAX_NODES && path->type != DEVICE_PATH_END; nodes++) {
        size_t length = (size_t)path->length[0] | (size_t)path->length[1] << 8;
        if (length < DEVICE_PATH_NODE_HEADER)
            break;
        if (path->type == DEVICE_PATH_MEDIA && path->subtype == DEVICE_PATH_FILE_PATH) {
            *program = (const uint8_t *)path + DEVICE_PATH_NODE_HEADER;
            program_length = 0;
            while (program_length < (length - DEVICE_PATH_NODE_HEADER) / 2 &&
                   character(*program, program_length) != 0)
                program_length++;
        }
        path = (const void *)((const uint8_t *)path + length);
    }
    return program_length;
}
