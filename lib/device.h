/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Access to /dev/dmabench through a small table of operations, so the
 * commands run unchanged against the real module or a fake one in tests.
 * Every op returns 0 or -errno and fills the size/abi_version header itself.
 */
#ifndef DMABENCH_DEVICE_H
#define DMABENCH_DEVICE_H

#include <stddef.h>
#include <stdint.h>
#include "dmabench.h"

struct dmabench_dev;

struct dmabench_backend {
	int (*open)(struct dmabench_dev *dev, const char *node_path);
	void (*close)(struct dmabench_dev *dev);
	/* One ioctl each: req is DMABENCH_IOC_*, arg its struct. */
	int (*ioctl)(struct dmabench_dev *dev, unsigned long req, void *arg);
	/* mmap(2) of the node, shared, read-write: the address or NULL (errno). */
	void *(*mmap)(struct dmabench_dev *dev, size_t len, uint64_t offset);
	int (*munmap)(struct dmabench_dev *dev, void *addr, size_t len);
};

struct dmabench_dev {
	const struct dmabench_backend *backend;
	void *backend_data;	/* for fakes */
	int fd;
	struct dmabench_info info;	/* read and checked at open */
};

/* The real module, through open(2) and ioctl(2). */
extern const struct dmabench_backend dmabench_kernel_backend;

/*
 * Opens node_path, reads DMABENCH_IOC_INFO and checks the ABI version.
 * On failure returns -errno and writes a one-line reason (without the
 * "dmabench: " prefix) to err, e.g.
 * "/dev/dmabench: No such file or directory (is dmabench.ko loaded?)".
 */
int dmabench_dev_open(struct dmabench_dev *dev,
		      const struct dmabench_backend *backend,
		      const char *node_path, char *err, size_t errlen);
void dmabench_dev_close(struct dmabench_dev *dev);

int dmabench_dev_device(struct dmabench_dev *dev, uint32_t index,
			struct dmabench_device_info *out);
int dmabench_dev_scenario(struct dmabench_dev *dev, uint32_t index,
			  struct dmabench_scenario_info *out);
/* Finds a scenario or a device by name: 0, -ENOENT, or another -errno. */
int dmabench_dev_find_scenario(struct dmabench_dev *dev, const char *name,
			       struct dmabench_scenario_info *out);
/* "" finds the first device, as the module does. */
int dmabench_dev_find_device(struct dmabench_dev *dev, const char *name,
			     struct dmabench_device_info *out);
/* run->params, hist_ptr must be set by the caller. */
int dmabench_dev_run(struct dmabench_dev *dev, struct dmabench_run *run);
int dmabench_dev_verify(struct dmabench_dev *dev, struct dmabench_verify *v);
/* u->device, via, variant, size_bytes, attrs set by the caller. */
int dmabench_dev_ubuf_alloc(struct dmabench_dev *dev, struct dmabench_ubuf *u);

#endif
