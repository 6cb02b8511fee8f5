// SPDX-License-Identifier: GPL-2.0
/*
 * LTTng CTF through libbabeltrace2: a graph of one src.ctf.fs per trace
 * found under the input (a directory holding "metadata": the kernel's and
 * each UST buffer's), flt.utils.muxer, and a simple sink of our own. Each
 * event class and stream class is looked up once (kind, payload member
 * indexes, the packet context's cpu_id index) and cached by pointer; every
 * event is then dispatched on that entry. Discarded events and discarded
 * packets messages are data loss: they go to lost_events and
 * discarded_packets.
 */
#include <errno.h>
#include <ftw.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <babeltrace2/babeltrace.h>
#include "trace_stats.h"

enum ctf_kind {
	CTF_OTHER = 0,
	CTF_OP,
	CTF_KEVENT,
	CTF_RUN_START,
	CTF_RUN_END,
};

#define CTF_NO_MEMBER UINT64_MAX

struct ctf_class {
	const void *key;	/* bt_event_class or bt_stream_class */
	enum ctf_kind kind;
	int index;		/* op or kernel event */
	uint64_t device, size, latency;	/* payload member indexes */
	uint64_t cpu_id;	/* stream classes: packet context member index */
};

#define CTF_CACHE_SIZE 1024	/* power of two, > classes in any trace */

struct ctf_reader {
	struct ts_stats *s;
	struct ctf_class events[CTF_CACHE_SIZE];
	struct ctf_class streams[CTF_CACHE_SIZE];
	struct ctf_class declared[CTF_CACHE_SIZE];	/* stream classes listed */
	int error;		/* -errno from the sink */
	char **dirs;
	size_t ndirs;
};

static uint64_t member_index(const bt_field_class *fc, const char *name)
{
	uint64_t i, n;

	if (!fc || bt_field_class_get_type(fc) != BT_FIELD_CLASS_TYPE_STRUCTURE)
		return CTF_NO_MEMBER;
	n = bt_field_class_structure_get_member_count(fc);
	for (i = 0; i < n; i++) {
		const bt_field_class_structure_member *m =
			bt_field_class_structure_borrow_member_by_index_const(fc, i);

		if (!strcmp(bt_field_class_structure_member_get_name(m), name))
			return i;
	}
	return CTF_NO_MEMBER;
}

/* The cache slot of key: open addressing on the pointer; NULL when full. */
static struct ctf_class *cache_slot(struct ctf_class *table, const void *key, bool *fresh)
{
	size_t h = ((uintptr_t)key >> 4) * 0x9e3779b97f4a7c15ull, i;

	for (i = 0; i < CTF_CACHE_SIZE; i++) {
		struct ctf_class *c = &table[(h + i) & (CTF_CACHE_SIZE - 1)];

		if (c->key == key) {
			*fresh = false;
			return c;
		}
		if (!c->key) {
			c->key = key;
			*fresh = true;
			return c;
		}
	}
	return NULL;
}

/* Once per event class: what it is and where its fields are. */
static void classify_event(struct ctf_class *c, const bt_event_class *ec)
{
	const char *name = bt_event_class_get_name(ec);
	const bt_field_class *payload = bt_event_class_borrow_payload_field_class_const(ec);
	int i;

	c->kind = CTF_OTHER;
	if (!name)
		return;
	c->index = ts_op_index(name);
	if (c->index >= 0) {
		c->device = member_index(payload, "device");
		c->size = member_index(payload, "size");
		c->latency = member_index(payload, "latency_ns");
		c->kind = CTF_OP;
		return;
	}
	i = ts_kevent_index_lttng(name);
	if (i >= 0) {
		c->kind = CTF_KEVENT;
		c->index = i;
		c->size = member_index(payload, "size");
		return;
	}
	if (!strcmp(name, "dmabench_run_start"))
		c->kind = CTF_RUN_START;
	else if (!strcmp(name, "dmabench_run_end"))
		c->kind = CTF_RUN_END;
}

static uint64_t member_u64(const bt_field *st, uint64_t idx)
{
	const bt_field *f;
	bt_field_class_type t;

	if (!st || idx == CTF_NO_MEMBER)
		return 0;
	f = bt_field_structure_borrow_member_field_by_index_const(st, idx);
	t = bt_field_get_class_type(f);
	if (bt_field_class_type_is(t, BT_FIELD_CLASS_TYPE_UNSIGNED_INTEGER))
		return bt_field_integer_unsigned_get_value(f);
	if (bt_field_class_type_is(t, BT_FIELD_CLASS_TYPE_SIGNED_INTEGER))
		return (uint64_t)bt_field_integer_signed_get_value(f);
	return 0;
}

static int event_cpu(struct ctf_reader *r, const bt_event *ev)
{
	const bt_stream *stream = bt_event_borrow_stream_const(ev);
	const bt_stream_class *sc = bt_stream_borrow_class_const(stream);
	const bt_packet *pkt;
	struct ctf_class *c;
	bool fresh;

	c = cache_slot(r->streams, sc, &fresh);
	if (!c)
		return -1;
	if (fresh)
		c->cpu_id = member_index(
			bt_stream_class_borrow_packet_context_field_class_const(sc), "cpu_id");
	if (c->cpu_id == CTF_NO_MEMBER)
		return -1;
	pkt = bt_event_borrow_packet_const(ev);
	if (!pkt)
		return -1;
	return (int)member_u64(bt_packet_borrow_context_field_const(pkt), c->cpu_id);
}

/* Once per stream class: the kernel events its metadata declares. */
static void on_stream_beginning(struct ctf_reader *r, const bt_message *msg)
{
	const bt_stream *stream = bt_message_stream_beginning_borrow_stream_const(msg);
	const bt_stream_class *sc = bt_stream_borrow_class_const(stream);
	uint64_t i, n;
	bool fresh;
	int k;

	if (!cache_slot(r->declared, sc, &fresh) || !fresh)
		return;
	n = bt_stream_class_get_event_class_count(sc);
	for (i = 0; i < n; i++) {
		const char *name = bt_event_class_get_name(
			bt_stream_class_borrow_event_class_by_index_const(sc, i));

		k = name ? ts_kevent_index_lttng(name) : -1;
		if (k >= 0)
			ts_kevent_recorded(r->s, k);
	}
}

static int on_event(struct ctf_reader *r, const bt_message *msg)
{
	const bt_event *ev = bt_message_event_borrow_event_const(msg);
	const bt_event_class *ec = bt_event_borrow_class_const(ev);
	struct ctf_class *c;
	const bt_field *payload;
	bool fresh;

	r->s->events_total++;
	c = cache_slot(r->events, ec, &fresh);
	if (!c)
		return -ENOSPC;
	if (fresh)
		classify_event(c, ec);
	payload = bt_event_borrow_payload_field_const(ev);
	switch (c->kind) {
	case CTF_OP: {
		const char *dev = "?";
		size_t len = 1;

		if (c->device != CTF_NO_MEMBER) {
			const bt_field *f =
				bt_field_structure_borrow_member_field_by_index_const(payload,
										      c->device);

			if (bt_field_get_class_type(f) == BT_FIELD_CLASS_TYPE_STRING) {
				dev = bt_field_string_get_value(f);
				len = bt_field_string_get_length(f);
			}
		}
		return ts_add_op(r->s, c->index, dev, len, event_cpu(r, ev),
				 member_u64(payload, c->size), member_u64(payload, c->latency));
	}
	case CTF_KEVENT:
		return ts_add_kevent(r->s, c->index, event_cpu(r, ev),
				     member_u64(payload, c->size));
	case CTF_RUN_START:
		ts_add_run_start(r->s);
		return 0;
	case CTF_RUN_END:
		r->s->run_end++;
		return 0;
	default:
		r->s->events_other++;
		return 0;
	}
}

static bt_graph_simple_sink_component_consume_func_status
consume(bt_message_iterator *it, void *data)
{
	struct ctf_reader *r = data;
	bt_message_array_const msgs;
	uint64_t n, i, count;
	int ret = 0;

	switch (bt_message_iterator_next(it, &msgs, &n)) {
	case BT_MESSAGE_ITERATOR_NEXT_STATUS_OK:
		break;
	case BT_MESSAGE_ITERATOR_NEXT_STATUS_END:
		return BT_GRAPH_SIMPLE_SINK_COMPONENT_CONSUME_FUNC_STATUS_END;
	case BT_MESSAGE_ITERATOR_NEXT_STATUS_AGAIN:
		return BT_GRAPH_SIMPLE_SINK_COMPONENT_CONSUME_FUNC_STATUS_AGAIN;
	case BT_MESSAGE_ITERATOR_NEXT_STATUS_MEMORY_ERROR:
		r->error = -ENOMEM;
		return BT_GRAPH_SIMPLE_SINK_COMPONENT_CONSUME_FUNC_STATUS_MEMORY_ERROR;
	default:
		r->error = -EIO;
		return BT_GRAPH_SIMPLE_SINK_COMPONENT_CONSUME_FUNC_STATUS_ERROR;
	}
	for (i = 0; i < n; i++) {
		const bt_message *m = msgs[i];

		if (!ret) {
			switch (bt_message_get_type(m)) {
			case BT_MESSAGE_TYPE_EVENT:
				ret = on_event(r, m);
				break;
			case BT_MESSAGE_TYPE_STREAM_BEGINNING:
				on_stream_beginning(r, m);
				break;
			case BT_MESSAGE_TYPE_DISCARDED_EVENTS:
				if (bt_message_discarded_events_get_count(m, &count) ==
				    BT_PROPERTY_AVAILABILITY_AVAILABLE)
					ts_add_lost(r->s, -1 /* per stream, not per CPU */, (long long)count);
				else
					ts_add_lost(r->s, -1 /* per stream, not per CPU */, -1);
				break;
			case BT_MESSAGE_TYPE_DISCARDED_PACKETS:
				if (bt_message_discarded_packets_get_count(m, &count) !=
				    BT_PROPERTY_AVAILABILITY_AVAILABLE)
					count = 1;
				ts_add_discarded_packets(r->s, count);
				/* A lost packet held events: at least one, count unknown. */
				ts_add_lost(r->s, -1 /* per stream, not per CPU */, -1);
				break;
			default:
				break;
			}
		}
		bt_message_put_ref(m);
	}
	if (ret) {
		r->error = ret;
		return BT_GRAPH_SIMPLE_SINK_COMPONENT_CONSUME_FUNC_STATUS_ERROR;
	}
	return BT_GRAPH_SIMPLE_SINK_COMPONENT_CONSUME_FUNC_STATUS_OK;
}

/* nftw has no user pointer: the reader being filled. */
static struct ctf_reader *walk_reader;

static int walk_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	struct ctf_reader *r = walk_reader;
	size_t len = strlen(path), suffix = strlen("/metadata");
	char **dirs;

	(void)st;
	(void)ftw;
	if (flag != FTW_F || len < suffix || strcmp(path + len - suffix, "/metadata"))
		return 0;
	len -= suffix;
	dirs = realloc(r->dirs, (r->ndirs + 1) * sizeof(*dirs));
	if (!dirs)
		return -1;
	r->dirs = dirs;
	r->dirs[r->ndirs] = strndup(path, len ? len : 1);
	if (!r->dirs[r->ndirs])
		return -1;
	r->ndirs++;
	return 0;
}

static int add_source(bt_graph *g, const bt_component_class_source *cls,
		      const bt_component_filter *mux, const char *dir, size_t idx)
{
	const bt_component_source *src;
	bt_value *params = bt_value_map_create(), *inputs = NULL;
	char name[32];
	uint64_t i, n;
	int ret = -ENOMEM;

	if (!params ||
	    bt_value_map_insert_empty_array_entry(params, "inputs", &inputs) ||
	    bt_value_array_append_string_element(inputs, dir))
		goto out;
	snprintf(name, sizeof(name), "src%zu", idx);
	ret = -EINVAL;
	if (bt_graph_add_source_component(g, cls, name, params, BT_LOGGING_LEVEL_ERROR,
					  &src))
		goto out;
	n = bt_component_source_get_output_port_count(src);
	for (i = 0; i < n; i++) {
		/* The muxer adds an input port each time one is connected. */
		uint64_t in = bt_component_filter_get_input_port_count(mux) - 1;

		if (bt_graph_connect_ports(g,
			bt_component_source_borrow_output_port_by_index_const(src, i),
			bt_component_filter_borrow_input_port_by_index_const(mux, in), NULL))
			goto out;
	}
	ret = 0;
out:
	bt_value_put_ref(params);
	return ret;
}

/*
 * Takes the thread's babeltrace2 error, if any: every libbabeltrace2 call
 * refuses to run (aborts) while the thread holds one, so no read may leave
 * it behind for the next, failed or not (a component can leave causes on a
 * run that ends well). Its root cause goes to err (NULL: dropped).
 */
static void take_bt_error(char *err, size_t err_len)
{
	const bt_error *e = bt_current_thread_take_error();
	uint64_t n = e ? bt_error_get_cause_count(e) : 0;
	size_t used = err ? strlen(err) : 0;

	if (err && n && used + 1 < err_len)
		snprintf(err + used, err_len - used, " (%s)",
			 bt_error_cause_get_message(bt_error_borrow_cause_by_index(e, n - 1)));
	if (e)
		bt_error_release(e);
}

int ts_read_ctf(struct ts_stats *s, const char *path, char *err, size_t err_len)
{
	struct ctf_reader *r = calloc(1, sizeof(*r));
	const bt_plugin *ctf = NULL, *utils = NULL;
	const bt_component_class_source *src_cls;
	const bt_component_class_filter *mux_cls;
	const bt_component_filter *mux;
	const bt_component_sink *sink;
	bt_graph *g = NULL;
	bt_graph_run_status st;
	size_t i;
	int ret = -1;

	if (!r) {
		snprintf(err, err_len, "out of memory");
		return -1;
	}
	r->s = s;
	walk_reader = r;
	if (nftw(path, walk_one, 16, FTW_PHYS) || !r->ndirs) {
		snprintf(err, err_len, "%s: no CTF trace (no metadata file) found", path);
		goto out;
	}
	if (bt_plugin_find("ctf", BT_TRUE, BT_TRUE, BT_TRUE, BT_TRUE, BT_FALSE, &ctf) ||
	    bt_plugin_find("utils", BT_TRUE, BT_TRUE, BT_TRUE, BT_TRUE, BT_FALSE, &utils)) {
		snprintf(err, err_len, "babeltrace2 plugins ctf and utils not found "
			 "(package babeltrace2)");
		goto out;
	}
	src_cls = bt_plugin_borrow_source_component_class_by_name_const(ctf, "fs");
	mux_cls = bt_plugin_borrow_filter_component_class_by_name_const(utils, "muxer");
	g = bt_graph_create(0);
	if (!src_cls || !mux_cls || !g ||
	    bt_graph_add_filter_component(g, mux_cls, "muxer", NULL, BT_LOGGING_LEVEL_ERROR,
					  &mux) ||
	    bt_graph_add_simple_sink_component(g, "stats", NULL, consume, NULL, r, &sink)) {
		snprintf(err, err_len, "cannot build the babeltrace2 graph");
		goto out;
	}
	for (i = 0; i < r->ndirs; i++) {
		if (add_source(g, src_cls, mux, r->dirs[i], i)) {
			snprintf(err, err_len, "%s: src.ctf.fs cannot read it", r->dirs[i]);
			goto out;
		}
	}
	if (bt_graph_connect_ports(g, bt_component_filter_borrow_output_port_by_index_const(mux, 0),
				   bt_component_sink_borrow_input_port_by_index_const(sink, 0),
				   NULL)) {
		snprintf(err, err_len, "cannot connect the babeltrace2 graph");
		goto out;
	}
	do {
		st = bt_graph_run(g);
	} while (st == BT_GRAPH_RUN_STATUS_AGAIN);
	if (st != BT_GRAPH_RUN_STATUS_OK) {
		snprintf(err, err_len, "%s: reading the CTF trace failed%s%s", path,
			 r->error ? ": " : "", r->error ? strerror(-r->error) : "");
		goto out;
	}
	ret = 0;
out:
	take_bt_error(ret ? err : NULL, err_len);
	bt_graph_put_ref(g);
	bt_plugin_put_ref(ctf);
	bt_plugin_put_ref(utils);
	for (i = 0; i < r->ndirs; i++)
		free(r->dirs[i]);
	free(r->dirs);
	free(r);
	walk_reader = NULL;
	return ret;
}
