// SPDX-License-Identifier: GPL-2.0
/*
 * dmabench info: the module, its clock and every bound device; with --pci
 * also every PCI device of the machine, and why dmabench can or cannot
 * measure through it (lib/pci_scan.c).
 */
#include <inttypes.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "cmd.h"
#include "lib/names.h"
#include "lib/pci_scan.h"
#include "lib/results.h"
#include "lib/run_options.h"

struct info_config {
	uint32_t format;	/* human or json */
	uint32_t pci;		/* also scan the PCI bus */
};

static const struct opt_desc info_opts[] = {
	{ .name = "format", .json_key = "format", .type = OPT_ENUM,
	  .offset = offsetof(struct info_config, format), .field_size = sizeof(uint32_t),
	  .def = OUTPUT_HUMAN, .names = show_format_names, .help = "output format" },
	{ .name = "pci", .json_key = "pci", .type = OPT_SWITCH,
	  .offset = offsetof(struct info_config, pci), .field_size = sizeof(uint32_t),
	  .help = "also list every PCI device (sysfs) and why dmabench can or cannot "
		  "measure through it" },
};

const struct opt_table info_options = {
	info_opts, sizeof(info_opts) / sizeof(info_opts[0])
};

static json_t *pci_json(const struct pci_scan_dev *p)
{
	char id[16], cls[16];

	snprintf(id, sizeof(id), "%04x:%04x", p->vendor, p->device);
	snprintf(cls, sizeof(cls), "%06x", p->class_code);
	return json_pack("{s:s, s:s, s:s, s:s?, s:s?, s:i, s:s?, s:i, s:b, s:b, s:s}",
			 "bdf", p->bdf, "vendor_device", id, "class", cls,
			 "driver", p->driver[0] ? p->driver : NULL,
			 "driver_override", p->driver_override[0] ? p->driver_override : NULL,
			 "iommu_group", p->iommu_group,
			 "group_type", p->group_type[0] ? p->group_type : NULL,
			 "group_devices", (int)p->group_size, "bound", p->bound,
			 "usable", p->usable, "reason", p->reason);
}

/* The PCI section: into json (an array) or printed. */
static int info_pci(struct cmd_ctx *ctx, json_t *json)
{
	struct pci_scan_dev *devs;
	int n, i;

	n = pci_scan(ctx->sysfs_root ? ctx->sysfs_root : "/sys", &devs);
	if (n < 0) {
		cmd_error(ctx, "info", "--pci: %s/bus/pci/devices: %s",
			  ctx->sysfs_root ? ctx->sysfs_root : "/sys", strerror(-n));
		return -1;
	}
	if (!json)
		fprintf(ctx->out, "# PCI devices (sysfs): %d\n#%-13s %-9s %-6s %-12s %-6s %s\n",
			n, "bdf", "id", "class", "driver", "usable", "why");
	for (i = 0; i < n; i++) {
		const struct pci_scan_dev *p = &devs[i];

		if (json)
			json_array_append_new(json, pci_json(p));
		else
			fprintf(ctx->out, "%-14s %04x:%04x %06x %-12s %-6s %s\n", p->bdf,
				p->vendor, p->device, p->class_code,
				p->driver[0] ? p->driver : "-", p->usable ? "yes" : "no",
				p->reason);
	}
	free(devs);
	return 0;
}

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
	struct info_config cfg;
	struct dmabench_handle dev;
	json_t *root = NULL, *devices = NULL, *pci = NULL;
	char clocksource[DMABENCH_NAME_LEN], err[OPT_ERR_LEN], *positional[1];
	const char *from;
	uint32_t i;
	int ret, npositional;

	opts_set_defaults(&info_options, &cfg);
	if (opts_parse(&info_options, &cfg, argc - 1, argv + 1, positional, 0,
		       &npositional, NULL, err, sizeof(err)) != OPTS_OK) {
		cmd_error(ctx, "info", "%s", err);
		return EXIT_USAGE;
	}
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
			dmabench_handle_close(&dev);
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
		ret = dmabench_handle_device(&dev, i, &d);
		if (ret) {
			cmd_error(ctx, "info", "DEVICE %u: %s", i, strerror(-ret));
			json_decref(root);
			json_decref(devices);
			dmabench_handle_close(&dev);
			return EXIT_RUN_FAILED;
		}
		if (devices)
			json_array_append_new(devices, device_info_to_json(&d));
		else
			print_device(ctx->out, &d);
	}
	dmabench_handle_close(&dev);
	if (cfg.pci) {
		pci = root ? json_array() : NULL;
		if ((root && !pci) || info_pci(ctx, pci)) {
			json_decref(pci);
			json_decref(devices);
			json_decref(root);
			return EXIT_RUN_FAILED;
		}
		if (root)
			json_object_set_new(root, "pci", pci);
	}
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
