// SPDX-License-Identifier: GPL-2.0
/* dmabench info: the module, its clock and every bound device. */
#include <inttypes.h>
#include <string.h>
#include <jansson.h>
#include "cmd.h"
#include "lib/names.h"
#include "lib/results.h"
#include "lib/run_options.h"

static void print_device(FILE *out, const struct dmabench_device_info *d)
{
	char flags[64];

	opts_format_value(&(struct opt_desc){ .type = OPT_FLAGS, .offset = 0,
		.field_size = sizeof(uint32_t), .names = dmabench_dev_flag_names },
		&d->flags, flags, sizeof(flags));
	fprintf(out, "%-8s %-14s %-13s %-10s %11d 0x%016" PRIx64 " 0x%016" PRIx64
		" %22" PRIu64 " %s\n", d->name, d->bus_id[0] ? d->bus_id : "-",
		dmabench_path_name(d->path), d->group_type[0] ? d->group_type : "-",
		d->iommu_group, (uint64_t)d->dma_mask, (uint64_t)d->coherent_dma_mask,
		(uint64_t)d->max_mapping_size_bytes, flags[0] ? flags : "-");
}

int cmd_info(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct dmabench_device_info d;
	struct show_config cfg;
	struct dmabench_dev dev;
	json_t *root = NULL, *devices = NULL;
	char clocksource[DMABENCH_NAME_LEN];
	const char *from;
	uint32_t i;
	int ret;

	ret = cmd_parse_show(ctx, "info", argc, argv, &cfg);
	if (ret)
		return ret;
	ret = cmd_open_device(ctx, "info", &dev);
	if (ret)
		return ret;
	cmd_clocksource(clocksource, sizeof(clocksource), &from);
	if (cfg.format == OUTPUT_JSON) {
		devices = json_array();
		root = json_pack("{s:s, s:i, s:i, s:s, s:s, s:I, s:s, s:s, s:i, s:i, s:o}",
				 "node", ctx->node_path,
				 "abi_version", (int)dev.info.abi_version,
				 "harness_abi_version", DMABENCH_ABI_VERSION,
				 "clocksource", clocksource,
				 "clocksource_from", from,
				 "clock_read_ns", (json_int_t)dev.info.clock_read_ns,
				 "clock", dmabench_clock_used_name(dev.info.clock),
				 "kernel_release", dev.info.kernel_release,
				 "ndevices", (int)dev.info.ndevices,
				 "nscenarios", (int)dev.info.nscenarios,
				 "devices", json_incref(devices));
		if (!root) {
			json_decref(devices);
			dmabench_dev_close(&dev);
			return EXIT_RUN_FAILED;
		}
	} else {
		fprintf(ctx->out, "# %s: dmabench ABI %u, %u devices, %u scenarios\n",
			ctx->node_path, dev.info.abi_version, dev.info.ndevices,
			dev.info.nscenarios);
		fprintf(ctx->out, "# kernel %s  clocksource %s (from %s)  clock_read_ns %"
			PRIu64 "  per-op clock %s\n", dev.info.kernel_release, clocksource,
			from, (uint64_t)dev.info.clock_read_ns,
			dmabench_clock_used_name(dev.info.clock));
		fprintf(ctx->out, "#%-7s %-14s %-13s %-10s %11s %-18s %-18s %22s %s\n",
			"device", "bus_id", "path", "group_type", "iommu_group",
			"dma_mask", "coherent_mask", "max_mapping_size_bytes", "flags");
	}
	for (i = 0; i < dev.info.ndevices; i++) {
		ret = dmabench_dev_device(&dev, i, &d);
		if (ret) {
			cmd_error(ctx, "info", "DEVICE %u: %s", i, strerror(-ret));
			json_decref(root);
			json_decref(devices);
			dmabench_dev_close(&dev);
			return EXIT_RUN_FAILED;
		}
		if (devices)
			json_array_append_new(devices, device_info_to_json(&d));
		else
			print_device(ctx->out, &d);
	}
	dmabench_dev_close(&dev);
	if (root) {
		ret = json_dumpf(root, ctx->out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		fputc('\n', ctx->out);
		json_decref(devices);
		json_decref(root);
		if (ret)
			return EXIT_RUN_FAILED;
	}
	return EXIT_OK;
}
