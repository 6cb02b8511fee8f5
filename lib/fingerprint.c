// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/utsname.h>
#include "atomic_file.h"
#include "names.h"
#include "fingerprint.h"
#include "results.h"
#include "sysinfo.h"

json_t *json_u64_or_null(uint64_t v)
{
	if (v == UINT64_MAX)
		return json_null();
	return v > INT64_MAX ? json_real((double)v) : json_integer((json_int_t)v);
}

void fingerprint_start(struct fingerprint *h, const char *command,
			 const char *cmdline, const char *kernel_release,
			 const struct opt_table *options, const void *config)
{
	h->command = command;
	h->tool_version = DMABENCH_VERSION;
	h->cmdline = cmdline;
	h->options = options;
	h->config = config;
	snprintf(h->kernel_release, sizeof(h->kernel_release), "%s", kernel_release);
	snprintf(h->profile, sizeof(h->profile), "%s", dmabench_profile());
	clock_gettime(CLOCK_REALTIME, &h->start_time);
}

json_t *fingerprint_json(const struct fingerprint *h)
{
	char start[40], end[40];
	struct utsname u;
	json_t *o;

	iso8601_utc(&h->start_time, start, sizeof(start));
	iso8601_utc(&h->end_time, end, sizeof(end));
	uname(&u);
	o = json_pack("{s:i,s:s,s:s,s:s,s:s,s:s,s:s,s:{s:s,s:s,s:s,s:s},s:s,s:s,s:o*,s:o*}",
		      "file_version", RESULTS_FILE_VERSION,
		      "tool", "dmabench",
		      "command", h->command,
		      "tool_version", h->tool_version,
		      "cmdline", h->cmdline ? h->cmdline : "",
		      "start_time", start,
		      "end_time", end,
		      "sysinfo", "sysname", u.sysname, "release", u.release,
		      "version", u.version, "machine", u.machine,
		      "kernel_release", h->kernel_release,
		      "profile", h->profile,
		      "device", device_info_to_json(&h->device),
		      "params", opts_to_json(h->options, h->config));
	return o;
}

void fingerprint_human(FILE *fp, const struct fingerprint *h)
{
	char start[40];

	iso8601_utc(&h->start_time, start, sizeof(start));
	fprintf(fp, "# dmabench %s %s\n# cmdline: %s\n", h->tool_version,
		h->command, h->cmdline ? h->cmdline : "");
	fprintf(fp, "# start %s  profile %s  kernel %s  device %s  path %s\n",
		start, h->profile, h->kernel_release, h->device.name,
		dmabench_path_name(h->device.path));
	opts_print_params(fp, h->options, h->config);
}

int report_output(FILE *out, const char *path, int (*writer)(FILE *fp, void *arg),
		  void *arg)
{
	if (path[0])
		return atomic_file_write(path, writer, arg);
	errno = 0;
	if (writer(out, arg) || fflush(out))
		return errno ? -errno : -EIO;
	return 0;
}
