// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <string.h>
#include "fake_module.h"

/* The fake is reached through dev->backend_data; tests set it before open. */
static struct fake_module *fake_of(struct dmabench_dev *dev)
{
	return dev->backend_data;
}

static int fake_open(struct dmabench_dev *dev, const char *node_path)
{
	(void)node_path;
	dev->fd = 1000;
	return fake_of(dev)->open_error;
}

static void fake_close(struct dmabench_dev *dev)
{
	dev->fd = -1;
}

/* Like the module: refuse other sizes and versions. */
static int check_header(struct fake_module *fm, const void *arg, size_t size)
{
	uint32_t hdr[2];

	memcpy(hdr, arg, sizeof(hdr));
	if (hdr[0] != size || hdr[1] != DMABENCH_ABI_VERSION) {
		fm->bad_header_seen = 1;
		return -EINVAL;
	}
	return 0;
}

static int fake_info(struct fake_module *fm, void *arg)
{
	struct dmabench_info *info = arg;
	int ret = check_header(fm, arg, sizeof(*info));

	if (ret)
		return ret;
	if (fm->info_error)
		return fm->info_error;
	*info = fm->info;
	info->size = sizeof(*info);
	info->abi_version = fm->abi_version;
	return 0;
}

static int fake_device(struct fake_module *fm, void *arg)
{
	struct dmabench_device_info *d = arg;
	uint32_t index = d->index;
	int ret = check_header(fm, arg, sizeof(*d));

	if (ret)
		return ret;
	if (index >= fm->info.ndevices)
		return -ENOENT;
	*d = fm->devices[index];
	d->size = sizeof(*d);
	d->abi_version = DMABENCH_ABI_VERSION;
	d->index = index;
	return 0;
}

static int fake_scenario(struct fake_module *fm, void *arg)
{
	struct dmabench_scenario_info *s = arg;
	uint32_t index = s->index;
	int ret = check_header(fm, arg, sizeof(*s));

	if (ret)
		return ret;
	if (index >= fm->info.nscenarios)
		return -ENOENT;
	*s = fm->scenarios[index];
	s->size = sizeof(*s);
	s->abi_version = DMABENCH_ABI_VERSION;
	s->index = index;
	return 0;
}

void fake_expected_stats(const struct fake_module *fm, uint32_t op,
			 struct dmabench_op_stats *out)
{
	unsigned __int128 sum_sq = 0;
	uint32_t i;

	memset(out, 0, sizeof(*out));
	out->min_ns = UINT64_MAX;
	for (i = 0; i < fm->nsamples; i++) {
		uint64_t v = fm->samples_ns[i] + op * fm->op_offset_ns;

		out->count++;
		if (dmabench_hist_index(v) >= DMABENCH_HIST_BUCKETS)
			out->overflow++;
		out->min_ns = v < out->min_ns ? v : out->min_ns;
		out->max_ns = v > out->max_ns ? v : out->max_ns;
		out->sum_ns += v;
		sum_sq += (unsigned __int128)v * v;
	}
	out->sum_sq_ns2_lo = (uint64_t)sum_sq;
	out->sum_sq_ns2_hi = (uint64_t)(sum_sq >> 64);
	out->errors = fm->errors_per_op;
	out->ops_per_sample = 1;
}

static int fake_run(struct fake_module *fm, void *arg)
{
	struct dmabench_run *run = arg;
	const struct dmabench_scenario_info *scen = NULL;
	uint64_t *hist = (uint64_t *)(uintptr_t)run->hist_ptr;
	uint32_t i, op, nops;
	int ret = check_header(fm, arg, sizeof(*run));

	if (ret)
		return ret;
	fm->runs++;
	fm->last_params = run->params;
	if (fm->run_error)
		return fm->run_error;
	if (run->hist_buckets != DMABENCH_HIST_BUCKETS)
		return -EINVAL;
	for (i = 0; i < fm->info.nscenarios; i++)
		if (!strcmp(fm->scenarios[i].name, run->params.scenario))
			scen = &fm->scenarios[i];
	if (!scen)
		return -ENOENT;
	memset(&run->results, 0, sizeof(run->results));
	/* Batched runs time whole iterations: one op, as the module does. */
	nops = fm->batch_nops ? fm->batch_nops :
	       run->params.batch > 1 ? 1 : scen->nops;
	run->results.nops = nops;
	run->results.threads = run->params.threads;
	run->results.iterations = fm->nsamples;
	run->results.elapsed_ns = 1000000;
	run->results.clock_read_ns = fm->info.clock_read_ns;
	for (op = 0; op < nops; op++) {
		struct dmabench_op_stats *s = &run->results.ops[op];

		fake_expected_stats(fm, op, s);
		if (run->params.batch > 1) {
			strcpy(s->name, "iteration");
			s->ops_per_sample = run->params.batch;
		} else {
			memcpy(s->name, scen->op_names[op], sizeof(s->name));
		}
		for (i = 0; hist && i < fm->nsamples; i++) {
			uint32_t idx = dmabench_hist_index(fm->samples_ns[i] +
							   op * fm->op_offset_ns);

			if (idx < DMABENCH_HIST_BUCKETS)
				hist[(size_t)op * DMABENCH_HIST_BUCKETS + idx]++;
		}
	}
	return 0;
}

static int fake_verify(struct fake_module *fm, void *arg)
{
	struct dmabench_verify *v = arg;
	int ret = check_header(fm, arg, sizeof(*v));

	if (ret)
		return ret;
	if (v->kind >= DMABENCH_VERIFY_NR_KINDS || !v->len_bytes ||
	    v->len_bytes > DMABENCH_VERIFY_MAX_BYTES)
		return -EINVAL;
	fm->verifies++;
	v->outcome = fm->verify_outcome[v->kind];
	v->first_bad_byte = 0;
	v->elapsed_ns = 201 * 1000000ULL;	/* edu: two 100 ms timers */
	return 0;
}

static const struct {
	unsigned long req;
	int (*fn)(struct fake_module *fm, void *arg);
} fake_ioctls[] = {
	{ DMABENCH_IOC_INFO, fake_info },
	{ DMABENCH_IOC_DEVICE, fake_device },
	{ DMABENCH_IOC_SCENARIO, fake_scenario },
	{ DMABENCH_IOC_RUN, fake_run },
	{ DMABENCH_IOC_VERIFY, fake_verify },
};

static int fake_ioctl(struct dmabench_dev *dev, unsigned long req, void *arg)
{
	size_t i;

	for (i = 0; i < sizeof(fake_ioctls) / sizeof(fake_ioctls[0]); i++)
		if (fake_ioctls[i].req == req)
			return fake_ioctls[i].fn(fake_of(dev), arg);
	return -ENOTTY;
}

const struct dmabench_backend fake_backend = {
	.open = fake_open,
	.close = fake_close,
	.ioctl = fake_ioctl,
};

void fake_module_init(struct fake_module *fm, uint32_t edu_path)
{
	struct dmabench_device_info *edu = &fm->devices[0], *fake = &fm->devices[1];
	struct dmabench_scenario_info *s;
	uint32_t i;

	memset(fm, 0, sizeof(*fm));
	fm->abi_version = DMABENCH_ABI_VERSION;
	fm->info.ndevices = 2;
	fm->info.nscenarios = 2;
	fm->info.clock_read_ns = 42;
	strcpy(fm->info.clocksource, "tsc");
	strcpy(fm->info.kernel_release, "6.1.0-fake-amd64");

	strcpy(edu->name, "edu0");
	strcpy(edu->bus_id, "0000:00:03.0");
	edu->path = edu_path;
	edu->flags = DMABENCH_DEV_F_EDU;
	edu->iommu_group = -1;
	edu->dma_mask = edu->coherent_dma_mask = UINT64_MAX;
	edu->max_mapping_size_bytes = 262144;
	strcpy(fake->name, "fake0");
	strcpy(fake->bus_id, "dmabench-fake.0");
	fake->path = DMABENCH_PATH_DIRECT;
	fake->flags = DMABENCH_DEV_F_FAKE;
	fake->iommu_group = -1;
	fake->dma_mask = fake->coherent_dma_mask = (1ULL << 32) - 1;
	fake->max_mapping_size_bytes = UINT64_MAX;

	s = &fm->scenarios[0];
	strcpy(s->name, "map_single");
	strcpy(s->summary, "dma_map_single + dma_unmap_single");
	s->nops = 2;
	strcpy(s->op_names[0], "map");
	strcpy(s->op_names[1], "unmap");
	s = &fm->scenarios[1];
	strcpy(s->name, "null");
	strcpy(s->summary, "times the harness itself");
	s->nops = 1;
	strcpy(s->op_names[0], "null");

	/* 1..1000 ns, uniform: known mean, stddev and percentiles. */
	fm->nsamples = 1000;
	for (i = 0; i < fm->nsamples; i++)
		fm->samples_ns[i] = i + 1;
	fm->op_offset_ns = 1000;

	for (i = 0; i < DMABENCH_VERIFY_NR_KINDS; i++)
		fm->verify_outcome[i] = DMABENCH_VERIFY_MATCH;
	fm->verify_outcome[DMABENCH_VERIFY_STALE_NO_SYNC] =
		edu_path == DMABENCH_PATH_SWIOTLB ? DMABENCH_VERIFY_STALE :
						    DMABENCH_VERIFY_NOT_STALE;
}
