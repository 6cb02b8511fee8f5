// SPDX-License-Identifier: GPL-2.0
/*
 * dmabench report RUNDIR: RUNDIR/report.md and RUNDIR/report.html for one
 * run of `make run` (RUNDIR/<profile>/<entry>.json, <profile>/alloc/pairs.json,
 * RUNDIR/matrix, RUNDIR/plots/). States the fingerprint (kernel, profiles,
 * clock and its cost, tracing), the matrix, the summary table (medians over
 * repetitions), findings computed from the data, and the plots found in
 * RUNDIR/plots/. Every figure comes from the run's files.
 *
 * What the report shows of each entry is declared on its matrix line
 * (lib/matrix.h): the plots (plot=) and the comparisons (vs=). The plot data
 * (per-profile bars, histograms and CDFs of the entries that ask for them,
 * old-vs-attribute bars from the pairs) goes to RUNDIR/plots/data/;
 * --data-only writes only that, so that analysis/make-report can plot it
 * before the report lists the plots.
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <jansson.h>
#include "cmd.h"
#include "lib/atomic_file.h"
#include "lib/hist.h"
#include "lib/matrix.h"
#include "lib/result_set.h"
#include "lib/run_options.h"
#include "lib/stats.h"

#define REPORT_MAX_PROFILES	32
#define REPORT_ALPHA		0.05

struct report_config {
	uint32_t data_only;	/* write only the plot data */
};

static const struct opt_desc report_opts[] = {
	{ .name = "data-only", .json_key = "data_only", .type = OPT_SWITCH,
	  .offset = offsetof(struct report_config, data_only),
	  .field_size = sizeof(uint32_t),
	  .help = "write only the plot data (RUNDIR/plots/data/)" },
};

const struct opt_table report_options = {
	report_opts, sizeof(report_opts) / sizeof(report_opts[0])
};

/* ---- the run ---- */

struct report {
	const char *dir;
	struct result_set rs;
	struct matrix matrix;		/* RUNDIR/matrix; empty when there is none */
	bool have_matrix;
	const char *profiles[REPORT_MAX_PROFILES];
	size_t nprofiles;
	json_t *pairs[REPORT_MAX_PROFILES];	/* <profile>/alloc/pairs.json or NULL */
};

/* Median over repetitions of metric of op in profile/entry; NaN if absent. */
static double med(const struct report *r, const char *profile, const char *entry,
		  const char *op, const char *metric)
{
	const struct result_entry *e = result_set_find(&r->rs, profile, entry);
	double v[DMABENCH_MAX_REPEAT];

	if (!e)
		return NAN;
	return stats_median(v, result_metric_values(e->j, op, metric, v,
						    DMABENCH_MAX_REPEAT));
}

/*
 * A figure of the report: its per-repetition values and the median's
 * interval over them. Findings compare figures through fig_diff().
 */
struct fig {
	double v[DMABENCH_MAX_REPEAT];
	size_t n;
	struct stats_ci ci;	/* estimate NaN when n is 0 */
};

static void fig_finish(struct fig *f)
{
	if (!f->n || stats_median_ci(f->v, f->n, STATS_CI_LEVEL, &f->ci))
		f->ci = (struct stats_ci){ NAN, NAN, NAN, NAN, false, 0 };
}

/* metric of op in profile/entry, per repetition. */
static void fig_op(const struct report *r, const char *profile, const char *entry,
		   const char *op, const char *metric, struct fig *f)
{
	const struct result_entry *e = result_set_find(&r->rs, profile, entry);

	f->n = e ? result_metric_values(e->j, op, metric, f->v, DMABENCH_MAX_REPEAT) : 0;
	fig_finish(f);
}

static bool fig_known(const struct fig *f)
{
	return f->n && !isnan(f->ci.estimate);
}

/* "160 ns [150, 170]": the median and its interval. */
static const char *fig_text(char *buf, size_t len, const struct fig *f)
{
	snprintf(buf, len, "%.0f ns [%.0f, %.0f]", f->ci.estimate, f->ci.lo, f->ci.hi);
	return buf;
}

/*
 * b - a in words: the Hodges-Lehmann shift with its interval and the
 * Mann-Whitney p-value; "no significant difference" when p >= alpha.
 */
static const char *fig_diff(char *buf, size_t len, const struct fig *a,
			    const struct fig *b)
{
	struct stats_ci d;
	struct mwu_result t;

	if (stats_shift_ci(a->v, a->n, b->v, b->n, STATS_CI_LEVEL, &d) ||
	    stats_mann_whitney(a->v, a->n, b->v, b->n, &t)) {
		snprintf(buf, len, "difference not testable");
		return buf;
	}
	snprintf(buf, len, "%s %+.0f ns (%.0f%% CI [%+.0f, %+.0f], Mann-Whitney p = %.3g%s)",
		 t.p_value < REPORT_ALPHA ? "difference" : "no significant difference:",
		 d.estimate, d.level * 100, d.lo, d.hi, t.p_value,
		 t.p_min >= REPORT_ALPHA ? ", too few repetitions to ever reach "
		 "significance" : "");
	return buf;
}

static bool has_profile(const struct report *r, const char *p)
{
	size_t i;

	for (i = 0; i < r->nprofiles; i++)
		if (!strcmp(r->profiles[i], p))
			return true;
	return false;
}

/* ---- one document, two renderings (markdown and HTML) ---- */

struct doc {
	FILE *md, *html;
	bool in_list;
};

static void html_escape(FILE *fp, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '<': fputs("&lt;", fp); break;
		case '>': fputs("&gt;", fp); break;
		case '&': fputs("&amp;", fp); break;
		case '"': fputs("&quot;", fp); break;
		default: fputc(*s, fp);
		}
	}
}

static void doc_end_list(struct doc *d)
{
	if (d->in_list) {
		fputs("</ul>\n", d->html);
		fputc('\n', d->md);
		d->in_list = false;
	}
}

static void doc_h(struct doc *d, int level, const char *text)
{
	doc_end_list(d);
	fprintf(d->md, "%.*s %s\n\n", level, "######", text);
	fprintf(d->html, "<h%d>", level);
	html_escape(d->html, text);
	fprintf(d->html, "</h%d>\n", level);
}

static void doc_vtext(struct doc *d, bool item, const char *fmt, va_list ap)
{
	char *text = NULL;

	if (vasprintf(&text, fmt, ap) < 0)
		return;
	if (item) {
		if (!d->in_list)
			fputs("<ul>\n", d->html);
		d->in_list = true;
		fprintf(d->md, "- %s\n", text);
		fputs("<li>", d->html);
		html_escape(d->html, text);
		fputs("</li>\n", d->html);
	} else {
		doc_end_list(d);
		fprintf(d->md, "%s\n\n", text);
		fputs("<p>", d->html);
		html_escape(d->html, text);
		fputs("</p>\n", d->html);
	}
	free(text);
}

__attribute__((format(printf, 2, 3)))
static void doc_p(struct doc *d, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	doc_vtext(d, false, fmt, ap);
	va_end(ap);
}

__attribute__((format(printf, 2, 3)))
static void doc_li(struct doc *d, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	doc_vtext(d, true, fmt, ap);
	va_end(ap);
}

static void doc_row(struct doc *d, const char *const *cells, size_t n, bool head)
{
	size_t i;

	fputc('|', d->md);
	fputs("<tr>", d->html);
	for (i = 0; i < n; i++) {
		const char *c;

		fputc(' ', d->md);
		for (c = cells[i]; *c; c++) {	/* attrs are joined with '|' */
			if (*c == '|')
				fputc('\\', d->md);
			fputc(*c, d->md);
		}
		fputs(" |", d->md);
		fputs(head ? "<th>" : "<td>", d->html);
		html_escape(d->html, cells[i]);
		fputs(head ? "</th>" : "</td>", d->html);
	}
	fputc('\n', d->md);
	fputs("</tr>\n", d->html);
	if (head) {
		fputc('|', d->md);
		for (i = 0; i < n; i++)
			fputs("---|", d->md);
		fputc('\n', d->md);
	}
}

static void doc_table_begin(struct doc *d, const char *const *head, size_t n)
{
	doc_end_list(d);
	fputs("<table>\n", d->html);
	doc_row(d, head, n, true);
}

static void doc_table_end(struct doc *d)
{
	fputs("</table>\n", d->html);
	fputc('\n', d->md);
}

static void doc_pre(struct doc *d, const char *text)
{
	doc_end_list(d);
	fprintf(d->md, "```\n%s```\n\n", text);
	fputs("<pre>", d->html);
	html_escape(d->html, text);
	fputs("</pre>\n", d->html);
}

/* rel: "plots/x.png"; its SVG twin (same name) is linked from the image. */
static void doc_img(struct doc *d, const char *rel)
{
	char svg[PATH_MAX];
	size_t n = strlen(rel);

	snprintf(svg, sizeof(svg), "%.*s.svg", (int)(n > 4 ? n - 4 : n), rel);
	doc_end_list(d);
	fprintf(d->md, "![%s](%s) ([SVG](%s))\n\n", rel, rel, svg);
	fputs("<figure><a href=\"", d->html);
	html_escape(d->html, svg);
	fputs("\"><img src=\"", d->html);
	html_escape(d->html, rel);
	fputs("\" alt=\"\"></a><figcaption>", d->html);
	html_escape(d->html, rel);
	fputs("</figcaption></figure>\n", d->html);
}

static void fmt_ns(char *buf, size_t len, double v)
{
	if (isnan(v))
		snprintf(buf, len, "-");
	else
		snprintf(buf, len, "%.0f", v);
}

/* ---- sections ---- */

/* Distinct values of a header field over every entry, "a (n), b (m)". */
static void distinct(const struct report *r, const char *key, char *buf, size_t len)
{
	const char *seen[64];
	size_t count[64], nseen = 0, i, k;

	for (i = 0; i < r->rs.n; i++) {
		json_t *v = json_object_get(r->rs.e[i].j, key);
		const char *s = json_is_string(v) ? json_string_value(v) :
				json_is_false(v) ? "off" : "?";

		for (k = 0; k < nseen && strcmp(seen[k], s); k++)
			;
		if (k == nseen && nseen < 64) {
			seen[nseen] = s;
			count[nseen++] = 0;
		}
		if (k < nseen)
			count[k]++;
	}
	buf[0] = '\0';
	for (k = 0; k < nseen; k++)
		snprintf(buf + strlen(buf), len - strlen(buf), "%s%s", k ? ", " : "",
			 seen[k]);
	/* Results of one run should agree: say so loudly when they do not. */
	if (nseen > 1) {
		buf[0] = '\0';
		for (k = 0; k < nseen; k++)
			snprintf(buf + strlen(buf), len - strlen(buf), "%s%s (%zu files)",
				 k ? ", " : "", seen[k], count[k]);
		snprintf(buf + strlen(buf), len - strlen(buf), ": MIXED");
	}
}

static void section_fingerprint(struct doc *d, const struct report *r)
{
	char buf[2048], list[1024] = "";
	size_t i, p;

	doc_h(d, 2, "Fingerprint");
	distinct(r, "kernel_release", buf, sizeof(buf));
	doc_li(d, "kernel: %s", buf);
	distinct(r, "kernel_version", buf, sizeof(buf));
	doc_li(d, "kernel version: %s", buf);
	distinct(r, "hypervisor", buf, sizeof(buf));
	doc_li(d, "hypervisor: %s (TCGTCGTCGTCG: QEMU's emulator, none: bare metal)", buf);
	for (p = 0; p < r->nprofiles; p++)
		snprintf(list + strlen(list), sizeof(list) - strlen(list), "%s%s",
			 p ? ", " : "", r->profiles[p]);
	doc_li(d, "profiles: %s", list);
	distinct(r, "clocksource", buf, sizeof(buf));
	doc_li(d, "clocksource: %s", buf);
	for (p = 0; p < r->nprofiles; p++) {
		double v[1024], lo = INFINITY, hi = -INFINITY;
		size_t n = 0;

		for (i = 0; i < r->rs.n && n < 1024; i++) {
			json_t *c = json_object_get(r->rs.e[i].j, "clock_read_ns");

			if (strcmp(r->rs.e[i].profile, r->profiles[p]) || !json_is_number(c))
				continue;
			v[n] = json_number_value(c);
			lo = fmin(lo, v[n]);
			hi = fmax(hi, v[n]);
			n++;
		}
		if (n)
			doc_li(d, "clock_read_ns (%s): median %.0f over %zu results (%.0f..%.0f)",
			       r->profiles[p], stats_median(v, n), n, lo, hi);
	}
	distinct(r, "traced", buf, sizeof(buf));
	doc_li(d, "tracing: %s", buf);
	distinct(r, "tool_version", buf, sizeof(buf));
	doc_li(d, "dmabench version: %s", buf);
	doc_li(d, "result files: %zu", r->rs.n);
}

static void section_matrix(struct doc *d, const struct report *r)
{
	char path[PATH_MAX], line[4096];
	char *text = NULL;
	size_t len = 0;
	FILE *in, *mem;

	doc_h(d, 2, "Matrix");
	snprintf(path, sizeof(path), "%s/matrix", r->dir);
	in = fopen(path, "r");
	if (!in) {
		doc_p(d, "No %s: the entries are those of the summary below.", path);
		return;
	}
	mem = open_memstream(&text, &len);
	while (mem && fgets(line, sizeof(line), in))
		if (line[0] != '#' && line[0] != '\n')
			fputs(line, mem);
	fclose(in);
	if (mem) {
		fclose(mem);
		doc_p(d, "One dmabench run per line (from %s), run in every profile:", path);
		doc_pre(d, text);
	}
	free(text);
}

static void section_summary(struct doc *d, const struct report *r)
{
	static const char *const head[] = {
		"profile", "entry", "op", "p50_ns", "p50_ns_ci", "p99_ns", "mean_ns",
		"reps", "samples", "errors"
	};
	size_t i, k;

	doc_h(d, 2, "Summary");
	doc_p(d, "Median over repetitions of each repetition's figure (as dmabench summary); "
	      "p50_ns_ci: its %.0f%% interval (%s; below 6 repetitions [min, max], "
	      "which covers less).", STATS_CI_LEVEL * 100, stats_ci_method);
	doc_table_begin(d, head, 10);
	for (i = 0; i < r->rs.n; i++) {
		const struct result_entry *e = &r->rs.e[i];
		json_t *ops0 = result_ops(e->j);
		const char *op;
		json_t *unused;

		json_object_foreach(ops0, op, unused) {
			char p50[32], p99[32], mean[32], reps[32], samples[32], errors[32];
			char ci[64];
			const char *cells[10];
			static struct fig f;
			json_int_t cnt = 0, err = 0;

			for (k = 0; k < result_nreps(e->j); k++) {
				json_t *o = result_rep_op(e->j, k, op);

				cnt = result_int_add(cnt,
					json_integer_value(json_object_get(o, "count")));
				err = result_int_add(err,
					json_integer_value(json_object_get(o, "errors")));
			}
			fmt_ns(p50, sizeof(p50), med(r, e->profile, e->entry, op, "p50_ns"));
			fmt_ns(p99, sizeof(p99), med(r, e->profile, e->entry, op, "p99_ns"));
			fmt_ns(mean, sizeof(mean), med(r, e->profile, e->entry, op, "mean_ns"));
			snprintf(reps, sizeof(reps), "%zu", result_nreps(e->j));
			snprintf(samples, sizeof(samples), "%lld", (long long)cnt);
			snprintf(errors, sizeof(errors), "%lld", (long long)err);
			fig_op(r, e->profile, e->entry, op, "p50_ns", &f);
			if (fig_known(&f))
				snprintf(ci, sizeof(ci), "[%.0f, %.0f]", f.ci.lo, f.ci.hi);
			else
				snprintf(ci, sizeof(ci), "-");
			cells[0] = e->profile; cells[1] = e->entry; cells[2] = op;
			cells[3] = p50; cells[4] = ci; cells[5] = p99; cells[6] = mean;
			cells[7] = reps; cells[8] = samples; cells[9] = errors;
			doc_row(d, cells, 10, false);
		}
	}
	doc_table_end(d);
}

/* The ops of an entry's first result in any profile, in its order. */
static json_t *entry_ops(const struct report *r, const char *entry)
{
	size_t p;

	for (p = 0; p < r->nprofiles; p++) {
		const struct result_entry *e = result_set_find(&r->rs, r->profiles[p], entry);

		if (e)
			return result_ops(e->j);
	}
	return NULL;
}

/*
 * The sum of METRIC over an entry's ops, per repetition: one iteration's
 * cost (map + unmap), comparable between entries that time different steps
 * (the IOVA API against map_sg).
 */
/*
 * An op that never ran in any repetition, and never failed either: the
 * fallback's fell_back where dma_iova_try_alloc always works. It did no
 * work, so it adds nothing to a sum (rather than making it unknown).
 */
static bool op_never_ran(const struct report *r, const char *profile,
			 const char *entry, const char *op)
{
	const struct result_entry *e = result_set_find(&r->rs, profile, entry);
	double v[DMABENCH_MAX_REPEAT];
	size_t i, n;

	if (!e)
		return false;
	n = result_metric_values(e->j, op, "count", v, DMABENCH_MAX_REPEAT);
	for (i = 0; i < n; i++)
		if (v[i])
			return false;
	n = result_metric_values(e->j, op, "errors", v, DMABENCH_MAX_REPEAT);
	for (i = 0; i < n; i++)
		if (v[i])
			return false;
	return true;
}

static void fig_ops_sum(const struct report *r, const char *profile,
			const char *entry, const char *metric, struct fig *f)
{
	json_t *ops = entry_ops(r, entry), *unused;
	static struct fig one;
	const char *op;
	size_t i;
	bool first = true;

	f->n = 0;
	json_object_foreach(ops, op, unused) {
		if (op_never_ran(r, profile, entry, op))
			continue;
		fig_op(r, profile, entry, op, metric, &one);
		if (first) {
			*f = one;
			first = false;
			continue;
		}
		if (one.n < f->n)
			f->n = one.n;
		for (i = 0; i < f->n; i++)
			f->v[i] += one.v[i];
	}
	fig_finish(f);
}

/* "map + unmap": the ops an entry's sum adds up. */
static const char *ops_text(char *buf, size_t len, const struct report *r,
			    const char *entry)
{
	json_t *unused;
	const char *op;

	buf[0] = '\0';
	json_object_foreach(entry_ops(r, entry), op, unused)
		snprintf(buf + strlen(buf), len - strlen(buf), "%s%s", buf[0] ? " + " : "", op);
	return buf;
}

/* "x = 2.00x y": a ratio only where the divisor is known and not zero. */
static const char *ratio_text(char *buf, size_t len, const struct fig *a,
			      const struct fig *b)
{
	if (fig_known(b) && b->ci.estimate)
		snprintf(buf, len, " = %.2fx", a->ci.estimate / b->ci.estimate);
	else
		buf[0] = '\0';
	return buf;
}

static const char *line_title(const struct matrix_line *l)
{
	return l->title[0] ? l->title : l->name;
}

/*
 * Whole iterations, p50 and p99, of entry a in profile pa against entry b
 * in profile pb: what a list of ops costs end to end, and its tail, which
 * no sum of the ops' percentiles gives. Lines shown.
 */
static int whole_iteration_lines(struct doc *d, const struct report *r,
				 const char *lead, const char *pa, const char *a_entry,
				 const char *pb, const char *b_entry,
				 const char *la, const char *lb)
{
	static const char *const metric[] = { "p50_ns", "p99_ns" };
	static struct fig a, b;
	char ta[96], tb[96], diff[256], x[32];
	int shown = 0;
	size_t m;

	for (m = 0; m < 2; m++) {
		fig_op(r, pa, a_entry, RESULT_WHOLE_ITERATION, metric[m], &a);
		fig_op(r, pb, b_entry, RESULT_WHOLE_ITERATION, metric[m], &b);
		if (!fig_known(&a) || !fig_known(&b))
			continue;
		shown++;
		doc_li(d, "%swhole iteration %.3s: %s %s vs %s %s%s; %s - %s: %s", lead,
		       metric[m], la, fig_text(ta, sizeof(ta), &a), lb,
		       fig_text(tb, sizeof(tb), &b), ratio_text(x, sizeof(x), &a, &b),
		       la, lb, fig_diff(diff, sizeof(diff), &b, &a));
	}
	return shown;
}

/* across=PROFILE: the entry in every profile against it in PROFILE. */
static void finding_across(struct doc *d, const struct report *r,
			   const struct matrix_line *l)
{
	static struct fig base, v;
	char a[96], b[96], diff[256], x[32], ops[128];
	char head[MATRIX_TITLE_LEN + 3 * MATRIX_NAME_LEN + 128];
	size_t p;

	snprintf(head, sizeof(head), "%s: %s in each profile vs %s (p50 of %s)",
		 line_title(l), l->name, l->across, ops_text(ops, sizeof(ops), r, l->name));
	doc_h(d, 3, head);
	fig_ops_sum(r, l->across, l->name, "p50_ns", &base);
	for (p = 0; p < r->nprofiles; p++) {
		const char *pr = r->profiles[p];

		fig_ops_sum(r, pr, l->name, "p50_ns", &v);
		if (!fig_known(&v))
			doc_li(d, "%s: %s not in this run", pr, l->name);
		else if (!strcmp(pr, l->across))
			doc_li(d, "%s: %s (the reference)", pr, fig_text(a, sizeof(a), &v));
		else if (!fig_known(&base))
			doc_li(d, "%s: %s (no %s profile to compare with)", pr,
			       fig_text(a, sizeof(a), &v), l->across);
		else
			doc_li(d, "%s: %s%s %s (%s); %s", pr, fig_text(a, sizeof(a), &v),
			       ratio_text(x, sizeof(x), &v, &base), l->across,
			       fig_text(b, sizeof(b), &base),
			       fig_diff(diff, sizeof(diff), &base, &v));
	}
}

/* between=A,B: the entry in profile A against it in B, op by op and summed. */
static void finding_between(struct doc *d, const struct report *r,
			    const struct matrix_line *l)
{
	const char *pa = l->between[0], *pb = l->between[1];
	json_t *ops = entry_ops(r, l->name), *unused;
	static struct fig a, b;
	char ta[96], tb[96], diff[256], x[32];
	char head[MATRIX_TITLE_LEN + 3 * MATRIX_NAME_LEN + 32];
	const char *op;
	int shown = 0;

	snprintf(head, sizeof(head), "%s: %s vs %s (%s, p50)", line_title(l), pa, pb,
		 l->name);
	doc_h(d, 3, head);
	json_object_foreach(ops, op, unused) {
		fig_op(r, pa, l->name, op, "p50_ns", &a);
		fig_op(r, pb, l->name, op, "p50_ns", &b);
		if (!fig_known(&a) || !fig_known(&b))
			continue;
		shown++;
		doc_li(d, "%s: %s %s vs %s %s%s; %s - %s: %s", op, pa,
		       fig_text(ta, sizeof(ta), &a), pb, fig_text(tb, sizeof(tb), &b),
		       ratio_text(x, sizeof(x), &a, &b), pa, pb,
		       fig_diff(diff, sizeof(diff), &b, &a));
	}
	fig_ops_sum(r, pa, l->name, "p50_ns", &a);
	fig_ops_sum(r, pb, l->name, "p50_ns", &b);
	if (json_object_size(ops) > 1 && fig_known(&a) && fig_known(&b))
		doc_li(d, "every op (sum of the ops' p50): %s %s vs %s %s%s; %s - %s: %s",
		       pa, fig_text(ta, sizeof(ta), &a), pb, fig_text(tb, sizeof(tb), &b),
		       ratio_text(x, sizeof(x), &a, &b), pa, pb,
		       fig_diff(diff, sizeof(diff), &b, &a));
	whole_iteration_lines(d, r, "", pa, l->name, pb, l->name, pa, pb);
	if (!shown)
		doc_p(d, "Needs %s in both %s and %s: not in this run.", l->name, pa, pb);
}

/* Whether two entries time the same ops. */
static bool same_ops(const struct report *r, const char *a, const char *b)
{
	json_t *oa = entry_ops(r, a), *ob = entry_ops(r, b), *unused;
	const char *op;

	if (json_object_size(oa) != json_object_size(ob))
		return false;
	json_object_foreach(oa, op, unused)
		if (!json_object_get(ob, op))
			return false;
	return true;
}

/*
 * The comparisons the matrix declares (vs=): in every profile, each op the
 * two entries share, p50 against p50 with the difference's interval and
 * test; where their ops differ, also the sum of the ops' p50s. A new or
 * renamed matrix line gets its finding from its tags alone.
 */
static void finding_declared(struct doc *d, const struct report *r,
			     const struct matrix_line *l)
{
	static struct fig a, b;
	char ta[96], tb[96], diff[256], head[MATRIX_TITLE_LEN + 3 * MATRIX_NAME_LEN];
	char lead[128];
	size_t p, k;
	int shown = 0;

	for (k = 0; k < l->nvs; k++) {
		json_t *ops = entry_ops(r, l->name), *unused;
		const char *op;

		if (l->title[0])
			snprintf(head, sizeof(head), "%s (%s vs %s, p50)", l->title, l->name,
				 l->vs[k]);
		else
			snprintf(head, sizeof(head), "%s vs %s (p50)", l->name, l->vs[k]);
		doc_h(d, 3, head);
		shown = 0;
		for (p = 0; p < r->nprofiles; p++) {
			const char *pr = r->profiles[p];

			json_object_foreach(ops, op, unused) {
				fig_op(r, pr, l->name, op, "p50_ns", &a);
				fig_op(r, pr, l->vs[k], op, "p50_ns", &b);
				if (!fig_known(&a) || !fig_known(&b))
					continue;
				shown++;
				doc_li(d, "%s %s: %s %s vs %s %s; %s - %s: %s", pr, op,
				       l->name, fig_text(ta, sizeof(ta), &a), l->vs[k],
				       fig_text(tb, sizeof(tb), &b), l->name, l->vs[k],
				       fig_diff(diff, sizeof(diff), &b, &a));
			}
			snprintf(lead, sizeof(lead), "%s, ", pr);
			shown += whole_iteration_lines(d, r, lead, pr, l->name, pr,
						       l->vs[k], l->name, l->vs[k]);
			if (same_ops(r, l->name, l->vs[k]))
				continue;
			fig_ops_sum(r, pr, l->name, "p50_ns", &a);
			fig_ops_sum(r, pr, l->vs[k], "p50_ns", &b);
			if (!fig_known(&a) || !fig_known(&b))
				continue;
			shown++;
			doc_li(d, "%s, every op (sum of the ops' p50): %s %s vs %s %s; %s - %s: %s",
			       pr, l->name, fig_text(ta, sizeof(ta), &a), l->vs[k],
			       fig_text(tb, sizeof(tb), &b), l->name, l->vs[k],
			       fig_diff(diff, sizeof(diff), &b, &a));
		}
		if (!shown)
			doc_p(d, "No profile of this run has both %s and %s.", l->name,
			      l->vs[k]);
	}
}

static void findings_declared(struct doc *d, const struct report *r)
{
	size_t i;

	if (!r->have_matrix) {
		doc_p(d, "No %s/matrix: no comparisons declared.", r->dir);
		return;
	}
	for (i = 0; i < r->matrix.n; i++) {
		const struct matrix_line *l = &r->matrix.line[i];

		if (l->across[0])
			finding_across(d, r, l);
		if (l->between[0][0])
			finding_between(d, r, l);
		if (l->nvs)
			finding_declared(d, r, l);
	}
}

/* One entry of a scale= series in one profile: its size, threads and the
 * sum of its ops' p50. */
struct scale_point {
	long long size_bytes, threads;
	double p50_ns;
};

static int cmp_scale(const void *a, const void *b)
{
	const struct scale_point *x = a, *y = b;

	if (x->threads != y->threads)
		return (x->threads > y->threads) - (x->threads < y->threads);
	return (x->size_bytes > y->size_bytes) - (x->size_bytes < y->size_bytes);
}

static long long param_int(const json_t *j, const char *key)
{
	return json_integer_value(json_object_get(json_object_get(j, "params"), key));
}

#define REPORT_MAX_POINTS 64

static size_t scale_points(const struct report *r, const char *series,
			   const char *profile, struct scale_point *pts, size_t max)
{
	static struct fig f;
	size_t i, n = 0;

	for (i = 0; i < r->matrix.n && n < max; i++) {
		const struct matrix_line *l = &r->matrix.line[i];
		const struct result_entry *e;

		if (strcmp(l->scale, series))
			continue;
		e = result_set_find(&r->rs, profile, l->name);
		fig_ops_sum(r, profile, l->name, "p50_ns", &f);
		if (!e || !fig_known(&f))
			continue;
		pts[n++] = (struct scale_point){ param_int(e->j, "size_bytes"),
						 param_int(e->j, "threads"), f.ci.estimate };
	}
	qsort(pts, n, sizeof(*pts), cmp_scale);
	return n;
}

/* The series the matrix declares (scale=), each once, in matrix order. */
static const char *next_series(const struct report *r, size_t *i)
{
	for (; *i < r->matrix.n; (*i)++) {
		const struct matrix_line *l = &r->matrix.line[*i];
		size_t k;

		if (!l->scale[0])
			continue;
		for (k = 0; k < *i; k++)
			if (!strcmp(r->matrix.line[k].scale, l->scale))
				break;
		if (k == *i)
			return r->matrix.line[(*i)++].scale;
	}
	return NULL;
}

static void finding_scale(struct doc *d, const struct report *r, const char *series)
{
	struct scale_point pts[REPORT_MAX_POINTS];
	char head[MATRIX_NAME_LEN + 96];
	size_t p, i, n;
	int shown = 0;

	snprintf(head, sizeof(head), "%s vs buffer size and threads: sum of the ops' p50",
		 series);
	doc_h(d, 3, head);
	for (p = 0; p < r->nprofiles; p++) {
		char line[1024] = "";

		n = scale_points(r, series, r->profiles[p], pts, REPORT_MAX_POINTS);
		if (n < 2)
			continue;
		shown++;
		/* pts[0]: the fewest threads, smallest size: the reference. */
		for (i = 0; i < n; i++)
			snprintf(line + strlen(line), sizeof(line) - strlen(line),
				 "%s%lld B x %lld thread%s %.0f ns", i ? ", " : "",
				 pts[i].size_bytes, pts[i].threads,
				 pts[i].threads == 1 ? "" : "s", pts[i].p50_ns);
		for (i = 1; i < n; i++)
			snprintf(line + strlen(line), sizeof(line) - strlen(line),
				 "%s%lld B x %lld: %.2fx", i == 1 ? " (relative to the first: " :
				 ", ", pts[i].size_bytes, pts[i].threads,
				 pts[i].p50_ns / pts[0].p50_ns);
		doc_li(d, "%s: %s)", r->profiles[p], line);
	}
	if (!shown)
		doc_p(d, "No profile of this run has two entries of %s.", series);
}

static void findings_scale(struct doc *d, const struct report *r)
{
	const char *series;
	size_t i = 0;

	while ((series = next_series(r, &i)))
		finding_scale(d, r, series);
}

struct scale_dat {
	const struct report *r;
	const char *series;
	bool by_threads;
};

/* size_bytes p50_ns per profile (fewest threads), or threads p50_ns
 * (smallest size). */
static int write_scale(FILE *fp, void *arg)
{
	const struct scale_dat *s = arg;
	const struct report *r = s->r;
	struct scale_point pts[REPORT_MAX_POINTS];
	size_t p, i, n;

	fprintf(fp, "# title: %s: latency vs %s\n", s->series,
		s->by_threads ? "threads" : "buffer size");
	fprintf(fp, "# from: the scale=%s matrix lines; regenerate: dmabench report "
		"RUNDIR --data-only && analysis/make-report RUNDIR\n", s->series);
	fprintf(fp, "# %s p50_ns (the sum of the ops' p50)\n",
		s->by_threads ? "threads" : "size_bytes");
	for (p = 0; p < r->nprofiles; p++) {
		size_t k = 0;

		n = scale_points(r, s->series, r->profiles[p], pts, REPORT_MAX_POINTS);
		for (i = 0; i < n; i++)
			k += s->by_threads ? pts[i].size_bytes == pts[0].size_bytes :
					     pts[i].threads == pts[0].threads;
		if (k < 2)
			continue;
		fprintf(fp, "#title %s\n", r->profiles[p]);
		for (i = 0; i < n; i++) {
			if (s->by_threads && pts[i].size_bytes == pts[0].size_bytes)
				fprintf(fp, "%lld %.0f\n", pts[i].threads, pts[i].p50_ns);
			else if (!s->by_threads && pts[i].threads == pts[0].threads)
				fprintf(fp, "%lld %.0f\n", pts[i].size_bytes, pts[i].p50_ns);
		}
		fprintf(fp, "\n\n");
	}
	return ferror(fp) ? -1 : 0;
}

/*
 * loop=ENTRY: the entry's per-op figures net of each run's own floor (the
 * sum of its ops' net figures) against ENTRY's loop-timed iteration, where
 * the run has both. Means first: a loop-timed sample is the mean of its
 * batch, so it carries the tail (a lazy IOMMU's periodic flush, say) that
 * a per-op median leaves out; the medians follow for the typical op.
 */
static void findings_net_vs_loop(struct doc *d, const struct report *r)
{
	static const char *const stat[][3] = {
		{ "mean", "net_mean_ns", "mean_ns" },
		{ "p50", "net_p50_ns", "p50_ns" },
	};
	static struct fig net, loop;
	char a[96], b[96], diff[256], ops[128];
	size_t i, p, k;
	int lines = 0, shown;

	doc_h(d, 3, "Per-op figures net of the floor vs loop-timed");
	doc_p(d, "Under an emulator (the lab's QEMU TCG) the two differ on the fast "
	      "paths by up to about 100 ns with where the module's code was placed "
	      "in memory, not with the DMA layer: there read a gap below a "
	      "microsecond as the emulator's (docs/measurement.md, \"Code placement "
	      "under TCG\").");
	for (i = 0; i < r->matrix.n; i++) {
		const struct matrix_line *l = &r->matrix.line[i];

		/* The floor net of itself is zero by construction. */
		if (!l->loop[0] || l->floor)
			continue;
		lines++;
		shown = 0;
		ops_text(ops, sizeof(ops), r, l->name);
		for (p = 0; p < r->nprofiles; p++) {
			const char *pr = r->profiles[p];

			for (k = 0; k < sizeof(stat) / sizeof(stat[0]); k++) {
				fig_ops_sum(r, pr, l->name, stat[k][1], &net);
				fig_op(r, pr, l->loop, "iteration", stat[k][2], &loop);
				if (!fig_known(&net) || !fig_known(&loop) || !loop.ci.estimate)
					continue;
				shown++;
				doc_li(d, "%s: %s (%s) %s net of the run's floor %s vs loop-timed "
				       "%s iteration %s %s (%+.1f%%); net - loop: %s", pr,
				       l->name, ops, stat[k][0], fig_text(a, sizeof(a), &net),
				       l->loop, stat[k][0], fig_text(b, sizeof(b), &loop),
				       (net.ci.estimate - loop.ci.estimate) /
				       loop.ci.estimate * 100,
				       fig_diff(diff, sizeof(diff), &loop, &net));
			}
		}
		if (!shown)
			doc_p(d, "No profile of this run has both %s's per-op figures net of "
			      "the floor (net_mean_ns, net_p50_ns) and %s.", l->name, l->loop);
	}
	if (!lines)
		doc_p(d, "No matrix line declares its loop-timed partner (loop=).");
}

/* role=floor: the harness floor, and what it is of each loop= entry. */
static void finding_floor(struct doc *d, const struct report *r)
{
	const struct matrix_line *floor = NULL;
	static struct fig f, m;
	size_t i, p;
	int shown = 0;

	doc_h(d, 3, "The harness floor");
	for (i = 0; i < r->matrix.n; i++)
		if (r->matrix.line[i].floor)
			floor = &r->matrix.line[i];
	if (!floor) {
		doc_p(d, "No matrix line is the floor (role=floor).");
		return;
	}
	for (p = 0; p < r->nprofiles; p++) {
		const char *pr = r->profiles[p];
		char line[1024], ops[128];
		double loop;

		fig_ops_sum(r, pr, floor->name, "p50_ns", &f);
		if (!fig_known(&f))
			continue;
		shown++;
		snprintf(line, sizeof(line), "%s: per-op floor p50 %.0f ns (%s)", pr,
			 f.ci.estimate, floor->name);
		loop = floor->loop[0] ? med(r, pr, floor->loop, "iteration", "p50_ns") : NAN;
		if (!isnan(loop))
			snprintf(line + strlen(line), sizeof(line) - strlen(line),
				 "; loop-timed floor %.1f ns per iteration (%s)", loop,
				 floor->loop);
		for (i = 0; i < r->matrix.n; i++) {
			const struct matrix_line *l = &r->matrix.line[i];
			size_t nops = json_object_size(entry_ops(r, l->name));

			if (!l->loop[0] || l == floor)
				continue;
			fig_ops_sum(r, pr, l->name, "p50_ns", &m);
			if (!fig_known(&m) || !m.ci.estimate)
				continue;
			snprintf(line + strlen(line), sizeof(line) - strlen(line),
				 "; %zu per-op floor%s %.0f%% of %s p50 (%s, %.0f ns)", nops,
				 nops == 1 ? " is" : "s are", 100 * nops * f.ci.estimate /
				 m.ci.estimate, l->name, ops_text(ops, sizeof(ops), r, l->name),
				 m.ci.estimate);
		}
		doc_li(d, "%s", line);
	}
	if (!shown)
		doc_p(d, "The floor entry %s is not in this run.", floor->name);
}

static void finding_vmalloc(struct doc *d, const struct report *r)
{
	static const char *const head[] = { "profile", "variant", "attrs",
		"vmalloc_bytes_per_buffer", "buffers_held" };
	size_t p, i;
	int shown = 0;

	doc_h(d, 3, "vmalloc bytes per buffer, per allocation variant (alloc/pairs.json)");
	for (p = 0; p < r->nprofiles; p++) {
		json_t *v = json_object_get(r->pairs[p], "variants");
		json_t *size = json_object_get(json_object_get(r->pairs[p], "params"),
					       "size_bytes");

		for (i = 0; i < json_array_size(v); i++) {
			json_t *x = json_array_get(v, i);
			json_t *b = json_object_get(x, "vmalloc_bytes_per_buffer");
			char bytes[64], held[32];
			const char *cells[5];

			if (!shown++) {
				doc_p(d, "Buffers of %lld bytes (pairs --size), DMA callers' "
				      "vmalloc bytes at the storm's peak over its baseline, "
				      "per buffer held.",
				      (long long)json_integer_value(size));
				doc_table_begin(d, head, 5);
			}
			if (json_is_number(b))
				snprintf(bytes, sizeof(bytes), "%.0f", json_number_value(b));
			else
				snprintf(bytes, sizeof(bytes), "not measured: %s",
					 result_str(x, "reason"));
			snprintf(held, sizeof(held), "%lld",
				 (long long)json_integer_value(json_object_get(x, "buffers_held")));
			cells[0] = r->profiles[p];
			cells[1] = result_str(x, "variant");
			cells[2] = result_str(x, "attrs");
			cells[3] = bytes;
			cells[4] = held;
			doc_row(d, cells, 5, false);
		}
	}
	if (shown)
		doc_table_end(d);
	else
		doc_p(d, "No <profile>/alloc/pairs.json in this run.");
}

static int png_filter(const struct dirent *e)
{
	size_t n = strlen(e->d_name);

	return n > 4 && !strcmp(e->d_name + n - 4, ".png");
}

static void section_plots(struct doc *d, const struct report *r)
{
	struct dirent **list;
	char path[PATH_MAX], rel[PATH_MAX];
	int n, i;

	doc_h(d, 2, "Plots");
	doc_p(d, "Each plot is drawn from its data file, plots/data/NAME.dat, which "
	      "names its matrix line; regenerate them all with: analysis/make-report %s",
	      r->dir);
	snprintf(path, sizeof(path), "%s/plots", r->dir);
	n = scandir(path, &list, png_filter, alphasort);
	if (n <= 0) {
		doc_p(d, "No plots in %s.", path);
		if (n == 0)
			free(list);
		return;
	}
	for (i = 0; i < n; i++) {
		snprintf(rel, sizeof(rel), "plots/%.250s", list[i]->d_name);
		doc_img(d, rel);
		free(list[i]);
	}
	free(list);
}

static void write_doc(struct doc *d, const struct report *r)
{
	char title[PATH_MAX + 64];

	snprintf(title, sizeof(title), "dmabench report: %s", r->dir);
	fprintf(d->html, "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>");
	html_escape(d->html, title);
	fprintf(d->html, "</title>\n<style>body{font-family:sans-serif;max-width:70em;"
		"margin:auto}table{border-collapse:collapse}td,th{border:1px solid #ccc;"
		"padding:2px 6px;text-align:right}img{max-width:100%%}</style>"
		"</head><body>\n");
	doc_h(d, 1, title);
	section_fingerprint(d, r);
	section_matrix(d, r);
	doc_h(d, 2, "Findings");
	doc_p(d, "Regenerate this report from the run's files with: dmabench report %s "
	      "(what each entry shows is declared on its line of %s/matrix).", r->dir,
	      r->dir);
	doc_p(d, "Computed from the results below: p50 figures are medians over "
	      "repetitions, each with its %.0f%% interval in brackets; a difference is the "
	      "Hodges-Lehmann shift between the two sets of repetitions with its interval "
	      "and a two-sided Mann-Whitney p-value (significant below %.2f; otherwise it "
	      "reads \"no significant difference\"). Per-op figures include about one clock "
	      "read (see the floor; every per-op result also gives them net of its own "
	      "floor, net_mean_ns and net_p50_ns).", STATS_CI_LEVEL * 100, REPORT_ALPHA);
	findings_declared(d, r);
	findings_scale(d, r);
	finding_floor(d, r);
	findings_net_vs_loop(d, r);
	finding_vmalloc(d, r);
	section_summary(d, r);
	section_plots(d, r);
	doc_end_list(d);
	fprintf(d->html, "</body></html>\n");
}

/* ---- plot data ---- */

/* "# title: ..." heads a data file: make-report reads it for the plot. */
static void dat_title(FILE *fp, const struct matrix_line *l, const char *what)
{
	fprintf(fp, "# title: %s: %s\n", l->title[0] ? l->title : l->name, what);
	fprintf(fp, "# from: %s | plot= of its matrix line; regenerate: dmabench report "
		"RUNDIR --data-only && analysis/make-report RUNDIR\n", l->name);
}


/* Cumulative fraction at each bucket's upper bound, merged over repetitions,
 * one block per (profile, op) of entry; "#title profile/op" heads a block. */
static int write_cdf(FILE *fp, void *arg)
{
	const struct report *r = ((void **)arg)[0];
	const struct matrix_line *l = ((void **)arg)[1];
	static struct hist h;
	uint64_t lo, hi;
	size_t p;
	uint32_t i;

	dat_title(fp, l, "latency CDF per profile and op");
	fprintf(fp, "# upper_ns cumulative_fraction\n");
	for (p = 0; p < r->nprofiles; p++) {
		const struct result_entry *e = result_set_find(&r->rs, r->profiles[p], l->name);
		json_t *unused;
		const char *op;

		if (!e)
			continue;
		json_object_foreach(result_ops(e->j), op, unused) {
			double total, cum = 0;

			result_op_hist(e->j, op, &h);
			total = (double)hist_count_in_buckets(&h);
			if (total <= 0)
				continue;
			fprintf(fp, "#title %s/%s\n", r->profiles[p], op);
			for (i = 0; i < DMABENCH_HIST_BUCKETS; i++) {
				if (!h.buckets[i])
					continue;
				cum += (double)h.buckets[i];
				hist_bucket_bounds(i, &lo, &hi);
				fprintf(fp, "%llu %.6f\n", (unsigned long long)hi, cum / total);
			}
			fprintf(fp, "\n\n");
		}
	}
	return ferror(fp) ? -1 : 0;
}

/* label old_p50 old_p90 old_p99 attr_p50 attr_p90 attr_p99 per pair and op. */
static int write_pairs_dat(FILE *fp, void *arg)
{
	const json_t *pairs = json_object_get(arg, "pairs");
	size_t i;

	fprintf(fp, "# label old_p50_ns old_p90_ns old_p99_ns attr_p50_ns attr_p90_ns "
		"attr_p99_ns\n");
	for (i = 0; i < json_array_size(pairs); i++) {
		json_t *pr = json_array_get(pairs, i), *o;
		const char *op;

		json_object_foreach(json_object_get(pr, "ops"), op, o) {
			json_t *a = json_object_get(o, "old"), *b = json_object_get(o, "attr");
			static const char *const k[] = { "p50_ns", "p90_ns", "p99_ns" };
			size_t m;

			if (!json_is_number(json_object_get(a, "p50_ns")) ||
			    !json_is_number(json_object_get(b, "p50_ns")))
				continue;
			fprintf(fp, "%s/%s:%s", result_str(pr, "old"), result_str(pr, "attr"), op);
			for (m = 0; m < 6; m++)
				fprintf(fp, " %.0f", json_number_value(json_object_get(
					m < 3 ? a : b, k[m % 3])));
			fputc('\n', fp);
		}
	}
	return ferror(fp) ? -1 : 0;
}

/* profile entry/op p50_ns p99_ns (medians over repetitions), per profile
 * and op, of the line's entry and of each entry it is compared with. */
static int write_profile_dat(FILE *fp, void *arg)
{
	const struct report *r = ((void **)arg)[0];
	const struct matrix_line *l = ((void **)arg)[1];
	size_t p, k;

	dat_title(fp, l, "per-op latency by profile");
	fprintf(fp, "# profile entry/op p50_ns p99_ns\n");
	for (p = 0; p < r->nprofiles; p++) {
		for (k = 0; k <= l->nvs; k++) {
			const char *entry = k ? l->vs[k - 1] : l->name;
			json_t *ops = entry_ops(r, entry), *unused;
			const char *op;

			json_object_foreach(ops, op, unused) {
				double p50 = med(r, r->profiles[p], entry, op, "p50_ns");
				double p99 = med(r, r->profiles[p], entry, op, "p99_ns");

				if (isnan(p50) || isnan(p99))
					continue;
				if (l->nvs)
					fprintf(fp, "%s %s/%s %.0f %.0f\n", r->profiles[p],
						entry, op, p50, p99);
				else
					fprintf(fp, "%s %s %.0f %.0f\n", r->profiles[p], op,
						p50, p99);
			}
		}
	}
	return ferror(fp) ? -1 : 0;
}

/* Fraction of the samples per bucket (lower bound), all repetitions merged,
 * one block per profile and op; "#title profile/op" heads a block. */
static int write_hist_dat(FILE *fp, void *arg)
{
	const struct report *r = ((void **)arg)[0];
	const struct matrix_line *l = ((void **)arg)[1];
	static struct hist h;
	size_t p;
	uint32_t i;

	dat_title(fp, l, "latency histogram (all repetitions)");
	for (p = 0; p < r->nprofiles; p++) {
		const struct result_entry *e = result_set_find(&r->rs, r->profiles[p], l->name);
		json_t *unused;
		const char *op;

		if (!e)
			continue;
		json_object_foreach(entry_ops(r, l->name), op, unused) {
			double total;

			result_op_hist(e->j, op, &h);
			total = (double)hist_count_in_buckets(&h);
			if (total <= 0)
				continue;
			fprintf(fp, "#title %s/%s\n", r->profiles[p], op);
			for (i = 0; i < DMABENCH_HIST_BUCKETS; i++)
				if (h.buckets[i])
					fprintf(fp, "%llu %.6f\n", (unsigned long long)
						dmabench_hist_lower_ns(i),
						(double)h.buckets[i] / total);
			fprintf(fp, "\n\n");
		}
	}
	return ferror(fp) ? -1 : 0;
}

/* One data file of a matrix line, written whole or not at all. */
static int write_line_dat(struct cmd_ctx *ctx, const struct report *r,
			  const char *dir, const char *kind,
			  const struct matrix_line *l, int (*fn)(FILE *, void *))
{
	void *arg[2] = { (void *)r, (void *)l };
	char path[PATH_MAX + 300];

	snprintf(path, sizeof(path), "%s/%s-%.120s.dat", dir, kind, l->name);
	if (atomic_file_write(path, fn, arg)) {
		cmd_error(ctx, "report", "writing %s: %s", path, strerror(errno));
		return -1;
	}
	return 0;
}

static int write_plot_data(struct cmd_ctx *ctx, const struct report *r)
{
	char dir[PATH_MAX], path[PATH_MAX + 300];
	const char *series;
	size_t p, k;

	snprintf(dir, sizeof(dir), "%s/plots", r->dir);
	mkdir(dir, 0755);
	snprintf(dir, sizeof(dir), "%s/plots/data", r->dir);
	if (mkdir(dir, 0755) && errno != EEXIST) {
		cmd_error(ctx, "report", "%s: %s", dir, strerror(errno));
		return -1;
	}
	for (p = 0; p < r->matrix.n; p++) {
		const struct matrix_line *l = &r->matrix.line[p];

		if (((l->plots & MATRIX_PLOT_CDF) &&
		     write_line_dat(ctx, r, dir, "cdf", l, write_cdf)) ||
		    ((l->plots & MATRIX_PLOT_PROFILE) &&
		     write_line_dat(ctx, r, dir, "profile", l, write_profile_dat)) ||
		    ((l->plots & MATRIX_PLOT_HIST) &&
		     write_line_dat(ctx, r, dir, "hist", l, write_hist_dat)))
			return -1;
	}
	p = 0;
	while ((series = next_series(r, &p))) {
		for (k = 0; k < 2; k++) {
			struct scale_dat sd = { r, series, k };

			snprintf(path, sizeof(path), "%s/scale-%s-%s.dat", dir,
				 k ? "threads" : "size", series);
			if (atomic_file_write(path, write_scale, &sd)) {
				cmd_error(ctx, "report", "writing %s: %s", path,
					  strerror(errno));
				return -1;
			}
		}
	}
	for (p = 0; p < r->nprofiles; p++) {
		if (!r->pairs[p])
			continue;
		snprintf(path, sizeof(path), "%s/pairs-%.120s.dat", dir, r->profiles[p]);
		if (atomic_file_write(path, write_pairs_dat, r->pairs[p])) {
			cmd_error(ctx, "report", "writing %s: %s", path, strerror(errno));
			return -1;
		}
	}
	return 0;
}

struct buf {
	char *text;
	size_t len;
};

static int write_buf(FILE *fp, void *arg)
{
	const struct buf *b = arg;

	return fwrite(b->text, 1, b->len, fp) == b->len ? 0 : -1;
}

static int load_report(struct cmd_ctx *ctx, struct report *r, const char *dir)
{
	char err[PATH_MAX + 256], path[PATH_MAX + 200];
	size_t i;

	memset(r, 0, sizeof(*r));
	r->dir = dir;
	if (result_set_load(&r->rs, dir, err, sizeof(err))) {
		cmd_error(ctx, "report", "%s", err);
		return -1;
	}
	if (r->rs.single_file) {
		cmd_error(ctx, "report", "%s: a run directory (DIR/<profile>/*.json), "
			  "not a file", dir);
		return -1;
	}
	snprintf(path, sizeof(path), "%s/matrix", dir);
	switch (matrix_load(path, &r->matrix, err, sizeof(err))) {
	case 0:
		r->have_matrix = true;
		break;
	case -ENOENT:
		break;
	default:
		cmd_error(ctx, "report", "%s", err);
		return -1;
	}
	/* direct first: it is what the other paths are measured against. */
	for (i = 0; i < r->rs.n; i++)
		if (!strcmp(r->rs.e[i].profile, "direct") && !has_profile(r, "direct"))
			r->profiles[r->nprofiles++] = r->rs.e[i].profile;
	for (i = 0; i < r->rs.n && r->nprofiles < REPORT_MAX_PROFILES; i++)
		if (!has_profile(r, r->rs.e[i].profile))
			r->profiles[r->nprofiles++] = r->rs.e[i].profile;
	for (i = 0; i < r->nprofiles; i++) {
		snprintf(path, sizeof(path), "%s/%s/alloc/pairs.json", dir, r->profiles[i]);
		r->pairs[i] = json_load_file(path, 0, NULL);
	}
	return 0;
}

static void free_report(struct report *r)
{
	size_t i;

	for (i = 0; i < r->nprofiles; i++)
		json_decref(r->pairs[i]);
	matrix_free(&r->matrix);
	result_set_free(&r->rs);
}

int cmd_report(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct report_config cfg;
	struct report r;
	struct doc d = { 0 };
	struct buf md = { 0 }, html = { 0 };
	char err[OPT_ERR_LEN], *positional[1], path[PATH_MAX + 32];
	int npositional, ret;

	opts_set_defaults(&report_options, &cfg);
	ret = opts_parse(&report_options, &cfg, argc - 1, argv + 1, positional, 1,
			 &npositional, NULL, err, sizeof(err));
	if (ret == OPTS_HELP) {
		fprintf(ctx->out, "usage: dmabench report RUNDIR [options]\n\noptions:\n");
		opts_print_help(ctx->out, &report_options);
		return EXIT_OK;
	}
	if (ret != OPTS_OK) {
		cmd_error(ctx, "report", "%s", err);
		return EXIT_USAGE;
	}
	if (npositional != 1) {
		cmd_error(ctx, "report", "takes one run directory (RUNDIR/<profile>/*.json)");
		return EXIT_USAGE;
	}
	if (load_report(ctx, &r, positional[0])) {
		free_report(&r);
		return EXIT_RUN_FAILED;
	}
	if (write_plot_data(ctx, &r)) {
		free_report(&r);
		return EXIT_RUN_FAILED;
	}
	if (cfg.data_only) {
		free_report(&r);
		return EXIT_OK;
	}
	d.md = open_memstream(&md.text, &md.len);
	d.html = open_memstream(&html.text, &html.len);
	if (!d.md || !d.html) {
		if (d.md)
			fclose(d.md);
		if (d.html)
			fclose(d.html);
		free(md.text);
		free(html.text);
		free_report(&r);
		return EXIT_RUN_FAILED;
	}
	write_doc(&d, &r);
	fclose(d.md);
	fclose(d.html);
	snprintf(path, sizeof(path), "%s/report.md", r.dir);
	ret = atomic_file_write(path, write_buf, &md);
	if (!ret) {
		snprintf(path, sizeof(path), "%s/report.html", r.dir);
		ret = atomic_file_write(path, write_buf, &html);
	}
	if (ret)
		cmd_error(ctx, "report", "writing %s: %s", path, strerror(errno));
	else
		fprintf(ctx->out, "%s/report.md\n%s/report.html\n", r.dir, r.dir);
	free(md.text);
	free(html.text);
	free_report(&r);
	return ret ? EXIT_RUN_FAILED : EXIT_OK;
}
