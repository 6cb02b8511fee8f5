/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the module tests read back from the guest kernel: samples of
 * lib/mem_sample.h (the DMA vmalloc callers, MemFree, the module's debugfs
 * counters, and the rule with its tolerances), one counter at a time, and
 * the kernel log. Include after ktap.h; link lib/mem_sample.c.
 */
#ifndef DMABENCH_SYS_H
#define DMABENCH_SYS_H

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "lib/mem_sample.h"

/* One sample of what the kernel holds (no per-caller figures). */
static inline void vm_sample(struct vm_sample *s)
{
	vm_sample_take(&vm_default_sources, NULL, s);
}

/* A module counter in debugfs; -1 when it cannot be read. */
static inline long debugfs_counter(const char *name)
{
	return (long)vm_read_counter(vm_default_sources.debugfs_dir, name);
}

/* 1 when every debugfs counter is 0; names the others in a diagnostic. */
static inline int counters_zero(void)
{
	int i, ok = 1;

	for (i = 0; i < VM_NR_COUNTERS; i++) {
		long v = debugfs_counter(vm_counter_names[i]);

		if (v != 0) {
			ktap_diag("debugfs %s = %ld", vm_counter_names[i], v);
			ok = 0;
		}
	}
	return ok;
}

/*
 * Lines of the kernel log that report a problem; -1 when unreadable. A test
 * compares the count at its start and end: what the kernel reported while
 * booting (a debug kernel under TCG now and then) is not the test's.
 */
static inline int dmesg_bad_lines(void)
{
	FILE *p = popen("dmesg", "r");
	char line[1024];
	int bad = 0;

	if (!p)
		return -1;
	while (fgets(line, sizeof(line), p))
		if (strstr(line, "WARNING:") || strstr(line, "BUG:") ||
		    strstr(line, "Oops") || strstr(line, "dmabench: leaked") ||
		    strstr(line, "Call Trace")) {
			/* CI shows only the diagnostics: say which line. */
			printf("# dmesg: %s", line);
			bad++;
		}
	return pclose(p) == 0 ? bad : -1;
}

#endif /* DMABENCH_SYS_H */
