/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The one place where dmabench looks at the kernel version. Each API that
 * came or went gets a DMABENCH_HAVE_* gate; code that uses it is compiled
 * only where it exists, and its scenario is reported as unavailable
 * (DMABENCH_SCN_F_UNAVAILABLE) elsewhere, never emulated.
 */
#ifndef _DMABENCH_COMPAT_H
#define _DMABENCH_COMPAT_H

#include <linux/mm.h>
#include <linux/version.h>

/* dma_alloc_pages(), dma_mmap_pages(): 5.10; noncoherent on top: 5.10. */
#define DMABENCH_HAVE_ALLOC_PAGES	(LINUX_VERSION_CODE >= KERNEL_VERSION(5, 10, 0))
/* dma_alloc_noncontiguous(), dma_vmap_noncontiguous(): 5.12. */
#define DMABENCH_HAVE_NONCONTIGUOUS	(LINUX_VERSION_CODE >= KERNEL_VERSION(5, 12, 0))
/* pci_alloc_consistent() and the other pci-dma-compat wrappers: gone in 5.18. */
#define DMABENCH_HAVE_PCI_DMA_COMPAT	(LINUX_VERSION_CODE < KERNEL_VERSION(5, 18, 0))
/* dma_map_ops.alloc_pages: 5.10 (later kernels rename it alloc_pages_op). */
#define DMABENCH_HAVE_OPS_ALLOC_PAGES	(LINUX_VERSION_CODE >= KERNEL_VERSION(5, 10, 0) && \
					 LINUX_VERSION_CODE < KERNEL_VERSION(6, 9, 0))
/* vm_flags_set(), vm_flags_mod(): 6.3; vma->vm_flags is read-only since. */
#define DMABENCH_HAVE_VM_FLAGS_SET	(LINUX_VERSION_CODE >= KERNEL_VERSION(6, 3, 0))

/* vm_flags_mod() where it exists; the caller holds the mm's mmap_lock. */
static inline void dmabench_vm_flags_mod(struct vm_area_struct *vma,
					 vm_flags_t set, vm_flags_t clear)
{
#if DMABENCH_HAVE_VM_FLAGS_SET
	vm_flags_mod(vma, set, clear);
#else
	vma->vm_flags = (vma->vm_flags | set) & ~clear;
#endif
}

#endif /* _DMABENCH_COMPAT_H */
