/*
 * test_format.c: host unit tests for the printf-style formatter in
 * src/kernel/format.c.
 *
 * Each test formats into a bounded buffer through a sink, the way kprintf
 * feeds the consoles, and compares the text (and, where that is the point,
 * the count format returns) with what C's printf would print.
 */
#include "check.h"
#include "kernel/format.h"

#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/* What the sink received: the first characters, and how many there were. */
static struct {
    char text[128];
    size_t received;
} output;

/* What format returned for the latest call. */
static size_t returned;

static void buffer_sink(char c, void *context)
{
    (void)context;
    if (output.received < sizeof output.text - 1)
        output.text[output.received] = c;
    output.received++;
}

static const char *vformatted(const char *fmt, va_list args)
{
    memset(&output, 0, sizeof output);
    returned = format(buffer_sink, NULL, fmt, args);
    CHECK(output.received < sizeof output.text);
    return output.text;
}

/* Formats into output and returns its text; the compiler checks the arguments. */
__attribute__((format(printf, 1, 2)))
static const char *formatted(const char *fmt, ...)
{
    va_list args;
    const char *text;

    va_start(args, fmt);
    text = vformatted(fmt, args);
    va_end(args);
    return text;
}

/*
 * The same without the compiler's format check, for formats it rightly
 * calls odd ("%q", "%05s", a NULL "%s") whose output we still define.
 */
static const char *formatted_unchecked(const char *fmt, ...)
{
    va_list args;
    const char *text;

    va_start(args, fmt);
    text = vformatted(fmt, args);
    va_end(args);
    return text;
}

/* Plain text, the count, and the odd cases of '%' */

TEST(test_format_returns_zero_for_empty_format)
{
    CHECK_EQ_STR("", formatted("%s", ""));
    CHECK_EQ_UINT(0, returned);
}

TEST(test_format_returns_number_of_characters_written)
{
    CHECK_EQ_STR("ab    7cd", formatted("ab%5dcd", 7));
    CHECK_EQ_UINT(9, returned);
}

TEST(test_format_prints_percent_for_double_percent)
{
    CHECK_EQ_STR("100%", formatted("100%%"));
    CHECK_EQ_UINT(4, returned);
}

TEST(test_format_prints_trailing_percent_as_is)
{
    CHECK_EQ_STR("50%", formatted_unchecked("50%"));
    CHECK_EQ_UINT(3, returned);
}

TEST(test_format_prints_unknown_conversion_as_written)
{
    CHECK_EQ_STR("a%qb", formatted_unchecked("a%qb"));
}

TEST(test_format_prints_unknown_conversion_with_its_flags_as_written)
{
    CHECK_EQ_STR("[%-05q]", formatted_unchecked("[%-05q]"));
}

TEST(test_format_prints_unsupported_length_modifier_as_written)
{
    CHECK_EQ_STR("%hd", formatted_unchecked("%hd", 1));
}

TEST(test_format_prints_conversion_cut_off_by_end_as_written)
{
    CHECK_EQ_STR("abc%-3l", formatted_unchecked("abc%-3l"));
    CHECK_EQ_UINT(7, returned);
}

TEST(test_format_consumes_arguments_in_order)
{
    CHECK_EQ_STR("irq=33 vector=0x21 cpu=B",
                 formatted("%s=%d %s=0x%x cpu=%c", "irq", 33, "vector", 0x21u, 'B'));
}

/* %c and %s */

TEST(test_format_prints_char)
{
    CHECK_EQ_STR("<x>", formatted("<%c>", 'x'));
}

TEST(test_format_prints_nul_char_and_counts_it)
{
    formatted("a%cb", '\0');
    CHECK_EQ_UINT(3, returned);
    CHECK(memcmp(output.text, "a\0b", 3) == 0);
}

TEST(test_format_prints_string)
{
    CHECK_EQ_STR("hello, world", formatted("hello, %s", "world"));
}

TEST(test_format_prints_null_string_as_null_in_parens)
{
    CHECK_EQ_STR("(null)", formatted_unchecked("%s", (const char *)NULL));
}

TEST(test_format_limits_string_to_precision)
{
    CHECK_EQ_STR("he", formatted("%.2s", "hello"));
}

TEST(test_format_prints_nothing_for_zero_precision)
{
    CHECK_EQ_STR("[]", formatted("[%.0s]", "hello"));
}

TEST(test_format_takes_string_precision_from_star)
{
    CHECK_EQ_STR("hel", formatted("%.*s", 3, "hello"));
}

TEST(test_format_treats_negative_star_precision_as_none)
{
    CHECK_EQ_STR("hello", formatted("%.*s", -1, "hello"));
}

TEST(test_format_limits_null_string_to_precision)
{
    CHECK_EQ_STR("(nu", formatted_unchecked("%.3s", (const char *)NULL));
}

TEST(test_format_reads_no_further_than_string_precision)
{
    /* No terminator: reading a fourth byte is an overflow ASan reports. */
    static const char unterminated[3] = { 'a', 'b', 'c' };

    CHECK_EQ_STR("abc", formatted("%.3s", unterminated));
}

TEST(test_format_pads_string_after_applying_precision)
{
    CHECK_EQ_STR("[   hel]", formatted("[%6.3s]", "hello"));
}

/* Integers */

TEST(test_format_treats_i_like_d)
{
    CHECK_EQ_STR("-7 -7", formatted("%i %d", -7, -7));
}

TEST(test_format_prints_zero_as_one_digit)
{
    CHECK_EQ_STR("0 0 0", formatted("%d %u %x", 0, 0u, 0u));
}

TEST(test_format_prints_int_min)
{
    CHECK_EQ_STR("-2147483648", formatted("%d", INT_MIN));
}

TEST(test_format_prints_uint_max_with_u)
{
    CHECK_EQ_STR("4294967295", formatted("%u", UINT_MAX));
}

TEST(test_format_reads_plain_x_as_unsigned_int)
{
    CHECK_EQ_STR("ffffffff 1", formatted("%x %d", (unsigned)-1, 1));
}

TEST(test_format_prints_long_min_with_ld)
{
    CHECK_EQ_STR("-9223372036854775808", formatted("%ld", LONG_MIN));
}

TEST(test_format_prints_llong_min_with_lld)
{
    CHECK_EQ_STR("-9223372036854775808", formatted("%lld", LLONG_MIN));
}

TEST(test_format_prints_ullong_max_with_llu)
{
    CHECK_EQ_STR("18446744073709551615", formatted("%llu", ULLONG_MAX));
}

TEST(test_format_prints_uint64_max_with_llx)
{
    CHECK_EQ_STR("ffffffffffffffff", formatted("%llx", (unsigned long long)UINT64_MAX));
}

TEST(test_format_prints_size_max_with_zu)
{
    CHECK_EQ_STR("18446744073709551615", formatted("%zu", SIZE_MAX));
}

TEST(test_format_prints_negative_size_with_zd)
{
    CHECK_EQ_STR("-5", formatted("%zd", (ptrdiff_t)-5));
}

TEST(test_format_prints_lowercase_hex_for_x_and_uppercase_for_X)
{
    CHECK_EQ_STR("deadbeef DEADBEEF", formatted("%x %X", 0xdeadbeefu, 0xdeadbeefu));
}

TEST(test_format_prints_pointer_as_0x_and_16_hex_digits)
{
    CHECK_EQ_STR("0x00000000001fe000", formatted("%p", (void *)(uintptr_t)0x1fe000));
}

TEST(test_format_prints_null_pointer_as_16_zeros)
{
    CHECK_EQ_STR("0x0000000000000000", formatted("%p", (void *)NULL));
}

/* Field width, '-' and '0' */

TEST(test_format_pads_on_the_left_by_default)
{
    CHECK_EQ_STR("[   42]", formatted("[%5d]", 42));
}

TEST(test_format_pads_on_the_right_with_minus)
{
    CHECK_EQ_STR("[ab    ]", formatted("[%-6s]", "ab"));
}

TEST(test_format_pads_numbers_with_zeros)
{
    CHECK_EQ_STR("0000beef", formatted("%08x", 0xbeefu));
}

TEST(test_format_pads_negative_numbers_with_zeros_after_sign)
{
    CHECK_EQ_STR("-0042", formatted("%05d", -42));
}

TEST(test_format_ignores_zero_flag_with_minus)
{
    CHECK_EQ_STR("[42   ]", formatted_unchecked("[%-05d]", 42));
}

TEST(test_format_pads_strings_with_spaces_despite_zero_flag)
{
    CHECK_EQ_STR("[   ab]", formatted_unchecked("[%05s]", "ab"));
}

TEST(test_format_pads_chars_with_spaces_despite_zero_flag)
{
    CHECK_EQ_STR("[  x]", formatted_unchecked("[%03c]", 'x'));
}

TEST(test_format_zero_pads_pointer_after_0x)
{
    CHECK_EQ_STR("0x000000000000001000",
                 formatted_unchecked("%020p", (void *)(uintptr_t)0x1000));
}

TEST(test_format_takes_width_from_star)
{
    CHECK_EQ_STR("[   42]", formatted("[%*d]", 5, 42));
}

TEST(test_format_left_justifies_for_negative_star_width)
{
    CHECK_EQ_STR("[42   ]", formatted("[%*d]", -5, 42));
}

TEST(test_format_never_truncates_to_width)
{
    CHECK_EQ_STR("123456", formatted("%3d", 123456));
}
