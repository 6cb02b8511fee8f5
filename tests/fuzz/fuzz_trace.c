// SPDX-License-Identifier: GPL-2.0
#include "fuzz_trace.h"
#include "fuzz_util.h"

void fuzz_trace_stats(fuzz_trace_reader reader, const char *path, const char *format)
{
	char err[512] = "";
	struct ts_stats s;

	ts_init(&s, path, format);
	if (!reader(&s, path, err, sizeof(err))) {
		ts_finish(&s);
		ts_print_json(&s, fuzz_devnull());
		ts_print_human(&s, fuzz_devnull());
	}
	ts_free(&s);
}
