// SPDX-License-Identifier: GPL-2.0
/*
 * smoke: drives every scenario through both vias, a batched, a timed and a
 * masked run, checks the device's DMA path against the lab profile, and
 * runs every verify kind through both vias on an edu device. KTAP output.
 *
 *   smoke [DEVICE]                      all of the above (default edu0)
 *   smoke run SCENARIO VIA DEVICE MS    one timed run; exit status is the
 *                                       ioctl's errno (SIGUSR1 interrupts it)
 */
#include <signal.h>
#include <stdbool.h>
#include <sys/utsname.h>

#include "ktap.h"
#include "dmabench_test.h"

static int fd;

struct profile_path {
	const char *profile;
	uint32_t path;
	const char *group_type;
	uint32_t stale;		/* STALE_NO_SYNC outcome */
};

static const struct profile_path profile_paths[] = {
	{ "direct", DMABENCH_PATH_DIRECT, "", DMABENCH_VERIFY_NOT_STALE },
	{ "swiotlb", DMABENCH_PATH_SWIOTLB, "", DMABENCH_VERIFY_STALE },
	{ "iommu-strict", DMABENCH_PATH_IOMMU_STRICT, "DMA",
	  DMABENCH_VERIFY_NOT_STALE },
	{ "iommu-lazy", DMABENCH_PATH_IOMMU_LAZY, "DMA-FQ",
	  DMABENCH_VERIFY_NOT_STALE },
	{ "iommu-pt", DMABENCH_PATH_IDENTITY, "identity",
	  DMABENCH_VERIFY_NOT_STALE },
	{ "amd-iommu", DMABENCH_PATH_IOMMU_STRICT, "DMA",
	  DMABENCH_VERIFY_NOT_STALE },
};

static const char *const via_names[] = { "direct", "ops" };
static const char *const kind_names[] = {
	"coherent", "map_single", "map_page", "map_sg", "stale_no_sync",
	"ubuf", "map_phys", "iova_link", "iova_fallback",
};
static const char *const outcome_names[] = {
	"MATCH", "MISMATCH", "STALE", "NOT_STALE",
};

static const struct profile_path *expected_path(void)
{
	const char *profile = getenv("DMABENCH_PROFILE");
	size_t i;

	for (i = 0; profile && i < sizeof(profile_paths) / sizeof(profile_paths[0]); i++)
		if (!strcmp(profile_paths[i].profile, profile))
			return &profile_paths[i];
	return NULL;
}

static int device_info(const char *name, struct dmabench_device_info *di)
{
	return dmabench_device_by_name(fd, name, di);
}

static void test_path(const char *dev, const struct profile_path *want)
{
	struct dmabench_device_info di;

	if (device_info(dev, &di)) {
		ktap_ok(0, "%s is bound", dev);
		return;
	}
	ktap_diag("%s: bus_id %s path %u group %d type '%s' mask 0x%llx max_mapping %llu flags 0x%x",
		  di.name, di.bus_id, di.path, di.iommu_group, di.group_type,
		  (unsigned long long)di.dma_mask,
		  (unsigned long long)di.max_mapping_size_bytes, di.flags);
	if (!want) {
		ktap_ok(1, "path of %s # SKIP DMABENCH_PROFILE not set", dev);
		return;
	}
	ktap_ok(di.path == want->path && !strcmp(di.group_type, want->group_type),
		"path of %s is %u '%s' as profile %s promises", dev, di.path,
		di.group_type, want->profile);
}

/*
 * The sync flags say what a sync scenario measures. swiotlb bounces, so it
 * needs syncs everywhere. Before 6.12, dma_need_sync() answers for an
 * iommu-dma device from its ops table, which has sync calls, so a
 * translated (DMA, DMA-FQ) device needs them too; 6.12 and later ask
 * iommu-dma per mapping and skip the syncs of every coherent device after a
 * flag test. And --via ops is refused only where the module says why.
 */
static void test_sync_and_ops_flags(const char *dev,
				    const struct profile_path *want)
{
	bool need, skip, bounces, translated, skipping_kernel, want_need;
	struct dmabench_device_info di;
	struct utsname u;

	if (device_info(dev, &di) || !want || uname(&u)) {
		ktap_ok(1, "sync flags of %s # SKIP no device, profile or uname", dev);
		ktap_ok(1, "ops layer of %s # SKIP no device, profile or uname", dev);
		return;
	}
	need = di.flags & DMABENCH_DEV_F_NEED_SYNC;
	skip = di.flags & DMABENCH_DEV_F_SKIP_SYNC;
	bounces = want->path == DMABENCH_PATH_SWIOTLB;
	/* The device's own group: the fake device is never translated. */
	translated = !strcmp(di.group_type, "DMA") ||
		     !strcmp(di.group_type, "DMA-FQ");
	skipping_kernel = strverscmp(u.release, "6.12") >= 0;
	want_need = bounces || (translated && !skipping_kernel);
	ktap_ok(need == want_need && skip == (!bounces && skipping_kernel),
		"sync flags of %s on %s (kernel %s): need_sync %d skip_sync %d",
		dev, want->profile, u.release, need, skip);
	ktap_ok(!di.ops_layer_refusal == !(di.flags & DMABENCH_DEV_F_NO_OPS_LAYER),
		"ops layer of %s: refusal %u matches flag no_ops_layer %d", dev,
		di.ops_layer_refusal, !!(di.flags & DMABENCH_DEV_F_NO_OPS_LAYER));
}

/* One run; checks every op counted want_count samples, no errors. */
static int run_checked(struct dmabench_run *r, uint64_t want_count,
		       const char *what)
{
	static uint64_t hist[DMABENCH_MAX_OPS][DMABENCH_HIST_BUCKETS];
	static struct dmabench_iteration whole;
	int ret, ok;
	uint32_t op;

	r->hist_ptr = (uintptr_t)hist;
	r->hist_buckets = DMABENCH_HIST_BUCKETS;
	memset(&whole, 0xa5, sizeof(whole));	/* the module must write it all */
	r->iteration_ptr = (uintptr_t)&whole;
	ret = dmabench_ioctl(fd, DMABENCH_IOC_RUN, r);
	if (dmabench_ops_refused(fd, r->params.device, r->params.via))
		return ktap_ok(ret == EOPNOTSUPP,
			       "%s: refused under DMA-API debug, EOPNOTSUPP (got %s)",
			       what, ret ? strerrorname_np(ret) : "0");
	ok = !ret && r->results.nops >= 1;
	if (!want_count)	/* timed run: one sample per batch */
		want_count = r->results.iterations / r->params.batch;
	for (op = 0; ok && op < r->results.nops; op++)
		ok = dmabench_stats_ok(&r->results.ops[op], hist[op],
				       want_count);
	ok = ok && dmabench_whole_ok(r, &whole);
	ktap_ok(ok, "%s (ret %s, iterations %llu)", what,
		ret ? strerrorname_np(ret) : "0",
		(unsigned long long)r->results.iterations);
	for (op = 0; !ret && op < r->results.nops; op++)
		ktap_diag("  %-16s count %llu errors %llu mean %.0f ns min %llu max %llu",
			  r->results.ops[op].name,
			  (unsigned long long)r->results.ops[op].count,
			  (unsigned long long)r->results.ops[op].errors,
			  dmabench_mean(&r->results.ops[op]),
			  (unsigned long long)r->results.ops[op].min_ns,
			  (unsigned long long)r->results.ops[op].max_ns);
	if (!ret && whole.stats.count)
		ktap_diag("  %-16s count %llu errors %llu mean %.0f ns min %llu max %llu",
			  "(whole iteration)", (unsigned long long)whole.stats.count,
			  (unsigned long long)whole.stats.errors,
			  dmabench_mean(&whole.stats),
			  (unsigned long long)whole.stats.min_ns,
			  (unsigned long long)whole.stats.max_ns);
	return ok;
}

/* The scenarios of issue 14, whose outcome depends on the DMA path. */
static const char *const new_api_names[] = {
	"map_phys", "map_page_list", "iova_list", "iova_reuse",
	"iova_fallback", "map_resource", "map_mmio", "require_coherent",
};
#define NR_NEW_API (sizeof(new_api_names) / sizeof(new_api_names[0]))

static bool new_api_scenario(const char *name)
{
	size_t i;

	for (i = 0; i < NR_NEW_API; i++)
		if (!strcmp(new_api_names[i], name))
			return true;
	return false;
}

static void test_scenarios(const char *dev)
{
	struct dmabench_scenario_info si;
	struct dmabench_run r;
	char what[128];
	uint32_t i, via;

	for (i = 0; !dmabench_scenario_get(fd, i, &si); i++) {
		if (si.flags & DMABENCH_SCN_F_UNAVAILABLE) {
			dmabench_run_init(&r, si.name, dev, DMABENCH_VIA_DIRECT);
			ktap_ok(dmabench_ioctl(fd, DMABENCH_IOC_RUN, &r) == EOPNOTSUPP,
				"scenario %s: unavailable in this kernel, EOPNOTSUPP",
				si.name);
			continue;
		}
		if (si.flags & DMABENCH_SCN_F_STORM)
			continue;	/* tests/module/alloc.c drives the storms */
		if (new_api_scenario(si.name))
			continue;	/* test_new_api() knows their outcomes */
		for (via = 0; via < 2; via++) {
			dmabench_run_init(&r, si.name, dev, via);
			r.params.iterations = 200;
			if (!strcmp(si.name, "rx")) {
				r.params.threads = 2;
				r.params.delay_ns = 1000;
				r.params.direction = DMABENCH_DIR_FROM_DEVICE;
			}
			if (!strcmp(si.name, "sync_range")) {
				r.params.sync_offset_bytes = 1024;
				r.params.sync_len_bytes = 1024;
			}
			snprintf(what, sizeof(what), "scenario %s via %s",
				 si.name, via_names[via]);
			/* rx: the mapper maps 200, the unmapper unmaps 200 */
			run_checked(&r, 200, what);
		}
	}
	ktap_ok(i >= 10, "%u scenarios listed", i);
}

/*
 * One new-API run whose ops are checked one by one: want[op] samples, and
 * fail[op] errors (the map op of a mapping the path must refuse).
 */
static void run_counts(struct dmabench_run *r, const uint64_t *want,
		       const uint64_t *fail, const char *what)
{
	static struct dmabench_iteration whole;
	uint64_t failed_iterations = 0;
	int ret, ok;
	uint32_t op;

	/* Each iteration a sample or, when one of its ops failed, an error. */
	for (op = 0; op < DMABENCH_MAX_OPS; op++)
		if (fail[op] > failed_iterations)
			failed_iterations = fail[op];
	memset(&whole, 0xa5, sizeof(whole));
	r->iteration_ptr = (uintptr_t)&whole;
	ret = dmabench_ioctl(fd, DMABENCH_IOC_RUN, r);
	ok = !ret;

	if (dmabench_ops_refused(fd, r->params.device, r->params.via)) {
		ktap_ok(ret == EOPNOTSUPP,
			"%s: refused under DMA-API debug, EOPNOTSUPP (got %s)",
			what, ret ? strerrorname_np(ret) : "0");
		return;
	}
	for (op = 0; ok && op < r->results.nops; op++)
		ok = r->results.ops[op].count == want[op] &&
		     r->results.ops[op].errors == fail[op];
	ok = ok && whole.stats.errors == failed_iterations &&
	     whole.stats.count + whole.stats.errors == r->results.iterations;
	ktap_ok(ok, "%s (ret %s)", what, ret ? strerrorname_np(ret) : "0");
	for (op = 0; !ret && op < r->results.nops; op++)
		ktap_diag("  %-16s count %llu (want %llu) errors %llu (want %llu) mean %.0f ns",
			  r->results.ops[op].name,
			  (unsigned long long)r->results.ops[op].count,
			  (unsigned long long)want[op],
			  (unsigned long long)r->results.ops[op].errors,
			  (unsigned long long)fail[op],
			  dmabench_mean(&r->results.ops[op]));
}

/*
 * The 7.x API against the old one (issue 14), each through both vias:
 * the IOVA API only where iommu-dma translates (--via direct on an IOMMU
 * DMA domain; elsewhere EOPNOTSUPP, and iova_fallback counts its
 * fallbacks); under swiotlb=force REQUIRE_COHERENT fails every map, and
 * on 7.x so does MMIO (dma-direct refuses to bounce it).
 */
static void test_new_api(const char *dev)
{
	const uint64_t n = 200, zero[DMABENCH_MAX_OPS] = { 0 };
	uint64_t want[DMABENCH_MAX_OPS], fail[DMABENCH_MAX_OPS];
	struct dmabench_device_info di;
	bool swiotlb, iommu, mmio_7x;
	struct dmabench_run r;
	char what[128];
	uint32_t via;
	size_t i;
	int ret;

	if (device_info(dev, &di))
		return;
	swiotlb = di.path == DMABENCH_PATH_SWIOTLB;
	mmio_7x = dmabench_scenario_available(fd, "map_mmio");
	for (i = 0; i < NR_NEW_API; i++) {
		const char *name = new_api_names[i];
		bool list = strstr(name, "list") || strstr(name, "iova");

		if (!dmabench_scenario_available(fd, name))
			continue;	/* test_scenarios() saw EOPNOTSUPP */
		for (via = 0; via < 2; via++) {
			iommu = via == DMABENCH_VIA_DIRECT &&
				(di.path == DMABENCH_PATH_IOMMU_STRICT ||
				 di.path == DMABENCH_PATH_IOMMU_LAZY);
			dmabench_run_init(&r, name, dev, via);
			r.params.iterations = n;
			if (list) {
				r.params.nents = 4;
				r.params.size_bytes = 4 * 4096;
			}
			snprintf(what, sizeof(what), "scenario %s via %s", name,
				 via_names[via]);
			if ((di.flags & DMABENCH_DEV_F_FAKE) &&
			    (!strcmp(name, "map_resource") ||
			     !strcmp(name, "map_mmio"))) {
				ret = dmabench_ioctl(fd, DMABENCH_IOC_RUN, &r);
				ktap_ok(ret == ENODEV,
					"%s: no BAR on a fake device, ENODEV (got %s)",
					what, ret ? strerrorname_np(ret) : "0");
				continue;
			}
			for (uint32_t op = 0; op < DMABENCH_MAX_OPS; op++)
				want[op] = op < 2 ? n : 0;
			memcpy(fail, zero, sizeof(fail));
			if (!strcmp(name, "iova_list") ||
			    !strcmp(name, "iova_reuse")) {
				if (!iommu) {
					ret = dmabench_ioctl(fd, DMABENCH_IOC_RUN, &r);
					ktap_ok(ret == EOPNOTSUPP,
						"%s: no IOVA on this path, EOPNOTSUPP (got %s)",
						what, ret ? strerrorname_np(ret) : "0");
					continue;
				}
				want[2] = n;	/* sync; list: destroy too */
				want[3] = !strcmp(name, "iova_list") ? n : 0;
			} else if (!strcmp(name, "iova_fallback")) {
				/* map, sync, unmap, fell_back */
				want[1] = iommu ? n : 0;
				want[2] = n;
				want[3] = iommu ? 0 : n;
			} else if (swiotlb &&
				   (!strcmp(name, "require_coherent") ||
				    (mmio_7x && (!strcmp(name, "map_resource") ||
						 !strcmp(name, "map_mmio"))))) {
				want[0] = want[1] = 0;
				fail[0] = n;
			}
			run_counts(&r, want, fail, what);
		}
	}

	/* The sweep's corners: 512 x 4 KiB and 2 x 2 MiB. */
	dmabench_run_init(&r, "map_page_list", dev, DMABENCH_VIA_DIRECT);
	r.params.nents = 512;
	r.params.size_bytes = 512 * 4096;
	r.params.iterations = 10;
	for (i = 0; i < DMABENCH_MAX_OPS; i++)
		want[i] = i < 2 ? 10 : 0;
	run_counts(&r, want, zero, "map_page_list 512 x 4 KiB");
	r.params.nents = 2;
	r.params.size_bytes = 4 << 20;
	memcpy(fail, zero, sizeof(fail));
	if (di.max_mapping_size_bytes < 2 << 20) {	/* swiotlb: 256 KiB */
		want[0] = want[1] = 0;
		fail[0] = 10;
	}
	run_counts(&r, want, fail, "map_page_list 2 x 2 MiB");
}

static void test_run_modes(const char *dev)
{
	struct dmabench_device_info before, after;
	struct dmabench_run r;

	dmabench_run_init(&r, "map_single", dev, DMABENCH_VIA_OPS);
	r.params.iterations = 0;
	r.params.duration_ns = 50 * 1000 * 1000;
	run_checked(&r, 0, "timed run (50 ms) via ops");

	dmabench_run_init(&r, "map_page", dev, DMABENCH_VIA_DIRECT);
	r.params.threads = 4;
	r.params.attrs = DMABENCH_ATTR_SKIP_CPU_SYNC;
	r.params.direction = DMABENCH_DIR_BIDIRECTIONAL;
	run_checked(&r, 400, "map_page 4 threads, SKIP_CPU_SYNC");

	dmabench_run_init(&r, "map_sgtable", dev, DMABENCH_VIA_OPS);
	r.params.nents = 512;
	r.params.size_bytes = 512 * 4096;
	r.params.iterations = 20;
	r.params.direction = DMABENCH_DIR_FROM_DEVICE;
	run_checked(&r, 20, "map_sgtable 512 x 4 KiB (chained table) via ops");

	device_info(dev, &before);
	dmabench_run_init(&r, "map_single", dev, DMABENCH_VIA_OPS);
	r.params.dma_mask_bits = 32;
	run_checked(&r, 100, "map_single with dma_mask_bits 32 via ops");
	device_info(dev, &after);
	ktap_ok(before.dma_mask == after.dma_mask &&
		before.coherent_dma_mask == after.coherent_dma_mask,
		"mask restored after the run (0x%llx)",
		(unsigned long long)after.dma_mask);
}

/* map_single per op and batched, both vias, plus the null floor. */
static void figures(const char *dev)
{
	struct dmabench_run r;
	uint32_t via;
	char what[128];

	dmabench_run_init(&r, "null", dev, DMABENCH_VIA_DIRECT);
	r.params.iterations = 10000;
	run_checked(&r, 10000, "null x 10000 (harness floor)");
	for (via = 0; via < 2; via++) {
		dmabench_run_init(&r, "map_single", dev, via);
		r.params.iterations = 10000;
		snprintf(what, sizeof(what), "map_single x 10000 via %s, per op",
			 via_names[via]);
		run_checked(&r, 10000, what);
		r.params.batch = 100;
		snprintf(what, sizeof(what), "map_single x 10000 via %s, batch 100",
			 via_names[via]);
		run_checked(&r, 100, what);
	}
}

static void test_verify(const char *dev, const struct profile_path *want)
{
	struct dmabench_verify v;
	uint32_t kind, via, expect;
	int ret;

	/* VERIFY_UBUF needs a user buffer: tests/module/alloc.c */
	for (kind = 0; kind < DMABENCH_VERIFY_UBUF; kind++) {
		for (via = 0; via < 2; via++) {
			dmabench_verify_init(&v, dev, kind, via);
			v.len_bytes = kind == DMABENCH_VERIFY_MAP_SG ? 4001 : 4000;
			v.seed = 0x1234 + kind * 2 + via;
			expect = DMABENCH_VERIFY_MATCH;
			if (kind == DMABENCH_VERIFY_STALE_NO_SYNC)
				expect = want ? want->stale : DMABENCH_VERIFY_NOT_STALE;
			ret = dmabench_ioctl(fd, DMABENCH_IOC_VERIFY, &v);
			if (dmabench_ops_refused(fd, dev, via)) {
				ktap_ok(ret == EOPNOTSUPP,
					"verify %s via ops: refused under DMA-API debug, EOPNOTSUPP (got %s)",
					kind_names[kind], ret ? strerrorname_np(ret) : "0");
				continue;
			}
			ktap_ok(!ret && v.outcome == expect,
				"verify %s via %s: %s (want %s) first_bad %u dma_addr 0x%llx %.0f ms",
				kind_names[kind], via_names[via],
				ret ? strerrorname_np(ret) :
				outcome_names[v.outcome & 3],
				outcome_names[expect], v.first_bad_byte,
				(unsigned long long)v.dma_addr,
				v.elapsed_ns / 1e6);
		}
	}
}

/*
 * The 7.x kinds: map_phys everywhere, an IOVA-linked range only where
 * iommu-dma translates (--via direct on a DMA domain; elsewhere
 * EOPNOTSUPP), and the fallback everywhere, flagged where it fell back.
 * Before 7.x all three are EOPNOTSUPP.
 */
static void test_verify_new_api(const char *dev)
{
	bool new_api = dmabench_scenario_available(fd, "iova_fallback");
	struct dmabench_device_info di;
	struct dmabench_verify v;
	uint32_t kind, via;
	bool iommu, skip;
	int ret;

	if (device_info(dev, &di) || !(di.flags & DMABENCH_DEV_F_EDU))
		return;
	for (kind = DMABENCH_VERIFY_MAP_PHYS; kind < DMABENCH_VERIFY_NR_KINDS; kind++) {
		for (via = 0; via < 2; via++) {
			iommu = via == DMABENCH_VIA_DIRECT &&
				(di.path == DMABENCH_PATH_IOMMU_STRICT ||
				 di.path == DMABENCH_PATH_IOMMU_LAZY);
			skip = !new_api ||
			       (kind == DMABENCH_VERIFY_IOVA_LINK && !iommu);
			dmabench_verify_init(&v, dev, kind, via);
			v.len_bytes = 4001;	/* odd: the segments differ */
			v.seed = 0x7000 + kind * 2 + via;
			ret = dmabench_ioctl(fd, DMABENCH_IOC_VERIFY, &v);
			if (dmabench_ops_refused(fd, dev, via) || skip) {
				ktap_ok(ret == EOPNOTSUPP,
					"verify %s via %s: not on this kernel or path, EOPNOTSUPP (got %s)",
					kind_names[kind], via_names[via],
					ret ? strerrorname_np(ret) : "0");
				continue;
			}
			ktap_ok(!ret && v.outcome == DMABENCH_VERIFY_MATCH &&
				!!(v.flags & DMABENCH_VERIFY_F_FELL_BACK) ==
				(kind == DMABENCH_VERIFY_IOVA_FALLBACK && !iommu),
				"verify %s via %s: %s%s dma_addr 0x%llx %.0f ms",
				kind_names[kind], via_names[via],
				ret ? strerrorname_np(ret) :
				outcome_names[v.outcome & 3],
				v.flags & DMABENCH_VERIFY_F_FELL_BACK ?
				", fell back" : "",
				(unsigned long long)v.dma_addr,
				v.elapsed_ns / 1e6);
		}
	}
}

static void on_sigusr1(int sig)
{
	(void)sig;
}

/* One timed run whose errno is the exit status: for the unbind/signal tests. */
static int one_run(char **argv)
{
	struct sigaction sa = { .sa_handler = on_sigusr1 };	/* no SA_RESTART */
	struct dmabench_run r;

	sigaction(SIGUSR1, &sa, NULL);
	dmabench_run_init(&r, argv[0], argv[2], !strcmp(argv[1], "ops"));
	r.params.iterations = 0;
	r.params.duration_ns = strtoull(argv[3], NULL, 0) * 1000000ULL;
	if (!strcmp(argv[0], "rx"))
		r.params.threads = 2;
	return dmabench_ioctl(fd, DMABENCH_IOC_RUN, &r);
}

int main(int argc, char **argv)
{
	const struct profile_path *want = expected_path();
	const char *dev = "edu0";

	fd = dmabench_open_dev();
	if (argc == 6 && !strcmp(argv[1], "run"))
		return one_run(argv + 2);
	if (argc > 1)
		dev = argv[1];
	ktap_begin();
	test_path(dev, want);
	test_sync_and_ops_flags(dev, want);
	test_scenarios(dev);
	test_new_api(dev);
	test_run_modes(dev);
	figures(dev);
	test_verify(dev, want);
	test_verify_new_api(dev);
	close(fd);
	return ktap_end();
}
