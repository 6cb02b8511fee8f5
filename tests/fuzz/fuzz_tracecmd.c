// SPDX-License-Identifier: GPL-2.0
/*
 * dmabench-trace-stats on a trace.dat: the input is the ring buffer data of
 * one CPU (pages of records), behind a fixed header: trace-template.dat
 * (made by shrink-trace-dat --split from a `dmabench trace --with trace-cmd`
 * recording: dmabench's, iommu's, swiotlb's and intel_iommu's event
 * formats, one CPU). The file is written to tmpfs (libtracecmd opens a path)
 * and read by ts_read_tracecmd, summed up and printed both ways, as the tool
 * does. The records (event ids, __data_loc strings, sizes, lost events) are
 * what dmabench's reader interprets; the header is libtraceevent's to parse,
 * and libtracecmd 3.1.6 / libtraceevent 1.7.1 crash on malformed headers
 * within seconds of fuzzing (see the README of this directory), so it is
 * held fixed.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include "fuzz_trace.h"
#include "fuzz_util.h"

#ifndef TRACE_TEMPLATE
#error "TRACE_TEMPLATE: the path of trace-template.dat"
#endif
#define TRACE_PAGE_SIZE 4096	/* the template's */

static char *header;
static size_t header_len;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	FILE *f = fopen(TRACE_TEMPLATE, "rb");
	long len;

	(void)argc;
	(void)argv;
	if (!f || fseek(f, 0, SEEK_END) || (len = ftell(f)) <= 0 ||
	    fseek(f, 0, SEEK_SET))
		abort();
	header_len = (size_t)len;
	/* room for the CPU's offset and size, then padding to a page */
	header = calloc(1, header_len + 16 + TRACE_PAGE_SIZE);
	if (!header || fread(header, 1, header_len, f) != header_len)
		abort();
	fclose(f);
	return 0;
}

/*
 * The input in whole pages, each page's commit (the bytes of records it
 * holds, and the flags of missed events) kept within the page (other bits
 * cleared): libtraceevent 1.7.1's
 * kbuffer reads as far as the commit says, past the page (SEGV), and
 * libtracecmd maps the data whole pages at a time. Both are the libraries'
 * (see README.md); the records stay as the input has them.
 */
static uint8_t *pages_of(const uint8_t *data, size_t size, size_t *len)
{
	const uint64_t commit_mask = (1ULL << 27) - 1;
	const uint64_t missed = 1ULL << 31, stored = 1ULL << 30;
	uint8_t *p;
	size_t off;

	*len = (size + TRACE_PAGE_SIZE - 1) / TRACE_PAGE_SIZE * TRACE_PAGE_SIZE;
	p = calloc(1, *len ? *len : 1);
	if (!p)
		abort();
	memcpy(p, data, size);
	for (off = 0; off < *len; off += TRACE_PAGE_SIZE) {
		uint64_t commit;

		uint64_t flags, room;

		memcpy(&commit, p + off + 8, 8);
		flags = commit & (missed | stored);
		/* a stored count of missed events follows the records */
		room = TRACE_PAGE_SIZE - 16 - (flags & stored ? 8 : 0);
		commit &= commit_mask;
		if (commit > room)
			commit = room;
		commit |= flags;
		memcpy(p + off + 8, &commit, 8);
	}
	return p;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[PATH_MAX];
	uint64_t off = (header_len + 16 + TRACE_PAGE_SIZE - 1) & ~(uint64_t)(TRACE_PAGE_SIZE - 1);
	size_t len;
	uint8_t *pages = pages_of(data, size, &len);
	uint64_t len64 = len;
	FILE *f;

	snprintf(path, sizeof(path), "%s/trace.dat", fuzz_dir());
	memcpy(header + header_len, &off, 8);	/* little-endian, as the template */
	memcpy(header + header_len + 8, &len64, 8);
	f = fopen(path, "wb");
	if (!f || fwrite(header, 1, off, f) != off ||
	    (len && fwrite(pages, 1, len, f) != len) || fclose(f))
		abort();
	free(pages);
	fuzz_trace_stats(ts_read_tracecmd, path, "trace-cmd");
	return 0;
}
