/* datadir.c - where the data folder (lexicons/) is: environment, else relative to the running program, so that a
 * copied or moved tree uses its own data (see tt_data_dir in tt/common.h). */
#include "tt/common.h"

#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char data_dir[PATH_MAX];
static pthread_once_t data_once = PTHREAD_ONCE_INIT;

/* Does dir look like the data folder (it has the homoglyph table every run reads)? */
static int
is_data_dir(const char *dir)
{
    char p[PATH_MAX + 32];
    struct stat st;
    if ((size_t)snprintf(p, sizeof p, "%s/homoglyphs.tsv", dir) >= sizeof p)
        return 0;
    return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

static void
find_data_dir(void)
{
    const char *env[] = {"TT_DATADIR", "TT_DATA"};
    for (size_t i = 0; i < 2; i++) {
        const char *e = getenv(env[i]);
        if (e && *e && strlen(e) < sizeof data_dir) {
            snprintf(data_dir, sizeof data_dir, "%s", e);
            return;
        }
    }
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = 0;
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = 0; /* the program's folder */
            static const char *const rel[] = {"/../../../lexicons", "/../share/termtrace/lexicons"};
            for (size_t i = 0; i < 2; i++) {
                char cand[PATH_MAX], real[PATH_MAX];
                if ((size_t)snprintf(cand, sizeof cand, "%s%s", exe, rel[i]) >= sizeof cand)
                    continue;
                if (is_data_dir(cand) && realpath(cand, real)) {
                    snprintf(data_dir, sizeof data_dir, "%s", real);
                    return;
                }
            }
        }
    }
#ifdef TT_DATADIR
    if (is_data_dir(TT_DATADIR)) {
        snprintf(data_dir, sizeof data_dir, "%s", TT_DATADIR);
        return;
    }
#endif
    /* none found: name the build tree's place anyway (<exe>/../../../lexicons, written without the ".."), so
     * the error names this copy's folder rather than silently reading another tree's data */
    if (n > 0) {
        int up = 0;
        char *slash;
        while (up < 3 && (slash = strrchr(exe, '/')) && slash != exe) {
            *slash = 0; /* exe still holds the program's folder here */
            up++;
        }
        if (up == 3 && (size_t)snprintf(data_dir, sizeof data_dir, "%s/lexicons", exe) < sizeof data_dir)
            return;
    }
    snprintf(data_dir, sizeof data_dir, "lexicons");
}

const char *
tt_data_dir(void)
{
    pthread_once(&data_once, find_data_dir);
    return data_dir;
}

int
tt_data_dir_check(const char *dir, tt_error *err)
{
    if (is_data_dir(dir))
        return 0;
    tt_error_set(err, TT_EUSAGE,
                 "not a termtrace data folder (no homoglyphs.tsv): a program finds it at ../../../lexicons from its "
                 "own folder (build tree) or ../share/termtrace/lexicons (installed); set TT_DATADIR to the "
                 "lexicons folder of a termtrace tree");
    return tt_error_at(err, dir, 0, 0);
}
