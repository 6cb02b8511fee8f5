/* SPDX-License-Identifier: GPL-2.0 */
/* Real DMA round trips through the QEMU edu device. */
#ifndef _DMABENCH_VERIFY_H
#define _DMABENCH_VERIFY_H

#include <uapi/dmabench.h>

struct dmabench_dev;

/* The caller holds d's lock and has checked DMABENCH_DEV_F_EDU. */
int dmabench_verify(struct dmabench_dev *d, struct dmabench_verify *v);

#endif /* _DMABENCH_VERIFY_H */
