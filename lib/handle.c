// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>
#include "handle.h"

static int kernel_open(struct dmabench_handle *dev, const char *node_path)
{
	dev->fd = open(node_path, O_RDWR | O_CLOEXEC);
	return dev->fd < 0 ? -errno : 0;
}

static void kernel_close(struct dmabench_handle *dev)
{
	if (dev->fd >= 0)
		close(dev->fd);
	dev->fd = -1;
}

static int kernel_ioctl(struct dmabench_handle *dev, unsigned long req, void *arg)
{
	return ioctl(dev->fd, req, arg) < 0 ? -errno : 0;
}

static void *kernel_mmap(struct dmabench_handle *dev, size_t len, uint64_t offset)
{
	void *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, dev->fd,
		       (off_t)offset);

	return p == MAP_FAILED ? NULL : p;
}

static int kernel_munmap(struct dmabench_handle *dev, void *addr, size_t len)
{
	(void)dev;
	return munmap(addr, len) ? -errno : 0;
}

const struct dmabench_backend dmabench_kernel_backend = {
	.open = kernel_open,
	.close = kernel_close,
	.ioctl = kernel_ioctl,
	.mmap = kernel_mmap,
	.munmap = kernel_munmap,
};

/* Why open failed, with the likely fix. */
static const char *open_hint(int err)
{
	switch (err) {
	case ENOENT:
	case ENXIO:
	case ENODEV:
		return " (is dmabench.ko loaded?)";
	case EACCES:
	case EPERM:
		return " (run as root?)";
	default:
		return "";
	}
}

static void abi_mismatch(char *err, size_t errlen, const char *node_path,
			 const struct dmabench_info *info)
{
	if (info->size != sizeof(*info))
		snprintf(err, errlen, "%s: module ABI %u (INFO %u bytes), dmabench "
			 "ABI %d (INFO %zu bytes): rebuild", node_path,
			 info->abi_version, info->size, DMABENCH_ABI_VERSION,
			 sizeof(*info));
	else
		snprintf(err, errlen, "%s: module ABI %u, dmabench ABI %d: rebuild",
			 node_path, info->abi_version, DMABENCH_ABI_VERSION);
}

int dmabench_handle_open(struct dmabench_handle *dev,
		      const struct dmabench_backend *backend,
		      const char *node_path, char *err, size_t errlen)
{
	int ret;

	dev->backend = backend;
	dev->fd = -1;
	ret = backend->open(dev, node_path);
	if (ret) {
		snprintf(err, errlen, "%s: %s%s", node_path, strerror(-ret),
			 open_hint(-ret));
		return ret;
	}
	memset(&dev->info, 0, sizeof(dev->info));
	dev->info.size = sizeof(dev->info);
	dev->info.abi_version = DMABENCH_ABI_VERSION;
	ret = backend->ioctl(dev, DMABENCH_IOC_INFO, &dev->info);
	if (ret == -EINVAL && (dev->info.abi_version != DMABENCH_ABI_VERSION ||
			       dev->info.size != sizeof(dev->info))) {
		/* The module wrote its ABI into the header: say both. */
		abi_mismatch(err, errlen, node_path, &dev->info);
		ret = -EPROTO;
	} else if (ret == -EINVAL || ret == -ENOTTY) {
		/* A module that refuses without saying which ABI it speaks. */
		snprintf(err, errlen, "%s: INFO refused (%s): module and dmabench "
			 "disagree on the ABI (dmabench ABI %d, struct size %zu); "
			 "rebuild both", node_path, strerror(-ret),
			 DMABENCH_ABI_VERSION, sizeof(dev->info));
	} else if (ret) {
		snprintf(err, errlen, "%s: INFO: %s", node_path, strerror(-ret));
	} else if (dev->info.abi_version != DMABENCH_ABI_VERSION) {
		abi_mismatch(err, errlen, node_path, &dev->info);
		ret = -EPROTO;
	}
	if (ret) {
		backend->close(dev);
		return ret;
	}
	/* Module strings are fixed-size buffers: never trust a terminator. */
	dev->info.kernel_release[sizeof(dev->info.kernel_release) - 1] = '\0';
	return 0;
}

void dmabench_handle_close(struct dmabench_handle *dev)
{
	if (dev->backend)
		dev->backend->close(dev);
	dev->backend = NULL;
}

int dmabench_handle_device(struct dmabench_handle *dev, uint32_t index,
			struct dmabench_device_info *out)
{
	int ret;

	memset(out, 0, sizeof(*out));
	out->size = sizeof(*out);
	out->abi_version = DMABENCH_ABI_VERSION;
	out->index = index;
	ret = dev->backend->ioctl(dev, DMABENCH_IOC_DEVICE, out);
	out->name[sizeof(out->name) - 1] = '\0';
	out->bus_id[sizeof(out->bus_id) - 1] = '\0';
	out->group_type[sizeof(out->group_type) - 1] = '\0';
	return ret;
}

int dmabench_handle_scenario(struct dmabench_handle *dev, uint32_t index,
			  struct dmabench_scenario_info *out)
{
	uint32_t i;
	int ret;

	memset(out, 0, sizeof(*out));
	out->size = sizeof(*out);
	out->abi_version = DMABENCH_ABI_VERSION;
	out->index = index;
	ret = dev->backend->ioctl(dev, DMABENCH_IOC_SCENARIO, out);
	out->name[sizeof(out->name) - 1] = '\0';
	out->summary[sizeof(out->summary) - 1] = '\0';
	for (i = 0; i < DMABENCH_MAX_OPS; i++)
		out->op_names[i][sizeof(out->op_names[i]) - 1] = '\0';
	if (!ret && out->nops > DMABENCH_MAX_OPS)
		ret = -EPROTO;
	return ret;
}

int dmabench_handle_find_scenario(struct dmabench_handle *dev, const char *name,
			       struct dmabench_scenario_info *out)
{
	uint32_t i;
	int ret;

	for (i = 0; i < dev->info.nscenarios; i++) {
		ret = dmabench_handle_scenario(dev, i, out);
		if (ret)
			return ret;
		if (!strcmp(out->name, name))
			return 0;
	}
	return -ENOENT;
}

int dmabench_handle_find_device(struct dmabench_handle *dev, const char *name,
			     struct dmabench_device_info *out)
{
	uint32_t i;
	int ret;

	for (i = 0; i < dev->info.ndevices; i++) {
		ret = dmabench_handle_device(dev, i, out);
		if (ret)
			return ret;
		if (!name[0] || !strcmp(out->name, name))
			return 0;
	}
	return -ENOENT;
}

int dmabench_handle_run(struct dmabench_handle *dev, struct dmabench_run *run)
{
	run->size = sizeof(*run);
	run->abi_version = DMABENCH_ABI_VERSION;
	return dev->backend->ioctl(dev, DMABENCH_IOC_RUN, run);
}

int dmabench_handle_verify(struct dmabench_handle *dev, struct dmabench_verify *v)
{
	v->size = sizeof(*v);
	v->abi_version = DMABENCH_ABI_VERSION;
	return dev->backend->ioctl(dev, DMABENCH_IOC_VERIFY, v);
}

int dmabench_handle_ubuf_alloc(struct dmabench_handle *dev, struct dmabench_ubuf *u)
{
	u->size = sizeof(*u);
	u->abi_version = DMABENCH_ABI_VERSION;
	return dev->backend->ioctl(dev, DMABENCH_IOC_UBUF_ALLOC, u);
}
