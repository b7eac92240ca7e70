/*
 * check.c: registry and runner for the host unit tests (see check.h).
 */
#include "check.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#define MAX_TESTS 512

static struct {
    const char *name;
    check_fn fn;
} tests[MAX_TESTS];
static int test_count;
static int current_failed;

void check_register(const char *name, check_fn fn)
{
    if (test_count == MAX_TESTS) {
        fprintf(stderr, "check: more than %d tests; raise MAX_TESTS\n", MAX_TESTS);
        exit(2);
    }
    tests[test_count].name = name;
    tests[test_count].fn = fn;
    test_count++;
}

void check_fail(const char *file, int line, const char *fmt, ...)
{
    va_list args;

    printf("  %s:%d: ", file, line);
    va_start(args, fmt);
    vprintf(fmt, args);
    va_end(args);
    printf("\n");
    current_failed = 1;
}

static int run(int index)
{
    current_failed = 0;
    tests[index].fn();
    printf("%s %s\n", current_failed ? "FAIL" : "PASS", tests[index].name);
    fflush(stdout);
    return current_failed;
}

static int find(const char *name)
{
    for (int i = 0; i < test_count; i++)
        if (strcmp(tests[i].name, name) == 0)
            return i;
    return -1;
}

int main(int argc, char **argv)
{
    int passed = 0, failed = 0;

    if (argc == 2 && strcmp(argv[1], "--list") == 0) {
        for (int i = 0; i < test_count; i++)
            printf("%s\n", tests[i].name);
        return 0;
    }
    for (int i = 0; i < test_count; i++) {
        int selected = argc == 1;
        for (int a = 1; a < argc && !selected; a++)
            selected = strcmp(argv[a], tests[i].name) == 0;
        if (!selected)
            continue;
        if (run(i))
            failed++;
        else
            passed++;
    }
    for (int a = 1; a < argc; a++) {
        if (find(argv[a]) < 0) {
            printf("FAIL %s: no such test\n", argv[a]);
            failed++;
        }
    }
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
