// SPDX-License-Identifier: GPL-2.0
/*
 * User buffers of an open /dev/dmabench: see dmabench_ubuf.h.
 *
 * Locks: d->lock before f->lock (allocation, verify), mmap_lock before
 * f->lock (mmap); a revocation takes each alone. d->ubufs_lock is
 * innermost. An entry is freed by whoever takes it off its device's list:
 * a revocation, or the file's release under f->lock; the device counts
 * the entries not yet freed, so its unbind waits for both.
 */
#include <linux/device.h>
#include <linux/ktime.h>
#include <linux/mm.h>
#include <linux/mmap_lock.h>
#include <linux/sched/mm.h>
#include <linux/slab.h>

#include "dmabench_compat.h"
#include "dmabench_devices.h"
#include "dmabench_ubuf.h"
#include "dmabench_validate.h"

/* An address space that mapped a buffer of the file (mmgrab()ed). */
struct dmabench_file_mm {
	struct list_head node;
	struct mm_struct *mm;
};

/* No page cache behind the mappings: every page is put there by mmap(2). */
static const struct address_space_operations dmabench_ubuf_aops = { };

struct dmabench_file *dmabench_file_create(struct inode *inode,
					   struct file *file)
{
	struct dmabench_file *f = kzalloc(sizeof(*f), GFP_KERNEL);

	if (!f)
		return NULL;
	kref_init(&f->kref);
	mutex_init(&f->lock);
	INIT_LIST_HEAD(&f->mms);
	address_space_init_once(&f->mapping);
	f->mapping.host = inode;
	f->mapping.a_ops = &dmabench_ubuf_aops;
	file->f_mapping = &f->mapping;
	return f;
}

static void dmabench_ubuf_entry_free(struct dmabench_ubuf_entry *e)
{
	struct dmabench_dev *d = e->d;

	dmabench_dmabuf_free(e->dev, &e->b);
	put_device(e->dev);
	mutex_lock(&d->ubufs_lock);
	if (!--d->nubufs)
		wake_up_all(&d->wq);	/* an unbind may wait for it */
	mutex_unlock(&d->ubufs_lock);
	dmabench_dev_put(d);
	kfree(e);
}

/* Takes e off its device's list; false if a revocation has it. */
static bool dmabench_ubuf_unlist(struct dmabench_ubuf_entry *e)
{
	struct dmabench_dev *d = e->d;
	bool listed;

	mutex_lock(&d->ubufs_lock);
	listed = !list_empty(&e->dev_node);
	list_del_init(&e->dev_node);
	mutex_unlock(&d->ubufs_lock);
	return listed;
}

static void dmabench_file_free(struct kref *kref)
{
	struct dmabench_file *f = container_of(kref, struct dmabench_file, kref);
	struct dmabench_file_mm *m, *tmp;

	list_for_each_entry_safe(m, tmp, &f->mms, node) {
		mmdrop(m->mm);
		kfree(m);
	}
	mutex_destroy(&f->lock);
	kfree(f);
}

/*
 * The file's last reference: no mapping is left. An entry still listed is
 * ours to free. One a revocation took is the revocation's: it holds f
 * (taken while the entry was listed, so before our kref_put()) and frees
 * the entry only after its own f->lock section, so we look at entries
 * under f->lock only.
 */
void dmabench_file_release(struct dmabench_file *f)
{
	struct dmabench_ubuf_entry *ours[DMABENCH_MAX_UBUFS] = { };
	struct dmabench_ubuf_entry *e;
	unsigned int i;

	mutex_lock(&f->lock);
	for (i = 0; i < DMABENCH_MAX_UBUFS; i++) {
		e = f->ubufs[i];
		if (e && dmabench_ubuf_unlist(e))
			ours[i] = e;
		f->ubufs[i] = NULL;
	}
	mutex_unlock(&f->lock);
	for (i = 0; i < DMABENCH_MAX_UBUFS; i++)
		if (ours[i])
			dmabench_ubuf_entry_free(ours[i]);
	kref_put(&f->kref, dmabench_file_free);
}

/* Where buffer id of a file is mapped: its mmap(2) offset. */
static loff_t dmabench_ubuf_offset(u32 id)
{
	return (loff_t)id * DMABENCH_UBUF_STRIDE_BYTES;
}

static int dmabench_ubuf_free_slot(struct dmabench_file *f)
{
	unsigned int i;

	for (i = 0; i < DMABENCH_MAX_UBUFS; i++)
		if (!f->ubufs[i])
			return i;
	return -ENOSPC;
}

/* Under d->lock (not gone: no revocation runs yet) and f->lock. */
static int dmabench_ubuf_alloc_locked(struct dmabench_file *f,
				      struct dmabench_ubuf_entry *e,
				      struct dmabench_ubuf *u)
{
	struct dmabench_dev *d = e->d;
	u64 t0;
	int ret;

	e->dev = dmabench_dev_via(d, u->via);
	if (!e->dev)
		return -EOPNOTSUPP;
	get_device(e->dev);
	t0 = ktime_get_ns();
	/*
	 * No OOM killer for a buffer it could not free (not in any RSS):
	 * user space asking for too much gets -ENOMEM.
	 */
	ret = dmabench_dmabuf_alloc(e->dev, &e->b, u->variant, u->size_bytes,
				    u->attrs, GFP_KERNEL | __GFP_NORETRY |
				    __GFP_NOWARN);
	u->alloc_ns = ktime_get_ns() - t0;
	if (ret) {
		put_device(e->dev);
		return ret;
	}
	mutex_lock(&d->ubufs_lock);
	list_add_tail(&e->dev_node, &d->ubufs);
	d->nubufs++;
	mutex_unlock(&d->ubufs_lock);
	f->ubufs[e->id] = e;
	return 0;
}

int dmabench_ubuf_alloc(struct dmabench_file *f, struct dmabench_ubuf *u)
{
	struct dmabench_ubuf_entry *e;
	int id, ret;

	e = kzalloc(sizeof(*e), GFP_KERNEL);
	if (!e)
		return -ENOMEM;
	INIT_LIST_HEAD(&e->dev_node);
	e->f = f;
	e->d = dmabench_dev_get_by_name(u->device);
	if (!e->d) {
		kfree(e);
		return -ENODEV;
	}
	/* The device lock keeps the ops child alive while we take it. */
	ret = dmabench_dev_lock(e->d);
	if (ret)
		goto err;
	mutex_lock(&f->lock);
	id = dmabench_ubuf_free_slot(f);
	ret = id;
	if (id >= 0) {
		e->id = id;
		ret = dmabench_ubuf_alloc_locked(f, e, u);
	}
	mutex_unlock(&f->lock);
	dmabench_dev_unlock(e->d);
err:
	if (ret) {
		dmabench_dev_put(e->d);
		kfree(e);
		return ret;
	}
	u->id = id;
	u->mmap_offset_bytes = dmabench_ubuf_offset(id);
	return 0;
}

/* Under f->lock: remember who maps, for dmabench_file_wait_mmaps(). */
static int dmabench_file_note_mm(struct dmabench_file *f, struct mm_struct *mm)
{
	struct dmabench_file_mm *m;

	list_for_each_entry(m, &f->mms, node)
		if (m->mm == mm)
			return 0;
	m = kmalloc(sizeof(*m), GFP_KERNEL);
	if (!m)
		return -ENOMEM;
	mmgrab(mm);
	m->mm = mm;
	list_add_tail(&m->node, &f->mms);
	return 0;
}

/*
 * x86 PAT tracks a remap_pfn_range() of a whole VMA (VM_PAT). 6.1's
 * unmap_mapping_range() untracks it without the mm's mmap_lock, racing a
 * munmap(2), exit or fork of the mapping into a WARN (later kernels untrack
 * only when the VMA goes). For RAM the tracking reserves nothing, and our
 * buffers are RAM: drop the flag. Device memory (a per-device coherent
 * pool) keeps it.
 */
static void dmabench_ubuf_untrack_pat(struct vm_area_struct *vma)
{
#ifdef VM_PAT
	unsigned long pfn;

	if (!(vma->vm_flags & VM_PAT) ||
	    dmabench_follow_pfn(vma, vma->vm_start, &pfn) ||
	    !page_is_ram(pfn))
		return;
	dmabench_vm_flags_mod(vma, 0, VM_PAT);
#endif
}

int dmabench_ubuf_mmap(struct dmabench_file *f, struct vm_area_struct *vma)
{
	struct dmabench_ubuf_entry *e;
	unsigned long pgoff = vma->vm_pgoff;
	u32 id;
	int ret;

	ret = dmabench_validate_mmap(vma->vm_pgoff, vma->vm_flags, &id);
	if (ret)
		return ret;
	/*
	 * Never grown by mremap(2) past the buffer (vm_map_pages(), which
	 * iommu-dma and the noncontiguous variants use, does not say so
	 * itself), never made executable, never in a core dump.
	 */
	dmabench_vm_flags_mod(vma, VM_DONTEXPAND | VM_DONTDUMP, VM_MAYEXEC);
	ret = -EINVAL;
	mutex_lock(&f->lock);
	e = dmabench_ubuf_get(f, id);
	if (e && vma_pages(vma) <= PAGE_ALIGN(e->b.size) >> PAGE_SHIFT)
		ret = dmabench_file_note_mm(f, vma->vm_mm);
	if (e && !ret) {
		/* dma_mmap_*() read vm_pgoff as the offset into the buffer. */
		vma->vm_pgoff = 0;
		ret = dmabench_variants[e->b.variant].mmap(e->dev, &e->b, vma);
		/* A shared mapping's own: revocation finds it there. */
		vma->vm_pgoff = pgoff;
		if (!ret)
			dmabench_ubuf_untrack_pat(vma);
	}
	mutex_unlock(&f->lock);
	return ret;
}

struct dmabench_ubuf_entry *dmabench_ubuf_get(struct dmabench_file *f, u32 id)
{
	struct dmabench_ubuf_entry *e;

	e = id < DMABENCH_MAX_UBUFS ? f->ubufs[id] : NULL;
	return e && !e->revoked ? e : NULL;
}

/*
 * mmap(2) puts a buffer's pages in place before it links the mapping into
 * f->mapping, all under its mm's mmap_lock. Taking that lock once waits
 * for an mmap(2) that got its pages before the revocation, so that
 * unmap_mapping_range() finds it. mms only grows while f is held.
 */
static void dmabench_file_wait_mmaps(struct dmabench_file *f)
{
	struct list_head *pos;
	struct mm_struct *mm;

	mutex_lock(&f->lock);
	pos = f->mms.next;
	mutex_unlock(&f->lock);
	while (pos != &f->mms) {
		mm = list_entry(pos, struct dmabench_file_mm, node)->mm;
		mmap_read_lock(mm);
		mmap_read_unlock(mm);
		mutex_lock(&f->lock);
		pos = pos->next;
		mutex_unlock(&f->lock);
	}
}

/*
 * e is off its device's list and f is held: nobody else frees e. Its id
 * stays taken until its mappings are gone, so that no new buffer of the
 * file is mapped at that offset in between and unmapped with it. (When
 * the slot no longer holds e, the file is being released.)
 */
static void dmabench_ubuf_revoke(struct dmabench_ubuf_entry *e)
{
	struct dmabench_file *f = e->f;

	mutex_lock(&f->lock);
	if (f->ubufs[e->id] == e)
		e->revoked = true;	/* no new mapping, no verify */
	mutex_unlock(&f->lock);
	dmabench_file_wait_mmaps(f);
	unmap_mapping_range(&f->mapping, dmabench_ubuf_offset(e->id),
			    DMABENCH_UBUF_STRIDE_BYTES, 1);
	mutex_lock(&f->lock);
	if (f->ubufs[e->id] == e)
		f->ubufs[e->id] = NULL;
	mutex_unlock(&f->lock);
	dmabench_ubuf_entry_free(e);
}

void dmabench_ubuf_revoke_dev(struct dmabench_dev *d)
{
	struct dmabench_ubuf_entry *e;
	struct dmabench_file *f;

	for (;;) {
		mutex_lock(&d->ubufs_lock);
		e = list_first_entry_or_null(&d->ubufs,
					     struct dmabench_ubuf_entry,
					     dev_node);
		if (e) {
			list_del_init(&e->dev_node);
			f = e->f;
			kref_get(&f->kref);
		}
		mutex_unlock(&d->ubufs_lock);
		if (!e)
			break;
		dmabench_ubuf_revoke(e);
		kref_put(&f->kref, dmabench_file_free);
	}
	/* Those a release took off the list: freed outside our reach. */
	wait_event(d->wq, !READ_ONCE(d->nubufs));
}
