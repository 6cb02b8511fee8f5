// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include "fake_module.h"

/* The fake is reached through dev->backend_data; tests set it before open. */
static struct fake_module *fake_of(struct dmabench_handle *dev)
{
	return dev->backend_data;
}

static int fake_open(struct dmabench_handle *dev, const char *node_path)
{
	(void)node_path;
	dev->fd = 1000;
	return fake_of(dev)->open_error;
}

/* Closing the file frees its user buffers, as the module does. */
static void fake_close(struct dmabench_handle *dev)
{
	struct fake_module *fm = fake_of(dev);
	uint32_t i;

	for (i = 0; i < fm->nubufs; i++)
		munmap(fm->ubufs[i].mem, fm->ubufs[i].size_bytes);
	fm->nubufs = 0;
	dev->fd = -1;
}

static void *fake_mmap(struct dmabench_handle *dev, size_t len, uint64_t offset)
{
	struct fake_module *fm = fake_of(dev);
	uint64_t id = offset / DMABENCH_UBUF_STRIDE_BYTES;

	if (offset % DMABENCH_UBUF_STRIDE_BYTES || id >= fm->nubufs ||
	    len > fm->ubufs[id].size_bytes) {
		errno = EINVAL;
		return NULL;
	}
	return fm->ubufs[id].mem;
}

static int fake_munmap(struct dmabench_handle *dev, void *addr, size_t len)
{
	(void)dev;
	(void)addr;
	(void)len;
	return 0;	/* the memory goes with the file */
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

	if (!ret && fm->abi_version != DMABENCH_ABI_VERSION)
		ret = -EINVAL;	/* a module of another ABI refuses ours... */
	if (ret && !fm->info_error) {
		/* ...and says which it speaks, like dmabench.ko */
		info->size = sizeof(*info);
		info->abi_version = fm->abi_version;
		return ret;
	}
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

/* Copies path to path.tmp plus n areas of bytes each, renames it in. */
static int write_storm_file(const char *path, const char *base, uint32_t n,
			    uint64_t bytes)
{
	char tmp[512];
	FILE *fp;
	uint32_t i;

	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	fp = fopen(tmp, "w");
	if (!fp)
		return -errno;
	fputs(base, fp);
	for (i = 0; i < n; i++)
		fprintf(fp, "0xffffc9000%07x-0xffffc9001%07x %7llu "
			"dma_common_pages_remap+0x5c/0x80 pages=%llu vmap\n",
			i, i, (unsigned long long)bytes,
			(unsigned long long)(bytes / 4096 - 1));
	if (fclose(fp))
		return -EIO;
	return rename(tmp, path) ? -errno : 0;
}

static char *slurp(const char *path)
{
	FILE *fp = fopen(path, "r");
	char *buf = NULL;
	size_t len = 0;
	FILE *mem;
	int c;

	if (!fp)
		return NULL;
	mem = open_memstream(&buf, &len);
	while (mem && (c = fgetc(fp)) != EOF)
		fputc(c, mem);
	if (mem)
		fclose(mem);
	fclose(fp);
	return buf;
}

/* Holds the storm's areas in the vmallocinfo file for hold_ns. */
static int fake_storm(struct fake_module *fm, struct dmabench_run *run)
{
	const struct dmabench_params *p = &run->params;
	uint64_t bytes = p->variant < DMABENCH_ALLOC_NR_VARIANTS ?
			 fm->storm_area_bytes[p->variant] : 0;
	struct timespec hold = {
		.tv_sec = (time_t)(p->hold_ns / 1000000000ULL),
		.tv_nsec = (long)(p->hold_ns % 1000000000ULL),
	};
	char *base;
	int ret;

	run->results.peak_outstanding = p->outstanding;
	run->results.peak_outstanding_bytes = p->outstanding * p->size_bytes;
	if (!fm->vmallocinfo_path)
		return 0;
	base = slurp(fm->vmallocinfo_path);
	if (!base)
		return -EIO;
	ret = write_storm_file(fm->vmallocinfo_path, base, bytes ? p->outstanding : 0,
			       bytes);
	nanosleep(&hold, NULL);
	if (!ret)
		ret = write_storm_file(fm->vmallocinfo_path, base, 0, 0);
	free(base);
	return ret;
}

/*
 * Per-op runs: the TSC at 2.5 GHz and a floor of FAKE_FLOOR_PAIRS reads,
 * half 10 ns and half 14 ns (mean 12); batched runs: ktime, no floor.
 */
static void fake_clock_and_floor(struct dmabench_run *run)
{
	uint64_t *floor = (uint64_t *)(uintptr_t)run->floor_hist_ptr;
	struct dmabench_results *r = &run->results;

	r->clock_flags = DMABENCH_CLOCK_F_TSC | DMABENCH_CLOCK_F_TIMEKEEPING_TSC;
	if (run->params.batch > 1 || run->params.clock == DMABENCH_CLOCK_KTIME) {
		r->clock = DMABENCH_CLOCK_KTIME;
		return;
	}
	r->clock = DMABENCH_CLOCK_TSC;
	r->clock_hz = 2500000000ULL;
	r->calib_window_ns = 10000000;
	r->calib_err_ppb = 7000;
	r->calib_check_ppb = -150;
	r->floor_count = FAKE_FLOOR_PAIRS;
	r->floor_sum_ns = FAKE_FLOOR_PAIRS / 2 * (10 + 14);
	if (floor) {
		floor[10] = FAKE_FLOOR_PAIRS / 2;
		floor[14] = FAKE_FLOOR_PAIRS / 2;
	}
}

/*
 * Whole iterations of a per-op run: sample i of every op, plus the
 * FAKE_ITERATION_GAP_NS the harness spends around and between them.
 */
static void fake_whole_iteration(const struct fake_module *fm, uint32_t nops,
				 struct dmabench_iteration *w)
{
	unsigned __int128 sum_sq = 0;
	uint32_t i, op;

	w->stats.min_ns = UINT64_MAX;
	for (i = 0; i < fm->nsamples; i++) {
		uint64_t v = FAKE_ITERATION_GAP_NS;
		uint32_t idx;

		for (op = 0; op < nops; op++)
			v += fm->samples_ns[i] + op * fm->op_offset_ns;
		idx = dmabench_hist_index(v);
		if (idx < DMABENCH_HIST_BUCKETS)
			w->buckets[idx]++;
		else
			w->stats.overflow++;
		w->stats.count++;
		w->stats.min_ns = v < w->stats.min_ns ? v : w->stats.min_ns;
		w->stats.max_ns = v > w->stats.max_ns ? v : w->stats.max_ns;
		w->stats.sum_ns += v;
		sum_sq += (unsigned __int128)v * v;
	}
	w->stats.sum_sq_ns2_lo = (uint64_t)sum_sq;
	w->stats.sum_sq_ns2_hi = (uint64_t)(sum_sq >> 64);
	w->stats.ops_per_sample = 1;
	strcpy(w->stats.name, "whole_iteration");
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
	/* A module without the feature has the field as reserved: EINVAL. */
	if (run->iteration_ptr && !(fm->info.features & DMABENCH_FEAT_ITERATION))
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
	fake_clock_and_floor(run);
	if (run->iteration_ptr) {
		struct dmabench_iteration *w =
			(struct dmabench_iteration *)(uintptr_t)run->iteration_ptr;

		memset(w, 0, sizeof(*w));
		if (run->params.batch == 1)
			fake_whole_iteration(fm, nops, w);
	}
	if (scen->flags & DMABENCH_SCN_F_STORM)
		return fake_storm(fm, run);
	return 0;
}

static int fake_ubuf_alloc(struct fake_module *fm, void *arg)
{
	struct dmabench_ubuf *u = arg;
	void *mem;
	int ret = check_header(fm, arg, sizeof(*u));

	if (ret)
		return ret;
	if (u->variant >= DMABENCH_ALLOC_NR_VARIANTS || !u->size_bytes ||
	    u->size_bytes % 4096 || u->size_bytes > DMABENCH_MAX_SIZE_BYTES ||
	    (u->attrs && u->variant != DMABENCH_ALLOC_ATTRS))
		return -EINVAL;
	if (fm->ubuf_error[u->variant])
		return fm->ubuf_error[u->variant];
	if (fm->nubufs >= DMABENCH_MAX_UBUFS)
		return -ENOSPC;
	/* Anonymous and untouched: first touch faults, as a lazy mapping would. */
	mem = mmap(NULL, u->size_bytes, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (mem == MAP_FAILED)
		return -ENOMEM;
	u->id = fm->nubufs;
	fm->ubufs[u->id].mem = mem;
	fm->ubufs[u->id].size_bytes = u->size_bytes;
	fm->ubufs[u->id].variant = u->variant;
	fm->nubufs++;
	u->mmap_offset_bytes = (uint64_t)u->id * DMABENCH_UBUF_STRIDE_BYTES;
	u->alloc_ns = 12345;
	return 0;
}

/* The edu round trip of a user buffer: what user space wrote, compared. */
static int fake_verify_ubuf(struct fake_module *fm, struct dmabench_verify *v)
{
	uint8_t *mem;
	uint32_t i;

	if (v->ubuf_id >= fm->nubufs || v->len_bytes > fm->ubufs[v->ubuf_id].size_bytes)
		return -EINVAL;
	mem = fm->ubufs[v->ubuf_id].mem;
	if (fm->corrupt_ubuf)
		mem[v->len_bytes / 2] ^= 0xff;
	v->outcome = DMABENCH_VERIFY_MATCH;
	for (i = 0; i < v->len_bytes; i++)
		if (mem[i] != dmabench_pattern_byte(v->seed, i)) {
			v->outcome = DMABENCH_VERIFY_MISMATCH;
			v->first_bad_byte = i;
			break;
		}
	v->elapsed_ns = 201 * 1000000ULL;
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
	if (v->kind == DMABENCH_VERIFY_UBUF)
		return fake_verify_ubuf(fm, v);
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
	{ DMABENCH_IOC_UBUF_ALLOC, fake_ubuf_alloc },
};

static int fake_ioctl(struct dmabench_handle *dev, unsigned long req, void *arg)
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
	.mmap = fake_mmap,
	.munmap = fake_munmap,
};

static struct dmabench_scenario_info *add_scenario(struct fake_module *fm,
						   const char *name, uint32_t flags)
{
	struct dmabench_scenario_info *s = &fm->scenarios[fm->info.nscenarios++];

	memset(s, 0, sizeof(*s));
	snprintf(s->name, sizeof(s->name), "%s", name);
	snprintf(s->summary, sizeof(s->summary), "fake %s", name);
	s->nops = 2;
	strcpy(s->op_names[0], "alloc");
	strcpy(s->op_names[1], "free");
	s->flags = flags;
	return s;
}

/* An allocation scenario as the module declares it: its storm variant and
 * the scenario it is compared with (NULL: none). */
static void add_alloc(struct fake_module *fm, const char *name, uint32_t flags,
		      uint32_t variant, const char *pair)
{
	struct dmabench_scenario_info *s = add_scenario(fm, name, flags |
		DMABENCH_SCN_F_ALLOC | DMABENCH_SCN_F_VARIANT);

	s->variant = variant;
	if (pair)
		snprintf(s->pair, sizeof(s->pair), "%s", pair);
}

void fake_module_add_alloc(struct fake_module *fm)
{
	add_alloc(fm, "alloc_coherent", 0, DMABENCH_ALLOC_COHERENT, NULL);
	add_alloc(fm, "alloc_attrs", 0, DMABENCH_ALLOC_ATTRS, "alloc_coherent");
	add_scenario(fm, "alloc_storm", DMABENCH_SCN_F_ALLOC | DMABENCH_SCN_F_STORM);
	add_alloc(fm, "alloc_noncontig", DMABENCH_SCN_F_UNAVAILABLE,
		  DMABENCH_ALLOC_NONCONTIGUOUS, NULL);
	add_alloc(fm, "alloc_noncontig_vmap", DMABENCH_SCN_F_UNAVAILABLE,
		  DMABENCH_ALLOC_NONCONTIGUOUS_VMAP, "alloc_noncontig");
	/* Compared with a scenario that allocates nothing: not a pair. */
	add_alloc(fm, "alloc_vs_map", 0, DMABENCH_ALLOC_ATTRS, "map_single");
}

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
	fm->info.features = DMABENCH_FEAT_ITERATION;
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
