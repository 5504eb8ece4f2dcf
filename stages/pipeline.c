/* pipeline.c - the `termtrace` driver (./pipeline): a command table over the stages and the run driver. */
#include "tt/common.h"

#include <stdio.h>
#include <string.h>

int
main(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "termtrace %s\n", TT_VERSION);
    return 2;
}
