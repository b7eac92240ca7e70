/*
 * test_load_options.c: host tests for the UEFI loader's command line from
 * its load options (src/loader/uefi/load_options.c).
 */
#include "check.h"
#include "loader/uefi/load_options.h"

#include <stdint.h>
#include <string.h>

#define ROOM 64

static size_t text_from(const uint16_t *options, uint32_t size, const uint16_t *program,
                        char *text)
{
    size_t program_length = 0;

    while (program != NULL && program[program_length] != 0)
        program_length++;
    memset(text, 0x5A, ROOM);
    CHECK(LOAD_OPTIONS_TEXT_ROOM(size) <= ROOM);
    size_t length = load_options_text(options, size, (const uint8_t *)program, program_length,
                                      text);
    CHECK(length <= size / 2);
    text[length] = '\0';
    return length;
}

static size_t text_of(const uint16_t *options, uint32_t size, char *text)
{
    return text_from(options, size, NULL, text);
}

TEST(test_load_options_text_stops_at_the_nul)
{
    static const uint16_t options[] = u"quiet fault=ud";
    char text[ROOM];

    CHECK_EQ_UINT(14, text_of(options, sizeof options, text));
    CHECK_EQ_STR("quiet fault=ud", text);
}

TEST(test_load_options_text_without_a_nul_stops_at_the_size)
{
    static const uint16_t options[] = u"key=value and more";
    char text[ROOM];

    CHECK_EQ_UINT(9, text_of(options, 9 * 2, text));
    CHECK_EQ_STR("key=value", text);
}

TEST(test_load_options_text_of_none_is_empty)
{
    char text[ROOM];

    CHECK_EQ_UINT(0, text_of(NULL, 0, text));
    CHECK_EQ_STR("", text);
}

TEST(test_load_options_text_drops_an_odd_last_byte)
{
    static const uint16_t options[] = u"ab";
    char text[ROOM];

    CHECK_EQ_UINT(1, text_of(options, 3, text));
    CHECK_EQ_STR("a", text);
}

TEST(test_load_options_text_shows_control_and_non_ascii_characters_as_question_marks)
{
    static const uint16_t options[] = { 'a', '\t', 0x7F, 0xE9, 0x20AC, '~', ' ', 'z', 0 };
    char text[ROOM];

    CHECK_EQ_UINT(8, text_of(options, sizeof options, text));
    CHECK_EQ_STR("a????~ z", text);
}

TEST(test_load_options_text_room_keeps_what_follows_8_byte_aligned)
{
    CHECK_EQ_UINT(0, LOAD_OPTIONS_TEXT_ROOM(0));
    CHECK_EQ_UINT(8, LOAD_OPTIONS_TEXT_ROOM(2));
    CHECK_EQ_UINT(8, LOAD_OPTIONS_TEXT_ROOM(16));
    CHECK_EQ_UINT(16, LOAD_OPTIONS_TEXT_ROOM(18));
}

/* As a UEFI shell types them: the loader's path first, in any of the
 * forms a person may type it. */
TEST(test_load_options_from_a_shell_leave_out_the_loaders_own_name)
{
    static const uint16_t program[] = u"\\EFI\\longboot\\loader.efi";
    static const uint16_t *const typed[] = {
        u"fs0:\\EFI\\longboot\\loader.efi quiet fault=ud",
        u"\\EFI\\LONGBOOT\\LOADER.EFI quiet fault=ud",
        u"loader.efi  quiet fault=ud",
        u"Loader quiet fault=ud",
        u"fs0:loader quiet fault=ud",
    };
    char text[ROOM];

    for (size_t i = 0; i < sizeof typed / sizeof typed[0]; i++) {
        size_t size = 2;
        while (typed[i][size / 2 - 1] != 0)
            size += 2;
        CHECK_EQ_UINT(14, text_from(typed[i], (uint32_t)size, program, text));
        CHECK_EQ_STR("quiet fault=ud", text);
    }
}

TEST(test_load_options_keep_a_first_word_that_only_looks_like_the_loader)
{
    static const uint16_t program[] = u"\\EFI\\longboot\\loader.efi";
    static const uint16_t other[] = u"loaders.efi quiet";
    static const uint16_t prefix[] = u"load quiet";
    static const uint16_t path_only[] = u"fs0:\\ quiet";
    char text[ROOM];

    text_from(other, sizeof other, program, text);
    CHECK_EQ_STR("loaders.efi quiet", text);
    text_from(prefix, sizeof prefix, program, text);
    CHECK_EQ_STR("load quiet", text);
    text_from(path_only, sizeof path_only, program, text);
    CHECK_EQ_STR("fs0:\\ quiet", text);
}

TEST(test_load_options_of_only_the_loaders_name_are_empty)
{
    static const uint16_t program[] = u"loader.efi";
    static const uint16_t options[] = u"loader.efi";
    char text[ROOM];

    CHECK_EQ_UINT(0, text_from(options, sizeof options, program, text));
}

/* A device path as firmware builds one: a hard-drive node of odd length
 * (nodes are packed), the path split over two file-path nodes (the last
 * names the file, at an odd address here), the end node. */
TEST(test_load_options_program_is_the_last_file_path_node)
{
    static const uint8_t path[] = {
        4, 1, 9, 0, 0xAA, 0xBB, 0xCC, 0xDD, 0xEE,           /* media, hard drive (cut short) */
        4, 4, 14, 0, '\\', 0, 'E', 0, 'F', 0, 'I', 0, 0, 0,  /* file path "\\EFI" */
        4, 4, 14, 0, 'a', 0, '.', 0, 'e', 0, 'f', 0, 'i', 0,  /* file path "a.efi", no NUL */
        0x7F, 0xFF, 4, 0,                                   /* end */
    };
    static const uint16_t options[] = u"A.EFI quiet";
    const uint8_t *program;
    char text[ROOM];

    size_t length = load_options_program((const void *)path, &program);
    CHECK_EQ_UINT(5, length);
    CHECK(program == path + 27);
    CHECK_EQ_UINT(5, load_options_text(options, sizeof options, program, length, text));
    text[5] = '\0';
    CHECK_EQ_STR("quiet", text);
}

TEST(test_load_options_program_of_a_path_without_a_file_is_none)
{
    static const uint8_t no_file[] = { 4, 1, 8, 0, 1, 2, 3, 4, 0x7F, 0xFF, 4, 0 };
    static const uint8_t too_short[] = { 4, 4, 2, 0, 0x7F, 0xFF, 4, 0 };
    const uint8_t *program;

    CHECK_EQ_UINT(0, load_options_program((const void *)no_file, &program));
    CHECK(program == NULL);
    CHECK_EQ_UINT(0, load_options_program((const void *)too_short, &program));
    CHECK(program == NULL);
}
