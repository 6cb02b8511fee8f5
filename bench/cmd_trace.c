// SPDX-License-Identifier: GPL-2.0
/*
 * dmabench trace --with perf|trace-cmd|lttng [--output-dir DIR] SCENARIO [run options]
 *
 * Records `dmabench run SCENARIO ...` with dmabench's trace events plus the
 * kernel's iommu, swiotlb and intel_iommu events that this kernel has. The
 * run options are the run command's table: they are checked here with
 * run_config_parse() before any tracer starts, then handed to the child run.
 * The trace and the run's result.json go to one directory.
 *
 * perf and trace-cmd run the child themselves (`perf record -a -- dmabench
 * run ...`), so recording covers exactly the run. LTTng has no such mode: a
 * session is created, started, the child run, then the session is stopped
 * and destroyed, on error and on SIGINT/SIGTERM too.
 *
 * Tools are spawned with fork/exec, never through a shell.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "cmd.h"
#include "lib/run_options.h"

#define TRACE_MAX_ARGS		128
#define TRACE_MAX_EVENTS	32
#define TRACE_EVENT_LEN		64

/* A kernel event the trace wants: tracefs system/name, LTTng's name. */
struct kevent {
	const char *system;
	const char *name;	/* "*": every event of the system */
	const char *lttng;	/* LTTng event name (our probe modules) */
};

static const struct kevent wanted_events[] = {
	{ "dmabench", "*", "dmabench_*" },
	{ "iommu", "map", "iommu_map" },
	{ "iommu", "unmap", "iommu_unmap" },
	{ "swiotlb", "swiotlb_bounced", "swiotlb_bounced" },
	{ "intel_iommu", "qi_submit", NULL },	/* no LTTng probe (not in headers) */
};

static const char *const tracefs_roots[] = {
	"/sys/kernel/tracing", "/sys/kernel/debug/tracing",
};

struct trace_ctx {
	struct cmd_ctx *ctx;
	const char *tool;
	char dir[PATH_MAX - 64];	/* room for "/result.json" and the like */
	char self[PATH_MAX];
	char **run_args;	/* the SCENARIO [options] to hand to run */
	int nrun_args;
	const struct kevent *present[TRACE_MAX_EVENTS];
	size_t npresent;
};

struct tracer {
	const char *name;
	int (*record)(struct trace_ctx *t);
};

/* The child we wait for, so a signal can be forwarded to it. */
static volatile pid_t trace_child;

static void trace_forward_signal(int sig)
{
	dmabench_interrupted = sig;
	if (trace_child > 0)
		kill(trace_child, sig);
}

static const char *tracefs_root(void)
{
	char path[PATH_MAX];
	size_t i;

	for (i = 0; i < sizeof(tracefs_roots) / sizeof(tracefs_roots[0]); i++) {
		snprintf(path, sizeof(path), "%s/events", tracefs_roots[i]);
		if (!access(path, R_OK))
			return tracefs_roots[i];
	}
	return NULL;
}

/* Keeps the wanted events this kernel has (and dmabench's, loaded or not). */
static int find_events(struct trace_ctx *t)
{
	const char *root = tracefs_root();
	char path[PATH_MAX];
	size_t i;

	if (!root) {
		cmd_error(t->ctx, "trace", "no tracefs (mount -t tracefs nodev "
			  "/sys/kernel/tracing)");
		return -ENOENT;
	}
	for (i = 0; i < sizeof(wanted_events) / sizeof(wanted_events[0]); i++) {
		const struct kevent *e = &wanted_events[i];

		if (strcmp(e->name, "*"))
			snprintf(path, sizeof(path), "%s/events/%s/%s", root,
				 e->system, e->name);
		else
			snprintf(path, sizeof(path), "%s/events/%s", root, e->system);
		if (access(path, F_OK)) {
			if (!strcmp(e->system, "dmabench")) {
				cmd_error(t->ctx, "trace", "%s missing: is dmabench.ko "
					  "loaded?", path);
				return -ENOENT;
			}
			continue;
		}
		t->present[t->npresent++] = e;
	}
	return 0;
}

/* Runs argv; returns its exit status, 128 + signal, or -errno. */
static int spawn_wait(struct trace_ctx *t, char *const argv[], char *const env[],
		      bool quiet)
{
	int status;
	pid_t pid;

	fflush(NULL);
	pid = fork();
	if (pid < 0)
		return -errno;
	if (!pid) {
		size_t i;

		signal(SIGINT, SIG_DFL);
		signal(SIGTERM, SIG_DFL);
		for (i = 0; env && env[i]; i++)
			putenv(env[i]);
		if (quiet) {
			int fd = open("/dev/null", O_WRONLY);

			if (fd >= 0) {
				dup2(fd, STDOUT_FILENO);
				close(fd);
			}
		}
		execvp(argv[0], argv);
		fprintf(stderr, "dmabench trace: %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	trace_child = pid;
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR) {
			trace_child = 0;
			return -errno;
		}
	}
	trace_child = 0;
	(void)t;
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}

/* Appends `dmabench run ARGS --format json --output DIR/result.json`. */
static int add_run_args(struct trace_ctx *t, char **argv, int n, char *result_path)
{
	int i;

	if (n + t->nrun_args + 8 > TRACE_MAX_ARGS)
		return -E2BIG;
	argv[n++] = t->self;
	argv[n++] = "run";
	for (i = 0; i < t->nrun_args; i++)
		argv[n++] = t->run_args[i];
	argv[n++] = "--format";
	argv[n++] = "json";
	argv[n++] = "--output";
	argv[n++] = result_path;
	argv[n] = NULL;
	return n;
}

static int finish_status(struct trace_ctx *t, int status, const char *what)
{
	if (status < 0) {
		cmd_error(t->ctx, "trace", "%s: %s", what, strerror(-status));
		return EXIT_RUN_FAILED;
	}
	if (dmabench_interrupted)
		return 128 + dmabench_interrupted;
	if (status) {
		cmd_error(t->ctx, "trace", "%s exited with status %d", what, status);
		return status > 0 && status < 126 ? status : EXIT_RUN_FAILED;
	}
	return EXIT_OK;
}

static int record_perf(struct trace_ctx *t)
{
	static char evbuf[TRACE_MAX_EVENTS][TRACE_EVENT_LEN];
	char *argv[TRACE_MAX_ARGS], out[PATH_MAX], result[PATH_MAX];
	char *env[] = { "DMABENCH_TRACED=perf", NULL };
	size_t i;
	int n = 0;

	snprintf(out, sizeof(out), "%s/perf.data", t->dir);
	snprintf(result, sizeof(result), "%s/result.json", t->dir);
	argv[n++] = "perf";
	argv[n++] = "record";
	argv[n++] = "--no-buildid";		/* HOME may be a tmpfs: no ~/.debug */
	argv[n++] = "--no-buildid-cache";
	argv[n++] = "-q";
	argv[n++] = "-a";
	argv[n++] = "-m";
	argv[n++] = "8M";			/* per-CPU buffer: fewer lost events */
	argv[n++] = "-o";
	argv[n++] = out;
	for (i = 0; i < t->npresent; i++) {
		snprintf(evbuf[i], TRACE_EVENT_LEN, "%s:%s", t->present[i]->system,
			 t->present[i]->name);
		argv[n++] = "-e";
		argv[n++] = evbuf[i];
	}
	argv[n++] = "--";
	if (add_run_args(t, argv, n, result) < 0)
		return EXIT_USAGE;
	return finish_status(t, spawn_wait(t, argv, env, false), "perf record");
}

static int record_trace_cmd(struct trace_ctx *t)
{
	static char evbuf[TRACE_MAX_EVENTS][TRACE_EVENT_LEN];
	char *argv[TRACE_MAX_ARGS], out[PATH_MAX], result[PATH_MAX];
	char *env[] = { "DMABENCH_TRACED=trace-cmd", NULL };
	size_t i;
	int n = 0;

	snprintf(out, sizeof(out), "%s/trace.dat", t->dir);
	snprintf(result, sizeof(result), "%s/result.json", t->dir);
	argv[n++] = "trace-cmd";
	argv[n++] = "record";
	argv[n++] = "-q";
	argv[n++] = "-b";
	argv[n++] = "8192";			/* per-CPU buffer, KiB */
	argv[n++] = "-o";
	argv[n++] = out;
	for (i = 0; i < t->npresent; i++) {
		if (strcmp(t->present[i]->name, "*"))
			snprintf(evbuf[i], TRACE_EVENT_LEN, "%s:%s",
				 t->present[i]->system, t->present[i]->name);
		else
			snprintf(evbuf[i], TRACE_EVENT_LEN, "%s", t->present[i]->system);
		argv[n++] = "-e";
		argv[n++] = evbuf[i];
	}
	if (add_run_args(t, argv, n, result) < 0)
		return EXIT_USAGE;
	return finish_status(t, spawn_wait(t, argv, env, true), "trace-cmd record");
}

/* `lttng ARGS...`, quiet; returns like spawn_wait. */
static int lttng(struct trace_ctx *t, char *const args[])
{
	char *argv[TRACE_MAX_ARGS];
	int n = 0;

	argv[n++] = "lttng";
	while (*args && n < TRACE_MAX_ARGS - 1)
		argv[n++] = *args++;
	argv[n] = NULL;
	return spawn_wait(t, argv, NULL, true);
}

static int record_lttng(struct trace_ctx *t)
{
	char *argv[TRACE_MAX_ARGS], out[PATH_MAX], result[PATH_MAX];
	char session[64], kevents[512] = "";
	char *env[] = { "DMABENCH_TRACED=lttng",
			/* TCG is slow: wait for the session daemon, always. */
			"LTTNG_UST_REGISTER_TIMEOUT=-1", NULL };
	struct sigaction sa = { .sa_handler = SIG_IGN }, old_int, old_term;
	size_t i;
	int ret, status;

	snprintf(session, sizeof(session), "dmabench-%ld", (long)getpid());
	snprintf(out, sizeof(out), "%s/lttng", t->dir);
	snprintf(result, sizeof(result), "%s/result.json", t->dir);
	for (i = 0; i < t->npresent; i++) {
		if (!t->present[i]->lttng)
			continue;
		if (kevents[0])
			strncat(kevents, ",", sizeof(kevents) - strlen(kevents) - 1);
		strncat(kevents, t->present[i]->lttng,
			sizeof(kevents) - strlen(kevents) - 1);
	}

	status = lttng(t, (char *[]){ "create", session, "--output", out, NULL });
	if (status) {
		cmd_error(t->ctx, "trace", "lttng create failed (%d): is lttng-sessiond "
			  "running, with lttng-modules loaded? (scripts/lttng-start)",
			  status);
		return EXIT_RUN_FAILED;
	}
	ret = EXIT_RUN_FAILED;
	if (lttng(t, (char *[]){ "enable-channel", "--kernel", "--subbuf-size", "4M",
				 "--num-subbuf", "4", "kchan", NULL }) ||
	    lttng(t, (char *[]){ "enable-event", "--kernel", "--channel", "kchan",
				 kevents, NULL })) {
		cmd_error(t->ctx, "trace", "lttng: cannot enable kernel events %s "
			  "(lttng-probe-dmabench and friends loaded?)", kevents);
		goto destroy;
	}
	/* The harness's own UST events, when its provider is there. */
	if (lttng(t, (char *[]){ "enable-event", "--userspace", "dmabench_ust:*",
				 NULL }))
		fprintf(t->ctx->err, "dmabench trace: lttng: no user space events\n");
	if (lttng(t, (char *[]){ "start", session, NULL })) {
		cmd_error(t->ctx, "trace", "lttng start failed");
		goto destroy;
	}
	if (add_run_args(t, argv, 0, result) < 0) {
		ret = EXIT_USAGE;
		goto stop;
	}
	ret = finish_status(t, spawn_wait(t, argv, env, false), "dmabench run");
stop:
	/* Stop and destroy even when interrupted: ignore signals meanwhile. */
	sigaction(SIGINT, &sa, &old_int);
	sigaction(SIGTERM, &sa, &old_term);
	if (lttng(t, (char *[]){ "stop", session, NULL }) && ret == EXIT_OK) {
		cmd_error(t->ctx, "trace", "lttng stop failed");
		ret = EXIT_RUN_FAILED;
	}
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGTERM, &old_term, NULL);
destroy:
	sigaction(SIGINT, &sa, &old_int);
	sigaction(SIGTERM, &sa, &old_term);
	lttng(t, (char *[]){ "destroy", session, NULL });
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGTERM, &old_term, NULL);
	return ret;
}

static const struct tracer tracers[] = {
	{ "perf", record_perf },
	{ "trace-cmd", record_trace_cmd },
	{ "lttng", record_lttng },
};

static const struct tracer *find_tracer(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(tracers) / sizeof(tracers[0]); i++)
		if (!strcmp(tracers[i].name, name))
			return &tracers[i];
	return NULL;
}

/* mkdir -p */
static int make_dirs(const char *path)
{
	char buf[PATH_MAX];
	char *p;

	if (snprintf(buf, sizeof(buf), "%s", path) >= (int)sizeof(buf))
		return -ENAMETOOLONG;
	for (p = buf + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(buf, 0755) && errno != EEXIST)
			return -errno;
		*p = '/';
	}
	if (mkdir(buf, 0755) && errno != EEXIST)
		return -errno;
	return 0;
}

/* Takes --with and --output-dir out of argv; the rest is run's. */
static int parse_trace_args(struct trace_ctx *t, int argc, char **argv,
			    const char **tool, const char **base)
{
	int i;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i], **dst = NULL, *val = NULL;

		if (!strcmp(a, "--with") || !strcmp(a, "--output-dir")) {
			dst = a[2] == 'w' ? tool : base;
			if (i + 1 >= argc) {
				cmd_error(t->ctx, "trace", "%s needs a value", a);
				return -EINVAL;
			}
			val = argv[++i];
		} else if (!strncmp(a, "--with=", 7)) {
			dst = tool;
			val = a + 7;
		} else if (!strncmp(a, "--output-dir=", 13)) {
			dst = base;
			val = a + 13;
		} else if (!strcmp(a, "--output") || !strncmp(a, "--output=", 9) ||
			   !strcmp(a, "--format") || !strncmp(a, "--format=", 9)) {
			cmd_error(t->ctx, "trace", "%s: trace writes DIR/result.json "
				  "itself (use --output-dir)", a);
			return -EINVAL;
		} else {
			t->run_args[t->nrun_args++] = argv[i];
			continue;
		}
		*dst = val;
	}
	if (!*tool) {
		cmd_error(t->ctx, "trace", "--with perf|trace-cmd|lttng is required");
		return -EINVAL;
	}
	return 0;
}

int cmd_trace(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct trace_ctx t = { .ctx = ctx };
	struct run_config *cfg = calloc(1, sizeof(*cfg));
	struct sigaction sa = { .sa_handler = trace_forward_signal };
	const char *tool = NULL, *base = "results/traces";
	const struct tracer *tr;
	char err[OPT_ERR_LEN], stamp[32];
	time_t now = time(NULL);
	ssize_t len;
	int ret = EXIT_USAGE;

	t.run_args = calloc(argc + 1, sizeof(char *));
	if (!cfg || !t.run_args) {
		cmd_error(ctx, "trace", "out of memory");
		ret = EXIT_RUN_FAILED;
		goto out;
	}
	if (parse_trace_args(&t, argc, argv, &tool, &base))
		goto out;
	tr = find_tracer(tool);
	if (!tr) {
		cmd_error(ctx, "trace", "--with %s: not perf, trace-cmd or lttng", tool);
		goto out;
	}
	t.tool = tr->name;
	/* The run's options, checked now rather than under the tracer. */
	if (run_config_parse(cfg, t.nrun_args, t.run_args, err, sizeof(err)) != OPTS_OK) {
		cmd_error(ctx, "trace", "%s", err);
		goto out;
	}
	len = readlink("/proc/self/exe", t.self, sizeof(t.self) - 1);
	if (len <= 0) {
		cmd_error(ctx, "trace", "/proc/self/exe: %s", strerror(errno));
		ret = EXIT_RUN_FAILED;
		goto out;
	}
	t.self[len] = '\0';
	ret = EXIT_RUN_FAILED;
	if (find_events(&t))
		goto out;
	strftime(stamp, sizeof(stamp), "%Y%m%dT%H%M%SZ", gmtime(&now));
	if (snprintf(t.dir, sizeof(t.dir), "%s/%s-%s-%ld", base, stamp, t.tool,
		     (long)getpid()) >= (int)sizeof(t.dir) || make_dirs(t.dir)) {
		cmd_error(ctx, "trace", "cannot create %s/...: %s", base, strerror(errno));
		goto out;
	}
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	fprintf(ctx->err, "dmabench trace: recording %s with %s into %s\n",
		cfg->params.scenario, t.tool, t.dir);
	ret = tr->record(&t);
	if (ret == EXIT_OK)
		fprintf(ctx->out, "%s\n", t.dir);
	else
		cmd_error(ctx, "trace", "failed; what was recorded is in %s", t.dir);
out:
	free(t.run_args);
	free(cfg);
	return ret;
}
