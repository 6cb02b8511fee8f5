/* SPDX-License-Identifier: GPL-2.0 */
/* The dmabench commands: a table of {name, summary, fn}, perf-bench style. */
#ifndef DMABENCH_CMD_H
#define DMABENCH_CMD_H

#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include "lib/handle.h"

struct vm_sources;

#ifndef DMABENCH_VERSION
#define DMABENCH_VERSION "0.1"
#endif

enum exit_code {
	EXIT_OK = 0,
	EXIT_RUN_FAILED = 1,
	EXIT_USAGE = 2,
	/*
	 * The module refused the run with EOPNOTSUPP: this device's DMA path,
	 * this kernel or this clock cannot run it. A matrix lists it as
	 * refused, not failed.
	 */
	EXIT_UNSUPPORTED = 3,
	EXIT_INTERRUPTED = 130,	/* 128 + SIGINT, like a shell */
};

/* What a command needs from outside: where the module is, where to write. */
struct cmd_ctx {
	const struct dmabench_backend *backend;
	void *backend_data;		/* handed to the backend (fakes) */
	const char *node_path;		/* DMABENCH_DEVICE_NODE */
	FILE *out, *err;
	int argc_full;			/* the whole command line, for results */
	char **argv_full;
	const struct vm_sources *vm_sources;	/* vmalloc sampler; NULL = /proc, debugfs */
	const char *sysfs_root;		/* info --pci reads it; NULL = /sys */
};

struct opt_table;

/* One subcommand: its name, help lines, entry point and option table. */
struct command {
	const char *name;
	const char *usage;	/* after "dmabench NAME" */
	const char *summary;
	int (*fn)(struct cmd_ctx *ctx, int argc, char **argv);
	const struct opt_table *options;	/* for help COMMAND; NULL: none */
};

extern const struct command commands[];
extern const size_t commands_count;

/* The signal that interrupted us (SIGINT, SIGTERM), or 0; a blocked ioctl
 * returns EINTR. */
extern volatile sig_atomic_t dmabench_interrupted;

/* 128 + the signal, as a shell reports it; EXIT_INTERRUPTED if unknown. */
int cmd_interrupted_exit(struct cmd_ctx *ctx);

/*
 * The end of a command that writes a report (mmap, pairs): nothing if a
 * signal interrupted it, else the report to path (stdout when empty);
 * EXIT_RUN_FAILED if that fails or the command already failed.
 */
int cmd_write_report(struct cmd_ctx *ctx, const char *cmd, const char *path,
		     int (*writer)(FILE *fp, void *arg), void *arg, bool failed);

/* Dispatches argv[0] (the command) to its table entry; returns the exit code. */
int dmabench_main(struct cmd_ctx *ctx, int argc, char **argv);

/* "dmabench NAME: message\n" on ctx->err. */
void cmd_error(struct cmd_ctx *ctx, const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Opens the module or says why not; EXIT_OK or EXIT_RUN_FAILED. */
int cmd_open_device(struct cmd_ctx *ctx, const char *cmd, struct dmabench_handle *dev);

struct show_config;
/* list and info: parses --format, takes no positional argument. */
int cmd_parse_show(struct cmd_ctx *ctx, const char *cmd, int argc, char **argv,
		   struct show_config *cfg);

/*
 * The current clocksource, from sysfs: no exported kernel API names it, so
 * the module cannot. *from says where it came from ("sysfs").
 */
void cmd_clocksource(char *buf, size_t len, const char **from);

int cmd_list(struct cmd_ctx *ctx, int argc, char **argv);
int cmd_info(struct cmd_ctx *ctx, int argc, char **argv);
int cmd_run(struct cmd_ctx *ctx, int argc, char **argv);
int cmd_verify(struct cmd_ctx *ctx, int argc, char **argv);
int cmd_summary(struct cmd_ctx *ctx, int argc, char **argv);
int cmd_help(struct cmd_ctx *ctx, int argc, char **argv);
int cmd_trace(struct cmd_ctx *ctx, int argc, char **argv);
int cmd_mmap(struct cmd_ctx *ctx, int argc, char **argv);
int cmd_pairs(struct cmd_ctx *ctx, int argc, char **argv);
int cmd_compare(struct cmd_ctx *ctx, int argc, char **argv);
int cmd_report(struct cmd_ctx *ctx, int argc, char **argv);
int cmd_import(struct cmd_ctx *ctx, int argc, char **argv);
int cmd_merge(struct cmd_ctx *ctx, int argc, char **argv);

/* dmabench trace runs `dmabench run` under a tracer with this set to the
 * tool's name; the run's results then say "traced": "<tool>". */
#define DMABENCH_TRACED_ENV	"DMABENCH_TRACED"

extern const struct opt_table summary_options;
extern const struct opt_table compare_options;
extern const struct opt_table report_options;
extern const struct opt_table import_options;
extern const struct opt_table merge_options;
extern const struct opt_table info_options;

#endif
