/* replay.c - a plain main() for fuzz targets that have none of their own: feeds each file named on the command
 * line (or each file of each folder) to LLVMFuzzerTestOneInput once, so `make check` replays the saved seeds and
 * crashers without libFuzzer (as lz4's standaloneengine.c does). */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int
one(const char *path)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        perror(path);
        return 1;
    }
    unsigned char *buf = NULL;
    size_t n = 0, cap = 0, r;
    do {
        if (n == cap) {
            unsigned char *p = realloc(buf, cap = cap ? 2 * cap : 65536);
            if (!p) {
                free(buf);
                fclose(fp);
                return 1;
            }
            buf = p;
        }
        r = fread(buf + n, 1, cap - n, fp);
        n += r;
    } while (r > 0);
    fclose(fp);
    LLVMFuzzerTestOneInput(buf, n);
    free(buf);
    return 0;
}

int
main(int argc, char **argv)
{
    int count = 0;
    for (int i = 1; i < argc; i++) {
        struct stat st;
        if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode)) {
            DIR *d = opendir(argv[i]);
            struct dirent *e;
            while (d && (e = readdir(d))) {
                if (e->d_name[0] == '.')
                    continue;
                char p[4096];
                snprintf(p, sizeof p, "%s/%s", argv[i], e->d_name);
                if (one(p))
                    return 1;
                count++;
            }
            if (d)
                closedir(d);
        } else {
            if (one(argv[i]))
                return 1;
            count++;
        }
    }
    printf("%s: %d inputs replayed\n", argv[0], count);
    return 0;
}
