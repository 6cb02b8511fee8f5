// SPDX-License-Identifier: GPL-2.0
/*
 * exhaust: run the module out of memory (or of swiotlb slots) and check it
 * reports the failures, frees everything and works again. KTAP.
 *
 *   exhaust [DEVICE]           (default edu0) with the device's own mask:
 *     - an until-ENOMEM storm of every allocation variant (and map_single,
 *       streaming mappings held), 4 MiB buffers (the largest mapping the
 *       device takes for map_single), until the guest's memory runs out:
 *       one failure, at least half of MemTotal held at the peak (a
 *       quarter under KASAN: see held_enough());
 *     - the same with 8 threads at once;
 *     - UBUF_ALLOC: 16 per open file then ENOSPC; then 4 MiB buffers over
 *       many open files until ENOMEM;
 *     after each: every result consistent, no OOM kill (a balloon of
 *     oom_balloon.h takes the ones the kernel's own GFP_KERNEL allocations
 *     may call), everything back to
 *     the baseline (leakcheck.h) and a small run of the same kind works.
 *   exhaust swiotlb [DEVICE]   streaming mappings held until the swiotlb
 *     pool is full (boot with a small swiotlb=<slabs>,force): 1 and 4
 *     threads; the slots in use are sampled while the storm holds them.
 */
#include <pthread.h>
#include <sys/mman.h>

#include "ktap.h"
#include "dmabench_test.h"
#include "leakcheck.h"
#include "oom_balloon.h"

#define BIG_BYTES		(4ULL << 20)	/* DMABENCH_MAX_SIZE_BYTES */
#define FILL_MAX		4096		/* 16 GiB of 4 MiB buffers: never the limit */
#define SMALL_N			16
#define SMALL_BYTES		(64 * 1024)
#define MAX_FILES		128
#define SLOT_BYTES		2048		/* IO_TLB_SIZE */

static int fd;
static const char *device = "edu0";
static struct dmabench_device_info dev_info;
static uint64_t memtotal_bytes;
static unsigned int held_divisor = 2;

/*
 * Memory, not something else, ran out: the storm held at least half of
 * MemTotal. KASAN's quarantine and redzones and kmemleak's objects take
 * memory a storm cannot have: on the debug kernel 37-43 x 4 MiB of
 * 349 MiB were held, against 99 of 480 on Debian's. There a quarter.
 */
static int held_enough(uint64_t held_bytes)
{
	return held_bytes * held_divisor >= memtotal_bytes;
}

/* A generic KASAN kernel has its checks in kallsyms. */
static int kernel_has_kasan(void)
{
	FILE *f = fopen("/proc/kallsyms", "r");
	char line[256];
	int found = 0;

	while (f && !found && fgets(line, sizeof(line), f))
		found = strstr(line, " __asan_load8\n") != NULL;
	if (f)
		fclose(f);
	return found;
}

struct variant_case {
	const char *name;
	uint32_t variant;
};

static const struct variant_case variants[] = {
	{ "coherent", DMABENCH_ALLOC_COHERENT },
	{ "attrs", DMABENCH_ALLOC_ATTRS },
	{ "wc", DMABENCH_ALLOC_WC },
	{ "noncoherent", DMABENCH_ALLOC_NONCOHERENT },
	{ "pages", DMABENCH_ALLOC_PAGES },
	{ "noncontiguous", DMABENCH_ALLOC_NONCONTIGUOUS },
	{ "noncontiguous_vmap", DMABENCH_ALLOC_NONCONTIGUOUS_VMAP },
	{ "map_single", DMABENCH_ALLOC_MAP_SINGLE },
};

static void storm_init(struct dmabench_run *r, uint32_t variant,
		       uint64_t size, uint32_t outstanding, uint32_t threads)
{
	dmabench_storm_init(r, device, variant, DMABENCH_STORM_UNTIL_ENOMEM, size,
			    outstanding);
	r->params.threads = threads;
	r->params.iterations = 1ULL << 32;	/* ends by itself */
}

/*
 * An until-ENOMEM storm's results hang together: every thread filled until
 * one allocation failed (errors == threads when ended by ENOMEM, 0 when it
 * filled every slot), freed all it held, and every iteration was one alloc
 * attempt or one free.
 */
static int storm_consistent(const struct dmabench_run *r, uint64_t want_errors)
{
	const struct dmabench_results *res = &r->results;
	const struct dmabench_op_stats *a = &res->ops[0], *f = &res->ops[1];

	return res->nops == 2 && res->threads == r->params.threads &&
	       a->errors == want_errors && f->errors == 0 &&
	       a->count == f->count && a->count >= res->peak_outstanding &&
	       res->iterations == a->count + a->errors + f->count &&
	       res->peak_outstanding >= 1;
}

static uint64_t variant_size(uint32_t variant)
{
	if (variant == DMABENCH_ALLOC_MAP_SINGLE &&
	    dev_info.max_mapping_size_bytes < BIG_BYTES)
		return dev_info.max_mapping_size_bytes;	/* swiotlb: 256 KiB */
	return BIG_BYTES;
}

/* A small storm of the same variant after an exhaustion: all 16 held, no error. */
static void next_run_works(const char *what, uint32_t variant)
{
	struct dmabench_run r;
	int err;

	storm_init(&r, variant, SMALL_BYTES, SMALL_N, 1);
	err = dmabench_ioctl(fd, DMABENCH_IOC_RUN, &r);
	ktap_ok(!err && r.results.peak_outstanding == SMALL_N &&
		storm_consistent(&r, 0),
		"%s: the next run works (%d x %d bytes held, %s, errors %llu)",
		what, SMALL_N, SMALL_BYTES, strerror(err),
		(unsigned long long)r.results.ops[0].errors);
}

static void test_variants(void)
{
	struct leak_base base;
	pid_t balloon;
	struct dmabench_run r;
	char what[96];
	uint64_t size;
	size_t i;
	int err;

	for (i = 0; i < sizeof(variants) / sizeof(variants[0]); i++) {
		size = variant_size(variants[i].variant);
		snprintf(what, sizeof(what), "until-ENOMEM %s", variants[i].name);
		leak_baseline(&base);
		storm_init(&r, variants[i].variant, size, FILL_MAX, 1);
		balloon = oom_balloon_start();
		err = dmabench_ioctl(fd, DMABENCH_IOC_RUN, &r);
		oom_balloon_stop(balloon, what);
		ktap_ok(!err && storm_consistent(&r, 1) &&
			r.results.peak_outstanding < FILL_MAX &&
			r.results.peak_outstanding_bytes ==
			r.results.peak_outstanding * size &&
			r.results.peak_outstanding_bytes <= memtotal_bytes &&
			/* memory, not something else, ran out (not so for a
			 * swiotlb-sized map_single: the pool runs out) */
			(size != BIG_BYTES ||
			 held_enough(r.results.peak_outstanding_bytes)),
			"until-ENOMEM %s, %llu-byte buffers: %llu held (%llu MiB of %llu MiB), then %llu failure, %llu freed (%s)",
			variants[i].name, (unsigned long long)size,
			(unsigned long long)r.results.peak_outstanding,
			(unsigned long long)(r.results.peak_outstanding_bytes >> 20),
			(unsigned long long)(memtotal_bytes >> 20),
			(unsigned long long)r.results.ops[0].errors,
			(unsigned long long)r.results.ops[1].count, strerror(err));
		ktap_diag("exhaust variant=%s size_bytes=%llu held=%llu held_bytes=%llu failures=%llu elapsed_ms=%llu",
			  variants[i].name, (unsigned long long)size,
			  (unsigned long long)r.results.peak_outstanding,
			  (unsigned long long)r.results.peak_outstanding_bytes,
			  (unsigned long long)r.results.ops[0].errors,
			  (unsigned long long)(r.results.elapsed_ns / 1000000));
		leak_check(what, &base);
		next_run_works(what, variants[i].variant);
	}
}

static void test_threads(void)
{
	struct leak_base base;
	pid_t balloon;
	struct dmabench_run r;
	int err;

	leak_baseline(&base);
	storm_init(&r, DMABENCH_ALLOC_PAGES, BIG_BYTES, FILL_MAX, 8);
	balloon = oom_balloon_start();
	err = dmabench_ioctl(fd, DMABENCH_IOC_RUN, &r);
	oom_balloon_stop(balloon, "until-ENOMEM on 8 threads");
	ktap_ok(!err && storm_consistent(&r, 8),
		"until-ENOMEM pages on 8 threads: each ended by one failure (%llu), %llu allocs, %llu frees (%s)",
		(unsigned long long)r.results.ops[0].errors,
		(unsigned long long)r.results.ops[0].count,
		(unsigned long long)r.results.ops[1].count, strerror(err));
	ktap_diag("exhaust threads=8 variant=pages held_sum_of_thread_peaks=%llu bytes=%llu",
		  (unsigned long long)r.results.peak_outstanding,
		  (unsigned long long)r.results.peak_outstanding_bytes);
	leak_check("until-ENOMEM on 8 threads", &base);
	next_run_works("until-ENOMEM on 8 threads", DMABENCH_ALLOC_PAGES);
}

static int ubuf_alloc(int f, uint64_t size, uint32_t variant)
{
	struct dmabench_ubuf u;

	memset(&u, 0, sizeof(u));
	u.size = sizeof(u);
	u.abi_version = DMABENCH_ABI_VERSION;
	snprintf(u.device, sizeof(u.device), "%s", device);
	u.variant = variant;
	u.size_bytes = size;
	return dmabench_ioctl(f, DMABENCH_IOC_UBUF_ALLOC, &u);
}

static void test_ubuf(void)
{
	int files[MAX_FILES], nfiles = 0, held = 0, err = 0, f, i, first;
	struct leak_base base;
	pid_t balloon;

	leak_baseline(&base);
	f = open(DMABENCH_DEVICE_NODE, O_RDWR);
	for (i = 0; i < DMABENCH_MAX_UBUFS && !(err = ubuf_alloc(f, SMALL_BYTES, 0)); i++)
		;
	ktap_ok(i == DMABENCH_MAX_UBUFS && !err,
		"UBUF_ALLOC: %d buffers in one open file", i);
	err = ubuf_alloc(f, SMALL_BYTES, 0);
	ktap_ok(err == ENOSPC, "UBUF_ALLOC number %d: ENOSPC (%s)",
		DMABENCH_MAX_UBUFS + 1, strerror(err));
	close(f);
	leak_check("ubufs of a closed file", &base);

	/* 4 MiB buffers, 16 per file, over as many files as it takes. */
	err = 0;
	balloon = oom_balloon_start();
	while (!err && nfiles < MAX_FILES) {
		f = open(DMABENCH_DEVICE_NODE, O_RDWR);
		if (f < 0)
			break;
		files[nfiles++] = f;
		for (i = 0; i < DMABENCH_MAX_UBUFS; i++) {
			err = ubuf_alloc(f, BIG_BYTES, DMABENCH_ALLOC_PAGES);
			if (err)
				break;
			held++;
		}
	}
	first = err;
	oom_balloon_stop(balloon, "UBUF_ALLOC until ENOMEM");
	ktap_ok(first == ENOMEM && held_enough((uint64_t)held * BIG_BYTES) &&
		(uint64_t)held * BIG_BYTES <= memtotal_bytes,
		"UBUF_ALLOC until ENOMEM: %d x 4 MiB (%d MiB) in %d open files, then %s",
		held, held * 4, nfiles, strerror(first));
	for (i = 0; i < nfiles; i++)
		close(files[i]);
	leak_check("ubufs until ENOMEM, files closed", &base);
	f = open(DMABENCH_DEVICE_NODE, O_RDWR);
	err = ubuf_alloc(f, BIG_BYTES, DMABENCH_ALLOC_PAGES);
	ktap_ok(!err, "UBUF_ALLOC works again after ENOMEM (%s)", strerror(err));
	close(f);
}

/* ---- swiotlb ---- */

struct sampler {
	volatile int stop;
	long max_used;
	pthread_t thread;
};

static void *sample_used(void *arg)
{
	struct sampler *s = arg;
	long v;

	while (!s->stop) {
		v = leak_read_long(SWIOTLB_USED, NULL);
		if (v > s->max_used)
			s->max_used = v;
		usleep(5000);
	}
	return NULL;
}

static void swiotlb_storm(uint32_t threads, uint64_t size, long nslabs)
{
	long slots = (long)(size / SLOT_BYTES);
	struct sampler s = { 0, -1, 0 };
	struct leak_base base;
	struct dmabench_run r;
	char what[96];
	int err;

	leak_baseline(&base);
	storm_init(&r, DMABENCH_ALLOC_MAP_SINGLE, size, FILL_MAX, threads);
	r.params.hold_ns = 300000000ULL;	/* sampled while full */
	pthread_create(&s.thread, NULL, sample_used, &s);
	err = dmabench_ioctl(fd, DMABENCH_IOC_RUN, &r);
	s.stop = 1;
	pthread_join(s.thread, NULL);
	ktap_ok(!err && storm_consistent(&r, threads),
		"swiotlb: %u thread(s) mapping %llu-byte buffers until the pool is full: %llu failure(s), %llu mapped, all unmapped (%s)",
		threads, (unsigned long long)size,
		(unsigned long long)r.results.ops[0].errors,
		(unsigned long long)r.results.ops[0].count, strerror(err));
	if (threads == 1)
		ktap_ok((long)r.results.peak_outstanding * slots <= nslabs - base.vm.swiotlb_used &&
			(long)((r.results.peak_outstanding + 1) * slots) >
			(nslabs - base.vm.swiotlb_used) / 2 &&
			s.max_used >= (long)r.results.peak_outstanding * slots,
			"swiotlb: %llu mappings x %ld slots held, %ld of %ld slots in use at the peak (baseline %ld)",
			(unsigned long long)r.results.peak_outstanding, slots,
			s.max_used, nslabs, base.vm.swiotlb_used);
	ktap_diag("swiotlb threads=%u size_bytes=%llu held=%llu slots_per_mapping=%ld max_used=%ld nslabs=%ld failures=%llu",
		  threads, (unsigned long long)size,
		  (unsigned long long)r.results.peak_outstanding, slots,
		  s.max_used, nslabs, (unsigned long long)r.results.ops[0].errors);
	snprintf(what, sizeof(what), "swiotlb full, %u thread(s)", threads);
	leak_check(what, &base);
}

static void test_swiotlb(void)
{
	long nslabs = leak_read_long("/sys/kernel/debug/swiotlb/io_tlb_nslabs", NULL);
	struct dmabench_run r;
	int err;

	if (!ktap_ok(nslabs > 0 && dev_info.path == DMABENCH_PATH_SWIOTLB,
		     "%s bounces through a swiotlb pool of %ld slots (path %u)",
		     device, nslabs, dev_info.path))
		return;
	swiotlb_storm(1, SMALL_BYTES, nslabs);
	swiotlb_storm(4, SMALL_BYTES, nslabs);
	next_run_works("swiotlb full", DMABENCH_ALLOC_MAP_SINGLE);
	dmabench_run_init(&r, "map_single", device, DMABENCH_VIA_OPS);
	r.params.iterations = 1000;
	err = dmabench_ioctl(fd, DMABENCH_IOC_RUN, &r);
	if (dmabench_ops_refused(fd, device, DMABENCH_VIA_OPS))
		ktap_ok(err == EOPNOTSUPP,
			"swiotlb full: map_single via ops refused under DMA-API debug, EOPNOTSUPP (%s)",
			strerror(err));
	else
		ktap_ok(!err && r.results.ops[0].count == 1000 && !r.results.ops[0].errors,
			"swiotlb full: map_single x 1000 via ops works afterwards (%s, errors %llu)",
			strerror(err), (unsigned long long)r.results.ops[0].errors);
}

static int find_device(void)
{
	uint32_t i;

	for (i = 0; i < DMABENCH_MAX_DEVICES; i++) {
		memset(&dev_info, 0, sizeof(dev_info));
		dev_info.size = sizeof(dev_info);
		dev_info.abi_version = DMABENCH_ABI_VERSION;
		dev_info.index = i;
		if (dmabench_ioctl(fd, DMABENCH_IOC_DEVICE, &dev_info))
			return -1;
		if (!strcmp(dev_info.name, device))
			return 0;
	}
	return -1;
}

int main(int argc, char **argv)
{
	int swiotlb = argc > 1 && !strcmp(argv[1], "swiotlb");

	if (argc > 1 + swiotlb)
		device = argv[1 + swiotlb];
	fd = dmabench_open_dev();
	memtotal_bytes = (uint64_t)leak_read_long("/proc/meminfo", "MemTotal:") * 1024;
	if (kernel_has_kasan())
		held_divisor = 4;
	ktap_begin();
	if (!ktap_ok(!find_device(), "%s is bound", device))
		return ktap_end();
	ktap_diag("exhaust: device %s path %u mask %#llx max_mapping %llu MemTotal %llu MiB (1/%u held at ENOMEM at least) profile %s",
		  device, dev_info.path, (unsigned long long)dev_info.dma_mask,
		  (unsigned long long)dev_info.max_mapping_size_bytes,
		  (unsigned long long)(memtotal_bytes >> 20), held_divisor,
		  getenv("DMABENCH_PROFILE") ? getenv("DMABENCH_PROFILE") : "unset");
	if (swiotlb) {
		test_swiotlb();
	} else {
		test_variants();
		test_threads();
		test_ubuf();
	}
	close(fd);
	return ktap_end();
}
