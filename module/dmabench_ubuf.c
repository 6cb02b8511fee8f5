// SPDX-License-Identifier: GPL-2.0
/*
 * User buffers of an open /dev/dmabench: see dmabench_ubuf.h.
 *
 * Lifetimes and locks. An entry holds two references from the start: its
 * file's slot (f->ubufs[id], under f->lock) and its device's (e->dev_ref,
 * under dmabench_ubufs_lock). Whoever clears a holder under its lock drops
 * that holder's reference: a release clears both of its own entries, a
 * revocation both of the entries of its device, and when the two race
 * each drops the one it got first. A verify borrows a third one for the
 * length of its run. The last put frees the DMA memory and the entry, so
 * nothing is freed twice or behind anyone's back. Each entry holds its
 * file, so a revocation never finds the file gone.
 *
 * dmabench_ubufs lists every entry not yet freed, so that an unbind finds
 * the entries of its device and then waits for the ones a release is still
 * freeing. dmabench_ubufs_lock is a spinlock, innermost, held only over
 * the list and dev_ref (never across a put), so that the unbind's wait
 * can look at the list.
 * A device's lock comes before f->lock (allocation, so that the ops child
 * stays while we take it), and so does the mm's mmap_lock (mmap(2)). A
 * revocation takes f->lock and mmap_lock each alone, which is why it must
 * walk the file's mms across unlocks; that walk is safe because it holds
 * the file, and mms only grows until the file is freed.
 */
#include <linux/device.h>
#include <linux/ktime.h>
#include <linux/mm.h>
#include <linux/mmap_lock.h>
#include <linux/sched/mm.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/wait.h>

#include "dmabench_compat.h"
#include "dmabench_devices.h"
#include "dmabench_ubuf.h"
#include "dmabench_validate.h"

static LIST_HEAD(dmabench_ubufs);
static DEFINE_SPINLOCK(dmabench_ubufs_lock);
static DECLARE_WAIT_QUEUE_HEAD(dmabench_ubufs_wq);

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
 * The last reference is gone: no mapping is left (a revocation unmapped
 * them, or the file is released), so the DMA memory can go.
 */
static void dmabench_ubuf_free(struct kref *kref)
{
	struct dmabench_ubuf_entry *e =
		container_of(kref, struct dmabench_ubuf_entry, kref);
	struct dmabench_dev *d = e->d;

	dmabench_dmamem_free(e->dev, &e->b);
	put_device(e->dev);
	spin_lock(&dmabench_ubufs_lock);
	list_del(&e->node);
	spin_unlock(&dmabench_ubufs_lock);
	/* An unbind may wait for it. */
	wake_up_all(&dmabench_ubufs_wq);
	dmabench_dev_put(d);
	kref_put(&e->f->kref, dmabench_file_free);
	kfree(e);
}

void dmabench_ubuf_put(struct dmabench_ubuf_entry *e)
{
	kref_put(&e->kref, dmabench_ubuf_free);
}

/* Takes the device's reference of e: false when a revocation or release has it. */
static bool dmabench_ubuf_take_dev_ref(struct dmabench_ubuf_entry *e)
{
	bool had;

	spin_lock(&dmabench_ubufs_lock);
	had = e->dev_ref;
	e->dev_ref = false;
	spin_unlock(&dmabench_ubufs_lock);
	return had;
}

/*
 * The file's last reference: no mapping is left. Its slots' references
 * are ours; so are the devices' references of its entries that no
 * revocation has taken yet.
 */
void dmabench_file_release(struct dmabench_file *f)
{
	struct dmabench_ubuf_entry *ours[DMABENCH_MAX_UBUFS];
	unsigned int i;

	mutex_lock(&f->lock);
	for (i = 0; i < DMABENCH_MAX_UBUFS; i++) {
		ours[i] = f->ubufs[i];
		f->ubufs[i] = NULL;
	}
	mutex_unlock(&f->lock);
	for (i = 0; i < DMABENCH_MAX_UBUFS; i++) {
		if (!ours[i])
			continue;
		if (dmabench_ubuf_take_dev_ref(ours[i]))
			dmabench_ubuf_put(ours[i]);
		dmabench_ubuf_put(ours[i]);
	}
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

/* Under the device's lock (not gone: no revocation runs yet) and f->lock. */
static int dmabench_ubuf_alloc_locked(struct dmabench_file *f,
				      struct dmabench_ubuf_entry *e,
				      struct dmabench_ubuf *u)
{
	u64 t0;
	int ret;

	e->dev = dmabench_dev_via(e->d, u->via);
	if (!e->dev)
		return -EOPNOTSUPP;
	get_device(e->dev);
	t0 = ktime_get_ns();
	/*
	 * No OOM killer for a buffer it could not free (not in any RSS):
	 * user space asking for too much gets -ENOMEM.
	 */
	ret = dmabench_dmamem_alloc(e->dev, &e->b, u->variant, u->size_bytes,
				    u->attrs, GFP_KERNEL | __GFP_NORETRY |
				    __GFP_NOWARN);
	u->alloc_ns = ktime_get_ns() - t0;
	if (ret) {
		put_device(e->dev);
		return ret;
	}
	/* One reference for the file's slot, one for the device. */
	kref_init(&e->kref);
	kref_get(&e->kref);
	kref_get(&f->kref);
	e->dev_ref = true;
	spin_lock(&dmabench_ubufs_lock);
	list_add_tail(&e->node, &dmabench_ubufs);
	spin_unlock(&dmabench_ubufs_lock);
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

/* Under f->lock: the entry of id, NULL when none or revoked. */
static struct dmabench_ubuf_entry *dmabench_ubuf_find(struct dmabench_file *f,
						      u32 id)
{
	struct dmabench_ubuf_entry *e;

	e = id < DMABENCH_MAX_UBUFS ? f->ubufs[id] : NULL;
	return e && !e->revoked ? e : NULL;
}

struct dmabench_ubuf_entry *dmabench_ubuf_get(struct dmabench_file *f, u32 id,
					      struct dmabench_dev *d)
{
	struct dmabench_ubuf_entry *e;

	mutex_lock(&f->lock);
	e = dmabench_ubuf_find(f, id);
	if (e && e->d == d)
		kref_get(&e->kref);
	else
		e = ERR_PTR(-EINVAL);
	mutex_unlock(&f->lock);
	return e;
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

/*
 * The slot's reference keeps the entry while we hold f->lock: a
 * revocation clears the slot only under it.
 */
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
	e = dmabench_ubuf_find(f, id);
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

/*
 * mmap(2) puts a buffer's pages in place before it links the mapping into
 * f->mapping, all under its mm's mmap_lock. Taking that lock once waits
 * for an mmap(2) that got its pages before the revocation, so that
 * unmap_mapping_range() finds it. The caller holds f, so no node of mms
 * is freed under us.
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
 * We hold the device's reference of e, and e holds its file. The id stays
 * taken until its mappings are gone, so that no new buffer of the file is
 * mapped at that offset in between and unmapped with it. The slot's
 * reference is ours too unless a release took it first.
 */
static void dmabench_ubuf_revoke(struct dmabench_ubuf_entry *e)
{
	struct dmabench_file *f = e->f;
	bool slot;

	mutex_lock(&f->lock);
	e->revoked = true;	/* no new mapping, no verify */
	mutex_unlock(&f->lock);
	dmabench_file_wait_mmaps(f);
	unmap_mapping_range(&f->mapping, dmabench_ubuf_offset(e->id),
			    DMABENCH_UBUF_STRIDE_BYTES, 1);
	mutex_lock(&f->lock);
	slot = f->ubufs[e->id] == e;
	if (slot)
		f->ubufs[e->id] = NULL;
	mutex_unlock(&f->lock);
	if (slot)
		dmabench_ubuf_put(e);
	dmabench_ubuf_put(e);
}

/* Takes the device's reference of one entry of d; NULL when none is left. */
static struct dmabench_ubuf_entry *dmabench_ubuf_claim(struct dmabench_dev *d)
{
	struct dmabench_ubuf_entry *e, *found = NULL;

	spin_lock(&dmabench_ubufs_lock);
	list_for_each_entry(e, &dmabench_ubufs, node) {
		if (e->d == d && e->dev_ref) {
			e->dev_ref = false;
			found = e;
			break;
		}
	}
	spin_unlock(&dmabench_ubufs_lock);
	return found;
}

static bool dmabench_ubuf_any_of(struct dmabench_dev *d)
{
	struct dmabench_ubuf_entry *e;
	bool any = false;

	spin_lock(&dmabench_ubufs_lock);
	list_for_each_entry(e, &dmabench_ubufs, node)
		any |= e->d == d;
	spin_unlock(&dmabench_ubufs_lock);
	return any;
}

void dmabench_ubuf_unbind(struct dmabench_dev *d)
{
	struct dmabench_ubuf_entry *e;

	while ((e = dmabench_ubuf_claim(d)))
		dmabench_ubuf_revoke(e);
	/* Those a release claimed first are freed outside our reach. */
	wait_event(dmabench_ubufs_wq, !dmabench_ubuf_any_of(d));
}
