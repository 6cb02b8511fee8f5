// SPDX-License-Identifier: GPL-2.0
/*
 * ioctl_bad_input: every validation rule of dmabench.ko, one bad request
 * each, with the exact errno expected; then proof the module still works
 * (INFO, a good RUN with consistent statistics) and logged no WARN/BUG.
 * Usage: ioctl_bad_input [DEVICE]   (default: the module's first device)
 */
#include <sys/mman.h>

#include "ktap.h"
#include "dmabench_test.h"
#include "dmabench_sys.h"

static int fd;
static const char *dev_name = "";
static const char *noedu_name;	/* a bound device without a DMA engine */

/* One RUN with a fresh good request changed by STMT; expects errno WANT. */
#define BAD_RUN(what, want, stmt)					\
	do {								\
		struct dmabench_run r;					\
		int got;						\
									\
		dmabench_run_init(&r, "map_single", dev_name,		\
				  DMABENCH_VIA_DIRECT);			\
		stmt;							\
		got = dmabench_ioctl(fd, DMABENCH_IOC_RUN, &r);		\
		ktap_ok(got == (want), "run: %s -> %s (got %s)", what,	\
			strerrorname_np(want), got ? strerrorname_np(got) : "0"); \
	} while (0)

#define BAD_VERIFY(what, want, stmt)					\
	do {								\
		struct dmabench_verify v;				\
		int got;						\
									\
		dmabench_verify_init(&v, "edu0", DMABENCH_VERIFY_MAP_SINGLE, \
				     DMABENCH_VIA_DIRECT);		\
		stmt;							\
		got = dmabench_ioctl(fd, DMABENCH_IOC_VERIFY, &v);	\
		ktap_ok(got == (want), "verify: %s -> %s (got %s)", what, \
			strerrorname_np(want), got ? strerrorname_np(got) : "0"); \
	} while (0)

#define BAD_SIMPLE(type, cmd, what, want, stmt)				\
	do {								\
		type s;							\
		int got;						\
									\
		memset(&s, 0, sizeof(s));				\
		s.size = sizeof(s);					\
		s.abi_version = DMABENCH_ABI_VERSION;			\
		stmt;							\
		got = dmabench_ioctl(fd, cmd, &s);			\
		ktap_ok(got == (want), "%s: %s -> %s (got %s)", #cmd, what, \
			strerrorname_np(want), got ? strerrorname_np(got) : "0"); \
	} while (0)

static uint32_t info_ndevices(void)
{
	struct dmabench_info info = {
		.size = sizeof(info), .abi_version = DMABENCH_ABI_VERSION,
	};

	if (dmabench_ioctl(fd, DMABENCH_IOC_INFO, &info))
		return 0;
	return info.ndevices;
}

/*
 * Finds a bound device without DMABENCH_DEV_F_EDU (fake0 by default), and
 * names the first edu device when no device was given, so the tests of
 * edu's BAR run.
 */
static void find_devices(uint32_t ndev)
{
	static struct dmabench_device_info di;
	uint32_t i;

	for (i = 0; i < ndev; i++) {
		memset(&di, 0, sizeof(di));
		di.size = sizeof(di);
		di.abi_version = DMABENCH_ABI_VERSION;
		di.index = i;
		if (dmabench_ioctl(fd, DMABENCH_IOC_DEVICE, &di))
			continue;
		if (!(di.flags & DMABENCH_DEV_F_EDU) && !noedu_name)
			noedu_name = strdup(di.name);
		else if ((di.flags & DMABENCH_DEV_F_EDU) && !*dev_name)
			dev_name = strdup(di.name);
	}
}

static void test_info_device_scenario(uint32_t ndev)
{
	BAD_SIMPLE(struct dmabench_info, DMABENCH_IOC_INFO, "size - 8", EINVAL,
		   s.size -= 8);
	BAD_SIMPLE(struct dmabench_info, DMABENCH_IOC_INFO, "abi_version 0",
		   EINVAL, s.abi_version = 0);
	BAD_SIMPLE(struct dmabench_info, DMABENCH_IOC_INFO, "abi_version 2",
		   EINVAL, s.abi_version = 2);
	BAD_SIMPLE(struct dmabench_info, DMABENCH_IOC_INFO, "reserved[5]",
		   EINVAL, s.reserved[5] = 1);
	BAD_SIMPLE(struct dmabench_info, DMABENCH_IOC_INFO, "features (out only)",
		   EINVAL, s.features = DMABENCH_FEAT_ITERATION);
	BAD_SIMPLE(struct dmabench_info, DMABENCH_IOC_INFO, "clock (out only)",
		   EINVAL, s.clock = 1);

	BAD_SIMPLE(struct dmabench_device_info, DMABENCH_IOC_DEVICE,
		   "size + 1", EINVAL, s.size += 1);
	BAD_SIMPLE(struct dmabench_device_info, DMABENCH_IOC_DEVICE,
		   "abi_version 9", EINVAL, s.abi_version = 9);
	BAD_SIMPLE(struct dmabench_device_info, DMABENCH_IOC_DEVICE,
		   "reserved[0]", EINVAL, s.reserved[0] = 1);
	BAD_SIMPLE(struct dmabench_device_info, DMABENCH_IOC_DEVICE,
		   "index MAX_DEVICES", EINVAL,
		   s.index = DMABENCH_MAX_DEVICES);
	BAD_SIMPLE(struct dmabench_device_info, DMABENCH_IOC_DEVICE,
		   "index ndevices (none there)", ENODEV, s.index = ndev);

	BAD_SIMPLE(struct dmabench_scenario_info, DMABENCH_IOC_SCENARIO,
		   "size 0", EINVAL, s.size = 0);
	BAD_SIMPLE(struct dmabench_scenario_info, DMABENCH_IOC_SCENARIO,
		   "abi_version 0", EINVAL, s.abi_version = 0);
	BAD_SIMPLE(struct dmabench_scenario_info, DMABENCH_IOC_SCENARIO,
		   "reserved[0]", EINVAL, s.reserved[0] = 1);
	/* The module's answers are out only: a client that sends them is
	 * refused, so they can gain meaning later. */
	BAD_SIMPLE(struct dmabench_scenario_info, DMABENCH_IOC_SCENARIO,
		   "variant 1", EINVAL, s.variant = 1);
	BAD_SIMPLE(struct dmabench_scenario_info, DMABENCH_IOC_SCENARIO,
		   "attrs 1", EINVAL, s.attrs = 1);
	BAD_SIMPLE(struct dmabench_scenario_info, DMABENCH_IOC_SCENARIO,
		   "pair \"x\"", EINVAL, s.pair[0] = 'x');
	BAD_SIMPLE(struct dmabench_scenario_info, DMABENCH_IOC_SCENARIO,
		   "pair_size_bytes 1", EINVAL, s.pair_size_bytes = 1);
	BAD_SIMPLE(struct dmabench_scenario_info, DMABENCH_IOC_SCENARIO,
		   "index 1000", EINVAL, s.index = 1000);
}

static struct dmabench_size_weight zero_weight[2] = {
	{ .size_bytes = 4096, .weight = 1 },
	{ .size_bytes = 4096, .weight = 0 },
};

static void test_run_header(void)
{
	int i;

	BAD_RUN("size - 1", EINVAL, r.size -= 1);
	BAD_RUN("size * 2", EINVAL, r.size *= 2);
	BAD_RUN("abi_version 0", EINVAL, r.abi_version = 0);
	BAD_RUN("reserved0", EINVAL, r.reserved0 = 1);
	BAD_RUN("floor_hist_ptr unmapped", EFAULT, r.floor_hist_ptr = 1ULL << 63);
	BAD_RUN("iteration_ptr unmapped", EFAULT, r.iteration_ptr = 1ULL << 63);
	for (i = 0; i < 2; i++) {
		char what[32];

		snprintf(what, sizeof(what), "reserved[%d]", i);
		BAD_RUN(what, EINVAL, r.reserved[i] = 1ULL << 63);
	}
	for (i = 0; i < 2; i++) {
		char what[40];

		snprintf(what, sizeof(what), "params.reserved[%d]", i);
		BAD_RUN(what, EINVAL, r.params.reserved[i] = 1);
	}
	BAD_RUN("params.clock TSC + 1", EINVAL,
		r.params.clock = DMABENCH_CLOCK_TSC + 1);
	/* storm fields on a scenario that is not a storm */
	BAD_RUN("outstanding on map_single", EINVAL, r.params.outstanding = 4);
	BAD_RUN("hold_ns on map_single", EINVAL, r.params.hold_ns = 1);
	BAD_RUN("variant on map_single", EINVAL, r.params.variant = 1);
	/* storms */
#define STORM(...) { strcpy(r.params.scenario, "alloc_storm"); \
		      r.params.outstanding = 4; __VA_ARGS__; }
	BAD_RUN("storm outstanding 0", EINVAL, STORM(r.params.outstanding = 0));
	BAD_RUN("storm outstanding MAX + 1", EINVAL,
		STORM(r.params.outstanding = DMABENCH_MAX_OUTSTANDING + 1));
	BAD_RUN("storm variant NR", EINVAL,
		STORM(r.params.variant = DMABENCH_ALLOC_NR_VARIANTS));
	BAD_RUN("storm distribution 9", EINVAL, STORM(r.params.distribution = 9));
	BAD_RUN("storm pattern 9", EINVAL, STORM(r.params.pattern = 9));
	BAD_RUN("storm hold_ns MAX + 1", EINVAL,
		STORM(r.params.hold_ns = DMABENCH_MAX_HOLD_NS + 1));
	BAD_RUN("storm uniform with size_max < size", EINVAL,
		STORM({ r.params.distribution = DMABENCH_DIST_UNIFORM;
			r.params.size_max_bytes = 1; }));
	BAD_RUN("storm fixed with size_max", EINVAL,
		STORM(r.params.size_max_bytes = 8192));
	BAD_RUN("storm list without a pointer", EINVAL,
		STORM({ r.params.distribution = DMABENCH_DIST_LIST;
			r.params.nsizes = 2; }));
	BAD_RUN("storm list of MAX_SIZES + 1", EINVAL,
		STORM({ r.params.distribution = DMABENCH_DIST_LIST;
			r.params.nsizes = DMABENCH_MAX_SIZES + 1;
			r.params.sizes_ptr = 4096; }));
	BAD_RUN("storm list at a bad pointer", EFAULT,
		STORM({ r.params.distribution = DMABENCH_DIST_LIST;
			r.params.nsizes = 2; r.params.sizes_ptr = 16; }));
	BAD_RUN("storm list with a zero weight", EINVAL,
		STORM({ r.params.distribution = DMABENCH_DIST_LIST;
			r.params.nsizes = 2;
			r.params.sizes_ptr = (uintptr_t)zero_weight; }));
	BAD_RUN("storm attrs with variant coherent", EINVAL,
		STORM(r.params.attrs = DMABENCH_ATTR_NO_KERNEL_MAPPING));
	BAD_RUN("storm batched", EINVAL, STORM(r.params.batch = 2));
	BAD_RUN("hist_buckets 1024 with hist_ptr", EINVAL,
		{ static uint64_t h[DMABENCH_HIST_BUCKETS];
		  r.hist_ptr = (uintptr_t)h; r.hist_buckets = 1024; });
	BAD_RUN("hist_buckets 0 with hist_ptr", EINVAL,
		{ static uint64_t h[DMABENCH_HIST_BUCKETS];
		  r.hist_ptr = (uintptr_t)h; r.hist_buckets = 0; });
	BAD_RUN("hist_buckets 7 without hist_ptr", EINVAL,
		r.hist_buckets = 7);
	BAD_RUN("hist_ptr unmapped (0x10)", EFAULT,
		{ r.hist_ptr = 0x10; r.hist_buckets = DMABENCH_HIST_BUCKETS; });
	BAD_RUN("hist_ptr kernel address", EFAULT,
		{ r.hist_ptr = 0xffffffff81000000ULL;
		  r.hist_buckets = DMABENCH_HIST_BUCKETS; });
}

static void test_run_params(void)
{
	BAD_RUN("unknown scenario", EINVAL,
		strcpy(r.params.scenario, "map_everything"));
	BAD_RUN("empty scenario", EINVAL, r.params.scenario[0] = 0);
	BAD_RUN("scenario not NUL-terminated", EINVAL,
		memset(r.params.scenario, 'a', sizeof(r.params.scenario)));
	BAD_RUN("unknown device", ENODEV, strcpy(r.params.device, "nodev9"));
	BAD_RUN("device not NUL-terminated", EINVAL,
		memset(r.params.device, 'e', sizeof(r.params.device)));
	BAD_RUN("via 2", EINVAL, r.params.via = 2);
	BAD_RUN("direction 3 (DMA_NONE)", EINVAL, r.params.direction = 3);
	BAD_RUN("direction 0xffffffff", EINVAL, r.params.direction = ~0u);
	BAD_RUN("size_bytes 0", EINVAL, r.params.size_bytes = 0);
	BAD_RUN("size_bytes MAX + 1", EINVAL,
		r.params.size_bytes = DMABENCH_MAX_SIZE_BYTES + 1);
	BAD_RUN("size_bytes 2^63", EINVAL, r.params.size_bytes = 1ULL << 63);
	BAD_RUN("threads 0", EINVAL, r.params.threads = 0);
	BAD_RUN("threads MAX + 1", EINVAL,
		r.params.threads = DMABENCH_MAX_THREADS + 1);
	BAD_RUN("iterations MAX + 1", EINVAL,
		r.params.iterations = DMABENCH_MAX_ITERATIONS + 1);
	BAD_RUN("iterations 0 and duration 0", EINVAL,
		r.params.iterations = 0);
	BAD_RUN("duration MAX + 1", EINVAL,
		{ r.params.iterations = 0;
		  r.params.duration_ns = DMABENCH_MAX_DURATION_NS + 1; });
	BAD_RUN("batch 0", EINVAL, r.params.batch = 0);
	BAD_RUN("batch MAX + 1", EINVAL,
		r.params.batch = DMABENCH_MAX_BATCH + 1);
	BAD_RUN("iterations not whole batches", EINVAL,
		{ r.params.batch = 3; r.params.iterations = 100; });
	BAD_RUN("attrs bit 0 (unknown)", EINVAL, r.params.attrs = 1);
	BAD_RUN("attrs bit 3 (unknown)", EINVAL, r.params.attrs = 1 << 3);
	BAD_RUN("attrs bit 10 (unknown)", EINVAL, r.params.attrs = 1 << 10);
	BAD_RUN("attrs bit 63 (unknown)", EINVAL,
		r.params.attrs = DMABENCH_ATTR_SKIP_CPU_SYNC | 1ULL << 63);
	BAD_RUN("map_sg nents 0", EINVAL,
		{ strcpy(r.params.scenario, "map_sg"); r.params.nents = 0; });
	BAD_RUN("map_sgtable nents MAX + 1", EINVAL,
		{ strcpy(r.params.scenario, "map_sgtable");
		  r.params.nents = DMABENCH_MAX_NENTS + 1; });
	BAD_RUN("nents MAX + 1 on map_single", EINVAL,
		r.params.nents = DMABENCH_MAX_NENTS + 1);
	BAD_RUN("map_sg size not divisible by nents", EINVAL,
		{ strcpy(r.params.scenario, "map_sg"); r.params.nents = 3; });
	BAD_RUN("dma_mask_bits 12", EINVAL, r.params.dma_mask_bits = 12);
	BAD_RUN("dma_mask_bits 23", EINVAL, r.params.dma_mask_bits = 23);
	BAD_RUN("dma_mask_bits 65", EINVAL, r.params.dma_mask_bits = 65);
	BAD_RUN("delay_ns MAX + 1", EINVAL,
		r.params.delay_ns = DMABENCH_MAX_DELAY_NS + 1);
	BAD_RUN("sync_offset == size", EINVAL,
		{ strcpy(r.params.scenario, "sync_range");
		  r.params.sync_offset_bytes = 4096; });
	BAD_RUN("sync range past the end", EINVAL,
		{ strcpy(r.params.scenario, "sync_range");
		  r.params.sync_offset_bytes = 2048;
		  r.params.sync_len_bytes = 2049; });
	BAD_RUN("sync_len > size", EINVAL,
		r.params.sync_len_bytes = 4097);
	BAD_RUN("rx with odd threads", EINVAL,
		{ strcpy(r.params.scenario, "rx"); r.params.threads = 3; });
	BAD_RUN("rx batched", EINVAL,
		{ strcpy(r.params.scenario, "rx"); r.params.threads = 2;
		  r.params.batch = 2; });
}

/* The first line of sysfs resource: BAR0's start and end. */
static int bar0_range(const char *bus_id, unsigned long long *start,
		      unsigned long long *end)
{
	char path[128];
	FILE *f;
	int n;

	snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/resource", bus_id);
	f = fopen(path, "r");
	if (!f)
		return -1;
	n = fscanf(f, "%llx %llx", start, end);
	fclose(f);
	return n == 2 ? 0 : -1;
}

/*
 * A 31-bit mask misses edu's BAR0 (above 2 GiB on q35). dma-direct would
 * WARN mapping it, so the run is refused; an IOMMU maps it below the mask.
 */
static void test_map_resource_mask(void)
{
	unsigned long long start, end;
	struct dmabench_device_info di;
	struct dmabench_run r;
	bool direct;
	int got, want;

	if (dmabench_device_by_name(fd, dev_name, &di) ||
	    bar0_range(di.bus_id, &start, &end)) {
		ktap_ok(1, "run: map_resource, 31-bit mask # SKIP no BAR0 of %s",
			dev_name);
		return;
	}
	direct = di.path == DMABENCH_PATH_DIRECT ||
		 di.path == DMABENCH_PATH_SWIOTLB ||
		 di.path == DMABENCH_PATH_IDENTITY;
	want = direct && end >= 1ULL << 31 ? EOPNOTSUPP : 0;
	dmabench_run_init(&r, "map_resource", dev_name, DMABENCH_VIA_DIRECT);
	r.params.dma_mask_bits = 31;
	got = dmabench_ioctl(fd, DMABENCH_IOC_RUN, &r);
	ktap_ok(got == want,
		"run: map_resource with a 31-bit mask, BAR0 at 0x%llx on path %u -> %s (got %s)",
		start, di.path, want ? strerrorname_np(want) : "0",
		got ? strerrorname_np(got) : "0");
}

/*
 * The list scenarios of the 7.x API (issue 14) and their baseline: too
 * many segments, segments the IOVA granule does not allow, a BAR too
 * small, each EINVAL before anything is mapped; ENODEV without a BAR.
 */
static void test_new_api_params(void)
{
	static const char *const lists[] = {
		"map_page_list", "iova_list", "iova_reuse", "iova_fallback",
	};
	char what[80];
	size_t i;

#define LIST(name, n, bytes) { strcpy(r.params.scenario, name); \
			       r.params.nents = n; r.params.size_bytes = bytes; }
	for (i = 0; i < sizeof(lists) / sizeof(lists[0]); i++) {
		const char *name = lists[i];

		if (!dmabench_scenario_available(fd, name))
			continue;
		snprintf(what, sizeof(what), "%s nents MAX_IOVA + 1", name);
		BAD_RUN(what, EINVAL,
			LIST(name, DMABENCH_MAX_IOVA_NENTS + 1,
			     (DMABENCH_MAX_IOVA_NENTS + 1) * 4096ULL));
		snprintf(what, sizeof(what), "%s 2 KiB segments", name);
		BAD_RUN(what, EINVAL, LIST(name, 2, 4096));
		snprintf(what, sizeof(what), "%s 4 MiB segment", name);
		BAD_RUN(what, EINVAL, LIST(name, 1, 4ULL << 20));
		snprintf(what, sizeof(what),
			 "%s 6 KiB segments (link at an unaligned offset)", name);
		BAD_RUN(what, EINVAL, LIST(name, 2, 12288));
	}
#undef LIST
	if (dmabench_scenario_available(fd, "map_resource") &&
	    !strncmp(dev_name, "edu", 3))
		BAD_RUN("map_resource 2 MiB over edu's 1 MiB BAR0", EINVAL,
			{ strcpy(r.params.scenario, "map_resource");
			  r.params.size_bytes = 2 << 20; });
	if (dmabench_scenario_available(fd, "map_resource") &&
	    !strncmp(dev_name, "edu", 3))
		test_map_resource_mask();
	if (noedu_name && dmabench_scenario_available(fd, "map_resource")) {
		struct dmabench_run r;
		int got;

		dmabench_run_init(&r, "map_resource", noedu_name,
				  DMABENCH_VIA_DIRECT);
		got = dmabench_ioctl(fd, DMABENCH_IOC_RUN, &r);
		ktap_ok(got == ENODEV, "run: map_resource on %s, no BAR -> ENODEV (got %s)",
			noedu_name, got ? strerrorname_np(got) : "0");
	}
}

static void test_verify(void)
{
	BAD_VERIFY("size - 4", EINVAL, v.size -= 4);
	BAD_VERIFY("abi_version 0", EINVAL, v.abi_version = 0);
	BAD_VERIFY("reserved[2]", EINVAL, v.reserved[2] = 1);
	BAD_VERIFY("flags (out only)", EINVAL, v.flags = 1);
	BAD_VERIFY("ubuf_id on a non-ubuf kind", EINVAL, v.ubuf_id = 1);
	BAD_VERIFY("ubuf_id MAX_UBUFS", EINVAL,
		   { v.kind = DMABENCH_VERIFY_UBUF;
		     v.ubuf_id = DMABENCH_MAX_UBUFS; });
	BAD_VERIFY("kind NR_KINDS", EINVAL, v.kind = DMABENCH_VERIFY_NR_KINDS);
	BAD_VERIFY("via 7", EINVAL, v.via = 7);
	BAD_VERIFY("len_bytes 0", EINVAL, v.len_bytes = 0);
	BAD_VERIFY("len_bytes 4096 (edu aborts)", EINVAL, v.len_bytes = 4096);
	BAD_VERIFY("device not NUL-terminated", EINVAL,
		   memset(v.device, 'x', sizeof(v.device)));
	BAD_VERIFY("unknown device", ENODEV, strcpy(v.device, "edu99"));
	if (noedu_name)
		BAD_VERIFY("device without a DMA engine", EOPNOTSUPP,
			   snprintf(v.device, sizeof(v.device), "%s",
				    noedu_name));
	else
		ktap_ok(1, "verify: device without a DMA engine # SKIP none bound");
}

static void test_still_fine(void)
{
	struct dmabench_info info = {
		.size = sizeof(info), .abi_version = DMABENCH_ABI_VERSION,
	};
	int ret = dmabench_ioctl(fd, DMABENCH_IOC_INFO, &info);

	ktap_ok(dmabench_ioctl(fd, _IO(DMABENCH_IOC_MAGIC, 99), NULL) == ENOTTY,
		"unknown ioctl -> ENOTTY");
	ktap_ok(!ret && info.ndevices >= 1 && info.nscenarios >= 10 &&
		info.clock_read_ns > 0 && info.kernel_release[0],
		"INFO still works: %u devices, %u scenarios, clock_read_ns %llu, kernel %s",
		info.ndevices, info.nscenarios,
		(unsigned long long)info.clock_read_ns, info.kernel_release);
}

/* INFO of another ABI fails, saying which ABI the module speaks. */
static void test_abi_header(void)
{
	struct dmabench_info info;
	struct { uint32_t size, abi_version; uint8_t rest[8]; } small;
	int got;

	memset(&info, 0, sizeof(info));
	info.size = sizeof(info);
	info.abi_version = DMABENCH_ABI_VERSION + 1;
	got = dmabench_ioctl(fd, DMABENCH_IOC_INFO, &info);
	ktap_ok(got == EINVAL && info.abi_version == DMABENCH_ABI_VERSION &&
		info.size == sizeof(info),
		"INFO of ABI %d: EINVAL, the module writes back ABI %u, size %u (got %s)",
		DMABENCH_ABI_VERSION + 1, info.abi_version, info.size,
		got ? strerrorname_np(got) : "0");
	memset(&small, 0, sizeof(small));
	small.size = sizeof(small);
	small.abi_version = DMABENCH_ABI_VERSION;
	got = dmabench_ioctl(fd, _IOWR(DMABENCH_IOC_MAGIC, 1, small), &small);
	ktap_ok(got == EINVAL && small.abi_version == DMABENCH_ABI_VERSION &&
		small.size == sizeof(struct dmabench_info),
		"INFO with a 16-byte struct (another ioctl number): EINVAL, header %u/%u (got %s)",
		small.size, small.abi_version, got ? strerrorname_np(got) : "0");
	got = dmabench_ioctl(fd, _IOWR(DMABENCH_IOC_MAGIC, 1, uint32_t), &small);
	ktap_ok(got == ENOTTY, "INFO with a 4-byte struct: ENOTTY, no room for the header (got %s)",
		got ? strerrorname_np(got) : "0");
}

/* mmap(2) of all of u: its errno, 0 when it was mapped (and unmapped). */
static int mmap_errno(const struct dmabench_ubuf *u, int prot, int flags)
{
	void *p = mmap(NULL, u->size_bytes, prot, flags, fd,
		       (off_t)u->mmap_offset_bytes);

	if (p == MAP_FAILED)
		return errno;
	munmap(p, u->size_bytes);
	return 0;
}

/* A user buffer's mapping: shared, never executable, never grown. */
static void test_mmap_rules(void)
{
	struct dmabench_ubuf u;
	void *p, *q;
	int got;

	memset(&u, 0, sizeof(u));
	u.size = sizeof(u);
	u.abi_version = DMABENCH_ABI_VERSION;
	snprintf(u.device, sizeof(u.device), "%s", dev_name);
	u.variant = DMABENCH_ALLOC_NONCONTIGUOUS;	/* vm_map_pages() on iommu-dma */
	u.size_bytes = 16384;
	got = dmabench_ioctl(fd, DMABENCH_IOC_UBUF_ALLOC, &u);
	if (got) {
		ktap_ok(got == EOPNOTSUPP, "mmap rules: UBUF_ALLOC noncontiguous # SKIP %s",
			strerrorname_np(got));
		return;
	}
	got = mmap_errno(&u, PROT_READ | PROT_EXEC, MAP_SHARED);
	ktap_ok(got == EPERM, "mmap PROT_EXEC of a DMA buffer -> EPERM (got %s)",
		got ? strerrorname_np(got) : "0");
	got = mmap_errno(&u, PROT_READ | PROT_WRITE, MAP_PRIVATE);
	ktap_ok(got == EINVAL, "mmap MAP_PRIVATE of a DMA buffer -> EINVAL (got %s)",
		got ? strerrorname_np(got) : "0");
	p = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_SHARED, fd,
		 (off_t)u.mmap_offset_bytes);
	ktap_ok(p != MAP_FAILED, "mmap of half the buffer");
	if (p == MAP_FAILED)
		return;
	ktap_ok(mprotect(p, 8192, PROT_READ | PROT_EXEC) && errno == EACCES,
		"mprotect PROT_EXEC later -> EACCES");
	q = mremap(p, 8192, 16384 + 4096, MREMAP_MAYMOVE);
	got = q == MAP_FAILED ? errno : 0;
	ktap_ok(got == EFAULT, "mremap past the buffer -> EFAULT (got %s)",
		got ? strerrorname_np(got) : "0");
	munmap(q == MAP_FAILED ? p : q, q == MAP_FAILED ? 8192 : 16384 + 4096);
}

static void test_good_run(void)
{
	static uint64_t hist[DMABENCH_MAX_OPS][DMABENCH_HIST_BUCKETS];
	struct dmabench_run r;
	int ret, op;

	dmabench_run_init(&r, "map_single", dev_name, DMABENCH_VIA_DIRECT);
	r.params.iterations = 1000;
	r.hist_ptr = (uintptr_t)hist;
	r.hist_buckets = DMABENCH_HIST_BUCKETS;
	ret = dmabench_ioctl(fd, DMABENCH_IOC_RUN, &r);
	ktap_ok(!ret && r.results.nops == 2 && r.results.threads == 1 &&
		r.results.iterations == 1000 && r.results.elapsed_ns > 0 &&
		r.results.clock_read_ns > 0,
		"good run map_single 4096 x 1000: ret %d nops %u iterations %llu",
		ret, r.results.nops, (unsigned long long)r.results.iterations);
	for (op = 0; op < 2; op++) {
		const struct dmabench_op_stats *st = &r.results.ops[op];

		ktap_ok(!ret && !strcmp(st->name, op ? "unmap" : "map") &&
			st->ops_per_sample == 1 &&
			dmabench_stats_ok(st, hist[op], 1000),
			"good run op %s: count %llu errors %llu min %llu <= mean %.0f <= max %llu, histogram sums to count",
			st->name, (unsigned long long)st->count,
			(unsigned long long)st->errors,
			(unsigned long long)st->min_ns, dmabench_mean(st),
			(unsigned long long)st->max_ns);
	}

	dmabench_run_init(&r, "map_single", dev_name, DMABENCH_VIA_DIRECT);
	r.params.iterations = 1000;
	r.params.batch = 100;
	r.hist_ptr = (uintptr_t)hist;
	r.hist_buckets = DMABENCH_HIST_BUCKETS;
	ret = dmabench_ioctl(fd, DMABENCH_IOC_RUN, &r);
	ktap_ok(!ret && r.results.nops == 1 &&
		!strcmp(r.results.ops[0].name, "iteration") &&
		r.results.ops[0].ops_per_sample == 100 &&
		dmabench_stats_ok(&r.results.ops[0], hist[0], 10),
		"good batched run (batch 100): one 'iteration' op, 10 samples, mean %.0f ns",
		dmabench_mean(&r.results.ops[0]));
}

/* The kernel logged no WARNING, BUG, Oops or leak while we ran. */
static void test_dmesg_clean(int bad0)
{
	int bad1 = dmesg_bad_lines();

	ktap_ok(bad0 >= 0 && bad1 == bad0,
		"dmesg: no new WARNING/BUG/Oops/leak lines (%d before, %d after)",
		bad0, bad1);
}

int main(int argc, char **argv)
{
	int bad0 = dmesg_bad_lines();
	uint32_t ndev;

	if (argc > 1)
		dev_name = argv[1];
	ktap_begin();
	fd = dmabench_open_dev();
	ndev = info_ndevices();
	find_devices(ndev);
	test_info_device_scenario(ndev);
	test_run_header();
	test_run_params();
	test_new_api_params();
	test_verify();
	test_still_fine();
	test_abi_header();
	test_mmap_rules();
	test_good_run();
	test_dmesg_clean(bad0);
	close(fd);
	return ktap_end();
}
