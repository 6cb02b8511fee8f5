/* SPDX-License-Identifier: GPL-2.0 */
/* Real DMA round trips through the QEMU edu device. */
#ifndef _DMABENCH_VERIFY_H
#define _DMABENCH_VERIFY_H

#include <uapi/dmabench.h>

struct dmabench_dev;
struct dmabench_ubuf_entry;

/*
 * The caller holds d's lock and has checked DMABENCH_DEV_F_EDU; ub is the
 * user buffer of a DMABENCH_VERIFY_UBUF, on d, else NULL.
 */
int dmabench_verify(struct dmabench_dev *d, struct dmabench_verify *v,
		    struct dmabench_ubuf_entry *ub);

#endif /* _DMABENCH_VERIFY_H */
