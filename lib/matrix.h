/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A scenario matrix (the files in bench/matrix/, RUNDIR/matrix): one
 * `dmabench run` per line, and after a '|' what the report makes of it, declared
 * there and nowhere else:
 *   NAME  RUN-ARGS...  [| plot=KIND[,KIND...] vs=ENTRY title="..."]
 * plot: profile (p50 and p99 per op in every profile), hist (the latency
 * histogram), cdf (the latency CDF); vs: a finding comparing this entry
 * with each ENTRY (a comma list) in every profile, op by op; title: that
 * finding's heading.
 */
#ifndef DMABENCH_MATRIX_H
#define DMABENCH_MATRIX_H

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
};

struct matrix {
	struct matrix_line *line;
	size_t n;
};

/*
 * Reads and checks a matrix file: names unique, tags known, every vs=
 * another entry of the same matrix. Returns 0, -ENOENT when there is no such
 * file, or -EINVAL (or another -errno) with the reason in err.
 */
int matrix_load(const char *path, struct matrix *m, char *err, size_t errlen);
void matrix_free(struct matrix *m);
const struct matrix_line *matrix_find(const struct matrix *m, const char *name);

#endif
