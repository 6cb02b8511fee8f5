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
extern const struct opt_name show_format_names[];

/* Longest --sizes text: DMABENCH_MAX_SIZES entries of "4194304:65535,". */
#define RUN_SIZES_TEXT_LEN	(DMABENCH_MAX_SIZES * 16)
/* Longest sampler interval: a sample a minute is no timeline any more. */
#define DMABENCH_MAX_VMALLOC_INTERVAL_NS	(60ULL * 1000000000ULL)

/* dmabench run SCENARIO [options] */
struct run_config {
	struct dmabench_params params;	/* the module's part, sent as is */
	uint32_t format;		/* enum output_format */
	uint32_t repeat;		/* repetitions, kept apart in the results; 0: auto */
	uint32_t repeat_target_pct;	/* auto: stop when every p50 interval is within */
	uint32_t repeat_max;		/* auto: or after this many */
	char output_path[PATH_MAX];	/* "" = stdout */
	/* --sizes as typed, and parsed: params.sizes_ptr points at sizes. */
	char sizes_text[RUN_SIZES_TEXT_LEN];
	struct dmabench_size_weight sizes[DMABENCH_MAX_SIZES];
	uint64_t vmalloc_interval_ns;	/* 0 = no vmalloc sampling */
	char vmalloc_timeline_path[PATH_MAX];	/* "" = no timeline CSV */
	/* The first storm-only option the user gave ("" = none): refused for
	 * scenarios that are not storms. */
	char storm_option_seen[32];
};

extern const struct opt_table run_options;

/* --repeat auto: repetitions before the first check (the fewest whose
 * order-statistic interval of the median reaches 95 %: 6 covers 96.9 %). */
#define RUN_REPEAT_AUTO_MIN	6
/* Repetitions a run makes at most: --repeat N, or --repeat-max when auto. */
uint32_t run_config_max_reps(const struct run_config *cfg);

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

/*
 * Checks that depend on the scenario (its DMABENCH_SCN_F_* flags, from the
 * module): storm options only for storms; for other scenarios the storm
 * fields are cleared, as the ABI wants them zero.
 */
int run_config_for_scenario(struct run_config *cfg, uint32_t scenario_flags,
			    char *err, size_t errlen);

/* "4k:3,64k:1" into out[]; 0, or -1 with err set. */
int parse_size_weights(const char *text, struct dmabench_size_weight *out,
		       uint32_t *n, char *err, size_t errlen);

/* dmabench mmap [options] */
#define MMAP_VARIANT_ALL	UINT32_MAX
struct mmap_config {
	char device[DMABENCH_NAME_LEN];	/* "" = first device */
	uint32_t via;
	uint32_t variant;		/* enum dmabench_alloc_variant or MMAP_VARIANT_ALL */
	uint64_t size_bytes;
	uint64_t attrs;			/* variant attrs only */
	uint32_t len_bytes;		/* verified bytes */
	uint32_t seed;
	uint32_t passes;		/* bandwidth: passes over the buffer */
	uint32_t format;
	char output_path[PATH_MAX];
};

extern const struct opt_table mmap_options;
enum opts_status mmap_config_parse(struct mmap_config *cfg, int argc, char **argv,
				   char *err, size_t errlen);

/* dmabench pairs [options] */
struct pairs_config {
	char device[DMABENCH_NAME_LEN];
	uint32_t via;
	uint64_t size_bytes;
	uint64_t iterations;
	uint32_t outstanding;		/* buffers held to measure vmalloc bytes */
	uint64_t hold_ns;
	uint64_t vmalloc_interval_ns;
	uint32_t format;
	char output_path[PATH_MAX];
};

extern const struct opt_table pairs_options;
enum opts_status pairs_config_parse(struct pairs_config *cfg, int argc, char **argv,
				    char *err, size_t errlen);

/* dmabench list / info [options] */
struct show_config {
	uint32_t format;	/* human or json */
};

extern const struct opt_table show_options;

#endif
