// SPDX-License-Identifier: GPL-2.0
/*
 * TSC calibration. A pair is one ktime_get_ns() read bracketed by two TSC
 * reads; the ktime value belongs somewhere in the bracket, so its midpoint
 * is off by at most half its width. The rate comes from two pairs
 * DMABENCH_CAL_WINDOW_US apart; its error bound is the two half widths
 * over the window in counts, plus ktime's 1 ns resolution at both ends.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/delay.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/limits.h>
#include <linux/minmax.h>
#include <linux/timekeeping.h>

#include "dmabench_clock.h"
#include "dmabench_compat.h"

#define DMABENCH_CAL_WINDOW_US	10000
#define DMABENCH_CAL_TRIES	8
#define DMABENCH_CLOCK_SHIFT	24

#ifdef CONFIG_X86
/* The timekeeping clocksource's count is a TSC read inside our bracket. */
static bool dmabench_timekeeping_reads_tsc(void)
{
	struct system_time_snapshot snap;
	u64 a, b;

	a = rdtsc_ordered();
	dmabench_ktime_snapshot(&snap);
	b = rdtsc_ordered();
	return snap.cycles >= a && snap.cycles <= b;
}

u32 dmabench_clock_flags(void)
{
	u32 f = 0;

	if (!boot_cpu_has(X86_FEATURE_TSC) || check_tsc_unstable())
		return 0;
	f |= DMABENCH_CLOCK_F_TSC;
	if (boot_cpu_has(X86_FEATURE_CONSTANT_TSC))
		f |= DMABENCH_CLOCK_F_CONSTANT_TSC;
	if (boot_cpu_has(X86_FEATURE_NONSTOP_TSC))
		f |= DMABENCH_CLOCK_F_NONSTOP_TSC;
	if (dmabench_timekeeping_reads_tsc())
		f |= DMABENCH_CLOCK_F_TIMEKEEPING_TSC;
	return f;
}

/* The narrowest of a few brackets: its midpoint and width in counts. */
static void dmabench_clock_pair(struct dmabench_clk_cal *p, u64 *width)
{
	u64 a, b, n;
	unsigned int i;

	*width = U64_MAX;
	for (i = 0; i < DMABENCH_CAL_TRIES; i++) {
		a = rdtsc_ordered();
		n = ktime_get_ns();
		b = rdtsc_ordered();
		if (b - a < *width) {
			*width = b - a;
			p->counts = a + (b - a) / 2;
			p->ns = n;
		}
	}
}
#else
u32 dmabench_clock_flags(void)
{
	return 0;
}

static void dmabench_clock_pair(struct dmabench_clk_cal *p, u64 *width)
{
	p->counts = 0;
	p->ns = ktime_get_ns();
	*width = 0;
}
#endif

static bool dmabench_tsc_usable(u32 f)
{
	u32 steady = DMABENCH_CLOCK_F_CONSTANT_TSC | DMABENCH_CLOCK_F_NONSTOP_TSC;

	return (f & DMABENCH_CLOCK_F_TSC) &&
	       ((f & steady) == steady || (f & DMABENCH_CLOCK_F_TIMEKEEPING_TSC));
}

u32 dmabench_clock_auto(void)
{
	return dmabench_tsc_usable(dmabench_clock_flags()) ?
	       DMABENCH_CLOCK_TSC : DMABENCH_CLOCK_KTIME;
}

int dmabench_clock_setup(u32 want, struct dmabench_clk *c,
			 struct dmabench_clk_cal *cal,
			 struct dmabench_results *res)
{
	struct dmabench_clk_cal end;
	u64 w0, w1, counts, ns, err;
	u32 f = dmabench_clock_flags();

	memset(c, 0, sizeof(*c));
	res->clock_flags = f;
	if (want == DMABENCH_CLOCK_AUTO)
		want = dmabench_tsc_usable(f) ? DMABENCH_CLOCK_TSC :
						DMABENCH_CLOCK_KTIME;
	res->clock = want;
	if (want == DMABENCH_CLOCK_KTIME)
		return 0;
	if (!dmabench_tsc_usable(f))
		return -EOPNOTSUPP;

	dmabench_clock_pair(cal, &w0);
	usleep_range(DMABENCH_CAL_WINDOW_US, DMABENCH_CAL_WINDOW_US + 1000);
	dmabench_clock_pair(&end, &w1);
	counts = end.counts - cal->counts;
	ns = end.ns - cal->ns;
	if (!counts || !ns)
		return -EIO;
	c->tsc = true;
	c->shift = DMABENCH_CLOCK_SHIFT;
	c->mult = div64_u64(ns << DMABENCH_CLOCK_SHIFT, counts);
	res->clock_hz = div64_u64(counts * NSEC_PER_SEC, ns);
	res->calib_window_ns = ns;
	/* half of each bracket in counts, plus 1 ns at each end */
	err = div64_u64((w0 + w1) / 2 * NSEC_PER_SEC, counts) +
	      div64_u64(2 * NSEC_PER_SEC, ns);
	res->calib_err_ppb = min_t(u64, err, U32_MAX);
	return 0;
}

void dmabench_clock_check(const struct dmabench_clk *c,
			  const struct dmabench_clk_cal *cal,
			  struct dmabench_results *res)
{
	struct dmabench_clk_cal end;
	u64 w, ns;
	s64 conv, ppb;

	if (!c->tsc)
		return;
	dmabench_clock_pair(&end, &w);
	ns = end.ns - cal->ns;
	if (!ns)
		return;
	conv = dmabench_clock_ns(c, end.counts - cal->counts);
	ppb = div64_s64((conv - (s64)ns) * NSEC_PER_SEC, ns);
	res->calib_check_ppb = clamp_t(s64, ppb, S32_MIN, S32_MAX);
}
