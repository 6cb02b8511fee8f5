// SPDX-License-Identifier: GPL-2.0
/*
 * trace.dat through libtracecmd and libtraceevent. Every event dmabench
 * reads is looked up once (tep_find_event_by_name, tep_find_field) into a
 * table indexed by event id; each record is then dispatched on
 * tep_data_type() with no name or field lookup. Records carry the events
 * the ring buffer dropped before them (missed_events): they are data loss,
 * counted per CPU in lost_events (libtracecmd 3.1 does not export the CPU
 * stats trace-cmd saves at stop, so ring buffer overruns seen only there
 * are not read).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <trace-cmd.h>
#include <event-parse.h>
#include "trace_stats.h"

enum tc_kind {
	TC_NONE = 0,	/* not an event dmabench reads */
	TC_OP,
	TC_KEVENT,
	TC_RUN_START,
	TC_RUN_END,
};

struct tc_event {
	enum tc_kind kind;
	int index;				/* op or kernel event */
	struct tep_format_field *device;	/* op events */
	struct tep_format_field *size;		/* op events, kernel events */
	struct tep_format_field *latency;	/* op events */
};

struct tc_reader {
	struct tep_handle *tep;
	struct tc_event *by_id;	/* indexed by event id */
	int nids;
	int page_size;		/* the ring buffer's: no record is larger */
};

static int tc_slot(struct tc_reader *r, struct tep_event *ev, struct tc_event **slot)
{
	if (ev->id < 0)
		return -EINVAL;
	if (ev->id >= r->nids) {
		int n = ev->id + 1;
		struct tc_event *p = realloc(r->by_id, n * sizeof(*p));

		if (!p)
			return -ENOMEM;
		memset(p + r->nids, 0, (n - r->nids) * sizeof(*p));
		r->by_id = p;
		r->nids = n;
	}
	*slot = &r->by_id[ev->id];
	return 0;
}

/*
 * Looks every event and field up, once. trace-cmd writes the formats of
 * the events it enabled only: a kernel event's format in the file means the
 * trace holds it (fired or not).
 */
static int tc_lookup(struct tc_reader *r, struct ts_stats *s, char *err, size_t err_len)
{
	struct tc_event *e;
	struct tep_event *ev;
	int i, ret;

	for (i = 0; i < TS_NOPS; i++) {
		ev = tep_find_event_by_name(r->tep, "dmabench", ts_op_events[i]);
		if (!ev)
			continue;
		ret = tc_slot(r, ev, &e);
		if (ret)
			return ret;
		e->kind = TC_OP;
		e->index = i;
		e->device = tep_find_field(ev, "device");
		e->size = tep_find_field(ev, "size");
		e->latency = tep_find_field(ev, "latency_ns");
		if (!e->device || !e->size || !e->latency ||
		    !(e->device->flags & TEP_FIELD_IS_DYNAMIC)) {
			snprintf(err, err_len, "dmabench:%s lacks device, size or latency_ns "
				 "(not tracepoints/dmabench_trace.h's format)", ts_op_events[i]);
			return -EINVAL;
		}
	}
	for (i = 0; i < TS_KEV_N; i++) {
		ev = tep_find_event_by_name(r->tep, ts_kevent_names[i].system,
					    ts_kevent_names[i].name);
		if (!ev)
			continue;
		ret = tc_slot(r, ev, &e);
		if (ret)
			return ret;
		e->kind = TC_KEVENT;
		e->index = i;
		e->size = tep_find_field(ev, "size");	/* qi_submit, dma_*_sg: none */
		ts_kevent_recorded(s, i);
	}
	ev = tep_find_event_by_name(r->tep, "dmabench", "dmabench_run_start");
	if (ev && !tc_slot(r, ev, &e))
		e->kind = TC_RUN_START;
	ev = tep_find_event_by_name(r->tep, "dmabench", "dmabench_run_end");
	if (ev && !tc_slot(r, ev, &e))
		e->kind = TC_RUN_END;
	return 0;
}

/* A number field; 0 when the record is too short to hold it
 * (tep_read_number_field does not look). */
static uint64_t tc_number(struct tep_format_field *f, struct tep_record *rec)
{
	unsigned long long v = 0;

	if (!f || f->offset < 0 || f->size < 0 || f->offset + f->size > rec->size ||
	    tep_read_number_field(f, rec->data, &v))
		v = 0;
	return v;
}

/* A __string field: __data_loc (or __rel_loc) word = length << 16 | offset. */
static const char *tc_string(struct tc_reader *r, struct tep_format_field *f,
			     struct tep_record *rec, size_t *len)
{
	unsigned long long loc;
	unsigned int off, n;

	if (f->offset + f->size > rec->size)
		return NULL;
	loc = tep_read_number(r->tep, (char *)rec->data + f->offset, f->size);
	off = loc & 0xffff;
	n = (loc >> 16) & 0xffff;
	if (f->flags & TEP_FIELD_IS_RELATIVE)
		off += f->offset + f->size;
	if ((int)(off + n) > rec->size)
		return NULL;
	/* The length counts the terminating NUL. */
	while (n && ((const char *)rec->data)[off + n - 1] == '\0')
		n--;
	*len = n;
	return (const char *)rec->data + off;
}

static int tc_record(struct tc_reader *r, struct ts_stats *s, struct tep_record *rec)
{
	int id = tep_data_type(r->tep, rec);
	struct tc_event *e;
	const char *dev;
	size_t len;

	/*
	 * libtraceevent 1.7.1 takes a record's length from its header without
	 * checking it against the page: a corrupt one runs past its page (and
	 * past the file: reading it would fault). Pages start at multiples of
	 * the page size in the CPU's data, as rec->offset counts.
	 */
	if (rec->size < 0 || rec->record_size < rec->size ||
	    (r->page_size > 0 &&
	     rec->offset % r->page_size + rec->record_size > (unsigned long long)r->page_size))
		return -EBADMSG;
	s->events_total++;
	if (rec->missed_events)
		ts_add_lost(s, rec->cpu, rec->missed_events);
	if (id < 0 || id >= r->nids || r->by_id[id].kind == TC_NONE) {
		s->events_other++;
		return 0;
	}
	e = &r->by_id[id];
	switch (e->kind) {
	case TC_OP:
		dev = tc_string(r, e->device, rec, &len);
		if (!dev) {
			dev = "?";
			len = 1;
		}
		return ts_add_op(s, e->index, dev, len, rec->cpu, tc_number(e->size, rec),
				 tc_number(e->latency, rec));
	case TC_KEVENT:
		return ts_add_kevent(s, e->index, rec->cpu, tc_number(e->size, rec));
	case TC_RUN_START:
		ts_add_run_start(s);
		return 0;
	case TC_RUN_END:
		s->run_end++;
		return 0;
	default:
		return 0;
	}
}

struct tc_iter {
	struct tc_reader *r;
	struct ts_stats *s;
	int error;
};

/*
 * The ring buffer page size from the file's initial format (magic, version
 * string, endianness, long size, page size): libtracecmd 3.1 declares no
 * getter for it. 0 when unreadable (no record size check then).
 */
static int tc_file_page_size(const char *path)
{
	unsigned char buf[64];
	size_t n, v;
	uint32_t ps;
	FILE *f = fopen(path, "rb");

	if (!f)
		return 0;
	n = fread(buf, 1, sizeof(buf), f);
	fclose(f);
	if (n < 10 || memcmp(buf, "\027\010\104tracing", 10))
		return 0;
	for (v = 10; v < n && buf[v]; v++)
		;
	if (v + 7 > n)
		return 0;
	/* buf[v + 1]: 0 little endian, 1 big; buf[v + 2]: long size */
	if (buf[v + 1])
		ps = (uint32_t)buf[v + 3] << 24 | buf[v + 4] << 16 | buf[v + 5] << 8 | buf[v + 6];
	else
		ps = (uint32_t)buf[v + 6] << 24 | buf[v + 5] << 16 | buf[v + 4] << 8 | buf[v + 3];
	return ps <= 1U << 30 ? (int)ps : 0;
}

static int tc_callback(struct tracecmd_input *h, struct tep_record *rec, int cpu,
		       void *data)
{
	struct tc_iter *it = data;

	(void)h;
	(void)cpu;
	it->error = tc_record(it->r, it->s, rec);
	return it->error ? -1 : 0;	/* non-zero stops the iteration */
}

int ts_read_tracecmd(struct ts_stats *s, const char *path, char *err, size_t err_len)
{
	struct tc_reader r = { 0 };
	struct tracecmd_input *h;
	struct tc_iter it = { .r = &r, .s = s };
	int ret;

	/* No libtraceevent plugins: they format events for printing, and
	 * dmabench reads the fields only (and loading them is most of the cost
	 * of opening a small trace). */
	h = tracecmd_open(path, TRACECMD_FL_LOAD_NO_PLUGINS);
	if (!h) {
		snprintf(err, err_len, "%s: not a trace.dat libtracecmd can open", path);
		return -1;
	}
	r.tep = tracecmd_get_tep(h);
	r.page_size = tc_file_page_size(path);
	ret = r.tep ? tc_lookup(&r, s, err, err_len) : -EINVAL;
	if (ret) {
		if (!*err)
			snprintf(err, err_len, "%s: %s", path, strerror(-ret));
		goto out;
	}
	/* Every CPU, in time order; the records are freed by libtracecmd. */
	ret = tracecmd_iterate_events(h, NULL, 0, tc_callback, &it);
	if (it.error || ret < 0) {
		ret = it.error ? it.error : -EIO;
		snprintf(err, err_len, "%s: reading the events: %s", path,
			 ret == -EBADMSG ? "a record larger than a ring buffer page "
			 "(corrupt trace)" : strerror(-ret));
		goto out;
	}
	ret = 0;
out:
	free(r.by_id);
	tracecmd_close(h);
	return ret ? -1 : 0;
}
