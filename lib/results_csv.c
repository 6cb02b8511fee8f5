// SPDX-License-Identifier: GPL-2.0
/* Long format, one row per metric, for gnuplot and spreadsheets. */
#include <inttypes.h>
#include <string.h>
#include "names.h"
#include "results.h"
#include "mem_sampler.h"

#define CSV_HEADER "run,profile,scenario,via,device,size_bytes,threads,op,metric,value,unit\n"

/* RFC 4180: quote a field only when it holds a separator, quote or newline. */
static void csv_field(FILE *fp, const char *s)
{
	if (!s[strcspn(s, ",\"\r\n")]) {
		fputs(s, fp);
		return;
	}
	fputc('"', fp);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', fp);
		fputc(*s, fp);
	}
	fputc('"', fp);
}

/* Everything before "op": the same for all rows of a repetition. */
static void row_prefix(FILE *fp, const struct run_result *r, uint32_t rep)
{
	const struct dmabench_params *p = &r->config->params;

	fprintf(fp, "%u,", rep);
	csv_field(fp, r->profile);
	fputc(',', fp);
	csv_field(fp, p->scenario);
	fprintf(fp, ",%s,", opt_name_of(dmabench_via_names, p->via) ?: "?");
	csv_field(fp, r->device.name);
	fprintf(fp, ",%" PRIu64 ",%u,", (uint64_t)p->size_bytes, p->threads);
}

/* Every metric of one op (or of the whole iteration), a row each. */
static void op_rows(FILE *fp, const struct run_result *r, uint32_t rep,
		    const struct op_summary *s)
{
	uint64_t u;
	double d;
	size_t i;

	for (i = 0; i < op_metrics_count; i++) {
		const struct metric *m = &op_metrics[i];
		bool known = metric_value(m, s, &u, &d);

		row_prefix(fp, r, rep);
		csv_field(fp, s->name);
		fprintf(fp, ",%s,", m->key);
		/* Unknown (no samples): an empty field, never a made-up 0. */
		if (known && m->kind == METRIC_F64)
			fprintf(fp, "%.3f", d);
		else if (known)
			fprintf(fp, "%" PRIu64, u);
		fprintf(fp, ",%s\n", m->unit);
	}
}

int run_result_write_csv(FILE *fp, const struct run_result *r)
{
	struct op_summary s;
	uint32_t rep, op;
	uint64_t u;
	size_t i;

	fputs(CSV_HEADER, fp);
	for (rep = 0; rep < r->nreps; rep++) {
		const struct repetition *R = &r->reps[rep];

		for (i = 0; i < rep_metrics_count; i++) {
			memcpy(&u, (const char *)&R->results + rep_metrics[i].offset,
			       sizeof(u));
			row_prefix(fp, r, rep);
			fprintf(fp, "all,%s,%" PRIu64 ",%s\n", rep_metrics[i].key, u,
				rep_metrics[i].unit);
		}
		if (R->vmalloc && R->vmalloc->have_vmallocinfo) {
			const struct vm_summary *v = R->vmalloc;
			const struct { const char *key; uint64_t value; const char *unit; } vrows[] = {
				{ "dma_vmalloc_bytes_baseline", v->dma_bytes.baseline, "bytes" },
				{ "dma_vmalloc_bytes_peak", v->dma_bytes.peak, "bytes" },
				{ "dma_vmalloc_bytes_end", v->dma_bytes.end, "bytes" },
				{ "dma_vmalloc_areas_peak", v->dma_areas.peak, "areas" },
				{ "vmalloc_back_to_baseline", v->back_to_baseline, "bool" },
			};

			for (i = 0; i < sizeof(vrows) / sizeof(vrows[0]); i++) {
				row_prefix(fp, r, rep);
				fprintf(fp, "vmalloc,%s,%" PRIu64 ",%s\n", vrows[i].key,
					vrows[i].value, vrows[i].unit);
			}
		}
		/* Slots of 2 KiB; rows only where the guest has a swiotlb. */
		if (R->vmalloc && R->vmalloc->have_swiotlb) {
			const struct vm_stat *sl = &R->vmalloc->swiotlb_used_slots;
			const struct { const char *key; uint64_t value; } srows[] = {
				{ "swiotlb_used_slots_baseline", sl->baseline },
				{ "swiotlb_used_slots_peak", sl->peak },
				{ "swiotlb_used_slots_end", sl->end },
			};

			for (i = 0; i < sizeof(srows) / sizeof(srows[0]); i++) {
				row_prefix(fp, r, rep);
				fprintf(fp, "swiotlb,%s,%" PRIu64 ",slots\n", srows[i].key,
					srows[i].value);
			}
		}
		for (op = 0; op < R->results.nops && op < DMABENCH_MAX_OPS; op++) {
			rep_op_summary(R, op, &s);
			op_rows(fp, r, rep, &s);
		}
		if (rep_whole_iteration_summary(R, &s))
			op_rows(fp, r, rep, &s);
	}
	return ferror(fp) ? -1 : 0;
}
