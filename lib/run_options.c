// SPDX-License-Identifier: GPL-2.0
#include <inttypes.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include "names.h"
#include "run_options.h"

#define P(field) offsetof(struct run_config, params.field), \
		 sizeof(((struct run_config *)0)->params.field)
#define C(field) offsetof(struct run_config, field), \
		 sizeof(((struct run_config *)0)->field)

const struct opt_name output_format_names[] = {
	{ "human", OUTPUT_HUMAN, false },
	{ "json", OUTPUT_JSON, false },
	{ "csv", OUTPUT_CSV, false },
	{ NULL, 0, false },
};

/* Defaults: one 4 KiB page, mapped and unmapped 100000 times by one thread. */
static const struct opt_desc run_opts[] = {
	{ .name = "device", .json_key = "device", .type = OPT_STRING, P(device),
	  .def_str = "", .metavar = "NAME", .help = "dmabench device name (edu0, fake0, ...); default: the first" },
	{ .name = "via", .json_key = "via", .type = OPT_ENUM, P(via),
	  .def = DMABENCH_VIA_DIRECT, .names = dmabench_via_names,
	  .help = "map through the device itself or its child behind dmabench's dma_map_ops" },
	{ .name = "dir", .json_key = "direction", .type = OPT_ENUM, P(direction),
	  .def = DMABENCH_DIR_BIDIRECTIONAL, .names = dmabench_dir_names,
	  .help = "DMA direction (aliases bidir, to, from)" },
	{ .name = "size", .json_key = "size_bytes", .type = OPT_SIZE, P(size_bytes),
	  .def = 4096, .min = 1, .max = DMABENCH_MAX_SIZE_BYTES,
	  .help = "buffer size; for sg scenarios nents * segment size" },
	{ .name = "iterations", .json_key = "iterations", .type = OPT_U64, P(iterations),
	  .def = 100000, .min = 1, .max = DMABENCH_MAX_ITERATIONS,
	  .help = "iterations per thread (excludes --duration)" },
	{ .name = "duration", .json_key = "duration_ns", .type = OPT_DURATION, P(duration_ns),
	  .def = 0, .min = 1, .max = DMABENCH_MAX_DURATION_NS,
	  .help = "run for this long instead of a number of iterations" },
	{ .name = "threads", .json_key = "threads", .type = OPT_U32, P(threads),
	  .def = 1, .min = 1, .max = DMABENCH_MAX_THREADS,
	  .help = "kernel threads running the scenario" },
	{ .name = "batch", .json_key = "batch", .type = OPT_U32, P(batch),
	  .def = 1, .min = 1, .max = DMABENCH_MAX_BATCH,
	  .help = "iterations timed as one sample (1 = time every op)" },
	{ .name = "nents", .json_key = "nents", .type = OPT_U32, P(nents),
	  .def = 1, .min = 1, .max = DMABENCH_MAX_NENTS,
	  .help = "scatterlist entries (map_sg, map_sgtable)" },
	{ .name = "mask-bits", .json_key = "dma_mask_bits", .type = OPT_U32, P(dma_mask_bits),
	  .def = 0, .min = 24, .max = 64, .flags = OPT_F_ZERO_IS_UNSET,
	  .help = "set the device's DMA mask for the run (0 = keep it)" },
	{ .name = "attrs", .json_key = "attrs", .type = OPT_FLAGS, P(attrs),
	  .def = 0, .names = dmabench_attr_names,
	  .help = "DMA_ATTR_* flags, comma separated" },
	{ .name = "delay", .json_key = "delay_ns", .type = OPT_DURATION, P(delay_ns),
	  .def = 0, .min = 0, .max = DMABENCH_MAX_DELAY_NS,
	  .help = "wait between map and unmap (rx-like scenarios)" },
	{ .name = "sync-offset", .json_key = "sync_offset_bytes", .type = OPT_SIZE,
	  P(sync_offset_bytes), .def = 0, .min = 0, .max = DMABENCH_MAX_SIZE_BYTES - 1,
	  .help = "sync_range: offset into the buffer" },
	{ .name = "sync-len", .json_key = "sync_len_bytes", .type = OPT_SIZE,
	  P(sync_len_bytes), .def = 0, .min = 0, .max = DMABENCH_MAX_SIZE_BYTES,
	  .help = "sync_range: length (0 = to the end of the buffer)" },
	{ .name = "clock", .json_key = "clock", .type = OPT_ENUM, P(clock),
	  .def = DMABENCH_CLOCK_AUTO, .names = dmabench_clock_names,
	  .help = "per-op clock: auto (the TSC where usable, else ktime), ktime (ktime_get_ns(), the cross-check) or tsc" },
	{ .name = "format", .json_key = "format", .type = OPT_ENUM, C(format),
	  .def = OUTPUT_HUMAN, .names = output_format_names,
	  .help = "output format" },
	{ .name = "output", .json_key = "output", .type = OPT_STRING, C(output_path),
	  .def_str = "", .metavar = "FILE", .help = "write results to FILE (atomically) instead of stdout" },
	{ .name = "repeat", .json_key = "repeat", .type = OPT_U32, C(repeat),
	  .def = 1, .min = 1, .max = DMABENCH_MAX_REPEAT, .metavar = "N|auto",
	  .help = "run the scenario N times, each repetition kept apart; auto: until "
		  "every op's p50 interval is within --repeat-target (0 in the echo)" },
	{ .name = "repeat-target", .json_key = "repeat_target_pct", .type = OPT_U32,
	  C(repeat_target_pct), .def = 2, .min = 1, .max = 50,
	  .help = "--repeat auto: half-width of the p50's 95% interval, in % of it" },
	{ .name = "repeat-max", .json_key = "repeat_max", .type = OPT_U32, C(repeat_max),
	  .def = 30, .min = RUN_REPEAT_AUTO_MIN, .max = DMABENCH_MAX_REPEAT,
	  .help = "--repeat auto: stop after this many repetitions at most" },
	/* Storms (alloc_storm) only (OPT_F_STORM): refused for other scenarios. */
	{ .name = "variant", .json_key = "variant", .type = OPT_ENUM, P(variant),
	  .def = DMABENCH_ALLOC_COHERENT, .names = dmabench_variant_names,
	  .flags = OPT_F_STORM,
	  .help = "storm: how each buffer is allocated (attrs takes --attrs)" },
	{ .name = "outstanding", .json_key = "outstanding", .type = OPT_U32, P(outstanding),
	  .def = 16, .min = 1, .max = DMABENCH_MAX_OUTSTANDING,
	  .flags = OPT_F_STORM,
	  .help = "storm: buffers held at most per thread" },
	{ .name = "distribution", .json_key = "distribution", .type = OPT_ENUM,
	  P(distribution), .def = DMABENCH_DIST_FIXED, .names = dmabench_distribution_names,
	  .flags = OPT_F_STORM,
	  .help = "storm: buffer sizes: --size, uniform or log-uniform up to --size-max, or --sizes" },
	{ .name = "size-max", .json_key = "size_max_bytes", .type = OPT_SIZE, P(size_max_bytes),
	  .def = 0, .min = 1, .max = DMABENCH_MAX_SIZE_BYTES,
	  .flags = OPT_F_ZERO_IS_UNSET | OPT_F_STORM,
	  .help = "storm: upper size bound of uniform and log_uniform" },
	{ .name = "sizes", .json_key = "sizes", .type = OPT_STRING, C(sizes_text),
	  .def_str = "", .metavar = "SIZE:WEIGHT[,...]",
	  .flags = OPT_F_STORM,
	  .help = "storm: weighted size list for --distribution weighted, e.g. 4k:3,64k:1" },
	{ .name = "hold", .json_key = "hold_ns", .type = OPT_DURATION, P(hold_ns),
	  .def = 0, .min = 0, .max = DMABENCH_MAX_HOLD_NS,
	  .flags = OPT_F_STORM,
	  .help = "storm: a buffer is held at least this long" },
	{ .name = "pattern", .json_key = "pattern", .type = OPT_ENUM, P(pattern),
	  .def = DMABENCH_STORM_RANDOM, .names = dmabench_pattern_names,
	  .flags = OPT_F_STORM,
	  .help = "storm: alloc/free interleaving; until_enomem fills, holds, frees all" },
	/* vmalloc sampling: any scenario. */
	{ .name = "vmalloc-interval", .json_key = "vmalloc_interval_ns", .type = OPT_DURATION,
	  C(vmalloc_interval_ns), .def = 0, .min = 1000000,
	  .max = DMABENCH_MAX_VMALLOC_INTERVAL_NS, .flags = OPT_F_ZERO_IS_UNSET,
	  .help = "sample /proc/vmallocinfo, /proc/meminfo and the module's counters before, every TIME during, and after each repetition (0 = off)" },
	{ .name = "vmalloc-timeline", .json_key = "vmalloc_timeline", .type = OPT_STRING,
	  C(vmalloc_timeline_path), .def_str = "", .metavar = "FILE",
	  .help = "write the samples as long-format CSV (t_ns,metric,caller,value,unit); needs --vmalloc-interval" },
};

const struct opt_table run_options = {
	run_opts, sizeof(run_opts) / sizeof(run_opts[0])
};

static size_t run_opt_index(const char *name)
{
	size_t i;

	for (i = 0; i < run_options.n; i++)
		if (!strcmp(run_options.opts[i].name, name))
			break;
	return i;
}

int parse_size_weights(const char *text, struct dmabench_size_weight *out,
		       uint32_t *n, char *err, size_t errlen)
{
	static const struct opt_desc size_desc = {
		.name = "sizes", .type = OPT_SIZE, .field_size = sizeof(uint64_t),
		.min = 1, .max = DMABENCH_MAX_SIZE_BYTES,
	};
	static const struct opt_desc weight_desc = {
		.name = "sizes", .type = OPT_U32, .field_size = sizeof(uint32_t),
		.min = 1, .max = 65535,
	};
	const char *p = text;
	char item[64];

	*n = 0;
	if (!*p) {
		snprintf(err, errlen, "--sizes: empty list (want SIZE:WEIGHT[,...])");
		return -1;
	}
	while (*p) {
		size_t len = strcspn(p, ","), size_len;
		uint64_t size = 0;
		uint32_t weight = 0;

		if (*n >= DMABENCH_MAX_SIZES) {
			snprintf(err, errlen, "--sizes: more than %d entries",
				 DMABENCH_MAX_SIZES);
			return -1;
		}
		if (len == 0 || len >= sizeof(item)) {
			snprintf(err, errlen, "--sizes: '%.*s' is not SIZE:WEIGHT",
				 (int)len, p);
			return -1;
		}
		memcpy(item, p, len);
		item[len] = '\0';
		size_len = strcspn(item, ":");
		if (item[size_len] != ':') {
			snprintf(err, errlen, "--sizes: '%s' has no ':WEIGHT'", item);
			return -1;
		}
		item[size_len] = '\0';
		if (opts_parse_value(&size_desc, item, &size, err, errlen) ||
		    opts_parse_value(&weight_desc, item + size_len + 1, &weight,
				     err, errlen))
			return -1;
		memset(&out[*n], 0, sizeof(out[*n]));
		out[*n].size_bytes = size;
		out[*n].weight = weight;
		(*n)++;
		p += len;
		if (*p == ',' && !*++p) {
			snprintf(err, errlen, "--sizes: '%s' ends with a comma", text);
			return -1;
		}
	}
	return 0;
}

/* Storm options among themselves; whether the scenario is a storm is known
 * only from the module (run_config_for_scenario). */
static int storm_checks(struct run_config *cfg, const bool *seen, char *err,
			size_t errlen)
{
	struct dmabench_params *p = &cfg->params;
	uint32_t d = p->distribution;
	bool ranged = d == DMABENCH_DIST_UNIFORM || d == DMABENCH_DIST_LOG_UNIFORM;
	size_t i;

	for (i = 0; i < run_options.n; i++) {
		if ((run_options.opts[i].flags & OPT_F_STORM) && seen[i]) {
			snprintf(cfg->storm_option_seen, sizeof(cfg->storm_option_seen),
				 "%s", run_options.opts[i].name);
			break;
		}
	}
	if (ranged && !p->size_max_bytes) {
		snprintf(err, errlen, "--distribution %s needs --size-max",
			 opt_name_of(dmabench_distribution_names, d));
		return -1;
	}
	if (!ranged && p->size_max_bytes) {
		snprintf(err, errlen, "--size-max applies to --distribution uniform "
			 "and log_uniform only");
		return -1;
	}
	if (ranged && p->size_max_bytes < p->size_bytes) {
		snprintf(err, errlen, "--size-max: %" PRIu64 " is below --size %" PRIu64,
			 (uint64_t)p->size_max_bytes, (uint64_t)p->size_bytes);
		return -1;
	}
	if ((d == DMABENCH_DIST_LIST) != (cfg->sizes_text[0] != '\0')) {
		snprintf(err, errlen, d == DMABENCH_DIST_LIST ?
			 "--distribution weighted needs --sizes" :
			 "--sizes needs --distribution weighted");
		return -1;
	}
	if (d == DMABENCH_DIST_LIST) {
		if (parse_size_weights(cfg->sizes_text, cfg->sizes, &p->nsizes,
				       err, errlen))
			return -1;
		p->sizes_ptr = (uint64_t)(uintptr_t)cfg->sizes;
	}
	return 0;
}

/*
 * "--repeat auto" and "--repeat=auto": the table takes 1 in their place
 * and the caller sets repeat to 0, auto's value, after parsing. Returns
 * whether auto was asked for (the last --repeat wins, as in the table).
 */
static bool repeat_auto_take(int argc, char **argv)
{
	static char one[] = "1", eq_one[] = "--repeat=1";
	bool is_auto = false;
	int i;

	for (i = 0; i < argc && strcmp(argv[i], "--"); i++) {
		if (!strncmp(argv[i], "--repeat=", 9)) {
			is_auto = !strcmp(argv[i] + 9, "auto");
			if (is_auto)
				argv[i] = eq_one;
		} else if (!strcmp(argv[i], "--repeat") && i + 1 < argc) {
			is_auto = !strcmp(argv[++i], "auto");
			if (is_auto)
				argv[i] = one;
		}
	}
	return is_auto;
}

uint32_t run_config_max_reps(const struct run_config *cfg)
{
	return cfg->repeat ? cfg->repeat : cfg->repeat_max;
}

enum opts_status run_config_parse(struct run_config *cfg, int argc, char **argv,
				  char *err, size_t errlen)
{
	bool seen[sizeof(run_opts) / sizeof(run_opts[0])] = { false };
	const struct dmabench_params *p = &cfg->params;
	bool repeat_auto;
	char *scenario[1];
	int nscenario;
	enum opts_status st;

	memset(cfg, 0, sizeof(*cfg));
	opts_set_defaults(&run_options, cfg);
	repeat_auto = repeat_auto_take(argc, argv);
	st = opts_parse(&run_options, cfg, argc, argv, scenario, 1, &nscenario,
			seen, err, errlen);
	if (st != OPTS_OK)
		return st;
	if (repeat_auto)
		cfg->repeat = 0;
	if (nscenario != 1) {
		snprintf(err, errlen, "which scenario? (dmabench list shows them)");
		return OPTS_ERROR;
	}
	if (strlen(scenario[0]) >= sizeof(cfg->params.scenario)) {
		/* At most 200 characters of it: an unbounded %s could pass
		 * INT_MAX, which gcc -m32 (Werror) refuses. */
		snprintf(err, errlen, "scenario name '%.200s' is longer than %zu characters",
			 scenario[0], sizeof(cfg->params.scenario) - 1);
		return OPTS_ERROR;
	}
	strcpy(cfg->params.scenario, scenario[0]);
	if (seen[run_opt_index("duration")]) {
		if (seen[run_opt_index("iterations")]) {
			snprintf(err, errlen, "--iterations and --duration exclude each other");
			return OPTS_ERROR;
		}
		/* The ABI's way of saying "run for duration_ns". */
		cfg->params.iterations = 0;
	}
	/* uapi __u64 is unsigned long long; printf wants uint64_t. */
	uint64_t size = p->size_bytes, off = p->sync_offset_bytes;
	uint64_t len = p->sync_len_bytes;

	if (off >= size) {
		snprintf(err, errlen, "--sync-offset: %" PRIu64 " is not inside the "
			 "%" PRIu64 "-byte buffer (--size)", off, size);
		return OPTS_ERROR;
	}
	if (len > size - off) {
		snprintf(err, errlen, "--sync-len: %" PRIu64 " bytes from offset %"
			 PRIu64 " run past the %" PRIu64 "-byte buffer (--size)",
			 len, off, size);
		return OPTS_ERROR;
	}
	/* Samples are whole batches: the module refuses a remainder. */
	if (p->iterations % p->batch) {
		snprintf(err, errlen, "--iterations: %" PRIu64 " is not a multiple of "
			 "--batch %u", (uint64_t)p->iterations, p->batch);
		return OPTS_ERROR;
	}
	if (p->nents > size) {
		snprintf(err, errlen, "--nents: %u entries do not fit a %" PRIu64
			 "-byte buffer (--size)", p->nents, size);
		return OPTS_ERROR;
	}
	if (storm_checks(cfg, seen, err, errlen))
		return OPTS_ERROR;
	if (cfg->vmalloc_timeline_path[0] && !cfg->vmalloc_interval_ns) {
		snprintf(err, errlen, "--vmalloc-timeline needs --vmalloc-interval");
		return OPTS_ERROR;
	}
	return OPTS_OK;
}

int run_config_for_scenario(struct run_config *cfg, uint32_t scenario_flags,
			    char *err, size_t errlen)
{
	struct dmabench_params *p = &cfg->params;

	if (scenario_flags & DMABENCH_SCN_F_STORM) {
		/* The module takes attrs only where the variant passes them on. */
		if (p->attrs && p->variant != DMABENCH_ALLOC_ATTRS) {
			snprintf(err, errlen, "--attrs: a storm passes attrs only with "
				 "--variant attrs (not %s)",
				 opt_name_of(dmabench_variant_names, p->variant) ?: "?");
			return -1;
		}
		return 0;
	}
	if (cfg->storm_option_seen[0]) {
		snprintf(err, errlen, "--%s applies to storm scenarios only "
			 "(alloc_storm), not %s", cfg->storm_option_seen,
			 p->scenario);
		return -1;
	}
	p->outstanding = 0;
	p->distribution = 0;
	p->size_max_bytes = 0;
	p->hold_ns = 0;
	p->pattern = 0;
	p->nsizes = 0;
	p->sizes_ptr = 0;
	p->variant = 0;
	return 0;
}

#define MO(field) offsetof(struct mmap_config, field), \
		  sizeof(((struct mmap_config *)0)->field)

static const struct opt_name mmap_variant_names[] = {
	{ "all", MMAP_VARIANT_ALL, false },
	DMABENCH_VARIANT_NAME_ENTRIES,
	{ NULL, 0, false },
};

static const struct opt_desc mmap_opts[] = {
	{ .name = "device", .json_key = "device", .type = OPT_STRING, MO(device),
	  .def_str = "", .metavar = "NAME", .help = "dmabench device (an edu device, to verify); default: the first" },
	{ .name = "via", .json_key = "via", .type = OPT_ENUM, MO(via),
	  .def = DMABENCH_VIA_DIRECT, .names = dmabench_via_names,
	  .help = "allocate through the device itself or its child behind dmabench's dma_map_ops" },
	{ .name = "variant", .json_key = "variant", .type = OPT_ENUM, MO(variant),
	  .def = MMAP_VARIANT_ALL, .names = mmap_variant_names,
	  .help = "buffer allocation variant (mapped with the matching dma_mmap_*)" },
	{ .name = "size", .json_key = "size_bytes", .type = OPT_SIZE, MO(size_bytes),
	  .def = 256 * 1024, .min = 4096, .max = DMABENCH_MAX_SIZE_BYTES,
	  .help = "buffer size, a multiple of 4096" },
	{ .name = "attrs", .json_key = "attrs", .type = OPT_FLAGS, MO(attrs),
	  .def = 0, .names = dmabench_attr_names,
	  .help = "DMA_ATTR_* flags for --variant attrs" },
	{ .name = "len", .json_key = "verify_len_bytes", .type = OPT_SIZE, MO(len_bytes),
	  .def = 4032, .min = 1, .max = DMABENCH_VERIFY_MAX_BYTES,
	  .help = "bytes the edu device reads back from the start of the buffer" },
	{ .name = "seed", .json_key = "seed", .type = OPT_U32, MO(seed),
	  .def = 1, .min = 0, .max = UINT32_MAX, .help = "pattern seed" },
	{ .name = "passes", .json_key = "bandwidth_passes", .type = OPT_U32, MO(passes),
	  .def = 8, .min = 1, .max = 4096,
	  .help = "passes over the buffer per bandwidth measurement" },
	{ .name = "format", .json_key = "format", .type = OPT_ENUM, MO(format),
	  .def = OUTPUT_HUMAN, .names = output_format_names, .help = "output format" },
	{ .name = "output", .json_key = "output", .type = OPT_STRING, MO(output_path),
	  .def_str = "", .metavar = "FILE", .help = "write results to FILE (atomically) instead of stdout" },
};

const struct opt_table mmap_options = {
	mmap_opts, sizeof(mmap_opts) / sizeof(mmap_opts[0])
};

static enum opts_status parse_no_positional(const struct opt_table *t, void *cfg,
					    int argc, char **argv, char *err,
					    size_t errlen)
{
	char *positional[1];
	int npositional;

	opts_set_defaults(t, cfg);
	return opts_parse(t, cfg, argc, argv, positional, 0, &npositional, NULL,
			  err, errlen);
}

enum opts_status mmap_config_parse(struct mmap_config *cfg, int argc, char **argv,
				   char *err, size_t errlen)
{
	enum opts_status st;

	memset(cfg, 0, sizeof(*cfg));
	st = parse_no_positional(&mmap_options, cfg, argc, argv, err, errlen);
	if (st != OPTS_OK)
		return st;
	if (cfg->size_bytes % 4096) {
		snprintf(err, errlen, "--size: %" PRIu64 " is not a multiple of 4096 "
			 "(mmap maps whole pages)", cfg->size_bytes);
		return OPTS_ERROR;
	}
	if (cfg->len_bytes > cfg->size_bytes) {
		snprintf(err, errlen, "--len: %u bytes do not fit the %" PRIu64
			 "-byte buffer", cfg->len_bytes, cfg->size_bytes);
		return OPTS_ERROR;
	}
	if (cfg->attrs && cfg->variant != DMABENCH_ALLOC_ATTRS) {
		snprintf(err, errlen, "--attrs needs --variant attrs");
		return OPTS_ERROR;
	}
	return OPTS_OK;
}

#define PO(field) offsetof(struct pairs_config, field), \
		  sizeof(((struct pairs_config *)0)->field)

static const struct opt_desc pairs_opts[] = {
	{ .name = "device", .json_key = "device", .type = OPT_STRING, PO(device),
	  .def_str = "", .metavar = "NAME", .help = "dmabench device name; default: the first" },
	{ .name = "via", .json_key = "via", .type = OPT_ENUM, PO(via),
	  .def = DMABENCH_VIA_DIRECT, .names = dmabench_via_names,
	  .help = "allocate through the device itself or its child behind dmabench's dma_map_ops" },
	{ .name = "size", .json_key = "size_bytes", .type = OPT_SIZE, PO(size_bytes),
	  .def = 256 * 1024, .min = 1, .max = DMABENCH_MAX_SIZE_BYTES,
	  .help = "buffer size (the dma_pool pair always uses 256 bytes)" },
	{ .name = "iterations", .json_key = "iterations", .type = OPT_U64, PO(iterations),
	  .def = 200, .min = 1, .max = DMABENCH_MAX_ITERATIONS,
	  .help = "alloc+free iterations per side of a pair" },
	{ .name = "outstanding", .json_key = "outstanding", .type = OPT_U32, PO(outstanding),
	  .def = 16, .min = 1, .max = DMABENCH_MAX_OUTSTANDING,
	  .help = "buffers held at once to measure vmalloc bytes per buffer" },
	{ .name = "hold", .json_key = "hold_ns", .type = OPT_DURATION, PO(hold_ns),
	  .def = 200000000, .min = 1000000, .max = DMABENCH_MAX_HOLD_NS,
	  .help = "how long the held buffers stay allocated while sampled" },
	{ .name = "vmalloc-interval", .json_key = "vmalloc_interval_ns", .type = OPT_DURATION,
	  PO(vmalloc_interval_ns), .def = 10000000, .min = 1000000,
	  .max = DMABENCH_MAX_VMALLOC_INTERVAL_NS,
	  .help = "sampling interval while the buffers are held (below --hold)" },
	{ .name = "format", .json_key = "format", .type = OPT_ENUM, PO(format),
	  .def = OUTPUT_HUMAN, .names = output_format_names, .help = "output format" },
	{ .name = "output", .json_key = "output", .type = OPT_STRING, PO(output_path),
	  .def_str = "", .metavar = "FILE", .help = "write results to FILE (atomically) instead of stdout" },
};

const struct opt_table pairs_options = {
	pairs_opts, sizeof(pairs_opts) / sizeof(pairs_opts[0])
};

enum opts_status pairs_config_parse(struct pairs_config *cfg, int argc, char **argv,
				    char *err, size_t errlen)
{
	enum opts_status st;

	memset(cfg, 0, sizeof(*cfg));
	st = parse_no_positional(&pairs_options, cfg, argc, argv, err, errlen);
	if (st != OPTS_OK)
		return st;
	/* At least two samples while every buffer is held. */
	if (cfg->vmalloc_interval_ns * 2 > cfg->hold_ns) {
		snprintf(err, errlen, "--vmalloc-interval: %" PRIu64 " ns is more than "
			 "half of --hold %" PRIu64 " ns: the sampler could miss "
			 "the held buffers", cfg->vmalloc_interval_ns, cfg->hold_ns);
		return OPTS_ERROR;
	}
	return OPTS_OK;
}

#define V(field) offsetof(struct verify_config, field), \
		 sizeof(((struct verify_config *)0)->field)

static const struct opt_desc verify_opts[] = {
	{ .name = "device", .json_key = "device", .type = OPT_STRING, V(device),
	  .def_str = "", .metavar = "NAME", .help = "edu device to check; default: every edu device" },
	{ .name = "len", .json_key = "len_bytes", .type = OPT_SIZE, V(len_bytes),
	  .def = 4032, .min = 1, .max = DMABENCH_VERIFY_MAX_BYTES,
	  .help = "bytes per round trip (QEMU 7.2's edu aborts on 4096)" },
	{ .name = "seed", .json_key = "seed", .type = OPT_U32, V(seed),
	  .def = 1, .min = 0, .max = UINT32_MAX, .help = "pattern seed" },
};

const struct opt_table verify_options = {
	verify_opts, sizeof(verify_opts) / sizeof(verify_opts[0])
};

/* list and info: no CSV. */
const struct opt_name show_format_names[] = {
	{ "human", OUTPUT_HUMAN, false },
	{ "json", OUTPUT_JSON, false },
	{ NULL, 0, false },
};

static const struct opt_desc show_opts[] = {
	{ .name = "format", .json_key = "format", .type = OPT_ENUM,
	  offsetof(struct show_config, format), sizeof(uint32_t),
	  .def = OUTPUT_HUMAN, .names = show_format_names, .help = "output format" },
};

const struct opt_table show_options = {
	show_opts, sizeof(show_opts) / sizeof(show_opts[0])
};
