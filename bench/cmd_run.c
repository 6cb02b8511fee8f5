// SPDX-License-Identifier: GPL-2.0
/* dmabench run SCENARIO [options]: DMABENCH_IOC_RUN, N times, then report. */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include "cmd.h"
#include "lib/atomic_file.h"
#include "lib/names.h"
#include "lib/results.h"
#include "lib/run_options.h"
#include "lib/sysinfo.h"
#include "lib/mem_sampler.h"
#include "lib/ust.h"

/* Histogram buffer handed to the module: op-major, as the uapi says; the floor's after. */
#define RUN_HIST_COUNTERS	((DMABENCH_MAX_OPS + 1) * DMABENCH_HIST_BUCKETS)
#define RUN_FLOOR_OFFSET	(DMABENCH_MAX_OPS * DMABENCH_HIST_BUCKETS)

/*
 * Takes one repetition's results in, refusing what the ABI rules out and
 * saying (on stderr) what the numbers would otherwise hide.
 */
static int take_repetition(struct cmd_ctx *ctx, const struct dmabench_run *run,
			   const uint64_t *hist_buf,
			   const struct dmabench_iteration *whole,
			   const struct dmabench_scenario_info *scen,
			   uint32_t index, struct repetition *rep)
{
	uint32_t want_nops = run->params.batch > 1 ? 1 : scen->nops;
	uint32_t op;

	rep->results = run->results;
	hist_load(&rep->floor, hist_buf + RUN_FLOOR_OFFSET, 0);
	if (hist_count(&rep->floor) != rep->results.floor_count)
		fprintf(ctx->err, "dmabench run: warning: rep %u: floor histogram "
			"holds %" PRIu64 " samples, the module counted %" PRIu64 "\n",
			index, hist_count(&rep->floor),
			(uint64_t)rep->results.floor_count);
	/* Absent (an older module) or batched: count 0, left out of the output. */
	if (whole) {
		struct dmabench_op_stats *w = &rep->whole_iteration;

		*w = whole->stats;
		w->name[sizeof(w->name) - 1] = '\0';
		hist_load(&rep->whole_iteration_hist, (const uint64_t *)whole->buckets,
			  w->overflow);
		if (hist_count(&rep->whole_iteration_hist) != w->count)
			fprintf(ctx->err, "dmabench run: warning: rep %u: whole-iteration "
				"histogram holds %" PRIu64 " samples, the module counted %"
				PRIu64 "\n", index, hist_count(&rep->whole_iteration_hist),
				(uint64_t)w->count);
	}
	/* A batched run times whole iterations: one op, "iteration". */
	if (rep->results.nops != want_nops) {
		cmd_error(ctx, "run", "module returned %u ops for scenario %s, "
			  "expected %u", rep->results.nops, scen->name, want_nops);
		return -EPROTO;
	}
	for (op = 0; op < rep->results.nops; op++) {
		struct dmabench_op_stats *s = &rep->results.ops[op];
		uint64_t in_hist;

		s->name[sizeof(s->name) - 1] = '\0';
		hist_load(&rep->hist[op], hist_buf + (size_t)op * DMABENCH_HIST_BUCKETS,
			  s->overflow);
		in_hist = hist_count(&rep->hist[op]);
		/* count covers every sample, overflow included; so must the buckets. */
		if (in_hist != s->count)
			fprintf(ctx->err, "dmabench run: warning: rep %u op %s: histogram "
				"holds %" PRIu64 " samples (overflow included), the "
				"module counted %" PRIu64 "\n", index, s->name,
				in_hist, (uint64_t)s->count);
		if (s->errors || s->overflow)
			fprintf(ctx->err, "dmabench run: warning: rep %u op %s: %" PRIu64
				" failed ops, %" PRIu64 " samples beyond the histogram\n",
				index, s->name, (uint64_t)s->errors,
				(uint64_t)s->overflow);
	}
	return 0;
}

/* To --output atomically, or to stdout. Nothing is written once interrupted. */
static int output_report(struct cmd_ctx *ctx, const struct run_result *r)
{
	struct atomic_file af;
	int err;

	if (!r->config->output_path[0]) {
		if (run_result_write(ctx->out, r) || fflush(ctx->out)) {
			cmd_error(ctx, "run", "writing results: %s", strerror(errno));
			return EXIT_RUN_FAILED;
		}
		return EXIT_OK;
	}
	err = atomic_file_open(&af, r->config->output_path);
	if (!err) {
		errno = 0;
		if (run_result_write(af.fp, r)) {
			err = errno ? -errno : -EIO;
			atomic_file_abort(&af);
		} else if (dmabench_interrupted) {
			atomic_file_abort(&af);
			return cmd_interrupted_exit(ctx);
		} else {
			err = atomic_file_commit(&af);
		}
	}
	if (err) {
		cmd_error(ctx, "run", "%s: %s", r->config->output_path, strerror(-err));
		return EXIT_RUN_FAILED;
	}
	return EXIT_OK;
}

/* Fills the header: who, where, with which clock. */
static void report_header(struct cmd_ctx *ctx, const struct dmabench_handle *dev,
			  struct run_result *r)
{
	r->tool_version = DMABENCH_VERSION;
	r->exit_code = EXIT_OK;	/* a failed run writes no report at all */
	uname(&r->uts);
	snprintf(r->kernel_release, sizeof(r->kernel_release), "%s",
		 dev->info.kernel_release);
	kernel_version_from_uts(r->uts.version, r->kernel_version,
				sizeof(r->kernel_version));
	hypervisor_name(r->hypervisor, sizeof(r->hypervisor));
	snprintf(r->profile, sizeof(r->profile), "%s", dmabench_profile());
	cmd_clocksource(r->clocksource, sizeof(r->clocksource),
			&r->clocksource_from);
	r->clock_read_ns = dev->info.clock_read_ns;
	/* Set by dmabench trace for the run it records under a tracer. */
	r->traced = getenv(DMABENCH_TRACED_ENV);
	(void)ctx;
}

/* The vmalloc sampler of a run: one name table, one timeline file. */
struct run_sampling {
	const struct vm_sources *src;
	struct vm_callers *callers;
	struct atomic_file timeline;
	bool timeline_open;
	uint64_t t0_ns;
};

static int run_repetitions(struct cmd_ctx *ctx, struct dmabench_handle *dev,
			   const struct run_config *cfg, struct run_result *r,
			   struct run_sampling *smp)
{
	uint64_t *hist_buf = malloc(RUN_HIST_COUNTERS * sizeof(uint64_t));
	/* Only a module that says it fills it is handed one (INFO features). */
	bool want_whole = dev->info.features & DMABENCH_FEAT_ITERATION;
	struct dmabench_iteration *whole = want_whole ? malloc(sizeof(*whole)) : NULL;
	struct dmabench_run run;
	struct vm_sampler vs;
	uint32_t i;
	int ret = EXIT_OK, err;

	if (!hist_buf || (want_whole && !whole)) {
		free(hist_buf);
		free(whole);
		cmd_error(ctx, "run", "out of memory");
		return EXIT_RUN_FAILED;
	}
	memset(&vs, 0, sizeof(vs));
	for (i = 0; i < run_config_max_reps(cfg) && ret == EXIT_OK; i++) {
		/* --repeat auto: enough once every p50 is known closely enough. */
		if (!cfg->repeat && r->nreps >= RUN_REPEAT_AUTO_MIN &&
		    run_result_within_target(r, cfg->repeat_target_pct)) {
			r->repeat_auto.stopped = "within_target";
			break;
		}
		memset(&run, 0, sizeof(run));
		memset(hist_buf, 0, RUN_HIST_COUNTERS * sizeof(uint64_t));
		if (whole)
			memset(whole, 0, sizeof(*whole));
		run.params = cfg->params;
		run.hist_ptr = (uint64_t)(uintptr_t)hist_buf;
		run.hist_buckets = DMABENCH_HIST_BUCKETS;
		run.floor_hist_ptr = (uint64_t)(uintptr_t)(hist_buf + RUN_FLOOR_OFFSET);
		run.iteration_ptr = (uint64_t)(uintptr_t)whole;
		if (smp->callers) {
			r->reps[i].vmalloc = calloc(1, sizeof(*r->reps[i].vmalloc));
			err = r->reps[i].vmalloc ? vm_sampler_start(&vs, smp->src,
					smp->callers, cfg->vmalloc_interval_ns, smp->t0_ns,
					smp->timeline_open ? smp->timeline.fp : NULL,
					r->reps[i].vmalloc) : -ENOMEM;
			if (err) {
				cmd_error(ctx, "run", "vmalloc sampler: %s", strerror(-err));
				ret = EXIT_RUN_FAILED;
				break;
			}
		}
		/* LTTng-UST markers around each repetition (dmabench trace --with lttng). */
		dmabench_ust_run_start(&cfg->params, r->device.name, i);
		ret = dmabench_handle_run(dev, &run);
		dmabench_ust_run_end(&cfg->params, r->device.name, i, ret, &run.results);
		if (smp->callers)
			vm_sampler_stop(&vs);
		if (ret == -EINTR || dmabench_interrupted) {
			ret = cmd_interrupted_exit(ctx);
		} else if (ret == -EOPNOTSUPP &&
			   cfg->params.via == DMABENCH_VIA_OPS &&
			   (r->device.flags & DMABENCH_DEV_F_NO_OPS_LAYER)) {
			cmd_error(ctx, "run", "%s on %s: --via ops refused: %s; "
				  "use --via direct", cfg->params.scenario,
				  r->device.name,
				  dmabench_ops_refusal_why(r->device.ops_layer_refusal));
			ret = EXIT_UNSUPPORTED;
		} else if (ret == -EOPNOTSUPP &&
			   cfg->params.clock == DMABENCH_CLOCK_TSC &&
			   dev->info.clock != DMABENCH_CLOCK_TSC) {
			cmd_error(ctx, "run", "--clock tsc: the TSC is not usable "
				  "here (neither constant and nonstop nor the "
				  "kernel's clocksource); use --clock auto or ktime");
			ret = EXIT_UNSUPPORTED;
		} else if (ret == -EOPNOTSUPP) {
			cmd_error(ctx, "run", "%s on %s: not supported by this "
				  "device's DMA path or this kernel (EOPNOTSUPP; "
				  "dmabench list and info say why)",
				  cfg->params.scenario, r->device.name);
			ret = EXIT_UNSUPPORTED;
		} else if (ret) {
			/* The module says why only through pr_debug. */
			cmd_error(ctx, "run", "%s on %s, repetition %u: %s%s",
				  cfg->params.scenario, r->device.name, i,
				  strerror(-ret), ret == -EINVAL ?
				  " (parameters refused; for the reason: echo "
				  "'module dmabench +p' > /sys/kernel/debug/"
				  "dynamic_debug/control; dmesg)" : "");
			ret = EXIT_RUN_FAILED;
		} else if (take_repetition(ctx, &run, hist_buf, whole, &r->scenario, i,
					   &r->reps[i])) {
			ret = EXIT_RUN_FAILED;
		} else {
			if (r->reps[i].vmalloc && !r->reps[i].vmalloc->have_vmallocinfo)
				fprintf(ctx->err, "dmabench run: warning: rep %u: "
					"/proc/vmallocinfo unreadable, no vmalloc "
					"figures (root?)\n", i);
			r->nreps++;
		}
	}
	if (!cfg->repeat && !r->repeat_auto.stopped && ret == EXIT_OK) {
		r->repeat_auto.stopped = run_result_within_target(r, cfg->repeat_target_pct) ?
					 "within_target" : "cap";
	}
	free(hist_buf);
	free(whole);
	return ret;
}

/* Opens the timeline file and the caller table when sampling is asked for. */
static int sampling_open(struct cmd_ctx *ctx, const struct run_config *cfg,
			 struct run_sampling *smp)
{
	int err;

	memset(smp, 0, sizeof(*smp));
	if (!cfg->vmalloc_interval_ns)
		return 0;
	smp->src = ctx->vm_sources ? ctx->vm_sources : &vm_default_sources;
	smp->callers = calloc(1, sizeof(*smp->callers));
	if (!smp->callers) {
		cmd_error(ctx, "run", "out of memory");
		return -ENOMEM;
	}
	smp->t0_ns = vm_now_ns();
	if (!cfg->vmalloc_timeline_path[0])
		return 0;
	err = atomic_file_open(&smp->timeline, cfg->vmalloc_timeline_path);
	if (err) {
		cmd_error(ctx, "run", "%s: %s", cfg->vmalloc_timeline_path,
			  strerror(-err));
		return err;
	}
	smp->timeline_open = true;
	fputs(VM_TIMELINE_HEADER, smp->timeline.fp);
	return 0;
}

/* Commits the timeline only when the run succeeded. */
static int sampling_close(struct cmd_ctx *ctx, const struct run_config *cfg,
			  struct run_sampling *smp, bool commit)
{
	int err = 0;

	if (smp->timeline_open) {
		if (commit) {
			err = atomic_file_commit(&smp->timeline);
			if (err)
				cmd_error(ctx, "run", "%s: %s",
					  cfg->vmalloc_timeline_path, strerror(-err));
		} else {
			atomic_file_abort(&smp->timeline);
		}
	}
	smp->timeline_open = false;
	return err;
}

int cmd_run(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct run_config *cfg = calloc(1, sizeof(*cfg));
	struct run_result r = { 0 };
	struct run_sampling smp = { 0 };
	struct dmabench_handle dev;
	char err[OPT_ERR_LEN];
	char *cmdline = NULL;
	uint32_t i;
	int ret;

	if (!cfg) {
		cmd_error(ctx, "run", "out of memory");
		return EXIT_RUN_FAILED;
	}
	switch (run_config_parse(cfg, argc - 1, argv + 1, err, sizeof(err))) {
	case OPTS_OK:
		break;
	case OPTS_HELP:
		free(cfg);
		return cmd_help(ctx, 2, (char *[]){ "help", "run", NULL });
	case OPTS_ERROR:
		cmd_error(ctx, "run", "%s", err);
		free(cfg);
		return EXIT_USAGE;
	}
	ret = cmd_open_device(ctx, "run", &dev);
	if (ret) {
		free(cfg);
		return ret;
	}
	r.config = cfg;
	ret = dmabench_handle_find_scenario(&dev, cfg->params.scenario, &r.scenario);
	if (ret) {
		if (ret == -ENOENT)
			cmd_error(ctx, "run", "unknown scenario '%s' (dmabench list "
				  "shows them)", cfg->params.scenario);
		else
			cmd_error(ctx, "run", "SCENARIO: %s", strerror(-ret));
		ret = ret == -ENOENT ? EXIT_USAGE : EXIT_RUN_FAILED;
		goto out_close;
	}
	if (run_config_for_scenario(cfg, r.scenario.flags, err, sizeof(err))) {
		cmd_error(ctx, "run", "%s", err);
		ret = EXIT_USAGE;
		goto out_close;
	}
	ret = dmabench_handle_find_device(&dev, cfg->params.device, &r.device);
	if (ret) {
		if (ret == -ENOENT)
			cmd_error(ctx, "run", "no device '%s' (dmabench info shows "
				  "them)", cfg->params.device);
		else
			cmd_error(ctx, "run", "DEVICE: %s", strerror(-ret));
		ret = ret == -ENOENT ? EXIT_USAGE : EXIT_RUN_FAILED;
		goto out_close;
	}
	r.reps = calloc(run_config_max_reps(cfg), sizeof(*r.reps));
	cmdline = cmdline_join(ctx->argc_full, ctx->argv_full);
	if (!r.reps || !cmdline) {
		cmd_error(ctx, "run", "out of memory");
		ret = EXIT_RUN_FAILED;
		goto out_free;
	}
	r.cmdline = cmdline;
	report_header(ctx, &dev, &r);
	if (sampling_open(ctx, cfg, &smp)) {
		ret = EXIT_RUN_FAILED;
		goto out_free;
	}
	r.vm_callers = smp.callers;
	clock_gettime(CLOCK_REALTIME, &r.start_time);
	ret = run_repetitions(ctx, &dev, cfg, &r, &smp);
	clock_gettime(CLOCK_REALTIME, &r.end_time);
	if (ret == EXIT_OK && dmabench_interrupted)
		ret = cmd_interrupted_exit(ctx);
	if (ret == EXIT_OK)
		ret = output_report(ctx, &r);
	if (sampling_close(ctx, cfg, &smp, ret == EXIT_OK) && ret == EXIT_OK)
		ret = EXIT_RUN_FAILED;
out_free:
	sampling_close(ctx, cfg, &smp, false);
	free(smp.callers);
	for (i = 0; r.reps && i < run_config_max_reps(cfg); i++)
		free(r.reps[i].vmalloc);
	free(cmdline);
	free(r.reps);
out_close:
	dmabench_handle_close(&dev);
	free(cfg);
	return ret;
}
