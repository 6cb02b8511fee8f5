// SPDX-License-Identifier: GPL-2.0
#include <stdarg.h>
#include <string.h>
#include "cmd.h"
#include "lib/options.h"
#include "lib/fingerprint.h"
#include "lib/run_options.h"
#include "lib/sysinfo.h"

volatile sig_atomic_t dmabench_interrupted;

const struct command commands[] = {
	{ "list", "[--format human|json]", "list the module's scenarios", cmd_list,
	  &show_options },
	{ "info", "[--format human|json] [--pci]",
	  "show the module, its clock and its devices (--pci: and the machine's PCI devices)",
	  cmd_info, &info_options },
	{ "run", "SCENARIO [options]", "run a scenario and report latencies", cmd_run,
	  &run_options },
	{ "verify", "[--device NAME]", "check real DMA through every edu device (KTAP)", cmd_verify,
	  &verify_options },
	{ "summary", "DIR [--format human|csv]", "median figures of every result file in DIR/<profile>/",
	  cmd_summary, &summary_options },
	{ "trace", "--with TOOL [--output-dir DIR] SCENARIO [options]",
	  "run a scenario under perf, trace-cmd or lttng", cmd_trace, &run_options },
	{ "mmap", "[--variant V] [options]",
	  "mmap DMA buffers into user space: mmap, first touch, bandwidth, edu check", cmd_mmap,
	  &mmap_options },
	{ "pairs", "[options]", "old vs attribute allocation pairs: latency ratios, vmalloc bytes per buffer",
	  cmd_pairs, &pairs_options },
	{ "compare", "BASELINE RUN... [--format human|csv|json] [--across kernel] [--force]",
	  "compare runs with a baseline: % change, significance (Mann-Whitney U)", cmd_compare,
	  &compare_options },
	{ "report", "RUNDIR [--data-only]",
	  "write RUNDIR/report.md and report.html: fingerprint, summary, findings, plots", cmd_report,
	  &report_options },
	{ "import", "RUNDIR LOG... [--profile NAME]",
	  "a fleet job's logs (LAVA) into a new run directory, for summary, compare, report",
	  cmd_import, &import_options },
	{ "merge", "OUTPUT INPUT...",
	  "the repetitions of several runs of one command line in one result file",
	  cmd_merge, &merge_options },
	{ "help", "[COMMAND]", "show this help, or a command's options", cmd_help, NULL },
};

const size_t commands_count = sizeof(commands) / sizeof(commands[0]);

void cmd_error(struct cmd_ctx *ctx, const char *cmd, const char *fmt, ...)
{
	va_list ap;

	fprintf(ctx->err, "dmabench%s%s: ", cmd ? " " : "", cmd ? cmd : "");
	va_start(ap, fmt);
	vfprintf(ctx->err, fmt, ap);
	va_end(ap);
	fputc('\n', ctx->err);
}

int cmd_open_device(struct cmd_ctx *ctx, const char *cmd, struct dmabench_handle *dev)
{
	char err[512];

	(void)cmd;
	memset(dev, 0, sizeof(*dev));
	dev->backend_data = ctx->backend_data;
	if (dmabench_handle_open(dev, ctx->backend, ctx->node_path, err, sizeof(err))) {
		/* The message names the node; the command adds nothing useful. */
		cmd_error(ctx, NULL, "%s", err);
		return EXIT_RUN_FAILED;
	}
	return EXIT_OK;
}

int cmd_interrupted_exit(struct cmd_ctx *ctx)
{
	cmd_error(ctx, NULL, "interrupted, no results written");
	return dmabench_interrupted ? 128 + dmabench_interrupted : EXIT_INTERRUPTED;
}

int cmd_write_report(struct cmd_ctx *ctx, const char *cmd, const char *path,
		     int (*writer)(FILE *fp, void *arg), void *arg, bool failed)
{
	int ret;

	if (dmabench_interrupted)
		return cmd_interrupted_exit(ctx);
	ret = report_output(ctx->out, path, writer, arg);
	if (ret) {
		cmd_error(ctx, cmd, "%s: %s", path[0] ? path : "stdout", strerror(-ret));
		return EXIT_RUN_FAILED;
	}
	return failed ? EXIT_RUN_FAILED : EXIT_OK;
}

void cmd_clocksource(char *buf, size_t len, const char **from)
{
	read_first_line(DMABENCH_CLOCKSOURCE_SYSFS, buf, len);
	*from = "sysfs";
}

static const struct command *find_command(const char *name)
{
	size_t i;

	for (i = 0; i < commands_count; i++)
		if (!strcmp(commands[i].name, name))
			return &commands[i];
	return NULL;
}

static void print_usage(FILE *out)
{
	size_t i;

	fprintf(out, "usage: dmabench COMMAND [options]\n\ncommands:\n");
	for (i = 0; i < commands_count; i++)
		fprintf(out, "  %-8s %-24s %s\n", commands[i].name, commands[i].usage,
			commands[i].summary);
	fprintf(out, "\n'dmabench help COMMAND' or 'dmabench COMMAND --help' "
		"shows a command's options.\n");
}

static void print_command_help(FILE *out, const struct command *c)
{
	const struct opt_table *t = c->options;

	fprintf(out, "usage: dmabench %s %s\n%s\n", c->name, c->usage, c->summary);
	if (t && t->n) {
		fprintf(out, "\noptions:\n");
		opts_print_help(out, t);
	}
}

int cmd_help(struct cmd_ctx *ctx, int argc, char **argv)
{
	const struct command *c;

	if (argc < 2) {
		print_usage(ctx->out);
		return EXIT_OK;
	}
	c = find_command(argv[1]);
	if (!c) {
		cmd_error(ctx, "help", "unknown command '%s'", argv[1]);
		return EXIT_USAGE;
	}
	print_command_help(ctx->out, c);
	return EXIT_OK;
}

int dmabench_main(struct cmd_ctx *ctx, int argc, char **argv)
{
	const struct command *c;
	int i;

	if (argc < 1 || !strcmp(argv[0], "--help") || !strcmp(argv[0], "-h")) {
		print_usage(argc < 1 ? ctx->err : ctx->out);
		return argc < 1 ? EXIT_USAGE : EXIT_OK;
	}
	if (!strcmp(argv[0], "--version")) {
		fprintf(ctx->out, "dmabench %s (ABI %d)\n", DMABENCH_VERSION,
			DMABENCH_ABI_VERSION);
		return EXIT_OK;
	}
	c = find_command(argv[0]);
	if (!c) {
		cmd_error(ctx, NULL, "unknown command '%s' (try 'dmabench help')", argv[0]);
		return EXIT_USAGE;
	}
	/* Every command answers --help the same way, before touching the module. */
	for (i = 1; i < argc && strcmp(argv[i], "--"); i++) {
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			print_command_help(ctx->out, c);
			return EXIT_OK;
		}
	}
	return c->fn(ctx, argc, argv);
}
