/*
 * check.h: the small harness behind the host unit tests in tests/unit/.
 *
 * TEST(name) { ... } defines a test and registers it before main runs.
 * CHECK_* macros record a failure as "expected X, saw Y" and let the test
 * go on, so one run shows every broken expectation.
 *
 * A test binary run with no argument runs every test; with `--list` it
 * prints the test names; with names it runs only those. Each test prints
 * `PASS name` or `FAIL name`, and the last line is `N passed, N failed`.
 * tests/test_unit.py turns each name into one pytest item.
 */
#ifndef CHECK_H
#define CHECK_H

#include <string.h>

typedef void (*check_fn)(void);

void check_register(const char *name, check_fn fn);
void check_fail(const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#define TEST(name)                                                          \
    static void name(void);                                                 \
    __attribute__((constructor)) static void name##_register(void)          \
    {                                                                       \
        check_register(#name, name);                                        \
    }                                                                       \
    static void name(void)

#define CHECK(cond)                                                         \
    do {                                                                    \
        if (!(cond))                                                        \
            check_fail(__FILE__, __LINE__, "expected %s", #cond);           \
    } while (0)

#define CHECK_EQ_INT(expected, actual)                                      \
    do {                                                                    \
        long long e_ = (long long)(expected), a_ = (long long)(actual);     \
        if (e_ != a_)                                                       \
            check_fail(__FILE__, __LINE__, "%s: expected %lld, saw %lld",   \
                       #actual, e_, a_);                                    \
    } while (0)

#define CHECK_EQ_UINT(expected, actual)                                     \
    do {                                                                    \
        unsigned long long e_ = (unsigned long long)(expected);             \
        unsigned long long a_ = (unsigned long long)(actual);               \
        if (e_ != a_)                                                       \
            check_fail(__FILE__, __LINE__,                                  \
                       "%s: expected %llu (0x%llx), saw %llu (0x%llx)",     \
                       #actual, e_, e_, a_, a_);                            \
    } while (0)

#define CHECK_EQ_STR(expected, actual)                                      \
    do {                                                                    \
        const char *e_ = (expected), *a_ = (actual);                        \
        if (a_ == NULL || strcmp(e_, a_) != 0)                              \
            check_fail(__FILE__, __LINE__, "%s: expected \"%s\", saw \"%s\"", \
                       #actual, e_, a_ ? a_ : "(null)");                    \
    } while (0)

#endif
