/* manifest_cmd.h - `pipeline manifest DIR`: the draft manifest of a corpus folder
 * (stages/cli/manifest_cmd.c). */
#ifndef TT_MANIFEST_CMD_H
#define TT_MANIFEST_CMD_H

/* The command's main(): prints the manifest that a run would use for DIR (detected from the
 * documents) on stdout, warnings on stderr. Exit codes as every program, 3 when some document could
 * not be read or its language is und. */
int tt_manifest_cmd_main(int argc, char **argv);

#endif
