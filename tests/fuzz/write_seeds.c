/*
 * write_seeds.c: writes the GRUB-like MBIs of tests/unit/mbi_builder.c
 * into a directory, one NAME.bin per seed, as the corpus fuzz_bootinfo
 * starts from. `make fuzz` runs it; the unit test
 * test_bootinfo_seed_layouts_parse_cleanly checks that each seed parses.
 *
 *   write_seeds DIRECTORY
 */
#include "mbi_builder.h"

#include <stdio.h>

static struct mbi seed;

static int write_seed(const char *dir, const char *name)
{
    char path[4096];
    FILE *f;
    size_t written;

    snprintf(path, sizeof path, "%s/%s.bin", dir, name);
    f = fopen(path, "wb");
    if (f == NULL) {
        perror(path);
        return 1;
    }
    written = fwrite(seed.bytes, 1, seed.length, f);
    if (fclose(f) != 0 || written != seed.length) {
        perror(path);
        return 1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    int failed = 0;

    if (argc != 2) {
        fprintf(stderr, "usage: %s DIRECTORY\n", argv[0]);
        return 2;
    }
    for (int i = 0; i < mbi_seed_count; i++) {
        mbi_seeds[i].build(&seed);
        failed |= write_seed(argv[1], mbi_seeds[i].name);
    }
    return failed;
}
