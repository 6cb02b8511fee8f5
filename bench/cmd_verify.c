// SPDX-License-Identifier: GPL-2.0
/*
 * dmabench verify: every DMABENCH_VERIFY kind x via {direct, ops} on every
 * edu device (or the one named), as KTAP. Exit 1 on any unexpected outcome.
 */
#include <errno.h>
#include <inttypes.h>
#include <string.h>
#include "cmd.h"

/* VERIFY_UBUF needs a user buffer; every other kind needs only a device. */
#define VERIFY_SELF_KINDS	(DMABENCH_VERIFY_NR_KINDS - 1)
#include "lib/names.h"
#include "lib/run_options.h"

static const uint32_t vias[] = { DMABENCH_VIA_DIRECT, DMABENCH_VIA_OPS };
#define NVIAS (sizeof(vias) / sizeof(vias[0]))

/*
 * Skipping sync_for_cpu only shows stale data where the CPU reads a bounce
 * buffer's original: swiotlb. Everywhere else the device wrote the buffer.
 */
static uint32_t expected_outcome(uint32_t kind, const struct dmabench_device_info *d)
{
	if (kind != DMABENCH_VERIFY_STALE_NO_SYNC)
		return DMABENCH_VERIFY_MATCH;
	return d->path == DMABENCH_PATH_SWIOTLB ? DMABENCH_VERIFY_STALE :
						  DMABENCH_VERIFY_NOT_STALE;
}

/* The devices to check; -ENOENT/-EINVAL for a bad --device (usage errors). */
static int pick_devices(struct cmd_ctx *ctx, struct dmabench_handle *dev,
			const struct verify_config *cfg,
			struct dmabench_device_info *out, uint32_t *n)
{
	struct dmabench_device_info d;
	uint32_t i;
	int ret;

	*n = 0;
	for (i = 0; i < dev->info.ndevices && i < DMABENCH_MAX_DEVICES; i++) {
		ret = dmabench_handle_device(dev, i, &d);
		if (ret) {
			cmd_error(ctx, "verify", "DEVICE %u: %s", i, strerror(-ret));
			return ret;
		}
		if (cfg->device[0] && strcmp(cfg->device, d.name))
			continue;
		if (!(d.flags & DMABENCH_DEV_F_EDU)) {
			if (!cfg->device[0])
				continue;
			cmd_error(ctx, "verify", "%s is not an edu device: it cannot "
				  "do real DMA", d.name);
			return -EINVAL;
		}
		out[(*n)++] = d;
	}
	if (cfg->device[0] && !*n) {
		cmd_error(ctx, "verify", "no device '%s' (dmabench info shows them)",
			  cfg->device);
		return -ENOENT;
	}
	return 0;
}

/* One KTAP line; returns true when the outcome was the expected one. */
static bool verify_one(struct cmd_ctx *ctx, struct dmabench_handle *dev,
		       const struct verify_config *cfg,
		       const struct dmabench_device_info *d, uint32_t kind,
		       uint32_t via, unsigned int test, int *err)
{
	struct dmabench_verify v = { 0 };
	uint32_t expected = expected_outcome(kind, d);
	const char *via_name = opt_name_of(dmabench_via_names, via);
	bool ok;

	snprintf(v.device, sizeof(v.device), "%s", d->name);
	v.kind = kind;
	v.via = via;
	v.len_bytes = cfg->len_bytes;
	v.seed = cfg->seed;
	*err = 0;
	if (via == DMABENCH_VIA_OPS && (d->flags & DMABENCH_DEV_F_NO_OPS_LAYER)) {
		fprintf(ctx->out, "ok %u - %s %s via %s # SKIP refused by the module: "
			"%s\n", test, d->name, dmabench_verify_kind_name(kind),
			via_name, dmabench_ops_refusal_why(d->ops_layer_refusal));
		return true;
	}
	*err = dmabench_handle_verify(dev, &v);
	if (*err == -EOPNOTSUPP && kind > DMABENCH_VERIFY_UBUF) {
		fprintf(ctx->out, "ok %u - %s %s via %s # SKIP %s\n", test, d->name,
			dmabench_verify_kind_name(kind), via_name,
			kind == DMABENCH_VERIFY_IOVA_LINK ?
			"no IOVA range on this path, or a kernel before 7.x" :
			"the 7.x DMA API is not in this kernel");
		*err = 0;
		return true;
	}
	if (*err) {
		fprintf(ctx->out, "not ok %u - %s %s via %s: VERIFY failed: %s\n",
			test, d->name, dmabench_verify_kind_name(kind), via_name,
			strerror(-*err));
		return false;
	}
	ok = v.outcome == expected;
	fprintf(ctx->out, "%s %u - %s %s via %s: %s", ok ? "ok" : "not ok", test,
		d->name, dmabench_verify_kind_name(kind), via_name,
		dmabench_verify_outcome_name(v.outcome));
	if (!ok)
		fprintf(ctx->out, ", expected %s", dmabench_verify_outcome_name(expected));
	if (v.outcome == DMABENCH_VERIFY_MISMATCH)
		fprintf(ctx->out, " at byte %u", v.first_bad_byte);
	if (v.flags & DMABENCH_VERIFY_F_FELL_BACK)
		fprintf(ctx->out, ", fell back: dma_map_phys per segment");
	fprintf(ctx->out, " (%u bytes, %" PRIu64 " ms)\n", v.len_bytes,
		((uint64_t)v.elapsed_ns + 500000) / 1000000);
	return ok;
}

int cmd_verify(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct dmabench_device_info devices[DMABENCH_MAX_DEVICES];
	struct verify_config cfg;
	struct dmabench_handle dev;
	char err[OPT_ERR_LEN], *positional[1];
	unsigned int test = 0, failed = 0;
	uint32_t ndev, i, kind, v;
	int npositional, ret;

	opts_set_defaults(&verify_options, &cfg);
	if (opts_parse(&verify_options, &cfg, argc - 1, argv + 1, positional, 0,
		       &npositional, NULL, err, sizeof(err)) != OPTS_OK) {
		cmd_error(ctx, "verify", "%s", err);
		return EXIT_USAGE;
	}
	ret = cmd_open_device(ctx, "verify", &dev);
	if (ret)
		return ret;
	ret = pick_devices(ctx, &dev, &cfg, devices, &ndev);
	if (ret) {
		dmabench_handle_close(&dev);
		return ret == -ENOENT || ret == -EINVAL ? EXIT_USAGE : EXIT_RUN_FAILED;
	}
	fprintf(ctx->out, "KTAP version 1\n");
	if (!ndev) {
		/* Loud, not silent: nothing was verified. */
		fprintf(ctx->out, "1..0 # SKIP no edu device bound (QEMU -device edu)\n");
		fprintf(ctx->err, "dmabench verify: warning: no edu device bound, "
			"nothing verified\n");
		dmabench_handle_close(&dev);
		return EXIT_OK;
	}
	fprintf(ctx->out, "1..%u\n", ndev * VERIFY_SELF_KINDS * (uint32_t)NVIAS);
	for (i = 0; i < ndev; i++) {
		for (kind = 0; kind < DMABENCH_VERIFY_NR_KINDS; kind++) {
			if (kind == DMABENCH_VERIFY_UBUF)
				continue;
			for (v = 0; v < NVIAS; v++) {
				if (!verify_one(ctx, &dev, &cfg, &devices[i], kind,
						vias[v], ++test, &ret))
					failed++;
				if (ret == -EINTR || dmabench_interrupted) {
					dmabench_handle_close(&dev);
					return cmd_interrupted_exit(ctx);
				}
			}
		}
	}
	fprintf(ctx->out, "# verify: %u ok, %u not ok\n", test - failed, failed);
	fflush(ctx->out);
	dmabench_handle_close(&dev);
	return failed ? EXIT_RUN_FAILED : EXIT_OK;
}
