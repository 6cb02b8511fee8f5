/* SPDX-License-Identifier: GPL-2.0 */
/* Raw-ioctl helpers shared by the module tests (not the CLI). */
#ifndef DMABENCH_TEST_H
#define DMABENCH_TEST_H

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <stdbool.h>
#include <uapi/dmabench.h>

static inline int dmabench_open_dev(void)
{
	int fd = open(DMABENCH_DEVICE_NODE, O_RDWR);

	if (fd < 0) {
		perror(DMABENCH_DEVICE_NODE);
		exit(2);
	}
	return fd;
}

/* 0 or the errno of the failed ioctl. */
static inline int dmabench_ioctl(int fd, unsigned long cmd, void *arg)
{
	return ioctl(fd, cmd, arg) ? errno : 0;
}

/* The PCI driver's sysfs directory: bind, unbind and one link per device. */
#define DMABENCH_PCI_DRV	"/sys/bus/pci/drivers/dmabench/"

/* Writes the PCI address bus to DMABENCH_PCI_DRV/file (bind, unbind);
 * 0 or errno. */
static inline int dmabench_pci_drv_write(const char *file, const char *bus)
{
	char path[128];
	int fd, err = 0;

	snprintf(path, sizeof(path), DMABENCH_PCI_DRV "%s", file);
	fd = open(path, O_WRONLY);
	if (fd < 0)
		return errno;
	if (write(fd, bus, strlen(bus)) < 0)
		err = errno;
	close(fd);
	return err;
}

/* Whether the PCI device at bus is bound to dmabench. */
static inline bool dmabench_pci_bound(const char *bus)
{
	char path[128];

	snprintf(path, sizeof(path), DMABENCH_PCI_DRV "%s", bus);
	return access(path, F_OK) == 0;
}

/* The bound device called name into di: 0, or -1 when there is none. */
static inline int dmabench_device_by_name(int fd, const char *name,
					  struct dmabench_device_info *di)
{
	struct dmabench_info info = {
		.size = sizeof(info), .abi_version = DMABENCH_ABI_VERSION,
	};
	uint32_t i;

	if (dmabench_ioctl(fd, DMABENCH_IOC_INFO, &info))
		return -1;
	for (i = 0; i < info.ndevices; i++) {
		memset(di, 0, sizeof(*di));
		di->size = sizeof(*di);
		di->abi_version = DMABENCH_ABI_VERSION;
		di->index = i;
		if (!dmabench_ioctl(fd, DMABENCH_IOC_DEVICE, di) &&
		    !strcmp(di->name, name))
			return 0;
	}
	return -1;
}

/*
 * 1 when via is ops and the module refuses it on this device with
 * EOPNOTSUPP (DMABENCH_DEV_F_NO_OPS_LAYER: a DMA-API debug kernel, a parent
 * without dma_map_ops). Tests then check for that refusal instead.
 */
static inline int dmabench_ops_refused(int fd, const char *name, uint32_t via)
{
	struct dmabench_device_info di;

	return via == DMABENCH_VIA_OPS && !dmabench_device_by_name(fd, name, &di) &&
	       (di.flags & DMABENCH_DEV_F_NO_OPS_LAYER);
}

/* DMABENCH_IOC_SCENARIO of index i into si; 0 or the errno. */
static inline int dmabench_scenario_get(int fd, uint32_t i,
					struct dmabench_scenario_info *si)
{
	memset(si, 0, sizeof(*si));
	si->size = sizeof(*si);
	si->abi_version = DMABENCH_ABI_VERSION;
	si->index = i;
	return dmabench_ioctl(fd, DMABENCH_IOC_SCENARIO, si);
}

/* Whether the module lists a scenario called name, and it is available. */
static inline bool dmabench_scenario_available(int fd, const char *name)
{
	struct dmabench_scenario_info si;
	uint32_t i;

	for (i = 0; !dmabench_scenario_get(fd, i, &si); i++)
		if (!strcmp(si.name, name))
			return !(si.flags & DMABENCH_SCN_F_UNAVAILABLE);
	return false;
}

static inline void dmabench_run_init(struct dmabench_run *run, const char *scenario,
			      const char *device, uint32_t via)
{
	memset(run, 0, sizeof(*run));
	run->size = sizeof(*run);
	run->abi_version = DMABENCH_ABI_VERSION;
	snprintf(run->params.scenario, sizeof(run->params.scenario), "%s",
		 scenario);
	snprintf(run->params.device, sizeof(run->params.device), "%s", device);
	run->params.via = via;
	run->params.direction = DMABENCH_DIR_TO_DEVICE;
	run->params.size_bytes = 4096;
	run->params.iterations = 100;
	run->params.threads = 1;
	run->params.batch = 1;
	run->params.nents = 4;
}

/* An alloc_storm request: no scatterlist, both directions, the given shape. */
static inline void dmabench_storm_init(struct dmabench_run *run, const char *device,
				uint32_t variant, uint32_t pattern,
				uint64_t size_bytes, uint32_t outstanding)
{
	dmabench_run_init(run, "alloc_storm", device, DMABENCH_VIA_DIRECT);
	run->params.nents = 0;
	run->params.direction = DMABENCH_DIR_BIDIRECTIONAL;
	run->params.variant = variant;
	run->params.pattern = pattern;
	run->params.size_bytes = size_bytes;
	run->params.outstanding = outstanding;
}

static inline void dmabench_verify_init(struct dmabench_verify *v, const char *device,
				 uint32_t kind, uint32_t via)
{
	memset(v, 0, sizeof(*v));
	v->size = sizeof(*v);
	v->abi_version = DMABENCH_ABI_VERSION;
	snprintf(v->device, sizeof(v->device), "%s", device);
	v->kind = kind;
	v->via = via;
	v->len_bytes = 4000;
	v->seed = 0x5eed;
}

static inline double dmabench_mean(const struct dmabench_op_stats *st)
{
	return st->count ? (double)st->sum_ns / st->count : 0;
}

/* Checks one op's statistics against its histogram; 1 when consistent. */
static inline int dmabench_stats_ok(const struct dmabench_op_stats *st,
			     const uint64_t *hist, uint64_t want_count)
{
	uint64_t sum = 0;
	double mean = dmabench_mean(st);
	uint32_t i;

	for (i = 0; hist && i < DMABENCH_HIST_BUCKETS; i++)
		sum += hist[i];
	if (hist && sum + st->overflow != st->count)
		return 0;
	return st->count == want_count && st->errors == 0 &&
	       st->min_ns <= mean && mean <= st->max_ns;
}

/*
 * The whole iterations of a run that failed no op: per op (batch 1), one
 * sample each, none shorter in sum than its ops (it holds them and their
 * stamps); batched, nothing.
 */
static inline int dmabench_whole_ok(const struct dmabench_run *run,
				    const struct dmabench_iteration *w)
{
	const struct dmabench_results *res = &run->results;
	uint64_t ops_sum = 0;
	uint32_t op;

	if (run->params.batch > 1)
		return w->stats.count == 0 && w->stats.errors == 0;
	for (op = 0; op < res->nops; op++)
		ops_sum += res->ops[op].sum_ns;
	return !strcmp(w->stats.name, "whole_iteration") &&
	       dmabench_stats_ok(&w->stats, (const uint64_t *)w->buckets,
				 res->iterations) &&
	       w->stats.sum_ns >= ops_sum;
}

#endif /* DMABENCH_TEST_H */
