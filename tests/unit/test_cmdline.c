/*
 * test_cmdline.c: host tests of cmdline.c, on command lines as GRUB 2.06
 * writes them.
 */
#include <stddef.h>

#include "check.h"
#include "kernel/cmdline.h"

/* A command line as the boot information held it whole. */
#define WHOLE(text) ((struct cmdline){ (text), false })

static char value[32];

TEST(test_cmdline_finds_bare_word)
{
    CHECK(cmdline_find(WHOLE("quiet"), "quiet", value, sizeof value));
    CHECK_EQ_STR("", value);
}

TEST(test_cmdline_finds_word_among_others)
{
    CHECK(cmdline_find(WHOLE("hello quiet key=value"), "quiet", NULL, 0));
}

TEST(test_cmdline_returns_value_of_key)
{
    CHECK(cmdline_find(WHOLE("hello fault=pf quiet"), "fault", value, sizeof value));
    CHECK_EQ_STR("pf", value);
}

TEST(test_cmdline_does_not_match_prefix_of_longer_word)
{
    CHECK(!cmdline_find(WHOLE("quietly faulty=pf"), "quiet", NULL, 0));
    CHECK(!cmdline_find(WHOLE("quietly faulty=pf"), "fault", NULL, 0));
}

TEST(test_cmdline_does_not_match_word_shorter_than_name)
{
    CHECK(!cmdline_find(WHOLE("qui"), "quiet", NULL, 0));
}

TEST(test_cmdline_empty_line_has_nothing)
{
    CHECK(!cmdline_find(WHOLE(""), "quiet", NULL, 0));
}

TEST(test_cmdline_skips_repeated_spaces)
{
    CHECK(cmdline_find(WHOLE("  a    quiet  "), "quiet", NULL, 0));
}

TEST(test_cmdline_quoted_argument_is_one_argument)
{
    CHECK(!cmdline_find(WHOLE("\"two quiet\""), "quiet", NULL, 0));
    CHECK(cmdline_find(WHOLE("\"two quiet\""), "two quiet", NULL, 0));
}

TEST(test_cmdline_removes_quotes_from_value)
{
    CHECK(cmdline_find(WHOLE("title=\"two words\" quiet"), "title", value, sizeof value));
    CHECK_EQ_STR("two words", value);
    CHECK(cmdline_find(WHOLE("title=\"two words\" quiet"), "quiet", NULL, 0));
}

TEST(test_cmdline_backslash_escapes_quote)
{
    CHECK(cmdline_find(WHOLE("say=\"a \\\"b\\\"\""), "say", value, sizeof value));
    CHECK_EQ_STR("a \"b\"", value);
}

TEST(test_cmdline_unterminated_quote_runs_to_end)
{
    CHECK(cmdline_find(WHOLE("x=\"open quiet"), "x", value, sizeof value));
    CHECK_EQ_STR("open quiet", value);
    CHECK(!cmdline_find(WHOLE("x=\"open quiet"), "quiet", NULL, 0));
}

TEST(test_cmdline_truncates_value_to_buffer)
{
    char small[4];

    CHECK(cmdline_find(WHOLE("key=abcdef"), "key", small, sizeof small));
    CHECK_EQ_STR("abc", small);
}

TEST(test_cmdline_trailing_backslash_is_kept)
{
    CHECK(cmdline_find(WHOLE("path=a\\"), "path", value, sizeof value));
    CHECK_EQ_STR("a\\", value);
}

TEST(test_cmdline_first_of_repeated_key_wins)
{
    CHECK(cmdline_find(WHOLE("fault=ud fault=pf"), "fault", value, sizeof value));
    CHECK_EQ_STR("ud", value);
}

/* A command line the boot information held more of than was kept. */
#define CUT(text) ((struct cmdline){ (text), true })

TEST(test_cmdline_cut_never_matches_its_last_word)
{
    /* 'p' * 246 + " fault=nxstack", kept to 255 bytes, ends in "fault=nx". */
    CHECK(!cmdline_find(CUT("ppp fault=nx"), "fault", value, sizeof value));
    CHECK(!cmdline_find(CUT("hello quiet"), "quiet", NULL, 0));
}

TEST(test_cmdline_cut_still_matches_words_before_the_last)
{
    CHECK(cmdline_find(CUT("quiet fault=ud ppp"), "fault", value, sizeof value));
    CHECK_EQ_STR("ud", value);
    CHECK(cmdline_find(CUT("quiet fault=ud ppp"), "quiet", NULL, 0));
}

TEST(test_cmdline_whole_matches_its_last_word)
{
    CHECK(cmdline_find(WHOLE("ppp fault=nx"), "fault", value, sizeof value));
    CHECK_EQ_STR("nx", value);
}
