// SPDX-License-Identifier: GPL-2.0
/*
 * The CLI's option parsing and validation. The input is a command line, one
 * word per line: the command, then its arguments. Each command's arguments
 * go through the parser that command calls before it opens /dev/dmabench or
 * reads any file (run_config_parse, trace_parse_args, mmap_config_parse,
 * pairs_config_parse, cmd_parse_show, opts_parse on the command's table);
 * nothing is run. A run's parse is also checked against a plain and a storm
 * scenario (run_config_for_scenario), and what parsed is echoed back
 * (opts_to_json, opts_format_value) as a result file would. help, --help,
 * --version and unknown commands go through dmabench_main itself, which
 * answers them without touching the module.
 */
#include <stdlib.h>
#include <string.h>
#include "cmd.h"
#include "cmd_trace.h"
#include "lib/run_options.h"
#include "fuzz_util.h"

#define MAX_WORDS 64

/* What the commands that parse with opts_parse directly accept. */
static const struct {
	const char *name;
	const struct opt_table *t;
	int max_positional;
} plain[] = {
	{ "verify", &verify_options, 0 },
	{ "summary", &summary_options, 1 },
	{ "compare", &compare_options, 17 },	/* COMPARE_MAX_RUNS + 1 */
	{ "report", &report_options, 1 },
};

/* The echo of a parsed configuration, as results carry it. */
static void echo(const struct opt_table *t, const void *cfg)
{
	char buf[PATH_MAX + 64];
	size_t i;

	json_decref(opts_to_json(t, cfg));
	for (i = 0; i < t->n; i++)
		opts_format_value(&t->opts[i], cfg, buf, sizeof(buf));
}

/* The end of the last field of t: the size of the command's config. */
static size_t table_extent(const struct opt_table *t)
{
	size_t i, end = 0;

	for (i = 0; i < t->n; i++)
		if (t->opts[i].offset + t->opts[i].field_size > end)
			end = t->opts[i].offset + t->opts[i].field_size;
	return end;
}

static void parse_plain(int k, int argc, char **argv)
{
	char err[OPT_ERR_LEN], *positional[32];
	void *cfg = malloc(table_extent(plain[k].t));
	int npositional;

	if (!cfg)
		return;
	opts_set_defaults(plain[k].t, cfg);
	if (opts_parse(plain[k].t, cfg, argc - 1, argv + 1, positional,
		       plain[k].max_positional, &npositional, NULL, err,
		       sizeof(err)) == OPTS_OK)
		echo(plain[k].t, cfg);
	free(cfg);
}

static void parse_run(int argc, char **argv)
{
	static const uint32_t flags[] = { 0, DMABENCH_SCN_F_ALLOC | DMABENCH_SCN_F_STORM };
	struct run_config *cfg = malloc(sizeof(*cfg)), *copy = malloc(sizeof(*cfg));
	char err[OPT_ERR_LEN];
	size_t i;

	if (cfg && copy &&
	    run_config_parse(cfg, argc - 1, argv + 1, err, sizeof(err)) == OPTS_OK) {
		echo(&run_options, cfg);
		for (i = 0; i < sizeof(flags) / sizeof(flags[0]); i++) {
			memcpy(copy, cfg, sizeof(*cfg));
			if (!run_config_for_scenario(copy, flags[i], err, sizeof(err)))
				echo(&run_options, copy);
		}
	}
	free(cfg);
	free(copy);
}

static void parse_trace(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct trace_ctx *t = calloc(1, sizeof(*t));

	if (t)
		t->run_args = calloc((size_t)argc + 1, sizeof(char *));
	if (t && t->run_args) {
		t->ctx = ctx;
		if (trace_parse_args(t, argc, argv) == EXIT_OK)
			echo(&run_options, &t->cfg);
		free(t->run_args);
	}
	free(t);
}

static void parse_command(struct cmd_ctx *ctx, int argc, char **argv)
{
	const char *cmd = argv[0];
	char err[OPT_ERR_LEN];
	size_t k;

	if (!strcmp(cmd, "run")) {
		parse_run(argc, argv);
	} else if (!strcmp(cmd, "trace")) {
		parse_trace(ctx, argc, argv);
	} else if (!strcmp(cmd, "mmap")) {
		struct mmap_config c;

		if (mmap_config_parse(&c, argc - 1, argv + 1, err, sizeof(err)) == OPTS_OK)
			echo(&mmap_options, &c);
	} else if (!strcmp(cmd, "pairs")) {
		struct pairs_config c;

		if (pairs_config_parse(&c, argc - 1, argv + 1, err, sizeof(err)) == OPTS_OK)
			echo(&pairs_options, &c);
	} else if (!strcmp(cmd, "list") || !strcmp(cmd, "info")) {
		struct show_config c;

		if (cmd_parse_show(ctx, cmd, argc, argv, &c) == EXIT_OK)
			echo(&show_options, &c);
	} else {
		for (k = 0; k < sizeof(plain) / sizeof(plain[0]); k++) {
			if (!strcmp(cmd, plain[k].name)) {
				parse_plain((int)k, argc, argv);
				return;
			}
		}
		/* help, --help, --version, unknown: answered before any command. */
		dmabench_main(ctx, argc, argv);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cmd_ctx ctx = {
		.node_path = "/nonexistent/dmabench",	/* never opened */
		.out = fuzz_devnull(),
		.err = fuzz_devnull(),
	};
	struct fuzz_args a;

	if (fuzz_args_split(&a, data, size, MAX_WORDS))
		return 0;
	if (a.argc > 0) {
		ctx.argc_full = a.argc;
		ctx.argv_full = a.argv;
		parse_command(&ctx, a.argc, a.argv);
	}
	fuzz_args_free(&a);
	return 0;
}
