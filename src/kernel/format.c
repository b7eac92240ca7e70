/*
 * format.c: the printf-style formatter behind kprintf (see format.h).
 *
 * Freestanding: no libc, no floating point, no allocation. format() copies
 * plain text to the sink; at each '%', parse_spec reads the flags, width,
 * precision and length, and convert fetches the argument and hands it to
 * one of two emitters: emit_number for integers and pointers, emit_text for
 * characters and strings.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kernel/format.h"

#define DIGITS_MAX 20                       /* UINT64_MAX in decimal */
#define POINTER_DIGITS (2 * sizeof(void *)) /* two hex digits per byte */

_Static_assert(POINTER_DIGITS <= DIGITS_MAX, "a %p must fit the digit buffer");
_Static_assert(sizeof(ptrdiff_t) == sizeof(size_t),
               "%zd reads a ptrdiff_t as the signed counterpart of size_t");

/* Where characters go, and how many have gone there (format's result). */
struct output {
    format_sink sink;
    void *context;
    size_t count;
};

enum length { LENGTH_INT, LENGTH_LONG, LENGTH_LONG_LONG, LENGTH_SIZE };

/* What one conversion asked for between its '%' and its letter. */
struct spec {
    bool left;          /* '-': pad on the right */
    bool zero;          /* '0': pad numbers with zeros after the sign or 0x */
    size_t width;
    size_t precision;   /* most characters of a %s; SIZE_MAX when not given */
    enum length length;
};

static void put(struct output *out, char c)
{
    out->sink(c, out->context);
    out->count++;
}

static void put_all(struct output *out, const char *text, size_t length)
{
    for (size_t i = 0; i < length; i++)
        put(out, text[i]);
}

static void pad(struct output *out, char c, size_t n)
{
    while (n-- > 0)
        put(out, c);
}

/* How many fill characters a field of width needs around length characters. */
static size_t fill_for(size_t width, size_t length)
{
    return width > length ? width - length : 0;
}

/* |v| computed in unsigned arithmetic, where -LLONG_MIN does not overflow. */
static unsigned long long magnitude(long long v)
{
    return v < 0 ? 0 - (unsigned long long)v : (unsigned long long)v;
}

/* Length of s, but never reading past max characters (a %s precision). */
static size_t bounded_length(const char *s, size_t max)
{
    size_t n = 0;

    while (n < max && s[n] != '\0')
        n++;
    return n;
}

/* Writes length characters of text, padded with spaces to the field width. */
static void emit_text(struct output *out, const struct spec *spec,
                      const char *text, size_t length)
{
    size_t fill = fill_for(spec->width, length);

    if (!spec->left)
        pad(out, ' ', fill);
    put_all(out, text, length);
    if (spec->left)
        pad(out, ' ', fill);
}

/*
 * Writes prefix ("-", "0x" or "") and then value in base with at least
 * min_digits digits. Zero padding goes between the two, so that "%05d" of
 * -42 is "-0042" rather than "00-42".
 */
static void emit_number(struct output *out, const struct spec *spec,
                        const char *prefix, unsigned long long value,
                        unsigned base, bool upper, size_t min_digits)
{
    const char *numerals = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    char digits[DIGITS_MAX];
    size_t n = 0, prefix_length = bounded_length(prefix, SIZE_MAX);

    /* Least significant first, so digits[] holds the number reversed. */
    while (n < min_digits || value != 0) {
        digits[n++] = numerals[value % base];
        value /= base;
    }

    size_t fill = fill_for(spec->width, prefix_length + n);
    bool zeros = spec->zero && !spec->left;

    if (!spec->left && !zeros)
        pad(out, ' ', fill);
    put_all(out, prefix, prefix_length);
    if (zeros)
        pad(out, '0', fill);
    while (n > 0)
        put(out, digits[--n]);
    if (spec->left)
        pad(out, ' ', fill);
}

/* Reads a decimal width or precision, saturating rather than overflowing. */
static size_t parse_count(const char **p)
{
    size_t n = 0;

    for (; **p >= '0' && **p <= '9'; (*p)++) {
        size_t digit = (size_t)(**p - '0');
        n = n > (SIZE_MAX - digit) / 10 ? SIZE_MAX : n * 10 + digit;
    }
    return n;
}

/* Fills spec from the text after a '%'; returns where the letter should be. */
static const char *parse_spec(const char *p, struct spec *spec, va_list *args)
{
    *spec = (struct spec){ .precision = SIZE_MAX, .length = LENGTH_INT };
    for (; *p == '-' || *p == '0'; p++) {
        spec->left |= *p == '-';
        spec->zero |= *p == '0';
    }
    if (*p == '*') {
        int width = va_arg(*args, int);
        spec->left |= width < 0;    /* C: a negative '*' width means '-' */
        spec->width = (size_t)magnitude(width);
        p++;
    } else {
        spec->width = parse_count(&p);
    }
    if (*p == '.') {
        p++;
        if (*p == '*') {
            int precision = va_arg(*args, int);
            /* C: a negative '*' precision counts as none given. */
            spec->precision = precision < 0 ? SIZE_MAX : (size_t)precision;
            p++;
        } else {
            spec->precision = parse_count(&p);
        }
    }
    if (*p == 'z') {
        spec->length = LENGTH_SIZE;
        p++;
    } else if (p[0] == 'l' && p[1] == 'l') {
        spec->length = LENGTH_LONG_LONG;
        p += 2;
    } else if (*p == 'l') {
        spec->length = LENGTH_LONG;
        p++;
    }
    return p;
}

static long long fetch_signed(va_list *args, enum length length)
{
    switch (length) {
    case LENGTH_INT: break;
    case LENGTH_LONG: return va_arg(*args, long);
    case LENGTH_LONG_LONG: return va_arg(*args, long long);
    case LENGTH_SIZE: return va_arg(*args, ptrdiff_t);
    }
    return va_arg(*args, int);
}

static unsigned long long fetch_unsigned(va_list *args, enum length length)
{
    switch (length) {
    case LENGTH_INT: break;
    case LENGTH_LONG: return va_arg(*args, unsigned long);
    case LENGTH_LONG_LONG: return va_arg(*args, unsigned long long);
    case LENGTH_SIZE: return va_arg(*args, size_t);
    }
    return va_arg(*args, unsigned int);
}

/* Writes the conversion starting at the '%' at start; returns what follows it. */
static const char *convert(struct output *out, const char *start, va_list *args)
{
    struct spec spec;
    const char *p = parse_spec(start + 1, &spec, args);

    switch (*p) {
    case 'd':
    case 'i': {
        long long value = fetch_signed(args, spec.length);
        emit_number(out, &spec, value < 0 ? "-" : "", magnitude(value), 10, false, 1);
        break;
    }
    case 'u':
        emit_number(out, &spec, "", fetch_unsigned(args, spec.length), 10, false, 1);
        break;
    case 'x':
    case 'X':
        emit_number(out, &spec, "", fetch_unsigned(args, spec.length), 16, *p == 'X', 1);
        break;
    case 'p':
        emit_number(out, &spec, "0x", (uintptr_t)va_arg(*args, void *), 16, false,
                    POINTER_DIGITS);
        break;
    case 'c': {
        char c = (char)va_arg(*args, int);
        emit_text(out, &spec, &c, 1);
        break;
    }
    case 's': {
        const char *s = va_arg(*args, const char *);
        if (s == NULL)
            s = "(null)";
        emit_text(out, &spec, s, bounded_length(s, spec.precision));
        break;
    }
    case '%':
        put(out, '%');
        break;
    default: {
        /* Unknown, or cut short by the end of fmt: show it as written. */
        const char *end = *p == '\0' ? p : p + 1;
        put_all(out, start, (size_t)(end - start));
        return end;
    }
    }
    return p + 1;
}

size_t format(format_sink sink, void *context, const char *fmt, va_list args)
{
    struct output out = { sink, context, 0 };
    va_list copy;

    /* The helpers share the arguments through a pointer, which C11 7.16
     * allows for a va_list object but not for a va_list parameter. */
    va_copy(copy, args);
    while (*fmt != '\0') {
        if (*fmt == '%')
            fmt = convert(&out, fmt, &copy);
        else
            put(&out, *fmt++);
    }
    va_end(copy);
    return out.count;
}
