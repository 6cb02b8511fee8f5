/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A scenario matrix (the files in bench/matrix/, RUNDIR/matrix): one
 * `dmabench run` per line, and after a '|' what the report makes of it, declared
 * there and nowhere else:
 *   NAME  RUN-ARGS...  [| TAG=VALUE...]
 * plot=KIND[,KIND...]: profile (p50 and p99 per op in every profile), hist
 *   (the latency histogram), cdf (the latency CDF);
 * vs=ENTRY[,ENTRY...]: a finding comparing this entry with each ENTRY in
 *   every profile, op by op;
 * across=PROFILE: a finding comparing this entry in every profile with it
 *   in PROFILE (the sum of its ops' p50);
 * between=PROFILE,PROFILE: a finding comparing this entry in the first
 *   profile with it in the second, op by op and summed;
 * loop=ENTRY: ENTRY times the same op loop-timed (--batch); a finding sets
 *   this entry's per-op figures net of the floor against it;
 * role=floor: this entry is the harness floor (the null scenario); its
 *   finding relates it to every entry with a loop=;
 * scale=SERIES: a point of SERIES, a finding and plots of the sum of the
 *   ops' p50 against buffer size and threads;
 * title="...": the heading of this entry's findings and plots.
 */
#ifndef DMABENCH_MATRIX_H
#define DMABENCH_MATRIX_H

#include <stdbool.h>
#include <stddef.h>

#define MATRIX_NAME_LEN		64
#define MATRIX_TITLE_LEN	160
#define MATRIX_MAX_VS		4

enum matrix_plot {
	MATRIX_PLOT_PROFILE = 1 << 0,
	MATRIX_PLOT_HIST = 1 << 1,
	MATRIX_PLOT_CDF = 1 << 2,
};

struct matrix_line {
	char name[MATRIX_NAME_LEN];
	char *args;			/* what `dmabench run` gets */
	unsigned int plots;		/* enum matrix_plot */
	char vs[MATRIX_MAX_VS][MATRIX_NAME_LEN];	/* the entries compared with */
	size_t nvs;
	char title[MATRIX_TITLE_LEN];	/* "" when none */
	char across[MATRIX_NAME_LEN];	/* the baseline profile, or "" */
	char between[2][MATRIX_NAME_LEN];	/* two profiles, or "" */
	char loop[MATRIX_NAME_LEN];	/* the loop-timed entry, or "" */
	char scale[MATRIX_NAME_LEN];	/* the series, or "" */
	bool floor;			/* role=floor */
};

struct matrix {
	struct matrix_line *line;
	size_t n;
};

/*
 * Reads and checks a matrix file: names unique, tags known, every vs=
 * and loop= another entry of the same matrix, at most one role=floor. Returns 0, -ENOENT when there is no such
 * file, or -EINVAL (or another -errno) with the reason in err.
 */
int matrix_load(const char *path, struct matrix *m, char *err, size_t errlen);
void matrix_free(struct matrix *m);
const struct matrix_line *matrix_find(const struct matrix *m, const char *name);

#endif
