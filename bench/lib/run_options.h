/* SPDX-License-Identifier: GPL-2.0 */
/* The option tables of the commands: what a run, a verify, a listing take. */
#ifndef DMABENCH_RUN_OPTIONS_H
#define DMABENCH_RUN_OPTIONS_H

#include <limits.h>
#include <stdbool.h>
#include "dmabench.h"
#include "options.h"

/* Harness-side limit: repetitions are kept in memory, 64 KiB of histogram each. */
#define DMABENCH_MAX_REPEAT	1000

enum output_format {
	OUTPUT_HUMAN = 0,
	OUTPUT_JSON = 1,
	OUTPUT_CSV = 2,
};

extern const struct opt_name output_format_names[];

/* dmabench run SCENARIO [options] */
struct run_config {
	struct dmabench_params params;	/* the module's part, sent as is */
	uint32_t format;		/* enum output_format */
	uint32_t repeat;		/* repetitions, kept apart in the results */
	char output_path[PATH_MAX];	/* "" = stdout */
};

extern const struct opt_table run_options;

/*
 * Parses "SCENARIO [options]" into cfg (defaults first). Checks that need
 * more than one option (--iterations vs --duration, sync range inside the
 * buffer) are done here too.
 */
enum opts_status run_config_parse(struct run_config *cfg, int argc, char **argv,
				  char *err, size_t errlen);

/* dmabench verify [options] */
struct verify_config {
	char device[DMABENCH_NAME_LEN];	/* "" = every edu device */
	uint32_t len_bytes;
	uint32_t seed;
};

extern const struct opt_table verify_options;

/* dmabench list / info [options] */
struct show_config {
	uint32_t format;	/* human or json */
};

extern const struct opt_table show_options;

#endif
