/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The results of one `dmabench run`: a header that fingerprints the machine
 * (cyclictest --json style), the parameters, the device, and every
 * repetition's per-op statistics and histograms. Written as JSON (jansson),
 * long-format CSV, or a human table whose summary lines start with '#'.
 */
#ifndef DMABENCH_RESULTS_H
#define DMABENCH_RESULTS_H

#include <stdbool.h>
#include <stdio.h>
#include <sys/utsname.h>
#include <time.h>
#include <jansson.h>
#include "dmabench.h"
#include "hist.h"
#include "run_options.h"

/*
 * The format of dmabench's JSON files, in their "file_version". 2: each
 * histogram is runs of consecutive buckets, [lower_ns, count, count, ...]
 * (histogram_json in results_json.c says how); 1: one [lower_ns, upper_ns,
 * count] triple per non-empty bucket, four times the bytes. The readers
 * take both, and a file without the key as 1; they refuse a later version,
 * whose histograms they could only misread.
 */
#define RESULTS_FILE_VERSION	2
/* Empty buckets a run holds as zeros: "0," costs 2 bytes, a new run
 * "],[lower_ns," at least 4, so gaps of 1 and 2 cost no more inside a run. */
#define RESULTS_HIST_RUN_GAP	2

struct vm_summary;
struct vm_callers;

struct repetition {
	struct dmabench_results results;	/* as the module returned them */
	struct hist hist[DMABENCH_MAX_OPS];
	struct hist floor;			/* back-to-back clock reads (per-op runs) */
	/* Per-op runs: each whole iteration one sample; count 0 = not timed. */
	struct dmabench_op_stats whole_iteration;
	struct hist whole_iteration_hist;
	struct vm_summary *vmalloc;		/* NULL: not sampled */
};

struct run_result {
	const char *tool_version;
	const char *cmdline;
	struct timespec start_time, end_time;	/* CLOCK_REALTIME */
	int exit_code;
	struct utsname uts;
	char kernel_release[64];	/* the module's utsname()->release */
	char kernel_version[128];	/* kernel_version_from_uts() */
	char hypervisor[16];		/* hypervisor_name() */
	char profile[64];
	char clocksource[DMABENCH_NAME_LEN];
	const char *clocksource_from;	/* "module" or "sysfs" */
	uint64_t clock_read_ns;		/* the module's, measured at load */
	const char *traced;	/* the tool that recorded the run; NULL: none */
	const struct run_config *config;
	struct dmabench_device_info device;
	struct dmabench_scenario_info scenario;
	uint32_t nreps;
	struct repetition *reps;
	const struct vm_callers *vm_callers;	/* names of the vmalloc summaries */
	/* --repeat auto: why it stopped; stopped NULL when not auto. */
	struct {
		const char *stopped;	/* "within_target" or "cap" */
		double half_width_pct;	/* the widest op's p50 interval, half, in % */
		double level;		/* that interval's coverage */
		const char *worst_op;	/* the op with it */
	} repeat_auto;
};

/* A value that does not exist (no samples, or the rank overflowed). */
#define METRIC_UNKNOWN	UINT64_MAX

/* One op of one repetition, everything derived once. */
struct op_summary {
	const char *name;
	uint64_t count, errors, overflow;
	uint64_t min_ns, max_ns;		/* METRIC_UNKNOWN when count == 0 */
	double mean_ns, stddev_ns;
	uint64_t p50_ns, p90_ns, p99_ns, p999_ns;	/* METRIC_UNKNOWN likewise */
	uint64_t ops_per_sample;
	uint64_t hist_samples;			/* in the buckets + overflow */
	/* Net of the run's floor (per-op runs with one): NaN otherwise. */
	double net_mean_ns;			/* mean_ns - floor mean_p99_ns */
	double net_p50_ns;			/* p50_ns - floor p50 */
};

/* The floor of a per-op run: back-to-back reads of its clock. */
struct floor_summary {
	uint64_t count;				/* 0: no floor (batched, old module) */
	double mean_ns;				/* exact: the module's sum / count */
	double mean_p99_ns;			/* of the reads up to p99: what net uses */
	uint64_t p10_ns, p50_ns, p90_ns, p99_ns;	/* METRIC_UNKNOWN when none */
};

void op_summary_compute(const struct dmabench_op_stats *stats,
			const struct hist *hist, struct op_summary *out);
void floor_summary_compute(const struct dmabench_results *res,
			   const struct hist *floor, struct floor_summary *out);
/* Op op of a repetition: op_summary_compute() and the figures net of its floor. */
/* The whole iterations of a per-op run; false when they were not timed.
 * No net figures: an iteration holds its ops' stamps as well as its own. */
bool rep_whole_iteration_summary(const struct repetition *rep,
				 struct op_summary *out);
void rep_op_summary(const struct repetition *rep, uint32_t op,
		    struct op_summary *out);

/* Metric metadata (mmtests style): key with unit, unit, title. */
enum metric_kind { METRIC_U64, METRIC_F64 };

struct metric {
	const char *key;
	const char *unit;
	const char *title;
	enum metric_kind kind;
	size_t offset;		/* into struct op_summary */
};

extern const struct metric op_metrics[];
extern const size_t op_metrics_count;

/* Value of metric m in s (METRIC_U64 in *u, both kinds in *d); false when
 * it is unknown. */
bool metric_value(const struct metric *m, const struct op_summary *s,
		  uint64_t *u, double *d);

/* Per-repetition metrics (CSV op column "all"). */
struct rep_metric {
	const char *key;
	const char *unit;
	size_t offset;		/* into struct dmabench_results, a __u64 */
};

extern const struct rep_metric rep_metrics[];
extern const size_t rep_metrics_count;

/* The clock a report's samples used: its first repetition's ("ktime" when none). */
const char *run_result_clock(const struct run_result *r);

/*
 * --repeat auto's check after each repetition: the 95 % interval of every
 * op's p50 over r->nreps repetitions; fills r->repeat_auto and returns true
 * when each half-width is within target_pct of its median (and the
 * interval reaches 95 %).
 */
bool run_result_within_target(struct run_result *r, double target_pct);

/* A bound device as JSON (also used by `dmabench info`). */
json_t *device_info_to_json(const struct dmabench_device_info *d);

json_t *run_result_to_json(const struct run_result *r);

/* Writers: 0, or -1 with errno set. */
int run_result_write_json(FILE *fp, const struct run_result *r);
int run_result_write_csv(FILE *fp, const struct run_result *r);
int run_result_write_human(FILE *fp, const struct run_result *r);
int run_result_write(FILE *fp, const struct run_result *r);	/* by config->format */

#endif
