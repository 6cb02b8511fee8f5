/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The per-op clock: an ordered TSC read where the TSC is usable (x86, not
 * marked unstable, and constant and nonstop or the kernel's own
 * timekeeping clock), converted to ns with a rate calibrated against
 * ktime_get_ns() at every run; ktime_get_ns() otherwise, or when asked.
 */
#ifndef _DMABENCH_CLOCK_H
#define _DMABENCH_CLOCK_H

#include <linux/ktime.h>
#include <linux/math64.h>
#include <linux/types.h>
#include <uapi/dmabench.h>
#ifdef CONFIG_X86
#include <asm/tsc.h>
#endif

/* How a thread reads and converts its stamps. */
struct dmabench_clk {
	bool tsc;
	u32 mult;		/* ns = counts * mult >> shift */
	u32 shift;
};

/* The start of a run's calibration, kept for the check at its end. */
struct dmabench_clk_cal {
	u64 counts;
	u64 ns;
};

static __always_inline u64 dmabench_clock_read(const struct dmabench_clk *c)
{
#ifdef CONFIG_X86
	if (c->tsc)
		return rdtsc_ordered();
#endif
	return ktime_get_ns();
}

/* A difference of two stamps in ns. */
static __always_inline u64 dmabench_clock_ns(const struct dmabench_clk *c,
					     u64 delta)
{
	return c->tsc ? mul_u64_u32_shr(delta, c->mult, c->shift) : delta;
}

/* DMABENCH_CLOCK_F_* as the module sees them now. */
u32 dmabench_clock_flags(void);
/* What DMABENCH_CLOCK_AUTO resolves to now. */
u32 dmabench_clock_auto(void);

/*
 * Resolves want (enum dmabench_clock) for a run, calibrating the TSC:
 * fills c, cal and res->clock, clock_flags, clock_hz, calib_window_ns,
 * calib_err_ppb. -EOPNOTSUPP when the TSC is asked for and unusable.
 */
int dmabench_clock_setup(u32 want, struct dmabench_clk *c,
			 struct dmabench_clk_cal *cal,
			 struct dmabench_results *res);
/* After the run: res->calib_check_ppb, the rate over the whole run. */
void dmabench_clock_check(const struct dmabench_clk *c,
			  const struct dmabench_clk_cal *cal,
			  struct dmabench_results *res);

#endif /* _DMABENCH_CLOCK_H */
