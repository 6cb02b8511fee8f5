// SPDX-License-Identifier: GPL-2.0
/* dmabench list: the module's scenario table. */
#include <string.h>
#include <jansson.h>
#include "cmd.h"
#include "lib/names.h"
#include "lib/run_options.h"

int cmd_parse_show(struct cmd_ctx *ctx, const char *cmd, int argc, char **argv,
		   struct show_config *cfg)
{
	char err[OPT_ERR_LEN], *positional[1];
	int npositional;

	opts_set_defaults(&show_options, cfg);
	if (opts_parse(&show_options, cfg, argc - 1, argv + 1, positional, 0,
		       &npositional, NULL, err, sizeof(err)) != OPTS_OK) {
		cmd_error(ctx, cmd, "%s", err);
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

/* What the module says a scenario is compared with, and allocates like. */
static json_t *scenario_json(const struct dmabench_scenario_info *s)
{
	json_t *ops = json_array(), *o;
	uint32_t i;

	for (i = 0; ops && i < s->nops; i++)
		json_array_append_new(ops, json_string(s->op_names[i]));
	o = json_pack("{s:s, s:o*, s:s, s:b, s:o}", "name", s->name, "ops", ops,
		      "summary", s->summary,
		      "available", !(s->flags & DMABENCH_SCN_F_UNAVAILABLE),
		      "pair", s->pair[0] ? json_string(s->pair) : json_null());
	if (o && s->pair[0])
		json_object_set_new(o, "pair_size_bytes",
				    json_integer((json_int_t)s->pair_size_bytes));
	if (o && (s->flags & DMABENCH_SCN_F_VARIANT)) {
		json_object_set_new(o, "variant",
				    json_string(dmabench_variant_name(s->variant)));
		json_object_set_new(o, "attrs", json_integer((json_int_t)s->attrs));
	}
	return o;
}

int cmd_list(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct dmabench_scenario_info s;
	struct show_config cfg;
	struct dmabench_handle dev;
	json_t *all = NULL;
	char ops[DMABENCH_MAX_OPS * 17];
	uint32_t i, j;
	int ret;

	ret = cmd_parse_show(ctx, "list", argc, argv, &cfg);
	if (ret)
		return ret;
	ret = cmd_open_device(ctx, "list", &dev);
	if (ret)
		return ret;
	if (cfg.format == OUTPUT_JSON)
		all = json_array();
	else
		fprintf(ctx->out, "#%-19s %-28s %s\n", "scenario", "ops", "summary");
	for (i = 0; i < dev.info.nscenarios; i++) {
		ret = dmabench_handle_scenario(&dev, i, &s);
		if (ret) {
			cmd_error(ctx, "list", "SCENARIO %u: %s", i, strerror(-ret));
			json_decref(all);
			dmabench_handle_close(&dev);
			return EXIT_RUN_FAILED;
		}
		if (all) {
			json_array_append_new(all, scenario_json(&s));
			continue;
		}
		ops[0] = '\0';
		for (j = 0; j < s.nops; j++) {
			strcat(ops, j ? "," : "");
			strcat(ops, s.op_names[j]);
		}
		s.pair[sizeof(s.pair) - 1] = '\0';
		fprintf(ctx->out, "%-20s %-28s %s%s%s%s\n", s.name, ops, s.summary,
			s.pair[0] ? " [vs " : "", s.pair, s.pair[0] ? "]" : "");
	}
	dmabench_handle_close(&dev);
	if (all) {
		ret = json_dumpf(all, ctx->out, JSON_INDENT(2));
		fputc('\n', ctx->out);
		json_decref(all);
		if (ret)
			return EXIT_RUN_FAILED;
	}
	return EXIT_OK;
}
