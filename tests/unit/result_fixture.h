/* SPDX-License-Identifier: GPL-2.0 */
/* Synthetic dmabench result files with known figures, for the tests of
 * compare and report (no committed fixtures). */
#ifndef DMABENCH_TEST_RESULT_FIXTURE_H
#define DMABENCH_TEST_RESULT_FIXTURE_H

#include <stddef.h>
#include "cmd.h"
#include "cli_capture.h"

struct fx_header {
	const char *kernel_release;
	const char *profile;
	const char *clocksource;
	unsigned int clock_read_ns;
	const char *clock;	/* per-op clock; NULL: no key, as in older files */
	const char *hypervisor;	/* NULL: no key, as in older files */
	/* params (0 / NULL: scenario "synthetic", 4096 bytes, 1 thread); via
	 * is always direct, direction bidirectional, batch 1, no mask. */
	const char *scenario;
	long long size_bytes;
	unsigned int threads;
};

/* One op: its p50_ns in each repetition. The other figures derive from it:
 * mean_ns = p50_ns + 10, p99_ns = 2 * p50_ns, net_p50_ns = p50_ns - 10 (a
 * floor of 10 ns), one histogram bucket
 * [p50_ns, p50_ns + 1) holding all FX_COUNT samples. */
struct fx_op {
	const char *name;
	const double *p50_ns;
};

#define FX_COUNT 1000

/* Writes a result JSON of nreps repetitions with ops[0..nops) to path,
 * creating its directories. Fails the test on error. The file is of
 * file_version 1 (histogram triples): what every reader must keep reading. */
void fx_write_result(const char *path, const struct fx_header *h, size_t nreps,
		     const struct fx_op *ops, size_t nops);

/* mkdtemp under /tmp into buf ("/tmp/dmabench-NAME-XXXXXX"). */
void fx_tmpdir(char *buf, size_t len, const char *name);
/* rm -r path. */
void fx_rmtree(const char *path);
/* The whole file as a string (free it); fails the test if unreadable. */
char *fx_read_file(const char *path);

/* A command test's state: its context, captured output and a temporary
 * directory. cmocka setup and teardown; state is the harness. */
struct harness {
	struct cmd_ctx ctx;
	struct cli_capture cap;
	char dir[64];
};

/* h->dir/name, in one of 8 rotating buffers (a call's several paths). */
const char *fx_path_in(const struct harness *h, const char *name);

int fx_harness_setup(void **state);
int fx_harness_teardown(void **state);
/* A cmocka test on a fresh harness (after #include <cmocka.h>). */
#define fx_harness_test(f) \
	cmocka_unit_test_setup_teardown(f, fx_harness_setup, fx_harness_teardown)

#endif
