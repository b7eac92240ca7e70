/*
 * test_load_options.c: host tests for the UEFI loader's command line from
 * its load options (src/loader/uefi/load_options.c).
 */
#include "check.h"
#include "loader/uefi/load_options.h"

#include <stdint.h>
#include <string.h>

#define ROOM 64

static size_t text_of(const uint16_t *options, uint32_t size, char *text)
{
    memset(text, 0x5A, ROOM);
    CHECK(LOAD_OPTIONS_TEXT_ROOM(size) <= ROOM);
    size_t length = load_options_text(options, size, text);
    CHECK(length <= size / 2);
    text[length] = '\0';
    return length;
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
