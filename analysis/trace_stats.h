/* SPDX-License-Identifier: GPL-2.0 */
/*
 * dmabench-trace-stats: per-op latency distributions and per-op kernel event
 * counts from a trace written by `dmabench trace` (trace.dat or LTTng CTF).
 *
 * The readers (read_tracecmd.c, read_ctf.c) look every event and field up
 * once, then hand each record to ts_add_op() or ts_add_kevent() by kind.
 * This file's half (trace_stats.c) keeps the figures and prints them.
 *
 * Attribution rule: a kernel event (iommu map/unmap, qi_submit,
 * swiotlb_bounced, the DMA API's own dma:* events) is counted to the next
 * dmabench op event on the same CPU.
 * dmabench's op events are emitted when the op returns, so an op's counts
 * are what its CPU did during the op, or since that CPU's previous dmabench
 * op event. Kernel events after the last op of a CPU are "unattributed".
 * Kernel events before a dmabench_run_start (in time, on any CPU) are the
 * harness's own setup (a probe mapping, say), never an op's: they are
 * counted apart, "before_run".
 */
#ifndef DMABENCH_TRACE_STATS_H
#define DMABENCH_TRACE_STATS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "hist.h"

/*
 * Kernel events counted per op. A trace holds the events its recording
 * enabled, and a kernel has only some of them (no dma:* before 6.12, the
 * _phys pair from 7.3, no _resource pair in 7.3): each reader marks those
 * the trace has (ts_kevent_recorded), and the others print as absent,
 * never as zero.
 */
enum ts_kevent {
	TS_KEV_IOMMU_MAP,
	TS_KEV_IOMMU_UNMAP,
	TS_KEV_QI_SUBMIT,
	TS_KEV_SWIOTLB_BOUNCED,
	TS_KEV_DMA_MAP_PAGE,		/* the DMA API's own events */
	TS_KEV_DMA_UNMAP_PAGE,
	TS_KEV_DMA_MAP_PHYS,
	TS_KEV_DMA_UNMAP_PHYS,
	TS_KEV_DMA_MAP_RESOURCE,
	TS_KEV_DMA_UNMAP_RESOURCE,
	TS_KEV_DMA_MAP_SG,
	TS_KEV_DMA_MAP_SG_ERR,
	TS_KEV_DMA_UNMAP_SG,
	TS_KEV_DMA_SYNC_SINGLE_FOR_CPU,
	TS_KEV_DMA_SYNC_SINGLE_FOR_DEVICE,
	TS_KEV_DMA_SYNC_SG_FOR_CPU,
	TS_KEV_DMA_SYNC_SG_FOR_DEVICE,
	TS_KEV_DMA_ALLOC,
	TS_KEV_DMA_ALLOC_PAGES,
	TS_KEV_DMA_ALLOC_SGT,
	TS_KEV_DMA_ALLOC_SGT_ERR,
	TS_KEV_DMA_FREE,
	TS_KEV_DMA_FREE_PAGES,
	TS_KEV_DMA_FREE_SGT,
	TS_KEV_N,
};

/* CPU numbers from a trace at or above this are corrupt (Linux's NR_CPUS is
 * 8192 at most): their events count as without a CPU, rather than sizing
 * per-CPU tables by them. */
#define TS_MAX_CPUS 8192

/* The dmabench op events (tracepoints/dmabench_trace.h), in enum order. */
#define TS_NOPS 14
extern const char *const ts_op_events[TS_NOPS];
/* ftrace system and name, and LTTng name, of each kernel event. */
struct ts_kevent_name {
	const char *system;
	const char *name;
	const char *lttng;
	const char *key;	/* JSON key */
};
extern const struct ts_kevent_name ts_kevent_names[TS_KEV_N];

struct ts_kcounts {
	uint64_t events[TS_KEV_N];
	uint64_t swiotlb_bounced_bytes;
	uint64_t iommu_map_bytes;
	uint64_t iommu_unmap_bytes;
};

struct ts_op_stats {
	int op;			/* index in ts_op_events */
	char *device;
	uint64_t count;		/* events */
	uint64_t timed;		/* events with latency_ns != 0 */
	uint64_t sum_ns, min_ns, max_ns;
	uint64_t bytes;		/* sum of the size field */
	struct hist hist;
	struct ts_kcounts k;
};

/* What one CPU (or, in CTF, a stream) lost. */
struct ts_lost {
	uint64_t events;	/* known counts + 1 per drop of unknown size */
	uint64_t drops;		/* places in the trace where events are missing */
	uint64_t unknown_drops;	/* drops whose size the trace does not say */
};

struct ts_stats {
	const char *input;
	const char *format;		/* "trace-cmd" or "ctf" */
	struct ts_op_stats **ops;
	size_t nops, ops_cap;
	struct ts_op_stats *last_op;	/* the one found last, tried first */
	struct ts_kcounts *pending;	/* per CPU, not yet attributed */
	size_t ncpus;
	struct ts_kcounts kernel_total;
	struct ts_kcounts before_run;	/* pending at a run_start: not an op's */
	uint64_t events_total;		/* every event record read */
	uint64_t events_other;		/* not one dmabench reads */
	uint64_t run_start, run_end;	/* dmabench_run_start/_end events */
	bool recorded[TS_KEV_N];	/* kernel events the trace holds */
	uint64_t lost_events;		/* known counts + 1 per drop of unknown size */
	uint64_t lost_unknown_drops;	/* drops whose size the trace does not say */
	uint64_t discarded_packets;	/* CTF: packets lost */
	struct ts_lost *lost_cpu;	/* per CPU */
	size_t lost_ncpus;
	struct ts_lost lost_stream;	/* CTF discarded events: per stream */
	char lost_detail[512];		/* per-CPU text of what was lost (ts_finish) */
	int cpu_unknown;		/* events without a CPU, or a corrupt one
					 * (>= TS_MAX_CPUS): attributed to CPU 0 */
};

void ts_init(struct ts_stats *s, const char *input, const char *format);
void ts_free(struct ts_stats *s);
/* Op event op (index in ts_op_events) on cpu; -ENOMEM on failure. */
int ts_add_op(struct ts_stats *s, int op, const char *device, size_t device_len,
	      int cpu, uint64_t size_bytes, uint64_t latency_ns);
int ts_add_kevent(struct ts_stats *s, enum ts_kevent k, int cpu, uint64_t size_bytes);
/* The trace holds kernel event k (enabled when recorded, fired or not). */
void ts_kevent_recorded(struct ts_stats *s, enum ts_kevent k);
/* Kernel event of an ftrace system and name, or of an LTTng name; -1. */
int ts_kevent_index(const char *system, const char *name);
int ts_kevent_index_lttng(const char *name);
/* A dmabench_run_start: what every CPU has pending goes to before_run. */
void ts_add_run_start(struct ts_stats *s);
/* Lost events on cpu: count < 0 means an unknown number. */
void ts_add_lost(struct ts_stats *s, int cpu, long long count);
void ts_add_discarded_packets(struct ts_stats *s, uint64_t count);

/* Op index of a dmabench op event name, -1 if none. */
int ts_op_index(const char *name);

/* Sorts ops by event then device, writes lost_detail; before printing. */
void ts_finish(struct ts_stats *s);
int ts_print_json(const struct ts_stats *s, FILE *f);
int ts_print_human(const struct ts_stats *s, FILE *f);

/*
 * Readers: 0 on success, -1 when the input cannot be read (err says why).
 * Records are counted in s as they are read.
 */
int ts_read_tracecmd(struct ts_stats *s, const char *path, char *err, size_t err_len);
int ts_read_ctf(struct ts_stats *s, const char *path, char *err, size_t err_len);

#endif
