/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What mmap and pairs put in front of their results, the same fingerprint
 * as a run's (tool, command line, times, kernel, profile, device, params),
 * and their JSON/CSV/human output to stdout or atomically to a file.
 */
#ifndef DMABENCH_FINGERPRINT_H
#define DMABENCH_FINGERPRINT_H

#include <stdio.h>
#include <time.h>
#include <jansson.h>
#include "dmabench.h"
#include "options.h"

struct fingerprint {
	const char *command;		/* "mmap", "pairs" */
	const char *tool_version;
	const char *cmdline;
	struct timespec start_time, end_time;
	char kernel_release[64];
	char profile[64];
	struct dmabench_device_info device;
	const struct opt_table *options;
	const void *config;
};

/*
 * Fills h for COMMAND as it starts now: the caller's command line (owned by
 * the caller, freed after output), this tool's version, the module's kernel
 * release, the lab profile and the command's options and config. The device
 * is the caller's to fill.
 */
void fingerprint_start(struct fingerprint *h, const char *command,
			 const char *cmdline, const char *kernel_release,
			 const struct opt_table *options, const void *config);

/* A new object holding the header; NULL on allocation failure. */
json_t *fingerprint_json(const struct fingerprint *h);

/* "# dmabench COMMAND ..." lines for human output. */
void fingerprint_human(FILE *fp, const struct fingerprint *h);

/* json_integer for counters, null for UINT64_MAX (unknown). */
json_t *json_u64_or_null(uint64_t v);

/* Writes with writer to path atomically, or to out when path is "".
 * 0, or -errno. */
int report_output(FILE *out, const char *path, int (*writer)(FILE *fp, void *arg),
		  void *arg);

#endif
