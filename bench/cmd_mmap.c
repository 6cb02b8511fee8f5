// SPDX-License-Identifier: GPL-2.0
/*
 * dmabench mmap: a DMA buffer of each variant (DMABENCH_IOC_UBUF_ALLOC),
 * mapped into user space through the module's mmap (dma_mmap_attrs,
 * dma_mmap_pages or dma_mmap_noncontiguous by variant); times the mmap call,
 * the first touch of every page (with the minor faults it took: none means
 * the DMA layer populated every page at mmap time), write and read
 * bandwidth, then has the edu device read back what user space wrote
 * (DMABENCH_VERIFY_UBUF). Exit 1 on a mismatch or a failed variant.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include "cmd.h"
#include "lib/names.h"
#include "lib/fingerprint.h"
#include "lib/run_options.h"
#include "lib/sysinfo.h"
#include "lib/mem_sampler.h"

#define PAGE_BYTES	4096

struct mmap_result {
	uint32_t variant;
	uint64_t attrs;
	int error;			/* -errno of the failed stage, 0 = fine */
	const char *stage;		/* "alloc", "mmap", "verify", NULL */
	uint64_t alloc_ns, mmap_ns;
	uint64_t pages;
	uint64_t touch_ns, touch_faults;	/* first write to every page */
	uint64_t write_ns, read_ns, bytes_moved;
	uint64_t verify_ns;
	bool verified;			/* edu device: an outcome below */
	uint32_t outcome, first_bad_byte;
};

struct mmap_report {
	struct fingerprint h;
	const struct mmap_config *cfg;
	uint32_t n;
	struct mmap_result res[DMABENCH_ALLOC_NR_VARIANTS];
};

static uint64_t minor_faults(void)
{
	struct rusage ru;

	if (getrusage(RUSAGE_THREAD, &ru))
		return 0;
	return (uint64_t)ru.ru_minflt;
}

static double per_s(uint64_t bytes, uint64_t ns)
{
	return ns ? (double)bytes * 1e9 / (double)ns : 0.0;
}

/* One variant: allocate, map, touch, measure, verify, unmap. */
static void mmap_one(struct dmabench_handle *dev, const struct mmap_config *cfg,
		     bool edu, struct mmap_result *r)
{
	struct dmabench_ubuf u;
	struct dmabench_verify v;
	volatile uint8_t *vp;
	uint64_t t0, f0, sum = 0, k, pass;
	uint8_t *p;
	int ret;

	memset(&u, 0, sizeof(u));
	snprintf(u.device, sizeof(u.device), "%s", cfg->device);
	u.via = cfg->via;
	u.variant = r->variant;
	u.size_bytes = cfg->size_bytes;
	u.attrs = r->attrs;
	ret = dmabench_handle_ubuf_alloc(dev, &u);
	if (ret) {
		r->error = ret;
		r->stage = "alloc";
		return;
	}
	r->alloc_ns = u.alloc_ns;
	r->pages = cfg->size_bytes / PAGE_BYTES;
	t0 = vm_now_ns();
	p = dev->backend->mmap(dev, cfg->size_bytes, u.mmap_offset_bytes);
	r->mmap_ns = vm_now_ns() - t0;
	if (!p) {
		r->error = -errno;
		r->stage = "mmap";
		return;
	}
	vp = p;
	f0 = minor_faults();
	t0 = vm_now_ns();
	for (k = 0; k < cfg->size_bytes; k += PAGE_BYTES)
		vp[k] = 0;
	r->touch_ns = vm_now_ns() - t0;
	r->touch_faults = minor_faults() - f0;

	/* One untimed pass of each loop first: caches, TLB, and under TCG the
	 * translation of the loops themselves stay out of the figures. */
	memset(p, 0xff, cfg->size_bytes);
	__asm__ volatile("" : : "r"(p) : "memory");
	for (k = 0; k < cfg->size_bytes / sizeof(uint64_t); k++)
		sum += ((const volatile uint64_t *)p)[k];

	r->bytes_moved = cfg->size_bytes * cfg->passes;
	t0 = vm_now_ns();
	for (pass = 0; pass < cfg->passes; pass++) {
		memset(p, (int)pass, cfg->size_bytes);
		/* Every pass is a store the compiler must keep. */
		__asm__ volatile("" : : "r"(p) : "memory");
	}
	r->write_ns = vm_now_ns() - t0;
	t0 = vm_now_ns();
	for (pass = 0; pass < cfg->passes; pass++) {
		const volatile uint64_t *w = (const volatile uint64_t *)p;

		for (k = 0; k < cfg->size_bytes / sizeof(uint64_t); k++)
			sum += w[k];
	}
	r->read_ns = vm_now_ns() - t0;
	__asm__ volatile("" : : "r"(sum));

	for (k = 0; k < cfg->len_bytes; k++)
		p[k] = dmabench_pattern_byte(cfg->seed, (uint32_t)k);
	if (edu) {
		memset(&v, 0, sizeof(v));
		snprintf(v.device, sizeof(v.device), "%s", cfg->device);
		v.kind = DMABENCH_VERIFY_UBUF;
		v.via = cfg->via;
		v.len_bytes = cfg->len_bytes;
		v.seed = cfg->seed;
		v.ubuf_id = u.id;
		ret = dmabench_handle_verify(dev, &v);
		if (ret) {
			r->error = ret;
			r->stage = "verify";
		} else {
			r->verified = true;
			r->outcome = v.outcome;
			r->first_bad_byte = v.first_bad_byte;
			r->verify_ns = v.elapsed_ns;
		}
	}
	dev->backend->munmap(dev, p, cfg->size_bytes);
}

static bool result_failed(const struct mmap_result *r)
{
	return (r->error && r->error != -EOPNOTSUPP) ||
	       (r->verified && r->outcome != DMABENCH_VERIFY_MATCH);
}

static const char *attrs_text(uint64_t attrs, char *buf, size_t len)
{
	const struct opt_name *n;
	size_t used = 0;

	buf[0] = '\0';
	for (n = dmabench_attr_names; n->name; n++)
		if (attrs & n->value) {
			int w = snprintf(buf + used, len - used, "%s%s",
					 used ? "|" : "", n->name);
			if (w < 0 || (size_t)w >= len - used)
				break;
			used += (size_t)w;
		}
	return buf;
}

static json_t *result_json(const struct mmap_result *r)
{
	char attrs[160];
	json_t *o = json_pack("{s:s,s:s,s:s}", "variant", dmabench_variant_name(r->variant),
			      "attrs", attrs_text(r->attrs, attrs, sizeof(attrs)),
			      "status", r->error == -EOPNOTSUPP ? "unavailable" :
			      r->error ? "failed" : result_failed(r) ? "mismatch" : "ok");

	if (!o)
		return NULL;
	if (r->error) {
		json_object_set_new(o, "error", json_string(strerror(-r->error)));
		json_object_set_new(o, "failed_stage", json_string(r->stage));
		if (strcmp(r->stage, "verify"))
			return o;
	}
	json_object_set_new(o, "alloc_ns", json_u64_or_null(r->alloc_ns));
	json_object_set_new(o, "mmap_ns", json_u64_or_null(r->mmap_ns));
	json_object_set_new(o, "pages", json_u64_or_null(r->pages));
	json_object_set_new(o, "first_touch_ns", json_u64_or_null(r->touch_ns));
	json_object_set_new(o, "first_touch_ns_per_page",
			    json_real(r->pages ? (double)r->touch_ns / r->pages : 0));
	json_object_set_new(o, "first_touch_minor_faults", json_u64_or_null(r->touch_faults));
	/* No fault on first touch: mmap itself filled in every page table entry. */
	json_object_set_new(o, "populated_at_mmap", json_boolean(r->touch_faults == 0));
	json_object_set_new(o, "bandwidth_bytes", json_u64_or_null(r->bytes_moved));
	json_object_set_new(o, "write_ns", json_u64_or_null(r->write_ns));
	json_object_set_new(o, "read_ns", json_u64_or_null(r->read_ns));
	json_object_set_new(o, "write_bytes_per_s", json_real(per_s(r->bytes_moved, r->write_ns)));
	json_object_set_new(o, "read_bytes_per_s", json_real(per_s(r->bytes_moved, r->read_ns)));
	if (r->verified)
		json_object_set_new(o, "verify", json_pack("{s:s,s:I,s:I}",
			"outcome", dmabench_verify_outcome_name(r->outcome),
			"first_bad_byte", (json_int_t)r->first_bad_byte,
			"elapsed_ns", (json_int_t)r->verify_ns));
	else
		json_object_set_new(o, "verify", json_null());
	return o;
}

static int write_json(FILE *fp, void *arg)
{
	const struct mmap_report *m = arg;
	json_t *root = fingerprint_json(&m->h), *a = json_array();
	uint32_t i;
	int ret = -1;

	if (root && a) {
		for (i = 0; i < m->n; i++)
			json_array_append_new(a, result_json(&m->res[i]));
		json_object_set_new(root, "results", a);
		a = NULL;
		ret = json_dumpf(root, fp, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		if (!ret && fputc('\n', fp) == EOF)
			ret = -1;
	}
	json_decref(a);
	json_decref(root);
	if (ret && !errno)
		errno = ENOMEM;
	return ret ? -1 : 0;
}

static int write_csv(FILE *fp, void *arg)
{
	const struct mmap_report *m = arg;
	uint32_t i;

	fputs("profile,device,via,variant,size_bytes,metric,value,unit\n", fp);
	for (i = 0; i < m->n; i++) {
		const struct mmap_result *r = &m->res[i];
		const struct { const char *key; double v; const char *unit; } rows[] = {
			{ "alloc_ns", (double)r->alloc_ns, "ns" },
			{ "mmap_ns", (double)r->mmap_ns, "ns" },
			{ "first_touch_ns_per_page", r->pages ? (double)r->touch_ns / r->pages : 0, "ns" },
			{ "first_touch_minor_faults", (double)r->touch_faults, "faults" },
			{ "write_bytes_per_s", per_s(r->bytes_moved, r->write_ns), "bytes/s" },
			{ "read_bytes_per_s", per_s(r->bytes_moved, r->read_ns), "bytes/s" },
			{ "verify_match", r->verified && r->outcome == DMABENCH_VERIFY_MATCH, "bool" },
		};
		size_t k;

		if (r->error && strcmp(r->stage, "verify"))
			continue;	/* nothing measured: no rows, never zeros */
		for (k = 0; k < sizeof(rows) / sizeof(rows[0]); k++) {
			if (!strcmp(rows[k].key, "verify_match") && !r->verified)
				continue;
			fprintf(fp, "%s,%s,%s,%s,%" PRIu64 ",%s,%.3f,%s\n", m->h.profile,
				m->h.device.name, opt_name_of(dmabench_via_names, m->cfg->via),
				dmabench_variant_name(r->variant), (uint64_t)m->cfg->size_bytes,
				rows[k].key, rows[k].v, rows[k].unit);
		}
	}
	return ferror(fp) ? -1 : 0;
}

static int write_human(FILE *fp, void *arg)
{
	const struct mmap_report *m = arg;
	uint32_t i;

	fingerprint_human(fp, &m->h);
	fprintf(fp, "#%-19s %10s %10s %14s %8s %16s %16s %s\n", "variant", "alloc_ns",
		"mmap_ns", "touch_ns/page", "faults", "write_MiB_per_s",
		"read_MiB_per_s", "edu verify");
	for (i = 0; i < m->n; i++) {
		const struct mmap_result *r = &m->res[i];

		if (r->error && strcmp(r->stage, "verify")) {
			fprintf(fp, "%-20s %s: %s\n", dmabench_variant_name(r->variant),
				r->error == -EOPNOTSUPP ? "unavailable" : r->stage,
				strerror(-r->error));
			continue;
		}
		fprintf(fp, "%-20s %10" PRIu64 " %10" PRIu64 " %14.1f %8" PRIu64
			" %16.1f %16.1f %s\n", dmabench_variant_name(r->variant),
			r->alloc_ns, r->mmap_ns, r->pages ? (double)r->touch_ns / r->pages : 0,
			r->touch_faults, per_s(r->bytes_moved, r->write_ns) / (1 << 20),
			per_s(r->bytes_moved, r->read_ns) / (1 << 20),
			r->error ? strerror(-r->error) : r->verified ?
			dmabench_verify_outcome_name(r->outcome) : "skipped (not an edu device)");
	}
	for (i = 0; i < m->n; i++)
		if (!m->res[i].error && m->res[i].touch_faults == 0) {
			fprintf(fp, "# no minor fault on first touch: the DMA layer "
				"populated every page at mmap time (touch cost is the "
				"TLB and cache only)\n");
			break;
		}
	return ferror(fp) ? -1 : 0;
}

int cmd_mmap(struct cmd_ctx *ctx, int argc, char **argv)
{
	static int (*const writers[])(FILE *, void *) = {
		[OUTPUT_HUMAN] = write_human, [OUTPUT_JSON] = write_json,
		[OUTPUT_CSV] = write_csv,
	};
	struct mmap_report *m = calloc(1, sizeof(*m));
	struct mmap_config cfg;
	struct dmabench_handle dev;
	char err[OPT_ERR_LEN], *cmdline = NULL;
	bool edu, failed = false;
	uint32_t v;
	int ret;

	if (!m) {
		cmd_error(ctx, "mmap", "out of memory");
		return EXIT_RUN_FAILED;
	}
	switch (mmap_config_parse(&cfg, argc - 1, argv + 1, err, sizeof(err))) {
	case OPTS_OK:
		break;
	case OPTS_HELP:
		free(m);
		return cmd_help(ctx, 2, (char *[]){ "help", "mmap", NULL });
	case OPTS_ERROR:
		cmd_error(ctx, "mmap", "%s", err);
		free(m);
		return EXIT_USAGE;
	}
	ret = cmd_open_device(ctx, "mmap", &dev);
	if (ret) {
		free(m);
		return ret;
	}
	ret = dmabench_handle_find_device(&dev, cfg.device, &m->h.device);
	if (ret) {
		cmd_error(ctx, "mmap", ret == -ENOENT ? "no device '%s' (dmabench info "
			  "shows them)" : "DEVICE %s: error", cfg.device);
		ret = ret == -ENOENT ? EXIT_USAGE : EXIT_RUN_FAILED;
		goto out;
	}
	/* The module's "" means the first device; name it for verify. */
	snprintf(cfg.device, sizeof(cfg.device), "%s", m->h.device.name);
	edu = m->h.device.flags & DMABENCH_DEV_F_EDU;
	if (!edu)
		fprintf(ctx->err, "dmabench mmap: warning: %s is not an edu device: "
			"no device round trip\n", m->h.device.name);
	cmdline = cmdline_join(ctx->argc_full, ctx->argv_full);
	m->cfg = &cfg;
	fingerprint_start(&m->h, "mmap", cmdline, dev.info.kernel_release,
			    &mmap_options, &cfg);
	for (v = 0; v < DMABENCH_ALLOC_NR_VARIANTS && !dmabench_interrupted; v++) {
		struct mmap_result *r;

		if (cfg.variant != MMAP_VARIANT_ALL && cfg.variant != v)
			continue;
		r = &m->res[m->n++];
		r->variant = v;
		r->attrs = v == DMABENCH_ALLOC_ATTRS ? cfg.attrs : 0;
		mmap_one(&dev, &cfg, edu, r);
		if (result_failed(r)) {
			failed = true;
			cmd_error(ctx, "mmap", "%s via %s: %s", dmabench_variant_name(v),
				  opt_name_of(dmabench_via_names, cfg.via),
				  r->error ? strerror(-r->error) : "the device read "
				  "something else than user space wrote");
		}
	}
	clock_gettime(CLOCK_REALTIME, &m->h.end_time);
	ret = cmd_write_report(ctx, "mmap", cfg.output_path, writers[cfg.format], m, failed);
out:
	free(cmdline);
	dmabench_handle_close(&dev);
	free(m);
	return ret;
}
