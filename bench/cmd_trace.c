// SPDX-License-Identifier: GPL-2.0
/*
 * dmabench trace --with perf|trace-cmd|lttng [--output-dir DIR] SCENARIO [run options]
 *
 * Records `dmabench run SCENARIO ...` with dmabench's trace events plus the
 * kernel's iommu, swiotlb and intel_iommu events that this kernel has, and
 * every event of its dma system (the DMA API's own events, 6.12 on: their
 * names differ between kernels, so they are listed from tracefs, never
 * assumed). The run options are the run command's table: they are checked
 * here with run_config_parse() before any tracer starts, then handed to the
 * child run. The trace, the run's result.json and trace.json (what was
 * enabled, so that a reader tells an event this kernel lacks from one that
 * never fired) go to one directory.
 *
 * perf and trace-cmd run the child themselves (`perf record -a -- dmabench
 * run ...`), so recording covers exactly the run. LTTng has no such mode: a
 * session is created, started, the child run, then the session is stopped
 * and destroyed, on error and on SIGINT/SIGTERM too.
 *
 * With LTTng the run gets dmabench's LTTng-UST provider preloaded
 * (bench/libdmabench-ust.so, see lib/ust.c): its run_start and run_end
 * events land in the same session as the kernel's.
 *
 * Tools are spawned with fork/exec, never through a shell. Parsing, the
 * output directory and the argv of each tool are apart (cmd_trace.h) so that
 * the unit tests check them without spawning anything.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <jansson.h>
#include "cmd_trace.h"
#include "lib/atomic_file.h"
#include "lib/ust.h"

static const struct trace_kevent wanted_events[] = {
	{ "dmabench", "*", "dmabench_*" },
	{ "iommu", "map", "iommu_map" },
	{ "iommu", "unmap", "iommu_unmap" },
	{ "swiotlb", "swiotlb_bounced", "swiotlb_bounced" },
	{ "intel_iommu", "qi_submit", NULL },	/* no LTTng probe (not in headers) */
};

static const char *const tracefs_roots[] = {
	"/sys/kernel/tracing", "/sys/kernel/debug/tracing",
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
	const char *env = getenv(TRACE_TRACEFS_ENV);
	char path[PATH_MAX];
	size_t i;

	if (env && *env)
		return env;
	for (i = 0; i < sizeof(tracefs_roots) / sizeof(tracefs_roots[0]); i++) {
		snprintf(path, sizeof(path), "%s/events", tracefs_roots[i]);
		if (!access(path, R_OK))
			return tracefs_roots[i];
	}
	return NULL;
}

/* A tracefs event name we can pass on: [a-z0-9_], room for "system:". */
static bool event_name_ok(const char *name)
{
	size_t n = strlen(name);

	if (!n || n + sizeof(TRACE_DMA_SYSTEM ":") > TRACE_EVENT_LEN)
		return false;
	return strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789_") == n;
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(a, b);
}

/* Every event directory under ROOT/events/dma/, sorted, into t->dma. */
static void find_dma_events(struct trace_ctx *t, const char *root)
{
	char path[PATH_MAX], ev[PATH_MAX + 256];
	struct dirent *de;
	struct stat st;
	size_t i;
	DIR *d;

	t->ndma = 0;
	t->dma_skipped = 0;
	snprintf(path, sizeof(path), "%s/events/%s", root, TRACE_DMA_SYSTEM);
	d = opendir(path);
	t->dma_system = d != NULL;
	if (!d)
		return;
	while ((de = readdir(d))) {
		/* the system's enable and filter files are not events */
		snprintf(ev, sizeof(ev), "%s/%s", path, de->d_name);
		if (de->d_name[0] == '.' || stat(ev, &st) || !S_ISDIR(st.st_mode))
			continue;
		if (!event_name_ok(de->d_name) || t->ndma == TRACE_MAX_DMA_EVENTS) {
			t->dma_skipped++;
			continue;
		}
		/* event_name_ok: it fits */
		memcpy(t->dma_names[t->ndma++], de->d_name, strlen(de->d_name) + 1);
	}
	closedir(d);
	qsort(t->dma_names, t->ndma, sizeof(t->dma_names[0]), name_cmp);
	for (i = 0; i < t->ndma; i++)
		t->dma[i] = (struct trace_kevent){ TRACE_DMA_SYSTEM, t->dma_names[i], NULL };
	if (t->dma_skipped)
		fprintf(t->ctx->err, "dmabench trace: warning: %zu events of %s not "
			"recorded (more than %d, or odd names)\n", t->dma_skipped, path,
			TRACE_MAX_DMA_EVENTS);
}

int trace_find_events(struct trace_ctx *t)
{
	const char *root = tracefs_root();
	char path[PATH_MAX];
	size_t i;

	t->npresent = 0;
	t->tracefs = root;
	if (!root) {
		cmd_error(t->ctx, "trace", "no tracefs (mount -t tracefs nodev "
			  "/sys/kernel/tracing)");
		return -ENOENT;
	}
	for (i = 0; i < sizeof(wanted_events) / sizeof(wanted_events[0]); i++) {
		const struct trace_kevent *e = &wanted_events[i];

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
	find_dma_events(t, root);
	for (i = 0; i < t->ndma && t->npresent < TRACE_MAX_EVENTS; i++)
		t->present[t->npresent++] = &t->dma[i];
	return 0;
}

size_t trace_lttng_match(struct trace_ctx *t, const char *listing)
{
	size_t i, matched = 0;

	for (i = 0; i < t->ndma; i++)
		t->dma[i].lttng = NULL;
	while (listing && *listing) {
		const char *tok = listing + strspn(listing, " \t");
		size_t len = strcspn(tok, " \t\n");

		for (i = 0; i < t->ndma; i++) {
			if (!t->dma[i].lttng && strlen(t->dma_names[i]) == len &&
			    !strncmp(tok, t->dma_names[i], len)) {
				t->dma[i].lttng = t->dma_names[i];
				matched++;
			}
		}
		listing = strchr(tok, '\n');
		if (listing)
			listing++;
	}
	return matched;
}

/* Whether the tool records e: LTTng only the events it has a probe for. */
static bool recorded(const struct trace_ctx *t, const struct trace_kevent *e)
{
	return strcmp(trace_tool_name(t), "lttng") || e->lttng;
}

json_t *trace_metadata_json(const struct trace_ctx *t)
{
	json_t *root = json_object(), *enabled = json_array(), *dma = json_object();
	json_t *dma_on = json_array(), *dma_off = json_array();
	char name[2 * TRACE_EVENT_LEN];
	bool lttng = !strcmp(trace_tool_name(t), "lttng");
	size_t i;
	int err = !root || !enabled || !dma || !dma_on || !dma_off;

	for (i = 0; !err && i < t->npresent; i++) {
		const struct trace_kevent *e = t->present[i];

		if (!recorded(t, e))
			continue;
		if (lttng)
			snprintf(name, sizeof(name), "%s", e->lttng);
		else
			snprintf(name, sizeof(name), "%s:%s", e->system, e->name);
		err |= json_array_append_new(enabled, json_string(name));
	}
	for (i = 0; !err && i < t->ndma; i++)
		err |= json_array_append_new(recorded(t, &t->dma[i]) ? dma_on : dma_off,
					     json_string(t->dma_names[i]));
	err |= json_object_set_new(dma, "in_kernel", json_boolean(t->dma_system));
	err |= json_object_set_new(dma, "enabled", dma_on);
	err |= json_object_set_new(dma, "not_recorded", dma_off);
	err |= json_object_set_new(dma, "skipped", json_integer(t->dma_skipped));
	err |= json_object_set_new(root, "tool", json_string(trace_tool_name(t)));
	err |= json_object_set_new(root, "tracefs", json_string(t->tracefs ? t->tracefs : ""));
	err |= json_object_set_new(root, "enabled", enabled);
	err |= json_object_set_new(root, "dma_events", dma);
	if (err) {
		json_decref(root);
		return NULL;
	}
	return root;
}

static int write_metadata_json(FILE *fp, void *arg)
{
	json_t *root = arg;

	if (json_dumpf(root, fp, JSON_INDENT(2) | JSON_PRESERVE_ORDER) ||
	    fputc('\n', fp) == EOF) {
		errno = EIO;
		return -1;
	}
	return 0;
}

/* DIR/trace.json; said on ctx->err and nonzero when it cannot be written. */
static int write_metadata(struct trace_ctx *t)
{
	json_t *root = trace_metadata_json(t);
	char path[PATH_MAX];
	int ret;

	snprintf(path, sizeof(path), "%s/%s", t->dir, TRACE_METADATA_FILE);
	ret = root ? atomic_file_write(path, write_metadata_json, root) : -ENOMEM;
	json_decref(root);
	if (ret)
		cmd_error(t->ctx, "trace", "cannot write %s: %s", path, strerror(-ret));
	return ret;
}

/* Runs argv; returns its exit status, 128 + signal, or -errno. */
static int spawn_wait(char *const argv[], char *const env[], bool quiet)
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
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}

trace_spawn_fn trace_spawn = spawn_wait;

/* Reads fd to its end into a growing buffer; 0 or -errno. */
static int read_all(int fd, char **out)
{
	size_t len = 0, cap = 0;
	char *buf = NULL, *p;
	ssize_t n;

	for (;;) {
		if (cap - len < 4096) {
			cap = cap ? 2 * cap : 65536;
			p = realloc(buf, cap);
			if (!p) {
				free(buf);
				return -ENOMEM;
			}
			buf = p;
		}
		n = read(fd, buf + len, cap - len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			free(buf);
			return -errno;
		}
		if (!n)
			break;
		len += n;
	}
	buf[len] = '\0';
	*out = buf;
	return 0;
}

/* Runs argv, its stdout into *out; returns like spawn_wait. */
static int capture_wait(char *const argv[], char **out)
{
	int fds[2], status, ret;
	pid_t pid;

	*out = NULL;
	fflush(NULL);
	if (pipe(fds))
		return -errno;
	pid = fork();
	if (pid < 0) {
		ret = -errno;
		close(fds[0]);
		close(fds[1]);
		return ret;
	}
	if (!pid) {
		signal(SIGINT, SIG_DFL);
		signal(SIGTERM, SIG_DFL);
		close(fds[0]);
		dup2(fds[1], STDOUT_FILENO);
		close(fds[1]);
		execvp(argv[0], argv);
		fprintf(stderr, "dmabench trace: %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	close(fds[1]);
	ret = read_all(fds[0], out);
	close(fds[0]);
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR) {
			free(*out);
			*out = NULL;
			return -errno;
		}
	}
	if (ret)
		return ret;
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}

trace_capture_fn trace_capture = capture_wait;

static int cmd_spawn(const struct trace_cmd *c)
{
	return trace_spawn(c->argv, c->env, c->quiet);
}

/* Appends `SELF run ARGS --format json --output DIR/result.json` at argv[n]. */
static int add_run_args(const struct trace_ctx *t, struct trace_cmd *c, int n)
{
	int i;

	if (n + t->nrun_args + 8 > TRACE_MAX_ARGS)
		return -E2BIG;
	snprintf(c->result, sizeof(c->result), "%s/result.json", t->dir);
	c->argv[n++] = (char *)t->self;
	c->argv[n++] = "run";
	for (i = 0; i < t->nrun_args; i++)
		c->argv[n++] = t->run_args[i];
	c->argv[n++] = "--format";
	c->argv[n++] = "json";
	c->argv[n++] = "--output";
	c->argv[n++] = c->result;
	c->argv[n] = NULL;
	return 0;
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

int trace_perf_cmd(const struct trace_ctx *t, struct trace_cmd *c)
{
	size_t i;
	int n = 0;

	memset(c, 0, sizeof(*c));
	if (t->perf_tmp[0])
		snprintf(c->out, sizeof(c->out), "%s", t->perf_tmp);
	else
		snprintf(c->out, sizeof(c->out), "%s/perf.data", t->dir);
	c->env[0] = DMABENCH_TRACED_ENV "=perf";
	c->argv[n++] = "perf";
	c->argv[n++] = "record";
	c->argv[n++] = "--no-buildid";		/* HOME may be a tmpfs: no ~/.debug */
	c->argv[n++] = "--no-buildid-cache";
	c->argv[n++] = "-q";
	c->argv[n++] = "-a";
	c->argv[n++] = "-m";
	c->argv[n++] = "8M";			/* per-CPU buffer: fewer lost events */
	c->argv[n++] = "-o";
	c->argv[n++] = c->out;
	for (i = 0; i < t->npresent; i++) {
		snprintf(c->events[i], TRACE_EVENT_LEN, "%s:%s", t->present[i]->system,
			 t->present[i]->name);
		c->argv[n++] = "-e";
		c->argv[n++] = c->events[i];
	}
	c->argv[n++] = "--";
	return add_run_args(t, c, n);
}

int trace_trace_cmd_cmd(const struct trace_ctx *t, struct trace_cmd *c)
{
	size_t i;
	int n = 0;

	memset(c, 0, sizeof(*c));
	snprintf(c->out, sizeof(c->out), "%s/trace.dat", t->dir);
	c->env[0] = DMABENCH_TRACED_ENV "=trace-cmd";
	c->quiet = true;
	c->argv[n++] = "trace-cmd";
	c->argv[n++] = "record";
	c->argv[n++] = "-q";
	c->argv[n++] = "-b";
	c->argv[n++] = "8192";			/* per-CPU buffer, KiB */
	c->argv[n++] = "-o";
	c->argv[n++] = c->out;
	for (i = 0; i < t->npresent; i++) {
		if (strcmp(t->present[i]->name, "*"))
			snprintf(c->events[i], TRACE_EVENT_LEN, "%s:%s",
				 t->present[i]->system, t->present[i]->name);
		else
			snprintf(c->events[i], TRACE_EVENT_LEN, "%s",
				 t->present[i]->system);
		c->argv[n++] = "-e";
		c->argv[n++] = c->events[i];
	}
	return add_run_args(t, c, n);
}

/* DMABENCH_UST_PROVIDER, or libdmabench-ust.so beside this program. */
static int ust_provider_path(const struct trace_ctx *t, char *buf, size_t len)
{
	const char *env = getenv(DMABENCH_UST_PROVIDER_ENV);
	const char *slash = strrchr(t->self, '/');
	int n;

	if (env && *env)
		n = snprintf(buf, len, "%s", env);
	else if (slash)
		n = snprintf(buf, len, "%.*s/%s", (int)(slash - t->self), t->self,
			     DMABENCH_UST_PROVIDER);
	else
		n = snprintf(buf, len, "%s", DMABENCH_UST_PROVIDER);
	return n < 0 || (size_t)n >= len ? -ENAMETOOLONG : 0;
}

int trace_lttng_run_cmd(const struct trace_ctx *t, struct trace_cmd *c, bool *have_ust)
{
	char provider[PATH_MAX];
	const char *old = getenv("LD_PRELOAD");
	int n = 0, ret;

	memset(c, 0, sizeof(*c));
	c->env[n++] = DMABENCH_TRACED_ENV "=lttng";
	/* TCG is slow: wait for the session daemon, always. */
	c->env[n++] = "LTTNG_UST_REGISTER_TIMEOUT=-1";
	*have_ust = false;
	ret = ust_provider_path(t, provider, sizeof(provider));
	if (ret)
		return ret;
	if (!access(provider, R_OK)) {
		if (snprintf(c->preload, sizeof(c->preload), "LD_PRELOAD=%s%s%s",
			     provider, old && *old ? ":" : "", old ? old : "") >=
		    (int)sizeof(c->preload))
			return -ENAMETOOLONG;
		c->env[n++] = c->preload;
		*have_ust = true;
	}
	return add_run_args(t, c, 0);
}

int trace_lttng_kernel_events(const struct trace_ctx *t, char *buf, size_t len)
{
	size_t i, used = 0;

	if (!len)
		return -E2BIG;
	buf[0] = '\0';
	for (i = 0; i < t->npresent; i++) {
		int n;

		if (!t->present[i]->lttng)
			continue;
		n = snprintf(buf + used, len - used, "%s%s", used ? "," : "",
			     t->present[i]->lttng);
		if (n < 0 || (size_t)n >= len - used)
			return -E2BIG;
		used += n;
	}
	return 0;
}

/* A new, empty file in TMPDIR for perf to write: 0 or -errno. */
static int perf_tmp_file(struct trace_ctx *t)
{
	const char *tmp = getenv("TMPDIR");
	int fd;

	if (snprintf(t->perf_tmp, sizeof(t->perf_tmp), "%s/dmabench-perf-XXXXXX",
		     tmp && *tmp ? tmp : "/tmp") >= (int)sizeof(t->perf_tmp))
		return -ENAMETOOLONG;
	fd = mkstemp(t->perf_tmp);
	if (fd < 0)
		return -errno;
	close(fd);
	return 0;
}

/* Copies from to a new file to (mode 0600); 0 or -errno. */
static int copy_file(const char *from, const char *to)
{
	char buf[65536];
	int in, out, ret = 0;
	ssize_t n;

	in = open(from, O_RDONLY);
	if (in < 0)
		return -errno;
	out = open(to, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (out < 0) {
		ret = -errno;
		close(in);
		return ret;
	}
	while ((n = read(in, buf, sizeof(buf))) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 || write(out, buf, n) != n) {
			ret = errno ? -errno : -EIO;
			break;
		}
	}
	if (close(out) && !ret)
		ret = -errno;
	close(in);
	return ret;
}

/*
 * perf writes its ring buffers to the file straight from their mapping,
 * which a 9p mount (the lab's results share) refuses on 7.3 ("failed to
 * write perf data, error: Bad address"). So perf writes to a file in TMPDIR,
 * copied into the trace directory when it is done, failed or not.
 */
static int record_perf(struct trace_ctx *t)
{
	struct trace_cmd *c = malloc(sizeof(*c));
	char dest[PATH_MAX];
	int ret, err;

	if (!c)
		return EXIT_RUN_FAILED;
	err = perf_tmp_file(t);
	if (err) {
		fprintf(t->ctx->err, "dmabench trace: warning: no file in TMPDIR (%s): "
			"perf writes into %s\n", strerror(-err), t->dir);
		t->perf_tmp[0] = '\0';
	}
	if (trace_perf_cmd(t, c)) {
		cmd_error(t->ctx, "trace", "too many run arguments");
		ret = EXIT_USAGE;
	} else if (write_metadata(t)) {
		ret = EXIT_RUN_FAILED;
	} else {
		ret = finish_status(t, cmd_spawn(c), "perf record");
	}
	if (t->perf_tmp[0]) {
		snprintf(dest, sizeof(dest), "%s/perf.data", t->dir);
		err = copy_file(t->perf_tmp, dest);
		if (err) {
			cmd_error(t->ctx, "trace", "cannot copy %s to %s: %s", t->perf_tmp,
				  dest, strerror(-err));
			ret = EXIT_RUN_FAILED;
		}
		unlink(t->perf_tmp);
		t->perf_tmp[0] = '\0';
	}
	free(c);
	return ret;
}

static int record_trace_cmd(struct trace_ctx *t)
{
	struct trace_cmd *c = malloc(sizeof(*c));
	int ret;

	if (!c)
		return EXIT_RUN_FAILED;
	if (trace_trace_cmd_cmd(t, c)) {
		cmd_error(t->ctx, "trace", "too many run arguments");
		ret = EXIT_USAGE;
	} else if (write_metadata(t)) {
		ret = EXIT_RUN_FAILED;
	} else {
		ret = finish_status(t, cmd_spawn(c), "trace-cmd record");
	}
	free(c);
	return ret;
}

/* `lttng ARGS...`, quiet; returns like spawn_wait. */
static int lttng(char *const args[])
{
	char *argv[TRACE_MAX_ARGS];
	int n = 0;

	argv[n++] = "lttng";
	while (*args && n < TRACE_MAX_ARGS - 1)
		argv[n++] = *args++;
	argv[n] = NULL;
	return trace_spawn(argv, NULL, true);
}

/* Runs `lttng ARGS` with SIGINT and SIGTERM ignored (stop, destroy). */
static int lttng_unstoppable(char *const args[])
{
	struct sigaction sa = { .sa_handler = SIG_IGN }, old_int, old_term;
	int ret;

	sigaction(SIGINT, &sa, &old_int);
	sigaction(SIGTERM, &sa, &old_term);
	ret = lttng(args);
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGTERM, &old_term, NULL);
	return ret;
}

/*
 * Which of this kernel's dma events LTTng can record: those `lttng list
 * --kernel` names (lttng-probe-dma, where built). The others are said.
 */
static void lttng_match_dma(struct trace_ctx *t)
{
	char *listing = NULL;
	size_t i;
	int status;

	if (!t->ndma)
		return;
	status = trace_capture((char *[]){ "lttng", "list", "--kernel", NULL }, &listing);
	if (status)
		fprintf(t->ctx->err, "dmabench trace: warning: lttng list --kernel "
			"failed (%d)\n", status);
	trace_lttng_match(t, status ? NULL : listing);
	free(listing);
	for (i = 0; i < t->ndma; i++)
		if (!t->dma[i].lttng)
			fprintf(t->ctx->err, "dmabench trace: warning: the kernel has "
				"%s:%s but LTTng lists no such event (lttng-probe-dma "
				"not loaded? scripts/lttng-start): not recorded\n",
				TRACE_DMA_SYSTEM, t->dma_names[i]);
}

static int record_lttng(struct trace_ctx *t)
{
	struct trace_cmd *c = malloc(sizeof(*c));
	char session[64], out[PATH_MAX], kevents[TRACE_MAX_EVENTS * TRACE_EVENT_LEN];
	bool have_ust;
	int ret = EXIT_RUN_FAILED, status;

	if (!c)
		return EXIT_RUN_FAILED;
	snprintf(session, sizeof(session), "dmabench-%ld", (long)getpid());
	snprintf(out, sizeof(out), "%s/lttng", t->dir);
	if (trace_lttng_run_cmd(t, c, &have_ust)) {
		cmd_error(t->ctx, "trace", "too many run arguments");
		free(c);
		return EXIT_USAGE;
	}
	status = lttng((char *[]){ "create", session, "--output", out, NULL });
	if (status) {
		cmd_error(t->ctx, "trace", "lttng create failed (%d): is lttng-sessiond "
			  "running, with lttng-modules loaded? (scripts/lttng-start)",
			  status);
		free(c);
		return EXIT_RUN_FAILED;
	}
	lttng_match_dma(t);
	if (trace_lttng_kernel_events(t, kevents, sizeof(kevents))) {
		cmd_error(t->ctx, "trace", "too many events");
		goto destroy;
	}
	if (write_metadata(t))
		goto destroy;
	if (lttng((char *[]){ "enable-channel", "--kernel", "--subbuf-size", "4M",
			      "--num-subbuf", "4", "kchan", NULL }) ||
	    lttng((char *[]){ "enable-event", "--kernel", "--channel", "kchan",
			      kevents, NULL })) {
		cmd_error(t->ctx, "trace", "lttng: cannot enable kernel events %s "
			  "(lttng-probe-dmabench and friends loaded?)", kevents);
		goto destroy;
	}
	/* The harness's own UST events: missing is loud, not fatal. */
	if (!have_ust)
		fprintf(t->ctx->err, "dmabench trace: warning: no LTTng-UST run "
			"markers: %s not found beside %s (make -C bench; or set %s)\n",
			DMABENCH_UST_PROVIDER, t->self, DMABENCH_UST_PROVIDER_ENV);
	else if (lttng((char *[]){ "enable-event", "--userspace", "dmabench_ust:*",
				   NULL }))
		fprintf(t->ctx->err, "dmabench trace: warning: lttng: cannot enable "
			"the dmabench_ust:* user space events\n");
	if (lttng((char *[]){ "start", session, NULL })) {
		cmd_error(t->ctx, "trace", "lttng start failed");
		goto destroy;
	}
	ret = finish_status(t, cmd_spawn(c), "dmabench run");
	/* Stop and destroy even when interrupted. */
	if (lttng_unstoppable((char *[]){ "stop", session, NULL }) && ret == EXIT_OK) {
		cmd_error(t->ctx, "trace", "lttng stop failed");
		ret = EXIT_RUN_FAILED;
	}
destroy:
	lttng_unstoppable((char *[]){ "destroy", session, NULL });
	free(c);
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

const char *trace_tool_name(const struct trace_ctx *t)
{
	return t->tracer ? t->tracer->name : NULL;
}

/* mkdir -p; the last directory gets mode leaf_mode. */
static int make_dirs(const char *path, mode_t leaf_mode)
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
	if (mkdir(buf, leaf_mode) && errno != EEXIST)
		return -errno;
	return 0;
}

int trace_make_dir(struct trace_ctx *t, const char *stamp, long pid)
{
	struct stat st;
	int ret;

	if (snprintf(t->dir, sizeof(t->dir), "%s/%s-%s-%ld", t->base_dir, stamp,
		     trace_tool_name(t), pid) >= (int)sizeof(t->dir))
		return -ENAMETOOLONG;
	/*
	 * 0700: a trace holds DMA and physical addresses (the dma_addr of
	 * dmabench's events, iommu:map's iova and paddr), root's only.
	 */
	ret = make_dirs(t->dir, 0700);
	if (ret)
		return ret;
	/* EEXIST above also covers a file of that name. */
	if (stat(t->dir, &st))
		return -errno;
	if (!S_ISDIR(st.st_mode))
		return -ENOTDIR;
	return chmod(t->dir, 0700) ? -errno : 0;
}

int trace_parse_args(struct trace_ctx *t, int argc, char **argv)
{
	const char *tool = NULL;
	char err[OPT_ERR_LEN];
	int i;

	t->base_dir = TRACE_DEFAULT_BASE_DIR;
	t->nrun_args = 0;
	for (i = 1; i < argc; i++) {
		const char *a = argv[i], **dst = NULL, *val = NULL;

		if (!strcmp(a, "--with") || !strcmp(a, "--output-dir")) {
			dst = a[2] == 'w' ? &tool : &t->base_dir;
			if (i + 1 >= argc) {
				cmd_error(t->ctx, "trace", "%s needs a value", a);
				return EXIT_USAGE;
			}
			val = argv[++i];
		} else if (!strncmp(a, "--with=", 7)) {
			dst = &tool;
			val = a + 7;
		} else if (!strncmp(a, "--output-dir=", 13)) {
			dst = &t->base_dir;
			val = a + 13;
		} else if (!strcmp(a, "--output") || !strncmp(a, "--output=", 9) ||
			   !strcmp(a, "--format") || !strncmp(a, "--format=", 9)) {
			cmd_error(t->ctx, "trace", "%s: trace writes DIR/result.json "
				  "itself (use --output-dir)", a);
			return EXIT_USAGE;
		} else {
			t->run_args[t->nrun_args++] = argv[i];
			continue;
		}
		*dst = val;
	}
	if (!tool) {
		cmd_error(t->ctx, "trace", "--with perf|trace-cmd|lttng is required");
		return EXIT_USAGE;
	}
	t->tracer = find_tracer(tool);
	if (!t->tracer) {
		cmd_error(t->ctx, "trace", "--with %s: not perf, trace-cmd or lttng", tool);
		return EXIT_USAGE;
	}
	if (!*t->base_dir) {
		cmd_error(t->ctx, "trace", "--output-dir: empty");
		return EXIT_USAGE;
	}
	/* The run's options, checked now rather than under the tracer. */
	switch (run_config_parse(&t->cfg, t->nrun_args, t->run_args, err, sizeof(err))) {
	case OPTS_OK:
		return EXIT_OK;
	case OPTS_HELP:
		cmd_error(t->ctx, "trace", "usage: dmabench trace --with TOOL "
			  "[--output-dir DIR] SCENARIO [run options] (dmabench help run)");
		return EXIT_USAGE;
	default:
		cmd_error(t->ctx, "trace", "%s", err);
		return EXIT_USAGE;
	}
}

/*
 * trace-cmd record (and perf's, at times) exits 0 whatever the run it
 * wrapped did: a run the module refused (EOPNOTSUPP on this path) leaves
 * no result, and the trace must not pass for one of it.
 */
static int check_run_result(struct trace_ctx *t)
{
	char path[sizeof(t->dir) + 16];
	struct stat st;

	snprintf(path, sizeof(path), "%s/result.json", t->dir);
	if (!stat(path, &st) && st.st_size > 0)
		return EXIT_OK;
	cmd_error(t->ctx, "trace", "the traced run wrote no result (%s): it failed "
		  "or was refused, see its message above", path);
	return EXIT_RUN_FAILED;
}

int cmd_trace(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct trace_ctx *t = calloc(1, sizeof(*t));
	struct sigaction sa = { .sa_handler = trace_forward_signal };
	char stamp[32];
	time_t now = time(NULL);
	ssize_t len;
	int ret = EXIT_RUN_FAILED, err;

	if (t)
		t->run_args = calloc(argc + 1, sizeof(char *));
	if (!t || !t->run_args) {
		cmd_error(ctx, "trace", "out of memory");
		goto out;
	}
	t->ctx = ctx;
	ret = trace_parse_args(t, argc, argv);
	if (ret != EXIT_OK)
		goto out;
	ret = EXIT_RUN_FAILED;
	len = readlink("/proc/self/exe", t->self, sizeof(t->self) - 1);
	if (len <= 0) {
		cmd_error(ctx, "trace", "/proc/self/exe: %s", strerror(errno));
		goto out;
	}
	t->self[len] = '\0';
	if (trace_find_events(t))
		goto out;
	strftime(stamp, sizeof(stamp), "%Y%m%dT%H%M%SZ", gmtime(&now));
	err = trace_make_dir(t, stamp, (long)getpid());
	if (err) {
		cmd_error(ctx, "trace", "cannot create %s/...: %s", t->base_dir,
			  strerror(-err));
		goto out;
	}
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	fprintf(ctx->err, "dmabench trace: recording %s with %s into %s\n",
		t->cfg.params.scenario, trace_tool_name(t), t->dir);
	ret = t->tracer->record(t);
	if (ret == EXIT_OK)
		ret = check_run_result(t);
	if (ret == EXIT_OK)
		fprintf(ctx->out, "%s\n", t->dir);
	else
		cmd_error(ctx, "trace", "failed; what was recorded is in %s", t->dir);
out:
	if (t)
		free(t->run_args);
	free(t);
	return ret;
}
