// SPDX-License-Identifier: GPL-2.0
/*
 * The allocation half of the CLI: storm and vmalloc options, the vmalloc
 * sampler's parsers on captured text (tests/unit/fixtures/), and run
 * --vmalloc-interval, mmap and pairs end to end against the fake module.
 */
#include <errno.h>
#include <libgen.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include <jansson.h>
#include "cmd.h"
#include "cli_capture.h"
#include "fake_module.h"
#include "lib/names.h"
#include "lib/run_options.h"
#include "lib/mem_sampler.h"

#define AREA_BYTES	266240	/* 256 KiB + a guard page */

static char fixtures[512];

static const char *fixture(const char *name)
{
	static char path[8][600];
	static int slot;

	slot = (slot + 1) % 8;	/* a vm_sources at once */
	snprintf(path[slot], sizeof(path[slot]), "%s/%s", fixtures, name);
	return path[slot];
}

/* ---- options ---- */

static struct run_config rc;	/* static: a failed assertion leaks nothing */

static enum opts_status parse(char *err, size_t len, ...)
{
	char *argv[32];
	int argc = 0;
	va_list ap;
	const char *a;

	va_start(ap, len);
	while ((a = va_arg(ap, const char *)) && argc < 31)
		argv[argc++] = (char *)a;
	va_end(ap);
	err[0] = '\0';
	return run_config_parse(&rc, argc, argv, err, len);
}

static void test_storm_options(void **state)
{
	char err[OPT_ERR_LEN];

	(void)state;
	assert_int_equal(parse(err, sizeof(err), "alloc_storm", "--outstanding", "64",
			       "--distribution", "weighted", "--sizes", "4k:3,64k:1",
			       "--hold", "5ms", "--pattern", "fifo", "--variant", "pages",
			       NULL), OPTS_OK);
	assert_int_equal(rc.params.outstanding, 64);
	assert_int_equal(rc.params.distribution, DMABENCH_DIST_LIST);
	assert_int_equal(rc.params.nsizes, 2);
	assert_int_equal(rc.sizes[0].size_bytes, 4096);
	assert_int_equal(rc.sizes[0].weight, 3);
	assert_int_equal(rc.sizes[1].size_bytes, 65536);
	assert_int_equal(rc.sizes[1].weight, 1);
	assert_int_equal(rc.sizes[1].reserved, 0);
	assert_true(rc.params.sizes_ptr == (uint64_t)(uintptr_t)rc.sizes);
	assert_int_equal(rc.params.hold_ns, 5000000);
	assert_int_equal(rc.params.pattern, DMABENCH_STORM_FIFO);
	assert_int_equal(rc.params.variant, DMABENCH_ALLOC_PAGES);
	assert_string_equal(rc.storm_option_seen, "variant");

	assert_int_equal(parse(err, sizeof(err), "alloc_storm", "--distribution",
			       "log_uniform", "--size", "512", "--size-max", "1M",
			       "--pattern", "until_enomem", "--vmalloc-interval", "10ms",
			       "--vmalloc-timeline", "t.csv", NULL), OPTS_OK);
	assert_int_equal(rc.params.size_max_bytes, 1 << 20);
	assert_int_equal(rc.params.distribution, DMABENCH_DIST_LOG_UNIFORM);
	assert_int_equal(rc.vmalloc_interval_ns, 10000000);
	assert_string_equal(rc.vmalloc_timeline_path, "t.csv");
	assert_int_equal(rc.params.nsizes, 0);
	assert_true(rc.params.sizes_ptr == 0);
}

static void expect_parse_error(const char *msg, ...)
{
	char err[OPT_ERR_LEN], *argv[32];
	int argc = 0;
	va_list ap;
	const char *a;

	va_start(ap, msg);
	while ((a = va_arg(ap, const char *)) && argc < 31)
		argv[argc++] = (char *)a;
	va_end(ap);
	err[0] = '\0';
	assert_int_equal(run_config_parse(&rc, argc, argv, err, sizeof(err)), OPTS_ERROR);
	assert_string_equal(err, msg);
}

static void test_storm_option_errors(void **state)
{
	(void)state;
	expect_parse_error("--distribution uniform needs --size-max",
			   "alloc_storm", "--distribution", "uniform", NULL);
	expect_parse_error("--size-max applies to --distribution uniform and log_uniform only",
			   "alloc_storm", "--size-max", "1M", NULL);
	expect_parse_error("--size-max: 1024 is below --size 4096", "alloc_storm",
			   "--distribution", "uniform", "--size-max", "1k", NULL);
	expect_parse_error("--sizes needs --distribution weighted", "alloc_storm",
			   "--sizes", "4k:1", NULL);
	expect_parse_error("--distribution weighted needs --sizes", "alloc_storm",
			   "--distribution", "weighted", NULL);
	expect_parse_error("--sizes: '4k' has no ':WEIGHT'", "alloc_storm",
			   "--distribution", "weighted", "--sizes", "4k", NULL);
	expect_parse_error("--sizes: '0' is out of range (allowed 1..65535)", "alloc_storm",
			   "--distribution", "weighted", "--sizes", "4k:0", NULL);
	expect_parse_error("--sizes: '8M' is out of range (allowed 1..4194304 bytes)",
			   "alloc_storm", "--distribution", "weighted", "--sizes", "8M:1", NULL);
	expect_parse_error("--sizes: '4k:1,' ends with a comma", "alloc_storm",
			   "--distribution", "weighted", "--sizes", "4k:1,", NULL);
	expect_parse_error("--outstanding: '0' is out of range (allowed 1..65536)",
			   "alloc_storm", "--outstanding", "0", NULL);
	expect_parse_error("--pattern: 'lifo' is not one of: random, fifo, until_enomem",
			   "alloc_storm", "--pattern", "lifo", NULL);
	expect_parse_error("--vmalloc-timeline needs --vmalloc-interval",
			   "alloc_storm", "--vmalloc-timeline", "t.csv", NULL);
	expect_parse_error("--vmalloc-interval: '10us' is out of range (allowed 1ms..60s, or 0 for the default)",
			   "alloc_storm", "--vmalloc-interval", "10us", NULL);
}

static void test_storm_options_for_scenario(void **state)
{
	char err[OPT_ERR_LEN];

	(void)state;
	assert_int_equal(parse(err, sizeof(err), "map_single", "--hold", "1ms", NULL), OPTS_OK);
	assert_int_equal(run_config_for_scenario(&rc, 0, err, sizeof(err)), -1);
	assert_string_equal(err, "--hold applies to storm scenarios only (alloc_storm), not map_single");

	/* No storm option: the ABI wants the storm fields zero. */
	assert_int_equal(parse(err, sizeof(err), "alloc_attrs", "--attrs",
			       "no_kernel_mapping", NULL), OPTS_OK);
	assert_int_equal(rc.params.outstanding, 16);
	assert_int_equal(run_config_for_scenario(&rc, DMABENCH_SCN_F_ALLOC, err,
						 sizeof(err)), 0);
	assert_int_equal(rc.params.outstanding, 0);
	assert_int_equal(rc.params.variant, 0);
	assert_int_equal(rc.params.attrs, DMABENCH_ATTR_NO_KERNEL_MAPPING);

	assert_int_equal(parse(err, sizeof(err), "alloc_storm", "--attrs",
			       "write_combine", NULL), OPTS_OK);
	assert_int_equal(run_config_for_scenario(&rc, DMABENCH_SCN_F_STORM, err,
						 sizeof(err)), -1);
	assert_string_equal(err, "--attrs: a storm passes attrs only with --variant attrs (not coherent)");
	assert_int_equal(parse(err, sizeof(err), "alloc_storm", "--attrs",
			       "write_combine", "--variant", "attrs", NULL), OPTS_OK);
	assert_int_equal(run_config_for_scenario(&rc, DMABENCH_SCN_F_STORM, err,
						 sizeof(err)), 0);
	assert_int_equal(rc.params.outstanding, 16);
}

static void test_storm_options_json_echo(void **state)
{
	char err[OPT_ERR_LEN];
	json_t *j;

	(void)state;
	assert_int_equal(parse(err, sizeof(err), "alloc_storm", "--distribution",
			       "weighted", "--sizes", "4k:3,64k:1", "--hold", "2ms", NULL),
			 OPTS_OK);
	j = opts_to_json(&run_options, &rc);
	assert_non_null(j);
	assert_string_equal(json_string_value(json_object_get(j, "distribution")), "weighted");
	assert_string_equal(json_string_value(json_object_get(j, "sizes")), "4k:3,64k:1");
	assert_int_equal(json_integer_value(json_object_get(j, "hold_ns")), 2000000);
	assert_int_equal(json_integer_value(json_object_get(j, "outstanding")), 16);
	assert_string_equal(json_string_value(json_object_get(j, "pattern")), "random");
	assert_int_equal(json_integer_value(json_object_get(j, "vmalloc_interval_ns")), 0);
	json_decref(j);
}

static void test_mmap_pairs_options(void **state)
{
	struct mmap_config m;
	struct pairs_config p;
	char err[OPT_ERR_LEN];
	char *a1[] = { "--variant", "wc", "--size", "64k", "--via", "ops" };
	char *a2[] = { "--size", "5000" };
	char *a3[] = { "--variant", "wc", "--attrs", "write_combine" };
	char *a4[] = { "--hold", "10ms", "--vmalloc-interval", "6ms" };

	(void)state;
	assert_int_equal(mmap_config_parse(&m, 6, a1, err, sizeof(err)), OPTS_OK);
	assert_int_equal(m.variant, DMABENCH_ALLOC_WC);
	assert_int_equal(m.size_bytes, 65536);
	assert_int_equal(m.via, DMABENCH_VIA_OPS);
	assert_int_equal(mmap_config_parse(&m, 0, a1, err, sizeof(err)), OPTS_OK);
	assert_int_equal(m.variant, MMAP_VARIANT_ALL);
	assert_int_equal(mmap_config_parse(&m, 2, a2, err, sizeof(err)), OPTS_ERROR);
	assert_string_equal(err, "--size: 5000 is not a multiple of 4096 (mmap maps whole pages)");
	assert_int_equal(mmap_config_parse(&m, 4, a3, err, sizeof(err)), OPTS_ERROR);
	assert_string_equal(err, "--attrs needs --variant attrs");
	assert_int_equal(pairs_config_parse(&p, 0, a4, err, sizeof(err)), OPTS_OK);
	assert_int_equal(p.size_bytes, 262144);
	assert_int_equal(p.outstanding, 16);
	assert_int_equal(pairs_config_parse(&p, 4, a4, err, sizeof(err)), OPTS_ERROR);
	assert_string_equal(err, "--vmalloc-interval: 6000000 ns is more than half of "
			    "--hold 10000000 ns: the sampler could miss the held buffers");
}

/* ---- the sampler's parsers ---- */

static struct vm_callers callers;
static struct vm_sample sample;

static int64_t caller_index(const char *name)
{
	uint32_t i;

	for (i = 0; i < callers.n; i++)
		if (!strcmp(callers.name[i], name))
			return i;
	return -1;
}

static void test_parse_vmallocinfo(void **state)
{
	FILE *fp = fopen(fixture("vmallocinfo.txt"), "r");
	int64_t i;

	(void)state;
	assert_non_null(fp);
	memset(&callers, 0, sizeof(callers));
	assert_int_equal(vm_parse_vmallocinfo(fp, &callers, &sample), 0);
	fclose(fp);
	assert_true(sample.have_vmallocinfo);
	/* unpurged and vm_map_ram lines are not held areas */
	assert_int_equal(sample.areas, 8);
	assert_int_equal(sample.bytes, 679936);
	assert_int_equal(sample.dma_areas, 3);
	assert_int_equal(sample.dma_bytes, 2 * AREA_BYTES + 12288);
	assert_int_equal(callers.n, 6);
	i = caller_index("dma_common_pages_remap");
	assert_true(i >= 0);
	assert_int_equal(sample.caller_bytes[i], 2 * AREA_BYTES);
	assert_int_equal(sample.caller_areas[i], 2);
	i = caller_index("dmabench_fake_vmap [dmabench]");
	assert_true(i >= 0);
	assert_int_equal(sample.caller_bytes[i], 12288);
	i = caller_index("irq_init_percpu_irqstack");
	assert_true(i >= 0);
	assert_int_equal(sample.caller_areas[i], 2);
	assert_int_equal(caller_index("unpurged"), -1);
	assert_int_equal(caller_index("vm_map_ram"), -1);
}

static void test_parse_meminfo_and_counters(void **state)
{
	FILE *fp = fopen(fixture("meminfo.txt"), "r");
	struct vm_sources src = {
		.vmallocinfo = fixture("vmallocinfo.txt"),
		.meminfo = fixture("meminfo.txt"),
		.debugfs_dir = fixture("debugfs"),
		.vmstat = fixture("vmstat.txt"),
		.swiotlb_used = fixture("io_tlb_used"),
	};
	struct vm_totals t;

	(void)state;
	assert_non_null(fp);
	assert_int_equal(vm_parse_meminfo(fp, &sample), 0);
	fclose(fp);
	assert_int_equal(sample.memfree_bytes, 1843200ULL * 1024);
	assert_int_equal(sample.vmalloc_used_bytes, 11344ULL * 1024);

	memset(&callers, 0, sizeof(callers));
	memset(&sample, 0, sizeof(sample));
	vm_sample_take(&src, &callers, &sample);
	assert_true(sample.have_vmallocinfo && sample.have_meminfo);
	assert_int_equal(sample.counters[VM_CNT_KERNEL_MAPPINGS], 2);
	assert_int_equal(sample.counters[VM_CNT_VMAPS], 1);
	assert_int_equal(sample.counters[VM_CNT_BUFFERS], 0);
	assert_int_equal(sample.iommu_pages_bytes, 1536ULL * sysconf(_SC_PAGESIZE));
	assert_int_equal(sample.swiotlb_used, 128);
	/* The rule's figures of the sample, every one. */
	t = vm_sample_totals(&sample);
	assert_true(t.have_vmallocinfo && t.have_meminfo);
	assert_int_equal(t.dma_bytes, sample.dma_bytes);
	assert_int_equal(t.dma_areas, 3);
	assert_int_equal(t.memfree_bytes, 1843200ULL * 1024);
	assert_int_equal(t.iommu_pages_bytes, 1536ULL * sysconf(_SC_PAGESIZE));
	assert_int_equal(t.swiotlb_used, 128);
	assert_memory_equal(t.counters, sample.counters, sizeof(t.counters));

	/* Missing sources are flagged, never read as zeros. */
	src.vmallocinfo = fixture("no-such-file");
	src.meminfo = fixture("no-such-file");
	src.debugfs_dir = fixture("no-such-dir");
	src.vmstat = fixture("no-such-file");
	src.swiotlb_used = fixture("no-such-file");
	vm_sample_take(&src, &callers, &sample);
	assert_false(sample.have_vmallocinfo);
	assert_false(sample.have_meminfo);
	assert_int_equal(sample.counters[VM_CNT_BUFFERS], -1);
	assert_int_equal(sample.swiotlb_used, -1);
	assert_int_equal(sample.iommu_pages_bytes, 0);	/* before 6.11: none */
	t = vm_sample_totals(&sample);
	assert_false(t.have_vmallocinfo || t.have_meminfo);
	assert_int_equal(t.swiotlb_used, -1);
	assert_int_equal(t.counters[VM_CNT_VMAPS], -1);
}

static void test_caller_names(void **state)
{
	char name[VM_CALLER_LEN];

	(void)state;
	vm_caller_name("dma_common_pages_remap+0x5c/0x80", "", name, sizeof(name));
	assert_string_equal(name, "dma_common_pages_remap");
	vm_caller_name("foo+0x1/0x2", "[dmabench]", name, sizeof(name));
	assert_string_equal(name, "foo [dmabench]");
	assert_true(vm_is_dma_caller("iommu_dma_alloc_remap"));
	assert_true(vm_is_dma_caller("foo [dmabench]"));
	assert_false(vm_is_dma_caller("load_module"));
}

static struct vm_summary sum;

static void test_summary_back_to_baseline(void **state)
{
	struct vm_sample s = { 0 };

	(void)state;
	s.have_vmallocinfo = s.have_meminfo = true;
	s.dma_bytes = 1000;
	s.dma_areas = 1;
	s.memfree_bytes = 100ULL << 20;
	memset(&sum, 0, sizeof(sum));
	vm_summary_add(&sum, &s, 0, true);
	s.dma_bytes = 1000 + 4 * AREA_BYTES;
	s.dma_areas = 5;
	s.memfree_bytes = 90ULL << 20;
	vm_summary_add(&sum, &s, 0, false);
	s.dma_bytes = 1000;
	s.dma_areas = 1;
	/* 20 MiB less free memory: within the tolerance */
	s.memfree_bytes = 80ULL << 20;
	vm_summary_add(&sum, &s, 0, false);
	vm_summary_finish(&sum);
	assert_int_equal(sum.nsamples, 3);
	assert_int_equal(sum.dma_bytes.baseline, 1000);
	assert_int_equal(sum.dma_bytes.peak, 1000 + 4 * AREA_BYTES);
	assert_int_equal(sum.dma_bytes.end, 1000);
	assert_int_equal(sum.memfree_bytes.min, 80ULL << 20);
	assert_true(sum.back_to_baseline);

	/* One area left behind: not back. */
	s.dma_bytes = 1000 + AREA_BYTES;
	vm_summary_add(&sum, &s, 0, false);
	vm_summary_finish(&sum);
	assert_false(sum.back_to_baseline);
	/* Areas back, but MemFree 50 MiB down: beyond the tolerance. */
	s.dma_bytes = 1000;
	s.memfree_bytes = 50ULL << 20;
	vm_summary_add(&sum, &s, 0, false);
	vm_summary_finish(&sum);
	assert_false(sum.back_to_baseline);
	/* Unless the IOMMU's page tables took 20 MiB of it. */
	s.iommu_pages_bytes = 20ULL << 20;
	vm_summary_add(&sum, &s, 0, false);
	vm_summary_finish(&sum);
	assert_true(sum.back_to_baseline);
	/* A module counter not back where it was: not back. */
	s.counters[VM_CNT_VMAPS] = 1;
	vm_summary_add(&sum, &s, 0, false);
	vm_summary_finish(&sum);
	assert_false(sum.back_to_baseline);
	s.counters[VM_CNT_VMAPS] = 0;
	/* Nor without vmallocinfo, whatever the end figures. */
	vm_summary_add(&sum, &s, 0, false);
	sum.have_vmallocinfo = false;
	vm_summary_finish(&sum);
	assert_false(sum.back_to_baseline);
	sum.have_vmallocinfo = true;
	vm_summary_finish(&sum);
	assert_true(sum.back_to_baseline);
}

/* swiotlb slots in use: baseline, peak and end, reported but not judged. */
static void test_summary_swiotlb(void **state)
{
	struct vm_sample s = { 0 };
	json_t *j, *slots;

	(void)state;
	s.have_vmallocinfo = s.have_meminfo = true;
	s.swiotlb_used = 10;
	memset(&sum, 0, sizeof(sum));
	vm_summary_add(&sum, &s, 0, true);
	s.swiotlb_used = 300;
	vm_summary_add(&sum, &s, 0, false);
	s.swiotlb_used = 12;
	vm_summary_add(&sum, &s, 0, false);
	vm_summary_finish(&sum);
	assert_true(sum.have_swiotlb);
	assert_int_equal(sum.swiotlb_used_slots.baseline, 10);
	assert_int_equal(sum.swiotlb_used_slots.peak, 300);
	assert_int_equal(sum.swiotlb_used_slots.end, 12);
	/* 2 slots more than at the baseline: other devices', not a leak */
	assert_true(sum.back_to_baseline);
	j = vm_summary_to_json(&sum, NULL);
	assert_non_null(j);
	slots = json_object_get(j, "swiotlb_used_slots");
	assert_int_equal(json_integer_value(json_object_get(slots, "baseline")), 10);
	assert_int_equal(json_integer_value(json_object_get(slots, "peak")), 300);
	assert_int_equal(json_integer_value(json_object_get(slots, "end")), 12);
	json_decref(j);

	/* No swiotlb (-1): null, never a made-up 0. */
	s.swiotlb_used = -1;
	memset(&sum, 0, sizeof(sum));
	vm_summary_add(&sum, &s, 0, true);
	vm_summary_add(&sum, &s, 0, false);
	vm_summary_finish(&sum);
	assert_false(sum.have_swiotlb);
	j = vm_summary_to_json(&sum, NULL);
	assert_non_null(j);
	assert_true(json_is_null(json_object_get(j, "swiotlb_used_slots")));
	json_decref(j);
}

/* The one leak rule every check uses: each figure on its own. */
static void test_leak_rule(void **state)
{
	struct vm_totals base = { 0 }, end, *b = &base, *e = &end;
	struct vm_rule rule = {
		.memfree_tolerance_bytes = VM_MEMFREE_TOLERANCE_BYTES,
		.counters_zero = true,
	};
	char why[512];
	int i;

	(void)state;
	b->have_vmallocinfo = b->have_meminfo = true;
	b->dma_bytes = 8192;
	b->dma_areas = 2;
	b->memfree_bytes = 1ULL << 30;
	b->swiotlb_used = 4;
	*e = *b;
	assert_true(vm_back_to_baseline(b, e, &rule, why, sizeof(why)));
	assert_non_null(strstr(why, "dma vmalloc 8192 -> 8192 bytes"));
	assert_non_null(strstr(why, "swiotlb used 4 -> 4"));

	e->dma_areas = 3;		/* same bytes, one more area */
	assert_false(vm_back_to_baseline(b, e, &rule, NULL, 0));
	e->dma_areas = 2;
	e->swiotlb_used = 5;		/* one slot still mapped */
	assert_false(vm_back_to_baseline(b, e, &rule, NULL, 0));
	e->swiotlb_used = 4;
	for (i = 0; i < VM_NR_COUNTERS; i++) {
		e->counters[i] = 1;
		assert_false(vm_back_to_baseline(b, e, &rule, why, sizeof(why)));
		assert_non_null(strstr(why, vm_counter_names[i]));
		b->counters[i] = 1;	/* as at baseline: not enough */
		assert_false(vm_back_to_baseline(b, e, &rule, NULL, 0));
		rule.counters_zero = false;
		assert_true(vm_back_to_baseline(b, e, &rule, NULL, 0));
		rule.counters_zero = true;
		b->counters[i] = e->counters[i] = 0;
	}

	/* MemFree: the tolerance, net of IOMMU page tables and the caller's heap. */
	e->memfree_bytes = b->memfree_bytes - VM_MEMFREE_TOLERANCE_BYTES;
	assert_false(vm_back_to_baseline(b, e, &rule, NULL, 0));
	e->memfree_bytes++;
	assert_true(vm_back_to_baseline(b, e, &rule, NULL, 0));
	e->memfree_bytes -= 10ULL << 20;
	assert_false(vm_back_to_baseline(b, e, &rule, NULL, 0));
	e->iommu_pages_bytes = 10ULL << 20;
	assert_true(vm_back_to_baseline(b, e, &rule, NULL, 0));
	e->iommu_pages_bytes = 0;
	rule.not_kernel_bytes = 10ULL << 20;
	assert_true(vm_back_to_baseline(b, e, &rule, why, sizeof(why)));
	assert_non_null(strstr(why, "not the kernel's +10485760"));
	rule.not_kernel_bytes = 0;

	/* No vmallocinfo: never back, whatever else says. */
	*e = *b;
	e->have_vmallocinfo = false;
	assert_false(vm_back_to_baseline(b, e, &rule, why, sizeof(why)));
	assert_non_null(strstr(why, "unreadable"));
}

static void test_timeline_rows(void **state)
{
	FILE *fp = fopen(fixture("vmallocinfo.txt"), "r");
	char *text = NULL;
	size_t len = 0;
	FILE *mem;

	(void)state;
	memset(&callers, 0, sizeof(callers));
	memset(&sample, 0, sizeof(sample));
	assert_non_null(fp);
	vm_parse_vmallocinfo(fp, &callers, &sample);
	fclose(fp);
	sample.t_ns = 12345;
	sample.counters[VM_CNT_KERNEL_MAPPINGS] = 2;
	sample.swiotlb_used = 128;
	mem = open_memstream(&text, &len);
	assert_int_equal(vm_timeline_write(mem, &sample, &callers), 0);
	fclose(mem);
	assert_non_null(strstr(text, "12345,vmalloc_bytes,all,679936,bytes\n"));
	assert_non_null(strstr(text, "12345,vmalloc_bytes,dma,544768,bytes\n"));
	assert_non_null(strstr(text, "12345,vmalloc_areas,dma_common_pages_remap,2,areas\n"));
	assert_non_null(strstr(text, "12345,kernel_mappings,dmabench,2,count\n"));
	assert_non_null(strstr(text, "12345,swiotlb_used_slots,swiotlb,128,slots\n"));
	/* meminfo was not read: no made-up rows */
	assert_null(strstr(text, "memfree_bytes"));
	free(text);
	text = NULL;

	/* No swiotlb: no row either. */
	sample.swiotlb_used = -1;
	mem = open_memstream(&text, &len);
	assert_int_equal(vm_timeline_write(mem, &sample, &callers), 0);
	fclose(mem);
	assert_null(strstr(text, "swiotlb"));
	free(text);
}

/* ---- commands against the fake module ---- */

struct harness {
	struct fake_module fm;
	struct cmd_ctx ctx;
	struct vm_sources src;
	struct cli_capture cap;
	char dir[32];
	char vmallocinfo[64], json[64], timeline[64];
};

static int copy_file(const char *from, const char *to)
{
	FILE *in = fopen(from, "r"), *out = fopen(to, "w");
	int c;

	if (!in || !out)
		return -1;
	while ((c = fgetc(in)) != EOF)
		fputc(c, out);
	fclose(in);
	return fclose(out);
}

static int setup(void **state)
{
	struct harness *h = calloc(1, sizeof(*h));

	if (!h)
		return -1;
	fake_module_init(&h->fm, DMABENCH_PATH_IOMMU_STRICT);
	fake_module_add_alloc(&h->fm);
	h->ctx.backend = &fake_backend;
	h->ctx.backend_data = &h->fm;
	h->ctx.node_path = DMABENCH_DEVICE_NODE;
	strcpy(h->dir, "/tmp/dmabench-alloc-XXXXXX");
	if (!mkdtemp(h->dir))
		return -1;
	snprintf(h->vmallocinfo, sizeof(h->vmallocinfo), "%s/vmallocinfo", h->dir);
	snprintf(h->json, sizeof(h->json), "%s/out.json", h->dir);
	snprintf(h->timeline, sizeof(h->timeline), "%s/timeline.csv", h->dir);
	if (copy_file(fixture("vmallocinfo.txt"), h->vmallocinfo))
		return -1;
	h->src.vmallocinfo = h->vmallocinfo;
	h->src.meminfo = fixture("meminfo.txt");
	h->src.debugfs_dir = fixture("debugfs");
	h->ctx.vm_sources = &h->src;
	h->fm.vmallocinfo_path = h->vmallocinfo;
	dmabench_interrupted = 0;
	*state = h;
	return 0;
}

static int teardown(void **state)
{
	struct harness *h = *state;

	unlink(h->vmallocinfo);
	unlink(h->json);
	unlink(h->timeline);
	rmdir(h->dir);
	cli_capture_free(&h->cap);
	free(h);
	return 0;
}

/* "dmabench ARGS..., NULL" with out/err captured into h->cap. */
#define dmabench(h, ...) cli_capture_run(&(h)->ctx, &(h)->cap, __VA_ARGS__)

static int64_t jint(json_t *root, const char *path)
{
	json_t *v = json_object_get(root, path);

	if (!json_is_number(v))
		fail_msg("%s is not a number", path);
	return (int64_t)json_number_value(v);
}

static void test_run_storm_with_vmalloc_sampling(void **state)
{
	struct harness *h = *state;
	json_t *j, *vm;
	FILE *fp;
	char line[256];
	int rows = 0, dma_rows = 0;

	h->fm.storm_area_bytes[DMABENCH_ALLOC_COHERENT] = AREA_BYTES;
	h->src.swiotlb_used = fixture("io_tlb_used");
	assert_int_equal(dmabench(h, "run", "alloc_storm", "--size", "256k",
				  "--outstanding", "4", "--pattern", "until_enomem",
				  "--hold", "60ms", "--vmalloc-interval", "2ms",
				  "--vmalloc-timeline", h->timeline, "--format", "json",
				  "--output", h->json, NULL), EXIT_OK);
	assert_string_equal(h->cap.err_text, "");
	assert_int_equal(h->fm.last_params.outstanding, 4);
	assert_int_equal(h->fm.last_params.pattern, DMABENCH_STORM_UNTIL_ENOMEM);
	assert_int_equal(h->fm.last_params.hold_ns, 60000000);
	j = cli_load_json(h->json);
	vm = json_object_get(json_array_get(json_object_get(j, "repetitions"), 0), "vmalloc");
	assert_non_null(vm);
	assert_int_equal(jint(json_object_get(vm, "dma_vmalloc_bytes"), "peak") -
			 jint(json_object_get(vm, "dma_vmalloc_bytes"), "baseline"),
			 4 * AREA_BYTES);
	assert_int_equal(jint(json_object_get(vm, "dma_vmalloc_bytes"), "end"),
			 jint(json_object_get(vm, "dma_vmalloc_bytes"), "baseline"));
	assert_true(json_is_true(json_object_get(vm, "back_to_baseline")));
	assert_int_equal(jint(json_object_get(vm, "tolerance"), "memfree_bytes"),
			 VM_MEMFREE_TOLERANCE_BYTES);
	assert_true(jint(vm, "samples") >= 3);
	assert_int_equal(jint(json_object_get(vm, "swiotlb_used_slots"), "peak"), 128);
	assert_int_equal(jint(json_object_get(json_object_get(
		json_object_get(vm, "by_caller"), "dma_common_pages_remap"), "areas"),
		"peak"), 2 + 4);
	assert_int_equal(jint(json_array_get(json_object_get(j, "repetitions"), 0),
			      "peak_outstanding"), 4);
	json_decref(j);

	fp = fopen(h->timeline, "r");
	assert_non_null(fp);
	assert_non_null(fgets(line, sizeof(line), fp));
	assert_string_equal(line, VM_TIMELINE_HEADER);
	while (fgets(line, sizeof(line), fp)) {
		rows++;
		if (strstr(line, ",vmalloc_bytes,dma,") &&
		    strstr(line, ",1609728,bytes"))	/* 544768 + 4 areas */
			dma_rows++;
	}
	fclose(fp);
	assert_true(rows > 20);
	assert_true(dma_rows >= 1);
}

static void test_run_refuses_storm_options_elsewhere(void **state)
{
	struct harness *h = *state;

	assert_int_equal(dmabench(h, "run", "map_single", "--outstanding", "4", NULL),
			 EXIT_USAGE);
	assert_string_equal(h->cap.err_text, "dmabench run: --outstanding applies to storm "
			    "scenarios only (alloc_storm), not map_single\n");
	assert_int_equal(h->fm.runs, 0);
	/* Without storm options the storm fields reach the module as zeros. */
	assert_int_equal(dmabench(h, "run", "alloc_attrs", "--iterations", "10", NULL),
			 EXIT_OK);
	assert_int_equal(h->fm.last_params.outstanding, 0);
	assert_int_equal(h->fm.last_params.variant, 0);
}

static void test_mmap_all_variants(void **state)
{
	struct harness *h = *state;
	json_t *j, *res, *r;
	size_t i;

	h->fm.ubuf_error[DMABENCH_ALLOC_NONCONTIGUOUS] = -EOPNOTSUPP;
	assert_int_equal(dmabench(h, "mmap", "--size", "64k", "--format", "json",
				  "--output", h->json, NULL), EXIT_OK);
	j = cli_load_json(h->json);
	assert_string_equal(json_string_value(json_object_get(j, "command")), "mmap");
	res = json_object_get(j, "results");
	assert_int_equal(json_array_size(res), DMABENCH_ALLOC_NR_VARIANTS);
	json_array_foreach(res, i, r) {
		const char *status = json_string_value(json_object_get(r, "status"));

		assert_string_equal(json_string_value(json_object_get(r, "variant")),
				    dmabench_variant_name((uint32_t)i));
		if (i == DMABENCH_ALLOC_NONCONTIGUOUS) {
			assert_string_equal(status, "unavailable");
			continue;
		}
		assert_string_equal(status, "ok");
		assert_string_equal(json_string_value(json_object_get(
			json_object_get(r, "verify"), "outcome")), "match");
		assert_int_equal(jint(r, "pages"), 16);
		assert_true(json_number_value(json_object_get(r, "write_bytes_per_s")) > 0);
		assert_true(json_number_value(json_object_get(r, "read_bytes_per_s")) > 0);
		/* The fake's anonymous memory faults on first touch. */
		assert_true(jint(r, "first_touch_minor_faults") > 0);
		assert_true(json_is_false(json_object_get(r, "populated_at_mmap")));
	}
	json_decref(j);
	assert_int_equal(h->fm.nubufs, 0);	/* freed with the file */
}

static void test_mmap_mismatch_exits_1(void **state)
{
	struct harness *h = *state;

	h->fm.corrupt_ubuf = 1;
	assert_int_equal(dmabench(h, "mmap", "--variant", "attrs", "--size", "8k",
				  "--format", "csv", NULL), EXIT_RUN_FAILED);
	assert_non_null(strstr(h->cap.err_text, "dmabench mmap: attrs via direct: the "
			       "device read something else than user space wrote"));
	assert_non_null(strstr(h->cap.out_text, ",attrs,8192,verify_match,0.000,bool\n"));
	assert_non_null(strstr(h->cap.out_text, ",attrs,8192,write_bytes_per_s,"));
}

static void test_pairs_json_and_csv(void **state)
{
	struct harness *h = *state;
	json_t *j, *pairs, *p0, *ops, *vms, *v;
	size_t i;
	bool saw_attrs = false;

	h->fm.storm_area_bytes[DMABENCH_ALLOC_ATTRS] = AREA_BYTES;
	assert_int_equal(dmabench(h, "pairs", "--iterations", "10", "--outstanding", "3",
				  "--hold", "40ms", "--vmalloc-interval", "2ms",
				  "--format", "json", "--output", h->json, NULL), EXIT_OK);
	j = cli_load_json(h->json);
	assert_string_equal(json_string_value(json_object_get(j, "ratio")), "attr / old");
	pairs = json_object_get(j, "pairs");
	p0 = json_array_get(pairs, 0);
	assert_string_equal(json_string_value(json_object_get(p0, "old")), "alloc_coherent");
	assert_string_equal(json_string_value(json_object_get(p0, "attr")), "alloc_attrs");
	assert_string_equal(json_string_value(json_object_get(p0, "status")), "ok");
	ops = json_object_get(json_object_get(p0, "ops"), "alloc");
	/* The fake gives both sides the same samples: ratio 1. */
	assert_true(json_number_value(json_object_get(ops, "ratio_p50")) == 1.0);
	assert_int_equal(jint(json_object_get(ops, "old"), "p50_ns"),
			 jint(json_object_get(ops, "attr"), "p50_ns"));
	assert_true(json_number_value(json_object_get(json_object_get(p0,
		"vmalloc_bytes_per_buffer"), "old")) == 0.0);
	assert_true(json_number_value(json_object_get(json_object_get(p0,
		"vmalloc_bytes_per_buffer"), "attr")) == AREA_BYTES);
	/* Pairs the fake lacks are unavailable, not failed. */
	assert_string_equal(json_string_value(json_object_get(json_array_get(pairs, 1),
							      "status")), "unavailable");
	vms = json_object_get(j, "variants");
	json_array_foreach(vms, i, v) {
		if (strcmp(json_string_value(json_object_get(v, "scenario")), "alloc_attrs"))
			continue;
		saw_attrs = true;
		assert_int_equal(jint(v, "buffers_held"), 3);
		assert_true(json_number_value(json_object_get(json_object_get(v,
			"bytes_per_buffer_by_caller"), "dma_common_pages_remap")) == AREA_BYTES);
		assert_true(json_is_true(json_object_get(v, "back_to_baseline")));
	}
	assert_true(saw_attrs);
	json_decref(j);

	assert_int_equal(dmabench(h, "pairs", "--iterations", "10", "--outstanding", "3",
				  "--hold", "40ms", "--vmalloc-interval", "2ms",
				  "--format", "csv", NULL), EXIT_OK);
	assert_non_null(strstr(h->cap.out_text,
		"alloc_coherent,alloc_attrs,all,vmalloc_bytes_per_buffer,attr,266240.000,bytes\n"));
	assert_non_null(strstr(h->cap.out_text,
		"alloc_coherent,alloc_attrs,alloc,p50_ns,ratio,1.000,attr/old\n"));
}

/* The pairs come from the module's table: the module's order, only pairs
 * of two allocation scenarios, and a clear error when it declares none. */
static void test_pairs_from_module(void **state)
{
	struct harness *h = *state;
	json_t *j, *pairs;
	uint32_t i;

	assert_int_equal(dmabench(h, "pairs", "--iterations", "10", "--outstanding", "3",
				  "--hold", "40ms", "--vmalloc-interval", "2ms", "--format",
				  "json", "--output", h->json, NULL), EXIT_OK);
	j = cli_load_json(h->json);
	pairs = json_object_get(j, "pairs");
	assert_int_equal(json_array_size(pairs), 2);
	assert_string_equal(json_string_value(json_object_get(json_array_get(pairs, 1),
							      "attr")), "alloc_noncontig_vmap");
	assert_string_equal(json_string_value(json_object_get(json_array_get(pairs, 1),
							      "old")), "alloc_noncontig");
	json_decref(j);

	for (i = 0; i < h->fm.info.nscenarios; i++)
		memset(h->fm.scenarios[i].pair, 0, sizeof(h->fm.scenarios[i].pair));
	assert_int_equal(dmabench(h, "pairs", "--iterations", "10", "--hold", "40ms",
				  "--vmalloc-interval", "2ms", "--output", h->json, NULL),
			 EXIT_RUN_FAILED);
	assert_non_null(strstr(h->cap.err_text, "declares no allocation pairs"));
}

int main(int argc, char **argv)
{
	char self[512];
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_storm_options),
		cmocka_unit_test(test_storm_option_errors),
		cmocka_unit_test(test_storm_options_for_scenario),
		cmocka_unit_test(test_storm_options_json_echo),
		cmocka_unit_test(test_mmap_pairs_options),
		cmocka_unit_test(test_parse_vmallocinfo),
		cmocka_unit_test(test_parse_meminfo_and_counters),
		cmocka_unit_test(test_caller_names),
		cmocka_unit_test(test_summary_back_to_baseline),
		cmocka_unit_test(test_summary_swiotlb),
		cmocka_unit_test(test_leak_rule),
		cmocka_unit_test(test_timeline_rows),
		cmocka_unit_test_setup_teardown(test_run_storm_with_vmalloc_sampling, setup, teardown),
		cmocka_unit_test_setup_teardown(test_run_refuses_storm_options_elsewhere, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mmap_all_variants, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mmap_mismatch_exits_1, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pairs_json_and_csv, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pairs_from_module, setup, teardown),
	};

	(void)argc;
	(void)argv;
	/* The fixtures sit beside this source file. */
	snprintf(self, sizeof(self), "%s", __FILE__);
	snprintf(fixtures, sizeof(fixtures), "%s/fixtures", dirname(self));
	return cmocka_run_group_tests(tests, NULL, NULL);
}
