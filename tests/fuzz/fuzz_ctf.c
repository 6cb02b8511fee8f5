// SPDX-License-Identifier: GPL-2.0
/*
 * dmabench-trace-stats on an LTTng CTF trace: the input is one stream file
 * (packets of events) of a trace whose metadata is fixed: ctf-metadata.tsdl
 * (an LTTng kernel trace of `dmabench trace --with lttng`, as plain text
 * TSDL). Both go to a trace directory on tmpfs, read by ts_read_ctf
 * (libbabeltrace2's src.ctf.fs), then printed. The metadata is held fixed:
 * babeltrace2 2.0.4's TSDL parser leaks and aborts on malformed metadata
 * (see the README of this directory); the events are what dmabench's
 * reader interprets.
 */
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <babeltrace2/babeltrace.h>
#include "fuzz_trace.h"
#include "fuzz_util.h"

#ifndef CTF_METADATA
#error "CTF_METADATA: the path of ctf-metadata.tsdl"
#endif

/*
 * The metadata, written once. The plugins the reader finds, loaded once for
 * the process: each
 * execution's bt_plugin_find then finds them loaded (a dlopen of a loaded
 * library) instead of mapping them anew, ten times faster under ASan.
 */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	static const bt_plugin *keep[2];

	(void)argc;
	(void)argv;
	char dir[PATH_MAX], path[PATH_MAX + 16];
	FILE *in = fopen(CTF_METADATA, "rb"), *out;
	int c;

	setenv("LIBBABELTRACE2_NO_DLCLOSE", "1", 0);
	snprintf(dir, sizeof(dir), "%s/ctf", fuzz_dir());
	snprintf(path, sizeof(path), "%s/metadata", dir);
	if (!in || mkdir(dir, 0755) || !(out = fopen(path, "wb")))
		abort();
	while ((c = getc(in)) != EOF)
		putc(c, out);
	if (fclose(out))
		abort();
	fclose(in);
	if (bt_plugin_find("ctf", BT_TRUE, BT_TRUE, BT_TRUE, BT_TRUE, BT_FALSE, &keep[0]) ||
	    bt_plugin_find("utils", BT_TRUE, BT_TRUE, BT_TRUE, BT_TRUE, BT_FALSE, &keep[1]))
		abort();
	return 0;
}

/*
 * The input with each packet's timestamps (bytes 32, 40 of a packet, in
 * ctf-metadata.tsdl's layout) below 2^63 (babeltrace2 2.0.4 asserts on an
 * all-ones one), and its content_size and packet_size (bits, bytes 48 and
 * 56) kept sane: below
 * 2^63 (babeltrace2 2.0.4 takes them as signed and asserts when one is
 * negative and the other not), a packet at least its header and context and
 * within the file (a packet_size of 0 makes it index the same packet until
 * memory runs out), content within the packet. See README.md. The events
 * stay as the input has them.
 */
static uint8_t *sane_packets(const uint8_t *data, size_t size)
{
	uint8_t *p = malloc(size ? size : 1);
	size_t off = 0;

	if (!p)
		abort();
	memcpy(p, data, size);
	while (off + 64 <= size) {
		uint64_t content, packet, ts;
		int i;

		/* timestamp_begin, _end: all ones asserts in babeltrace2 too */
		for (i = 32; i <= 40; i += 8) {
			memcpy(&ts, p + off + i, 8);
			ts &= INT64_MAX;
			memcpy(p + off + i, &ts, 8);
		}
		memcpy(&content, p + off + 48, 8);
		memcpy(&packet, p + off + 56, 8);
		content &= INT64_MAX;
		packet &= INT64_MAX;
		if (packet / 8 < 64 || packet / 8 > size - off)
			packet = (uint64_t)(size - off) * 8;
		if (content > packet)
			content = packet;
		memcpy(p + off + 48, &content, 8);
		memcpy(p + off + 56, &packet, 8);
		off += packet / 8;
	}
	return p;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char dir[PATH_MAX], path[PATH_MAX + 16];
	uint8_t *stream = sane_packets(data, size);

	snprintf(dir, sizeof(dir), "%s/ctf", fuzz_dir());
	snprintf(path, sizeof(path), "%s/stream_0", dir);
	if (fuzz_write(path, stream, size))
		abort();
	free(stream);
	fuzz_trace_stats(ts_read_ctf, dir, "ctf");
	return 0;
}
