/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Leak check after each test: a baseline of what the module and the kernel
 * hold, and one KTAP line saying a test left everything as it found it.
 * The rule and its tolerances are lib/mem_sample.h's (vm_back_to_baseline:
 * debugfs counters 0, DMA vmalloc bytes and areas and swiotlb slots exact,
 * MemFree within a tolerance net of the IOMMU's page tables); on top of it:
 *   - this program's own anonymous memory is netted out of MemFree: under
 *     ASan it keeps growing, with freed blocks held in the quarantine
 *     (256 MiB at most by default) and their shadow (100 MB over failnth's
 *     1,300 steps, the kernel back where it was);
 *   - OOM kills (/proc/vmstat oom_kill): none since the baseline, but for
 *     the balloons of oom_balloon.h.
 * Nothing else in the guest maps through the DMA API meanwhile (9p is
 * virtio without ACCESS_PLATFORM: no bounce), so swiotlb slots are exact.
 * The guest scripts use the same check through the leakcheck program.
 * Include after ktap.h.
 */
#ifndef DMABENCH_LEAKCHECK_H
#define DMABENCH_LEAKCHECK_H

#include <unistd.h>
#include "dmabench_sys.h"
#include "oom_balloon.h"

#define SWIOTLB_USED		"/sys/kernel/debug/swiotlb/io_tlb_used"

struct leak_base {
	struct vm_sample vm;
	long oom_kills;
	int64_t anon_bytes;		/* vm_self_anon_bytes() */
};

static inline long leak_read_long(const char *path, const char *key)
{
	char line[256];
	long v = -1, x;
	FILE *fp = fopen(path, "r");

	while (fp && fgets(line, sizeof(line), fp)) {
		if (!key && sscanf(line, "%ld", &x) == 1) {
			v = x;
			break;
		}
		if (key && !strncmp(line, key, strlen(key)) &&
		    sscanf(line + strlen(key), "%ld", &x) == 1)
			v = x;
	}
	if (fp)
		fclose(fp);
	return v;
}

static inline void leak_baseline(struct leak_base *b)
{
	vm_sample(&b->vm);
	b->oom_kills = leak_read_long("/proc/vmstat", "oom_kill ") -
		       oom_balloon_kills();
	b->anon_bytes = vm_self_anon_bytes();
}

/*
 * Everything back at base, within tolerance_bytes of MemFree; why gets
 * the figures. The end state goes to now (the next baseline, if wanted).
 */
static inline bool leak_verdict(const struct leak_base *base,
				struct leak_base *now, int64_t tolerance_bytes,
				char *why, size_t len)
{
	struct vm_rule rule = {
		.memfree_tolerance_bytes = tolerance_bytes,
		.counters_zero = true,
	};
	struct vm_totals b, e;
	size_t n;
	bool ok;

	leak_baseline(now);
	rule.not_kernel_bytes = now->anon_bytes - base->anon_bytes;
	b = vm_sample_totals(&base->vm);
	e = vm_sample_totals(&now->vm);
	ok = vm_back_to_baseline(&b, &e, &rule, why, len);
	n = strlen(why);
	snprintf(why + n, len - n, ", oom kills %ld -> %ld",
		 base->oom_kills, now->oom_kills);
	return ok && now->oom_kills == base->oom_kills;
}

/*
 * leak_verdict until it holds, for up to budget_ms (after a test, and in
 * the guest scripts: LEAK_SETTLE_MS): a file released by a killed process
 * is freed before the parent's wait returns, and the lazy vunmap lags.
 * Polled every LEAK_SETTLE_POLL_MS; why and now get the last verdict's
 * figures and state.
 */
#define LEAK_SETTLE_POLL_MS	50
#define LEAK_SETTLE_MS		3000

static inline bool leak_verdict_settled(const struct leak_base *base,
					struct leak_base *now,
					int64_t tolerance_bytes, int budget_ms,
					char *why, size_t len)
{
	int waited_ms;

	for (waited_ms = 0;; waited_ms += LEAK_SETTLE_POLL_MS) {
		if (leak_verdict(base, now, tolerance_bytes, why, len))
			return true;
		if (waited_ms >= budget_ms)
			return false;
		usleep(LEAK_SETTLE_POLL_MS * 1000);
	}
}

/* One KTAP line, after up to LEAK_SETTLE_MS for memory to settle. */
static inline int leak_check_tol(const char *what, const struct leak_base *base,
				 int64_t tolerance_bytes)
{
	struct leak_base now;
	char why[512];
	bool ok = leak_verdict_settled(base, &now, tolerance_bytes,
				       LEAK_SETTLE_MS, why, sizeof(why));

	return ktap_ok(ok, "%s: no leak (%s)", what, why);
}

static inline int leak_check(const char *what, const struct leak_base *base)
{
	return leak_check_tol(what, base, VM_MEMFREE_TOLERANCE_BYTES);
}

#endif /* DMABENCH_LEAKCHECK_H */
