// SPDX-License-Identifier: GPL-2.0
/*
 * alloc: the allocation scenarios, storms and user (mmap) buffers, KTAP.
 *   alloc [DEVICE]   (default edu0; run inside a lab guest, module loaded)
 *
 * - every old-vs-attribute pair runs in this boot through both vias;
 *   the p50 ratio is printed, both sides must complete without error;
 * - pci_alloc_consistent is reported unavailable on >= 5.18 and refused;
 * - vmalloc bytes per 256 KiB buffer of every variant: a storm holds
 *   STORM_N buffers while /proc/vmallocinfo is sampled, attributed by
 *   caller; NO_KERNEL_MAPPING must add nothing on dma-direct paths and one
 *   area of size + guard page per buffer on iommu-dma paths (6.1);
 * - after every storm leakcheck.h's check: DMA vmalloc areas, swiotlb
 *   slots and the module's counters exact, MemFree within the tolerance;
 * - storms: random/log-uniform on 2 threads, FIFO with a weighted list,
 *   until-ENOMEM under a 24-bit mask, and one stopped by a signal;
 * - mmap of a buffer of every variant, first touch, bandwidth, and an edu
 *   round trip of what user space wrote.
 */
#include <math.h>
#include <pthread.h>
#include <signal.h>
#include <sys/mman.h>
#include <time.h>

#include "ktap.h"
#include "dmabench_test.h"
#include "leakcheck.h"
#include "alloc_variants.h"

#define BUF_BYTES		(256 * 1024)
#define STORM_N			16
#define HOLD_NS			400000000ULL	/* long enough for 20 samples */
#define SAMPLE_US		20000
#define PAGE_BYTES		4096

static int fd;
static const char *device = "edu0";
static uint32_t path;

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

/* ---- runs ---- */

struct run_job {
	struct dmabench_run run;
	uint64_t *hist;
	int err;
	volatile int done;
	pthread_t thread;
};

static void *run_thread(void *arg)
{
	struct run_job *j = arg;

	j->err = dmabench_ioctl(fd, DMABENCH_IOC_RUN, &j->run);
	j->done = 1;
	return NULL;
}

static void job_init(struct run_job *j, const char *scenario, uint32_t via)
{
	memset(j, 0, sizeof(*j));
	dmabench_run_init(&j->run, scenario, device, via);
	j->run.params.nents = 0;
	j->run.params.direction = DMABENCH_DIR_BIDIRECTIONAL;
	j->run.params.size_bytes = BUF_BYTES;
}

static void storm_init(struct run_job *j, uint32_t via, uint32_t variant,
		       uint64_t attrs)
{
	job_init(j, "alloc_storm", via);
	j->run.params.variant = variant;
	j->run.params.attrs = attrs;
	j->run.params.outstanding = STORM_N;
	j->run.params.pattern = DMABENCH_STORM_UNTIL_ENOMEM;
	j->run.params.hold_ns = HOLD_NS;
	j->run.params.iterations = 1000000;
}

/* Runs j while sampling; peak and end samples out. */
static int run_sampled(struct run_job *j, struct vm_sample *peak,
		       struct vm_sample *end)
{
	struct vm_sample s;

	memset(peak, 0, sizeof(*peak));
	if (pthread_create(&j->thread, NULL, run_thread, j))
		return ENOMEM;
	while (!j->done) {
		vm_sample(&s);
		if (s.dma_bytes > peak->dma_bytes)
			*peak = s;
		usleep(SAMPLE_US);
	}
	pthread_join(j->thread, NULL);
	vm_sample(end);
	return j->err;
}

static uint64_t p50_ns(const uint64_t *hist, uint64_t count)
{
	uint64_t seen = 0;
	uint32_t i;

	for (i = 0; i < DMABENCH_HIST_BUCKETS; i++) {
		seen += hist[i];
		if (seen * 2 >= count)
			return dmabench_hist_lower_ns(i);
	}
	return 0;
}

static int run_p50(const char *scenario, uint32_t via, uint64_t size,
		   uint64_t *alloc_ns, uint64_t *free_ns)
{
	static uint64_t hist[DMABENCH_MAX_OPS * DMABENCH_HIST_BUCKETS];
	struct run_job j;
	uint32_t last;
	int err;

	job_init(&j, scenario, via);
	j.run.params.size_bytes = size;
	j.run.params.iterations = 200;
	j.run.hist_ptr = (uintptr_t)hist;
	j.run.hist_buckets = DMABENCH_HIST_BUCKETS;
	err = dmabench_ioctl(fd, DMABENCH_IOC_RUN, &j.run);
	if (err)
		return err;
	last = j.run.results.nops - 1;
	if (j.run.results.ops[0].count != 200 || j.run.results.ops[0].errors ||
	    j.run.results.ops[last].count != 200)
		return EPROTO;
	*alloc_ns = p50_ns(hist, 200);
	*free_ns = p50_ns(hist + (size_t)last * DMABENCH_HIST_BUCKETS, 200);
	return 0;
}

struct pair {
	const char *old, *attr;
	uint64_t size_bytes;
};

static const struct pair pairs[] = {
	{ "alloc_coherent", "alloc_attrs", BUF_BYTES },
	{ "alloc_wc", "alloc_attrs_wc", BUF_BYTES },
	{ "alloc_attrs", "alloc_nokmap", BUF_BYTES },
	{ "alloc_attrs", "alloc_force_contig", BUF_BYTES },
	{ "alloc_attrs", "alloc_single_pages", BUF_BYTES },
	{ "alloc_noncoherent", "alloc_pages", BUF_BYTES },
	{ "alloc_noncontig", "alloc_noncontig_vmap", BUF_BYTES },
	{ "alloc_coherent", "pool_alloc", 256 },
};

static const char *const via_names[] = { "direct", "ops" };

static void test_pairs(void)
{
	uint64_t oa, of, na, nf;
	uint32_t via;
	size_t i;
	int e1, e2;

	for (via = 0; via < 2; via++)
		for (i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
			e1 = run_p50(pairs[i].old, via, pairs[i].size_bytes, &oa, &of);
			e2 = run_p50(pairs[i].attr, via, pairs[i].size_bytes, &na, &nf);
			if (dmabench_ops_refused(fd, device, via)) {
				ktap_ok(e1 == EOPNOTSUPP && e2 == EOPNOTSUPP,
					"pair %s/%s via ops: refused under DMA-API debug, EOPNOTSUPP (%s, %s)",
					pairs[i].old, pairs[i].attr, strerror(e1), strerror(e2));
				continue;
			}
			ktap_ok(!e1 && !e2, "pair %s/%s via %s size %llu: 200 allocs each (%s, %s)",
				pairs[i].old, pairs[i].attr, via_names[via],
				(unsigned long long)pairs[i].size_bytes,
				strerror(e1), strerror(e2));
			if (!e1 && !e2 && oa && of)
				ktap_diag("pair via=%s old=%s new=%s alloc_p50_ns=%llu/%llu ratio=%.2f free_p50_ns=%llu/%llu ratio=%.2f",
					  via_names[via], pairs[i].old, pairs[i].attr,
					  (unsigned long long)oa, (unsigned long long)na,
					  (double)na / oa, (unsigned long long)of,
					  (unsigned long long)nf, (double)nf / of);
		}
}

static void test_unavailable(void)
{
	struct dmabench_scenario_info si;
	struct dmabench_info info = {
		.size = sizeof(info), .abi_version = DMABENCH_ABI_VERSION,
	};
	struct run_job j;
	uint32_t i, found = 0;

	dmabench_ioctl(fd, DMABENCH_IOC_INFO, &info);
	for (i = 0; i < info.nscenarios; i++) {
		memset(&si, 0, sizeof(si));
		si.size = sizeof(si);
		si.abi_version = DMABENCH_ABI_VERSION;
		si.index = i;
		if (dmabench_ioctl(fd, DMABENCH_IOC_SCENARIO, &si))
			continue;
		if (!strcmp(si.name, "pci_alloc_consistent"))
			found = si.flags;
	}
	ktap_ok(found & DMABENCH_SCN_F_UNAVAILABLE,
		"pci_alloc_consistent is flagged unavailable on this kernel (flags %#x)",
		found);
	job_init(&j, "pci_alloc_consistent", 0);
	ktap_ok(dmabench_ioctl(fd, DMABENCH_IOC_RUN, &j.run) == EOPNOTSUPP,
		"running pci_alloc_consistent says EOPNOTSUPP");
}

static int iommu_dma_path(void)
{
	return path == DMABENCH_PATH_IOMMU_STRICT || path == DMABENCH_PATH_IOMMU_LAZY;
}

/* A storm's cleanup: leakcheck.h's check against the storm's baseline. */
static void check_back(const char *what, const struct leak_base *base)
{
	char line[160];

	snprintf(line, sizeof(line), "%s: back to baseline", what);
	leak_check(line, base);
}

static void test_vmalloc(void)
{
	struct vm_sample peak, end;
	struct leak_base base;
	struct run_job j;
	uint32_t via;
	size_t i;
	int err;

	for (via = 0; via < 2; via++)
		for (i = 0; i < sizeof(variants) / sizeof(variants[0]); i++) {
			const struct variant_case *v = &variants[i];
			uint64_t per_buf;

			leak_baseline(&base);
			storm_init(&j, via, v->variant, v->attrs);
			err = run_sampled(&j, &peak, &end);
			if (dmabench_ops_refused(fd, device, via)) {
				ktap_ok(err == EOPNOTSUPP,
					"storm %s via ops: refused under DMA-API debug, EOPNOTSUPP (%s)",
					v->name, strerror(err));
				continue;
			}
			per_buf = peak.dma_bytes > base.vm.dma_bytes ?
				  (peak.dma_bytes - base.vm.dma_bytes) / STORM_N : 0;
			ktap_ok(!err && j.run.results.peak_outstanding == STORM_N,
				"storm %s via %s: %d x %d bytes held (%s, peak %llu)",
				v->name, via_names[via], STORM_N, BUF_BYTES,
				strerror(err),
				(unsigned long long)j.run.results.peak_outstanding);
			ktap_diag("vmalloc variant=%s via=%s path=%u size_bytes=%d vmalloc_bytes_per_buffer=%llu areas_per_buffer=%.2f peak_dma_vmalloc_bytes=%llu",
				  v->name, via_names[via], path, BUF_BYTES,
				  (unsigned long long)per_buf,
				  (double)(peak.dma_areas - base.vm.dma_areas) / STORM_N,
				  (unsigned long long)peak.dma_bytes);
			check_back(v->name, &base);
			if (v->attrs == DMABENCH_ATTR_NO_KERNEL_MAPPING && !err) {
				if (iommu_dma_path())
					ktap_ok(per_buf == BUF_BYTES + PAGE_BYTES,
						"NO_KERNEL_MAPPING via %s on iommu-dma (6.1 ignores it): one %d-byte area per buffer (got %llu)",
						via_names[via], BUF_BYTES + PAGE_BYTES,
						(unsigned long long)per_buf);
				else
					ktap_ok(per_buf == 0,
						"NO_KERNEL_MAPPING via %s on dma-direct: no vmalloc growth (got %llu)",
						via_names[via], (unsigned long long)per_buf);
			}
		}
}

static void test_storms(void)
{
	static const struct dmabench_size_weight list[] = {
		{ .size_bytes = 4096, .weight = 6 },
		{ .size_bytes = 65536, .weight = 3 },
		{ .size_bytes = 1 << 20, .weight = 1 },
	};
	struct leak_base base;
	struct run_job j;
	int err;

	leak_baseline(&base);
	job_init(&j, "alloc_storm", 0);
	j.run.params.threads = 2;
	j.run.params.outstanding = 32;
	j.run.params.distribution = DMABENCH_DIST_LOG_UNIFORM;
	j.run.params.size_bytes = 512;
	j.run.params.size_max_bytes = 1 << 20;
	j.run.params.iterations = 2000;
	err = dmabench_ioctl(fd, DMABENCH_IOC_RUN, &j.run);
	ktap_ok(!err && j.run.results.ops[0].count > 0 && j.run.results.ops[1].count > 0,
		"random log-uniform storm, 2 threads: %llu allocs %llu frees, peak %llu buffers %llu bytes (%s)",
		(unsigned long long)j.run.results.ops[0].count,
		(unsigned long long)j.run.results.ops[1].count,
		(unsigned long long)j.run.results.peak_outstanding,
		(unsigned long long)j.run.results.peak_outstanding_bytes, strerror(err));
	check_back("random storm", &base);

	job_init(&j, "alloc_storm", 1);
	j.run.params.outstanding = 8;
	j.run.params.pattern = DMABENCH_STORM_FIFO;
	j.run.params.variant = DMABENCH_ALLOC_PAGES;
	j.run.params.distribution = DMABENCH_DIST_LIST;
	j.run.params.nsizes = 3;
	j.run.params.sizes_ptr = (uintptr_t)list;
	j.run.params.hold_ns = 1000000;
	j.run.params.iterations = 400;
	err = dmabench_ioctl(fd, DMABENCH_IOC_RUN, &j.run);
	if (dmabench_ops_refused(fd, device, 1))
		ktap_ok(err == EOPNOTSUPP,
			"FIFO storm via ops: refused under DMA-API debug, EOPNOTSUPP (%s)",
			strerror(err));
	else
		ktap_ok(!err && j.run.results.ops[1].count > 0,
			"FIFO storm of dma_alloc_pages, weighted list, 1 ms hold, via ops (%s)",
			strerror(err));
	check_back("fifo storm", &base);

	/* A 24-bit mask: ZONE_DMA or 16 MiB of IOVA runs out fast. */
	storm_init(&j, 0, DMABENCH_ALLOC_COHERENT, 0);
	j.run.params.size_bytes = 1 << 20;
	j.run.params.outstanding = 64;
	j.run.params.hold_ns = 0;
	j.run.params.dma_mask_bits = 24;
	err = dmabench_ioctl(fd, DMABENCH_IOC_RUN, &j.run);
	ktap_ok(!err && j.run.results.ops[0].errors >= 1 &&
		j.run.results.peak_outstanding < 64,
		"until-ENOMEM under a 24-bit mask: %llu x 1 MiB held, then %llu failure(s), not fatal (%s)",
		(unsigned long long)j.run.results.peak_outstanding,
		(unsigned long long)j.run.results.ops[0].errors, strerror(err));
	check_back("until-ENOMEM storm", &base);
}

static void on_usr1(int sig)
{
	(void)sig;
}

static void test_signal(void)
{
	struct sigaction sa = { .sa_handler = on_usr1 };
	struct leak_base base;
	struct run_job j;

	sigaction(SIGUSR1, &sa, NULL);
	leak_baseline(&base);
	job_init(&j, "alloc_storm", 0);
	j.run.params.outstanding = 64;
	j.run.params.hold_ns = 5000000000ULL;
	j.run.params.pattern = DMABENCH_STORM_FIFO;
	j.run.params.iterations = 1000000;
	pthread_create(&j.thread, NULL, run_thread, &j);
	usleep(1500000);
	pthread_kill(j.thread, SIGUSR1);
	pthread_join(j.thread, NULL);
	ktap_ok(j.err == EINTR, "a signal stops a storm holding buffers: EINTR (%s)",
		strerror(j.err));
	check_back("interrupted storm", &base);
}

static void test_mmap(void)
{
	const size_t len = 64 * 1024;
	struct dmabench_verify v;
	struct dmabench_ubuf u;
	uint64_t t0, t_mmap, t_touch, t_wr, t_rd;
	volatile uint8_t sink = 0;
	uint32_t via, k;
	size_t i;
	uint8_t *p;
	int f, err;

	for (via = 0; via < 2; via++)
		for (i = 0; i < sizeof(variants) / sizeof(variants[0]); i++) {
			const struct variant_case *vc = &variants[i];

			f = open(DMABENCH_DEVICE_NODE, O_RDWR);
			memset(&u, 0, sizeof(u));
			u.size = sizeof(u);
			u.abi_version = DMABENCH_ABI_VERSION;
			snprintf(u.device, sizeof(u.device), "%s", device);
			u.via = via;
			u.variant = vc->variant;
			u.attrs = vc->attrs;
			u.size_bytes = len;
			err = dmabench_ioctl(f, DMABENCH_IOC_UBUF_ALLOC, &u);
			if (dmabench_ops_refused(fd, device, via)) {
				ktap_ok(err == EOPNOTSUPP,
					"user buffer %s via ops: refused under DMA-API debug, EOPNOTSUPP (%s)",
					vc->name, strerror(err));
				close(f);
				continue;
			}
			t0 = now_ns();
			p = err ? MAP_FAILED : mmap(NULL, len, PROT_READ | PROT_WRITE,
						    MAP_SHARED, f, u.mmap_offset_bytes);
			t_mmap = now_ns() - t0;
			if (p == MAP_FAILED) {
				ktap_ok(0, "mmap %s via %s: %s", vc->name,
					via_names[via], strerror(err ? err : errno));
				close(f);
				continue;
			}
			t0 = now_ns();
			for (k = 0; k < len; k += PAGE_BYTES)
				p[k] = 0;
			t_touch = now_ns() - t0;
			t0 = now_ns();
			for (k = 0; k < len; k++)
				p[k] = dmabench_pattern_byte(77 + i, k);
			t_wr = now_ns() - t0;
			t0 = now_ns();
			for (k = 0; k < len; k++)
				sink ^= p[k];
			t_rd = now_ns() - t0;
			memset(&v, 0, sizeof(v));
			dmabench_verify_init(&v, device, DMABENCH_VERIFY_UBUF, via);
			v.ubuf_id = u.id;
			v.seed = 77 + i;
			v.len_bytes = 4032;
			err = dmabench_ioctl(f, DMABENCH_IOC_VERIFY, &v);
			ktap_ok(!err && v.outcome == DMABENCH_VERIFY_MATCH,
				"mmap %s via %s: edu read what user space wrote (%s, outcome %u)",
				vc->name, via_names[via], strerror(err), v.outcome);
			ktap_diag("mmap variant=%s via=%s alloc_ns=%llu mmap_ns=%llu first_touch_ns_per_page=%llu write_bytes_per_s=%.0f read_bytes_per_s=%.0f",
				  vc->name, via_names[via], (unsigned long long)u.alloc_ns,
				  (unsigned long long)t_mmap,
				  (unsigned long long)(t_touch / (len / PAGE_BYTES)),
				  len * 1e9 / (t_wr ? t_wr : 1), len * 1e9 / (t_rd ? t_rd : 1));
			munmap(p, len);
			close(f);
		}
	ktap_ok(counters_zero(), "mmap buffers freed when their file is closed");

	/* Bad offsets and a too-long mapping are refused. */
	f = open(DMABENCH_DEVICE_NODE, O_RDWR);
	memset(&u, 0, sizeof(u));
	u.size = sizeof(u);
	u.abi_version = DMABENCH_ABI_VERSION;
	u.size_bytes = len;
	err = dmabench_ioctl(f, DMABENCH_IOC_UBUF_ALLOC, &u);
	p = mmap(NULL, 2 * len, PROT_READ, MAP_SHARED, f, u.mmap_offset_bytes);
	ktap_ok(!err && p == MAP_FAILED, "mmap longer than the buffer is refused");
	p = mmap(NULL, len, PROT_READ, MAP_SHARED, f,
		 u.mmap_offset_bytes + DMABENCH_UBUF_STRIDE_BYTES);
	ktap_ok(p == MAP_FAILED, "mmap of a buffer id not allocated is refused");
	u.size_bytes = 100;
	ktap_ok(dmabench_ioctl(f, DMABENCH_IOC_UBUF_ALLOC, &u) == EINVAL,
		"UBUF_ALLOC of a size that is not a page multiple: EINVAL");
	close(f);
	ktap_ok(counters_zero(), "counters zero after close");
}

int main(int argc, char **argv)
{
	struct dmabench_device_info di = {
		.size = sizeof(di), .abi_version = DMABENCH_ABI_VERSION,
	};
	uint32_t i;

	if (argc > 1)
		device = argv[1];
	fd = dmabench_open_dev();
	for (i = 0; i < DMABENCH_MAX_DEVICES; i++) {
		di.index = i;
		if (dmabench_ioctl(fd, DMABENCH_IOC_DEVICE, &di))
			break;
		if (!strcmp(di.name, device))
			path = di.path;
		memset(&di, 0, sizeof(di));
		di.size = sizeof(di);
		di.abi_version = DMABENCH_ABI_VERSION;
	}
	ktap_begin();
	ktap_diag("device %s path %u profile %s", device, path,
		  getenv("DMABENCH_PROFILE") ? getenv("DMABENCH_PROFILE") : "unset");
	test_unavailable();
	test_pairs();
	test_vmalloc();
	test_storms();
	test_signal();
	test_mmap();
	return ktap_end();
}
