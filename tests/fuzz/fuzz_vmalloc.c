// SPDX-License-Identifier: GPL-2.0
/*
 * The text the CLI reads from the kernel: /proc/vmallocinfo, /proc/meminfo,
 * /proc/vmstat, the swiotlb's slots, dmabench.ko's debugfs counters and the
 * sysfs clocksource. The input is
 * each of them in turn, read by the sampler's own code (vm_sample_take over
 * files on tmpfs, as the unit tests' fixtures are), then folded into a
 * summary, written as timeline CSV and as the results' JSON. The command
 * line echo of a run (cmdline_join) takes the input's lines as argv.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "lib/sysinfo.h"
#include "lib/mem_sampler.h"
#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct vm_callers *callers = calloc(1, sizeof(*callers));
	struct vm_sample *s = calloc(1, sizeof(*s));
	struct vm_summary *sum = calloc(1, sizeof(*sum));
	static const struct vm_rule rule = { .counters_zero = true };
	char path[PATH_MAX], clock[64], why[512];
	struct vm_sources src = { 0 };
	struct vm_totals t;
	struct fuzz_args a;
	const char *dir = fuzz_dir();
	int i;

	if (!callers || !s || !sum)
		abort();
	/* The same text as every source: one file, named as each. */
	snprintf(path, sizeof(path), "%s/input", dir);
	if (fuzz_write(path, data, size))
		abort();
	for (i = 0; i < VM_NR_COUNTERS; i++) {
		char counter[PATH_MAX + 32];

		snprintf(counter, sizeof(counter), "%s/%s", dir, vm_counter_names[i]);
		if (access(counter, F_OK) && symlink(path, counter))
			abort();
	}
	src.vmallocinfo = path;
	src.meminfo = path;
	src.debugfs_dir = dir;
	src.vmstat = path;
	src.swiotlb_used = path;
	vm_sample_take(&src, callers, s);
	vm_summary_add(sum, s, callers->n, true);
	s->t_ns = 1000;
	vm_summary_add(sum, s, callers->n, false);
	vm_summary_finish(sum);
	/* The leak rule's text, with whatever figures the input made. */
	t = vm_sample_totals(s);
	vm_back_to_baseline(&t, &t, &rule, why, sizeof(why));
	vm_timeline_write(fuzz_devnull(), s, callers);
	json_decref(vm_summary_to_json(sum, callers));

	read_first_line(path, clock, sizeof(clock));
	if (!fuzz_args_split(&a, data, size, 64)) {
		free(cmdline_join(a.argc, a.argv));
		fuzz_args_free(&a);
	}
	free(callers);
	free(s);
	free(sum);
	return 0;
}
