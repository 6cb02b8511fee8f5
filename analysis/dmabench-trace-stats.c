// SPDX-License-Identifier: GPL-2.0
/*
 * dmabench-trace-stats [--format human|json] [--output FILE] TRACE
 *
 * TRACE is a directory written by `dmabench trace` (it holds trace.dat, an
 * lttng/ CTF tree or perf.data) or one of those: a trace.dat file, or a CTF
 * trace directory. Prints per dmabench op event and device: count, the
 * latency_ns distribution (min, mean, p50, p90, p99, p99.9, max: the uapi
 * histogram of lib/hist.c, percentiles within 1/128), bytes, and the
 * kernel events attributed to it (iommu, swiotlb, qi_submit and the DMA
 * API's dma:* events; see trace_stats.h): those the trace does not hold are
 * absent (null), not zero. The events the trace lost are reported, never
 * hidden (lost_events).
 *
 * perf.data is not read: record with --with trace-cmd or --with lttng.
 *
 * Exit status: 0 done (lost events are reported, on stderr too), 1 the
 * input cannot be read, 2 usage.
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "trace_stats.h"

#define EXIT_UNREADABLE 1
#define EXIT_USAGE 2

static const char usage[] =
	"usage: dmabench-trace-stats [--format human|json] [--output FILE] TRACE\n"
	"  TRACE: a `dmabench trace` directory, a trace.dat, or a CTF trace directory\n";

enum input_kind { IN_NONE, IN_TRACE_DAT, IN_CTF, IN_PERF };

static bool is_file(const char *path)
{
	struct stat st;

	return !stat(path, &st) && S_ISREG(st.st_mode);
}

static bool is_dir(const char *path)
{
	struct stat st;

	return !stat(path, &st) && S_ISDIR(st.st_mode);
}

/* A file's first bytes against a magic. */
static bool has_magic(const char *path, const char *magic, size_t len)
{
	char buf[16];
	FILE *f = fopen(path, "rb");
	bool ok;

	if (!f)
		return false;
	ok = len <= sizeof(buf) && fread(buf, 1, len, f) == len && !memcmp(buf, magic, len);
	fclose(f);
	return ok;
}

/* What TRACE is, and the path to hand the reader (in buf). */
static enum input_kind detect(const char *path, char *buf, size_t len)
{
	static const char tracing_magic[] = "\027\010\104tracing";

	if (is_file(path)) {
		snprintf(buf, len, "%s", path);
		if (has_magic(path, tracing_magic, sizeof(tracing_magic) - 1))
			return IN_TRACE_DAT;
		if (has_magic(path, "PERFILE2", 8))
			return IN_PERF;
		return IN_NONE;
	}
	if (!is_dir(path))
		return IN_NONE;
	snprintf(buf, len, "%s/trace.dat", path);
	if (is_file(buf))
		return IN_TRACE_DAT;
	snprintf(buf, len, "%s/lttng", path);
	if (is_dir(buf))
		return IN_CTF;
	snprintf(buf, len, "%s/perf.data", path);
	if (is_file(buf))
		return IN_PERF;
	/* A CTF trace itself, or a tree of them: the CTF reader looks. */
	snprintf(buf, len, "%s", path);
	return IN_CTF;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	const char *format = "human", *output = NULL;
	char input[4096], err[512] = "";
	struct ts_stats s;
	FILE *out = stdout;
	int c, ret;

	while ((c = getopt_long(argc, argv, "f:o:h", opts, NULL)) != -1) {
		switch (c) {
		case 'f':
			format = optarg;
			break;
		case 'o':
			output = optarg;
			break;
		case 'h':
			fputs(usage, stdout);
			return 0;
		default:
			fputs(usage, stderr);
			return EXIT_USAGE;
		}
	}
	if (optind != argc - 1 || (strcmp(format, "human") && strcmp(format, "json"))) {
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	switch (detect(argv[optind], input, sizeof(input))) {
	case IN_TRACE_DAT:
		ts_init(&s, argv[optind], "trace-cmd");
		ret = ts_read_tracecmd(&s, input, err, sizeof(err));
		break;
	case IN_CTF:
		ts_init(&s, argv[optind], "ctf");
		ret = ts_read_ctf(&s, input, err, sizeof(err));
		break;
	case IN_PERF:
		fprintf(stderr, "dmabench-trace-stats: %s: perf.data is not read by this "
			"tool: use trace-cmd or lttng (dmabench trace --with trace-cmd|lttng)\n",
			input);
		return EXIT_UNREADABLE;
	default:
		fprintf(stderr, "dmabench-trace-stats: %s: not a trace.dat, CTF trace or "
			"dmabench trace directory\n", argv[optind]);
		return EXIT_UNREADABLE;
	}
	if (ret) {
		fprintf(stderr, "dmabench-trace-stats: %s\n", err);
		ts_free(&s);
		return EXIT_UNREADABLE;
	}
	ts_finish(&s);
	if (s.lost_events || s.discarded_packets)
		fprintf(stderr, "dmabench-trace-stats: warning: DATA LOSS in %s: "
			"lost_events=%llu discarded_packets=%llu (%s)\n", argv[optind],
			(unsigned long long)s.lost_events,
			(unsigned long long)s.discarded_packets, s.lost_detail);
	if (output) {
		out = fopen(output, "w");
		if (!out) {
			fprintf(stderr, "dmabench-trace-stats: %s: %s\n", output, strerror(errno));
			ts_free(&s);
			return EXIT_UNREADABLE;
		}
	}
	ret = !strcmp(format, "json") ? ts_print_json(&s, out) : ts_print_human(&s, out);
	if (output && fclose(out))
		ret = -EIO;
	ts_free(&s);
	if (ret) {
		fprintf(stderr, "dmabench-trace-stats: writing the output: %s\n", strerror(-ret));
		return EXIT_UNREADABLE;
	}
	return 0;
}
