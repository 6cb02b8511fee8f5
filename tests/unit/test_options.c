// SPDX-License-Identifier: GPL-2.0
/* Options as data: suffixes, ranges, every rejection with its exact message. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "lib/names.h"
#include "lib/run_options.h"

static const struct opt_desc *opt(const char *name)
{
	size_t i;

	for (i = 0; i < run_options.n; i++)
		if (!strcmp(run_options.opts[i].name, name))
			return &run_options.opts[i];
	fail_msg("no option %s", name);
	return NULL;
}

/* Static, so a failed assertion (a longjmp) leaks nothing. */
static struct run_config scratch;

/* Parses "--name value" alone on a fresh config; returns the config. */
static struct run_config *parse_ok(const char *name, const char *value)
{
	struct run_config *cfg = &scratch;
	char err[OPT_ERR_LEN] = "";

	memset(cfg, 0, sizeof(*cfg));
	opts_set_defaults(&run_options, cfg);
	if (opts_parse_value(opt(name), value, cfg, err, sizeof(err)))
		fail_msg("--%s %s rejected: %s", name, value, err);
	return cfg;
}

static void expect_error(const char *name, const char *value, const char *msg)
{
	struct run_config *cfg = &scratch;
	char err[OPT_ERR_LEN] = "";

	opts_set_defaults(&run_options, cfg);
	if (opts_parse_value(opt(name), value, cfg, err, sizeof(err)) != -1)
		fail_msg("--%s '%s' accepted", name, value);
	assert_string_equal(err, msg);
}

#define EXPECT_U64(name, text, field, want) do {		\
	struct run_config *c_ = parse_ok(name, text);		\
	assert_int_equal(c_->field, want);			\
} while (0)

static void test_size_suffixes(void **state)
{
	(void)state;
	EXPECT_U64("size", "4096", params.size_bytes, 4096);
	EXPECT_U64("size", "4k", params.size_bytes, 4096);
	EXPECT_U64("size", "4K", params.size_bytes, 4096);
	EXPECT_U64("size", "64KiB", params.size_bytes, 65536);
	EXPECT_U64("size", "1M", params.size_bytes, 1048576);
	EXPECT_U64("size", "4m", params.size_bytes, DMABENCH_MAX_SIZE_BYTES);
	EXPECT_U64("sync-offset", "0", params.sync_offset_bytes, 0);
}

static void test_duration_suffixes(void **state)
{
	(void)state;
	EXPECT_U64("duration", "10ns", params.duration_ns, 10);
	EXPECT_U64("duration", "5us", params.duration_ns, 5000);
	EXPECT_U64("duration", "3ms", params.duration_ns, 3000000);
	EXPECT_U64("duration", "2s", params.duration_ns, 2000000000ULL);
	EXPECT_U64("duration", "600s", params.duration_ns, DMABENCH_MAX_DURATION_NS);
	EXPECT_U64("delay", "0", params.delay_ns, 0);
	EXPECT_U64("delay", "1s", params.delay_ns, DMABENCH_MAX_DELAY_NS);
}

static void test_numbers_and_enums(void **state)
{
	(void)state;
	EXPECT_U64("threads", "64", params.threads, DMABENCH_MAX_THREADS);
	EXPECT_U64("iterations", "4294967296", params.iterations, DMABENCH_MAX_ITERATIONS);
	EXPECT_U64("mask-bits", "0", params.dma_mask_bits, 0);
	EXPECT_U64("mask-bits", "24", params.dma_mask_bits, 24);
	EXPECT_U64("via", "ops", params.via, DMABENCH_VIA_OPS);
	EXPECT_U64("dir", "from_device", params.direction, DMABENCH_DIR_FROM_DEVICE);
	EXPECT_U64("dir", "to", params.direction, DMABENCH_DIR_TO_DEVICE);
	EXPECT_U64("dir", "bidir", params.direction, DMABENCH_DIR_BIDIRECTIONAL);
	EXPECT_U64("format", "csv", format, OUTPUT_CSV);
	EXPECT_U64("attrs", "weak_ordering,skip_cpu_sync", params.attrs,
		   DMABENCH_ATTR_WEAK_ORDERING | DMABENCH_ATTR_SKIP_CPU_SYNC);
	EXPECT_U64("attrs", "", params.attrs, 0);
	EXPECT_U64("repeat", "5", repeat, 5);
}

static void test_every_attr_name(void **state)
{
	const struct opt_name *n;
	uint64_t all = 0;

	(void)state;
	for (n = dmabench_attr_names; n->name; n++) {
		EXPECT_U64("attrs", n->name, params.attrs, n->value);
		all |= n->value;
	}
	assert_int_equal(all, DMABENCH_ATTR_KNOWN);
}

static void test_rejections(void **state)
{
	(void)state;
	expect_error("threads", "0", "--threads: '0' is out of range (allowed 1..64)");
	expect_error("threads", "65", "--threads: '65' is out of range (allowed 1..64)");
	expect_error("size", "8M",
		     "--size: '8M' is out of range (allowed 1..4194304 bytes)");
	expect_error("size", "0", "--size: '0' is out of range (allowed 1..4194304 bytes)");
	expect_error("size", "4x",
		     "--size: '4x' is not a size (a number with optional K, M or G suffix)");
	expect_error("size", "",
		     "--size: '' is not a size (a number with optional K, M or G suffix)");
	expect_error("size", " 4", "--size: ' 4' is not a size (a number with optional K, M or G suffix)");
	expect_error("size", "-1", "--size: '-1' is negative (allowed 1..4194304 bytes)");
	expect_error("threads", "+1", "--threads: '+1' is not a number");
	expect_error("threads", "1.5", "--threads: '1.5' is not a number");
	expect_error("threads", "0x10", "--threads: '0x10' is not a number");
	expect_error("iterations", "18446744073709551616",
		     "--iterations: '18446744073709551616' is out of range (allowed 1..4294967296)");
	expect_error("iterations", "4294967297",
		     "--iterations: '4294967297' is out of range (allowed 1..4294967296)");
	/* The multiply by the suffix overflows, not the digits. */
	expect_error("size", "17179869184G",
		     "--size: '17179869184G' is out of range (allowed 1..4194304 bytes)");
	expect_error("duration", "5",
		     "--duration: '5' is not a duration (a number with ns, us, ms or s suffix)");
	expect_error("duration", "5h",
		     "--duration: '5h' is not a duration (a number with ns, us, ms or s suffix)");
	expect_error("duration", "601s",
		     "--duration: '601s' is out of range (allowed 1ns..600s)");
	expect_error("delay", "1001ms", "--delay: '1001ms' is out of range (allowed 0ns..1s)");
	expect_error("mask-bits", "16",
		     "--mask-bits: '16' is out of range (allowed 24..64, or 0 for the default)");
	expect_error("mask-bits", "65",
		     "--mask-bits: '65' is out of range (allowed 24..64, or 0 for the default)");
	expect_error("via", "sideways", "--via: 'sideways' is not one of: direct, ops");
	expect_error("dir", "up",
		     "--dir: 'up' is not one of: bidirectional, to_device, from_device");
	expect_error("format", "xml", "--format: 'xml' is not one of: human, json, csv");
	expect_error("attrs", "weak_ordering,coherent",
		     "--attrs: unknown name 'coherent' (known: weak_ordering, write_combine, "
		     "no_kernel_mapping, skip_cpu_sync, force_contiguous, alloc_single_pages, "
		     "no_warn, privileged)");
	expect_error("attrs", "weak_ordering,", "--attrs: 'weak_ordering,' ends with a comma");
	expect_error("device", "a_name_that_is_longer_than_31_chars",
		     "--device: 'a_name_that_is_longer_than_31_chars' is longer than 31 characters");
	expect_error("repeat", "0", "--repeat: '0' is out of range (allowed 1..1000)");
}

static enum opts_status parse_argv(struct run_config *cfg, char *err,
				   const char *first, ...)
{
	char *argv[32];
	int argc = 0;
	va_list ap;
	const char *a;

	va_start(ap, first);
	for (a = first; a && argc < 32; a = va_arg(ap, const char *))
		argv[argc++] = (char *)a;
	va_end(ap);
	return run_config_parse(cfg, argc, argv, err, OPT_ERR_LEN);
}

static void test_command_line(void **state)
{
	struct run_config *cfg = &scratch;
	char err[OPT_ERR_LEN];

	(void)state;
	assert_int_equal(parse_argv(cfg, err, "map_single", "--size=4k", "--threads",
				    "2", "--dir", "to", "--output", "r.json", NULL),
			 OPTS_OK);
	assert_string_equal(cfg->params.scenario, "map_single");
	assert_int_equal(cfg->params.size_bytes, 4096);
	assert_int_equal(cfg->params.threads, 2);
	assert_int_equal(cfg->params.direction, DMABENCH_DIR_TO_DEVICE);
	assert_string_equal(cfg->output_path, "r.json");
	/* Defaults from the table for what was not given. */
	assert_int_equal(cfg->params.batch, 1);
	assert_int_equal(cfg->params.iterations, opt("iterations")->def);
	assert_int_equal(cfg->repeat, 1);

	/* --duration switches the module to timed mode: iterations 0. */
	assert_int_equal(parse_argv(cfg, err, "null", "--duration", "1s", NULL), OPTS_OK);
	assert_int_equal(cfg->params.iterations, 0);
	assert_int_equal(cfg->params.duration_ns, 1000000000ULL);
}

static void test_command_line_errors(void **state)
{
	struct run_config *cfg = &scratch;
	char err[OPT_ERR_LEN];

	(void)state;
	assert_int_equal(parse_argv(cfg, err, "--size", "4k", NULL), OPTS_ERROR);
	assert_string_equal(err, "which scenario? (dmabench list shows them)");
	assert_int_equal(parse_argv(cfg, err, "a", "b", NULL), OPTS_ERROR);
	assert_string_equal(err, "unexpected argument 'b'");
	assert_int_equal(parse_argv(cfg, err, "a", "--bogus", "4", NULL), OPTS_ERROR);
	assert_string_equal(err, "unknown option '--bogus'");
	assert_int_equal(parse_argv(cfg, err, "a", "-s", "4", NULL), OPTS_ERROR);
	assert_string_equal(err, "unknown option '-s' (options are --long)");
	assert_int_equal(parse_argv(cfg, err, "a", "--size", NULL), OPTS_ERROR);
	assert_string_equal(err, "--size needs a value");
	assert_int_equal(parse_argv(cfg, err, "a", "--iterations", "5", "--duration",
				    "1s", NULL), OPTS_ERROR);
	assert_string_equal(err, "--iterations and --duration exclude each other");
	assert_int_equal(parse_argv(cfg, err, "a", "--size", "4k", "--sync-offset",
				    "4k", NULL), OPTS_ERROR);
	assert_string_equal(err, "--sync-offset: 4096 is not inside the 4096-byte buffer (--size)");
	assert_int_equal(parse_argv(cfg, err, "a", "--size", "4k", "--sync-offset",
				    "1k", "--sync-len", "3073", NULL), OPTS_ERROR);
	assert_string_equal(err, "--sync-len: 3073 bytes from offset 1024 run past "
			    "the 4096-byte buffer (--size)");
	assert_int_equal(parse_argv(cfg, err, "a", "--iterations", "1000", "--batch",
				    "3", NULL), OPTS_ERROR);
	assert_string_equal(err, "--iterations: 1000 is not a multiple of --batch 3");
	assert_int_equal(parse_argv(cfg, err, "a", "--size", "512", "--nents", "1024",
				    NULL), OPTS_ERROR);
	assert_string_equal(err, "--nents: 1024 entries do not fit a 512-byte buffer (--size)");
	assert_int_equal(parse_argv(cfg, err, "a_scenario_name_longer_than_31_chars",
				    NULL), OPTS_ERROR);
	assert_string_equal(err, "scenario name 'a_scenario_name_longer_than_31_chars' "
			    "is longer than 31 characters");
	assert_int_equal(parse_argv(cfg, err, "a", "--help", NULL), OPTS_HELP);
	/* After "--" everything is positional, even "--help". */
	assert_int_equal(parse_argv(cfg, err, "--", "--help", NULL), OPTS_OK);
	assert_string_equal(cfg->params.scenario, "--help");
}

static void test_json_echo(void **state)
{
	struct run_config *cfg = &scratch;
	char err[OPT_ERR_LEN];
	json_t *j, *attrs;
	size_t i;

	(void)state;
	assert_int_equal(parse_argv(cfg, err, "map_single", "--dir", "from", "--attrs",
				    "no_warn,weak_ordering", "--delay", "5us",
				    "--device", "edu0", NULL), OPTS_OK);
	j = opts_to_json(&run_options, cfg);
	assert_non_null(j);
	/* Every option, under its unit-carrying key. */
	assert_int_equal(json_object_size(j), run_options.n);
	for (i = 0; i < run_options.n; i++)
		assert_non_null(json_object_get(j, run_options.opts[i].json_key));
	assert_int_equal(json_integer_value(json_object_get(j, "size_bytes")), 4096);
	assert_int_equal(json_integer_value(json_object_get(j, "delay_ns")), 5000);
	assert_string_equal(json_string_value(json_object_get(j, "direction")), "from_device");
	assert_string_equal(json_string_value(json_object_get(j, "via")), "direct");
	assert_string_equal(json_string_value(json_object_get(j, "device")), "edu0");
	attrs = json_object_get(j, "attrs");
	assert_int_equal(json_array_size(attrs), 2);
	assert_string_equal(json_string_value(json_array_get(attrs, 0)), "weak_ordering");
	assert_string_equal(json_string_value(json_array_get(attrs, 1)), "no_warn");
	json_decref(j);
}

static void test_help_from_table(void **state)
{
	char *text = NULL;
	size_t len = 0, i;
	FILE *f = open_memstream(&text, &len);
	char want[64];

	(void)state;
	assert_non_null(f);
	opts_print_help(f, &run_options);
	fclose(f);
	for (i = 0; i < run_options.n; i++) {
		snprintf(want, sizeof(want), "--%s ", run_options.opts[i].name);
		assert_non_null(strstr(text, want));
		assert_non_null(strstr(text, run_options.opts[i].help));
	}
	assert_non_null(strstr(text, "(default 4096; 1..4194304 bytes)"));
	assert_non_null(strstr(text, "(default 1; 1..64)"));
	assert_non_null(strstr(text, "--dir bidirectional|to_device|from_device"));
	free(text);
}

/* A switch takes no value; the table gives its help line and JSON echo. */
struct switch_cfg {
	uint32_t force;
};

static const struct opt_desc switch_opts[] = {
	{ .name = "force", .json_key = "force", .type = OPT_SWITCH,
	  .offset = offsetof(struct switch_cfg, force),
	  .field_size = sizeof(uint32_t), .help = "do it anyway" },
};

static const struct opt_table switch_table = { switch_opts, 1 };

static void test_switch(void **state)
{
	struct switch_cfg cfg;
	char err[OPT_ERR_LEN], *pos[2], *on[] = { "--force", "x" },
	     *bad[] = { "--force=yes" }, *help_text = NULL;
	size_t help_len = 0;
	int npos;
	json_t *j;
	FILE *help;

	(void)state;
	opts_set_defaults(&switch_table, &cfg);
	assert_int_equal(cfg.force, 0);
	j = opts_to_json(&switch_table, &cfg);
	assert_true(json_is_false(json_object_get(j, "force")));
	json_decref(j);

	assert_int_equal(opts_parse(&switch_table, &cfg, 2, on, pos, 2, &npos, NULL,
				    err, sizeof(err)), OPTS_OK);
	assert_int_equal(cfg.force, 1);
	assert_int_equal(npos, 1);	/* the switch consumed no value */
	assert_string_equal(pos[0], "x");
	j = opts_to_json(&switch_table, &cfg);
	assert_true(json_is_true(json_object_get(j, "force")));
	json_decref(j);

	assert_int_equal(opts_parse(&switch_table, &cfg, 1, bad, pos, 2, &npos, NULL,
				    err, sizeof(err)), OPTS_ERROR);
	assert_string_equal(err, "--force takes no value");

	help = open_memstream(&help_text, &help_len);
	assert_non_null(help);
	opts_print_help(help, &switch_table);
	fclose(help);
	assert_non_null(strstr(help_text, "--force"));
	assert_non_null(strstr(help_text, "do it anyway\n"));
	free(help_text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_size_suffixes),
		cmocka_unit_test(test_duration_suffixes),
		cmocka_unit_test(test_numbers_and_enums),
		cmocka_unit_test(test_every_attr_name),
		cmocka_unit_test(test_rejections),
		cmocka_unit_test(test_command_line),
		cmocka_unit_test(test_command_line_errors),
		cmocka_unit_test(test_json_echo),
		cmocka_unit_test(test_help_from_table),
		cmocka_unit_test(test_switch),
	};

	return cmocka_run_group_tests_name("options", tests, NULL, NULL);
}
