/* SPDX-License-Identifier: GPL-2.0 */
/*
 * dmabench trace, in parts that can be tested without spawning a tracer:
 * argument parsing, the events present, the output directory, and the argv
 * (and environment) of each tool's command. cmd_trace() strings them
 * together and runs the commands through trace_spawn.
 */
#ifndef DMABENCH_CMD_TRACE_H
#define DMABENCH_CMD_TRACE_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include "cmd.h"
#include "lib/run_options.h"

#define TRACE_MAX_ARGS		128
#define TRACE_MAX_EVENTS	32
#define TRACE_EVENT_LEN		64
#define TRACE_MAX_ENV		4
/* Where traces go without --output-dir, relative to the working directory. */
#define TRACE_DEFAULT_BASE_DIR	"results/traces"
/* Overrides the tracefs mount point (tests, unusual mounts). */
#define TRACE_TRACEFS_ENV	"DMABENCH_TRACEFS"

/* A kernel event the trace wants: tracefs system/name, LTTng's name. */
struct trace_kevent {
	const char *system;
	const char *name;	/* "*": every event of the system */
	const char *lttng;	/* LTTng event name (our probe modules); NULL: none */
};

struct tracer;

struct trace_ctx {
	struct cmd_ctx *ctx;
	const struct tracer *tracer;
	const char *base_dir;	/* --output-dir */
	char dir[PATH_MAX - 64];	/* the run's directory: room for "/result.json" */
	char self[PATH_MAX];	/* this program, for the child `run` */
	char **run_args;	/* SCENARIO [options], handed to run */
	int nrun_args;
	struct run_config cfg;	/* run_args parsed: checked before any tracer */
	const struct trace_kevent *present[TRACE_MAX_EVENTS];
	size_t npresent;
};

/* One command to spawn: argv and the variables added to the environment. */
struct trace_cmd {
	char *argv[TRACE_MAX_ARGS];
	char *env[TRACE_MAX_ENV + 1];
	bool quiet;		/* stdout to /dev/null */
	/* storage argv and env point into */
	char events[TRACE_MAX_EVENTS][TRACE_EVENT_LEN];
	char out[PATH_MAX];
	char result[PATH_MAX];
	char preload[2 * PATH_MAX];
};

/*
 * Parses `trace` argv (argv[0] is "trace") into t: --with, --output-dir, and
 * the run's SCENARIO [options], checked with run_config_parse(). t->run_args
 * must have room for argc pointers. EXIT_OK or EXIT_USAGE (said on ctx->err).
 */
int trace_parse_args(struct trace_ctx *t, int argc, char **argv);

/* The tool's name, or NULL: "perf", "trace-cmd", "lttng". */
const char *trace_tool_name(const struct trace_ctx *t);

/* Keeps the wanted events this kernel has; dmabench's must be there. */
int trace_find_events(struct trace_ctx *t);

/* Makes BASE/STAMP-TOOL-PID (mkdir -p) into t->dir; 0 or -errno. */
int trace_make_dir(struct trace_ctx *t, const char *stamp, long pid);

/* perf record / trace-cmd record running the child run; 0 or -E2BIG. */
int trace_perf_cmd(const struct trace_ctx *t, struct trace_cmd *c);
int trace_trace_cmd_cmd(const struct trace_ctx *t, struct trace_cmd *c);
/* The child run of an LTTng session, with the UST provider preloaded when
 * it exists (*have_ust says whether). 0 or -E2BIG / -ENAMETOOLONG. */
int trace_lttng_run_cmd(const struct trace_ctx *t, struct trace_cmd *c, bool *have_ust);
/* The comma-separated LTTng kernel events for t->present. */
int trace_lttng_kernel_events(const struct trace_ctx *t, char *buf, size_t len);

/* Runs argv (+ env): exit status, 128 + signal, or -errno. Replaceable (tests). */
typedef int (*trace_spawn_fn)(char *const argv[], char *const env[], bool quiet);
extern trace_spawn_fn trace_spawn;

#endif
