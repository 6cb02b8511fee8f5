/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A handle on the module: an open /dev/dmabench (the kernel calls a bound
 * device struct dmabench_dev; this is not one), through a small table of
 * operations, so the commands run unchanged against the real module or a
 * fake one in tests.
 * Every op returns 0 or -errno and fills the size/abi_version header itself.
 */
#ifndef DMABENCH_HANDLE_H
#define DMABENCH_HANDLE_H

#include <stddef.h>
#include <stdint.h>
#include "dmabench.h"

struct dmabench_handle;

struct dmabench_backend {
	int (*open)(struct dmabench_handle *dev, const char *node_path);
	void (*close)(struct dmabench_handle *dev);
	/* One ioctl each: req is DMABENCH_IOC_*, arg its struct. */
	int (*ioctl)(struct dmabench_handle *dev, unsigned long req, void *arg);
	/* mmap(2) of the node, shared, read-write: the address or NULL (errno). */
	void *(*mmap)(struct dmabench_handle *dev, size_t len, uint64_t offset);
	int (*munmap)(struct dmabench_handle *dev, void *addr, size_t len);
};

struct dmabench_handle {
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
int dmabench_handle_open(struct dmabench_handle *dev,
		      const struct dmabench_backend *backend,
		      const char *node_path, char *err, size_t errlen);
void dmabench_handle_close(struct dmabench_handle *dev);

int dmabench_handle_device(struct dmabench_handle *dev, uint32_t index,
			struct dmabench_device_info *out);
int dmabench_handle_scenario(struct dmabench_handle *dev, uint32_t index,
			  struct dmabench_scenario_info *out);
/* Finds a scenario or a device by name: 0, -ENOENT, or another -errno. */
int dmabench_handle_find_scenario(struct dmabench_handle *dev, const char *name,
			       struct dmabench_scenario_info *out);
/* "" finds the first device, as the module does. */
int dmabench_handle_find_device(struct dmabench_handle *dev, const char *name,
			     struct dmabench_device_info *out);
/* run->params, hist_ptr must be set by the caller. */
int dmabench_handle_run(struct dmabench_handle *dev, struct dmabench_run *run);
int dmabench_handle_verify(struct dmabench_handle *dev, struct dmabench_verify *v);
/* u->device, via, variant, size_bytes, attrs set by the caller. */
int dmabench_handle_ubuf_alloc(struct dmabench_handle *dev, struct dmabench_ubuf *u);

#endif
