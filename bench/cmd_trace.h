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

#define TRACE_MAX_ARGS		256
#define TRACE_MAX_EVENTS	64
#define TRACE_EVENT_LEN		64
#define TRACE_MAX_ENV		4
/*
 * The kernel's own DMA-API events (6.12 on; 7.3 renames some): whichever
 * tracefs lists under events/dma/, found at run time, never assumed from a
 * kernel version. More than this many are recorded up to it, and said.
 */
#define TRACE_DMA_SYSTEM	"dma"
#define TRACE_MAX_DMA_EVENTS	48
/* What was enabled, written beside result.json (a reader of the trace
 * tells a kernel without an event from an event that never fired). */
#define TRACE_METADATA_FILE	"trace.json"
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
	/* perf's own output when not in dir (see record_perf); "": dir/perf.data */
	char perf_tmp[PATH_MAX];
	char **run_args;	/* SCENARIO [options], handed to run */
	int nrun_args;
	struct run_config cfg;	/* run_args parsed: checked before any tracer */
	const char *tracefs;	/* where the events were looked up */
	const struct trace_kevent *present[TRACE_MAX_EVENTS];
	size_t npresent;
	/*
	 * dma:* events of this kernel, sorted by name; each one's lttng name
	 * is set only once LTTng lists it (trace_lttng_match).
	 */
	struct trace_kevent dma[TRACE_MAX_DMA_EVENTS];
	char dma_names[TRACE_MAX_DMA_EVENTS][TRACE_EVENT_LEN];
	size_t ndma;
	bool dma_system;	/* tracefs has events/dma/ at all */
	size_t dma_skipped;	/* found but beyond TRACE_MAX_DMA_EVENTS */
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

/*
 * Keeps the wanted events this kernel has, then every event of its dma
 * system; dmabench's must be there.
 */
int trace_find_events(struct trace_ctx *t);

/*
 * Sets the LTTng name of each dma event that `lttng list --kernel`'s text
 * names (an LTTng probe restates them under the kernel's names); the others
 * stay unrecorded with LTTng. Returns how many matched.
 */
size_t trace_lttng_match(struct trace_ctx *t, const char *listing);

/* trace.json: the tool, the events enabled, the dma events the kernel has
 * and which of them the recording holds. NULL when out of memory. */
struct json_t;
struct json_t *trace_metadata_json(const struct trace_ctx *t);

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

/* Runs argv with its stdout into *out (malloc'ed, NUL-terminated): exit
 * status, 128 + signal, or -errno. Replaceable (tests). */
typedef int (*trace_capture_fn)(char *const argv[], char **out);
extern trace_capture_fn trace_capture;

#endif
