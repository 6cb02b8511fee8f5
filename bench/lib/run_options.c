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
	{ .name = "format", .json_key = "format", .type = OPT_ENUM, C(format),
	  .def = OUTPUT_HUMAN, .names = output_format_names,
	  .help = "output format" },
	{ .name = "output", .json_key = "output", .type = OPT_STRING, C(output_path),
	  .def_str = "", .metavar = "FILE", .help = "write results to FILE (atomically) instead of stdout" },
	{ .name = "repeat", .json_key = "repeat", .type = OPT_U32, C(repeat),
	  .def = 1, .min = 1, .max = DMABENCH_MAX_REPEAT,
	  .help = "run the scenario N times, each repetition kept apart" },
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

enum opts_status run_config_parse(struct run_config *cfg, int argc, char **argv,
				  char *err, size_t errlen)
{
	bool seen[sizeof(run_opts) / sizeof(run_opts[0])] = { false };
	const struct dmabench_params *p = &cfg->params;
	char *scenario[1];
	int nscenario;
	enum opts_status st;

	memset(cfg, 0, sizeof(*cfg));
	opts_set_defaults(&run_options, cfg);
	st = opts_parse(&run_options, cfg, argc, argv, scenario, 1, &nscenario,
			seen, err, errlen);
	if (st != OPTS_OK)
		return st;
	if (nscenario != 1) {
		snprintf(err, errlen, "which scenario? (dmabench list shows them)");
		return OPTS_ERROR;
	}
	if (strlen(scenario[0]) >= sizeof(cfg->params.scenario)) {
		snprintf(err, errlen, "scenario name '%s' is longer than %zu characters",
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

static const struct opt_name show_format_names[] = {
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
