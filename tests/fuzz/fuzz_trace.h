/* SPDX-License-Identifier: GPL-2.0 */
/* What dmabench-trace-stats does with a trace, for the trace fuzzers. */
#ifndef DMABENCH_FUZZ_TRACE_H
#define DMABENCH_FUZZ_TRACE_H

#include <stddef.h>
#include "trace_stats.h"

typedef int (*fuzz_trace_reader)(struct ts_stats *s, const char *path, char *err,
				 size_t err_len);

/* Reads path with reader, then sums up and prints both ways (to /dev/null),
 * as the tool does. */
void fuzz_trace_stats(fuzz_trace_reader reader, const char *path, const char *format);

#endif
