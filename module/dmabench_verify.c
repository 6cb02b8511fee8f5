// SPDX-License-Identifier: GPL-2.0
/*
 * verify: fill buffer A with a seeded pattern, DMA it RAM -> edu, then
 * edu -> RAM into buffer B (pre-filled with the pattern's complement) and
 * compare. Each kind maps A and B a different way; STALE_NO_SYNC reads B
 * before dma_sync_single_for_cpu() to show what a missing sync does.
 *
 * edu (QEMU hw/misc/edu.c): BAR0 0x80 source, 0x88 destination, 0x90 count,
 * 0x98 command (bit 0 start/busy, bit 1 edu -> RAM); its buffer is at
 * 0x40000. A transfer completes on a 100 ms virtual timer.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/delay.h>
#include <linux/dma-mapping.h>
#include <linux/io.h>
#include <linux/minmax.h>
#include <linux/scatterlist.h>
#include <linux/slab.h>
#include <linux/ktime.h>

#include "dmabench_account.h"
#include "dmabench_compat.h"
#include "dmabench_cpubuf.h"
#include "dmabench_devices.h"
#include "dmabench_ubuf.h"
#include "dmabench_verify.h"

#define EDU_DMA_SRC		0x80
#define EDU_DMA_DST		0x88
#define EDU_DMA_COUNT		0x90
#define EDU_DMA_CMD		0x98
#define EDU_CMD_START		BIT(0)
#define EDU_CMD_TO_RAM		BIT(1)
#define EDU_BUF			0x40000
#define EDU_TIMEOUT_MS		5000
#define VERIFY_SG_SEGS		4

struct verify_ctx {
	struct dmabench_dev *d;
	struct device *dev;		/* bound device or its ops child */
	struct dmabench_verify *v;
	struct dmabench_ubuf_entry *ub;	/* VERIFY_UBUF */
	u32 len;
};

static u8 verify_pattern(u32 seed, u32 i)
{
	return dmabench_pattern_byte(seed, i);
}

/* B's pre-fill differs from the pattern in every byte. */
static void verify_fill(u8 *buf, u32 seed, u32 from, u32 len, bool prefill)
{
	u32 i;

	for (i = 0; i < len; i++)
		buf[i] = verify_pattern(seed, from + i) ^ (prefill ? 0xa5 : 0);
}

/* Offset of the first byte of buf that is not the pattern, or -1. */
static s64 verify_check(const u8 *buf, u32 seed, u32 from, u32 len)
{
	u32 i;

	for (i = 0; i < len; i++)
		if (buf[i] != verify_pattern(seed, from + i))
			return from + i;
	return -1;
}

static void verify_result(struct verify_ctx *c, s64 bad)
{
	c->v->outcome = bad < 0 ? DMABENCH_VERIFY_MATCH :
				  DMABENCH_VERIFY_MISMATCH;
	c->v->first_bad_byte = bad < 0 ? 0 : bad;
}

/*
 * One edu transfer, waited for without a signal check: the device owns the
 * buffer until it is done. On a timeout the caller must not free it.
 */
static int edu_dma(struct verify_ctx *c, u64 src, u64 dst, u32 len,
		   bool to_ram)
{
	void __iomem *mmio = c->d->mmio;
	unsigned int waited_ms;

	writeq(src, mmio + EDU_DMA_SRC);
	writeq(dst, mmio + EDU_DMA_DST);
	writeq(len, mmio + EDU_DMA_COUNT);
	writeq(EDU_CMD_START | (to_ram ? EDU_CMD_TO_RAM : 0),
	       mmio + EDU_DMA_CMD);
	for (waited_ms = 0; waited_ms < EDU_TIMEOUT_MS; waited_ms += 10) {
		if (!(readq(mmio + EDU_DMA_CMD) & EDU_CMD_START))
			return 0;
		usleep_range(10000, 11000);
	}
	dev_err(c->d->dev, "edu DMA timed out; leaking its buffers\n");
	return -ETIMEDOUT;
}

static int edu_to_device(struct verify_ctx *c, dma_addr_t src, u32 off,
			 u32 len)
{
	return edu_dma(c, src, EDU_BUF + off, len, false);
}

static int edu_from_device(struct verify_ctx *c, u32 off, dma_addr_t dst,
			   u32 len)
{
	return edu_dma(c, EDU_BUF + off, dst, len, true);
}

/* Streaming: map, transfer, unmap. On a device timeout the mapping stays. */
static int verify_stream_one(struct verify_ctx *c, void *cpu, bool to_dev,
			     bool sync_before_unmap)
{
	enum dma_data_direction dir = to_dev ? DMA_TO_DEVICE : DMA_FROM_DEVICE;
	dma_addr_t addr;
	int ret;

	addr = dma_map_single(c->dev, cpu, c->len, dir);
	if (dma_mapping_error(c->dev, addr))
		return -ENOMEM;
	dmabench_account(DMABENCH_RES_MAPPINGS, 1);
	ret = to_dev ? edu_to_device(c, addr, 0, c->len) :
		       edu_from_device(c, 0, addr, c->len);
	if (ret)
		return ret;
	if (!to_dev)
		c->v->dma_addr = addr;
	if (sync_before_unmap)
		dma_sync_single_for_cpu(c->dev, addr, c->len, dir);
	dma_unmap_single(c->dev, addr, c->len, dir);
	dmabench_account(DMABENCH_RES_MAPPINGS, -1);
	return 0;
}

static int verify_two_bufs(struct verify_ctx *c, struct dmabench_cpubuf *a,
			   struct dmabench_cpubuf *b, size_t size)
{
	int ret;

	ret = dmabench_cpubuf_alloc(a, size, dev_to_node(c->dev));
	if (ret)
		return ret;
	ret = dmabench_cpubuf_alloc(b, size, dev_to_node(c->dev));
	if (ret) {
		dmabench_cpubuf_free(a);
		return ret;
	}
	verify_fill(a->cpu, c->v->seed, 0, c->len, false);
	verify_fill(b->cpu, c->v->seed, 0, c->len, true);
	return 0;
}

static int verify_map_single(struct verify_ctx *c)
{
	struct dmabench_cpubuf a, b;
	int ret;

	ret = verify_two_bufs(c, &a, &b, c->len);
	if (ret)
		return ret;
	ret = verify_stream_one(c, a.cpu, true, false);
	if (!ret)
		ret = verify_stream_one(c, b.cpu, false, false);
	if (ret == -ETIMEDOUT)
		return ret;
	if (!ret)
		verify_result(c, verify_check(b.cpu, c->v->seed, 0, c->len));
	dmabench_cpubuf_free(&a);
	dmabench_cpubuf_free(&b);
	return ret;
}

/* map_page: whole pages, mapped at an offset that ends at the page's end. */
static int verify_page_one(struct verify_ctx *c, struct dmabench_cpubuf *buf,
			   bool to_dev)
{
	enum dma_data_direction dir = to_dev ? DMA_TO_DEVICE : DMA_FROM_DEVICE;
	unsigned long off = PAGE_SIZE - c->len;
	dma_addr_t addr;
	int ret;

	addr = dma_map_page(c->dev, dmabench_cpubuf_page(buf), off, c->len, dir);
	if (dma_mapping_error(c->dev, addr))
		return -ENOMEM;
	dmabench_account(DMABENCH_RES_MAPPINGS, 1);
	ret = to_dev ? edu_to_device(c, addr, 0, c->len) :
		       edu_from_device(c, 0, addr, c->len);
	if (ret)
		return ret;
	if (!to_dev)
		c->v->dma_addr = addr;
	dma_unmap_page(c->dev, addr, c->len, dir);
	dmabench_account(DMABENCH_RES_MAPPINGS, -1);
	return 0;
}

static int verify_map_page(struct verify_ctx *c)
{
	unsigned long off = PAGE_SIZE - c->len;
	struct dmabench_cpubuf a, b;
	int ret;

	ret = verify_two_bufs(c, &a, &b, PAGE_SIZE);
	if (ret)
		return ret;
	/* the data lives at the mapped offset */
	verify_fill(a.cpu + off, c->v->seed, 0, c->len, false);
	verify_fill(b.cpu + off, c->v->seed, 0, c->len, true);
	ret = verify_page_one(c, &a, true);
	if (!ret)
		ret = verify_page_one(c, &b, false);
	if (ret == -ETIMEDOUT)
		return ret;
	if (!ret)
		verify_result(c, verify_check(b.cpu + off, c->v->seed, 0,
					      c->len));
	dmabench_cpubuf_free(&a);
	dmabench_cpubuf_free(&b);
	return ret;
}

struct verify_sg {
	struct scatterlist sgl[VERIFY_SG_SEGS];
	struct dmabench_cpubuf seg[VERIFY_SG_SEGS];
	u32 seg_len[VERIFY_SG_SEGS];
	unsigned int nsegs;
};

static void verify_sg_free(struct verify_sg *s)
{
	unsigned int i;

	for (i = 0; i < s->nsegs; i++)
		dmabench_cpubuf_free(&s->seg[i]);
}

/* len split into up to VERIFY_SG_SEGS separate buffers, in order. */
static int verify_sg_alloc(struct verify_ctx *c, struct verify_sg *s,
			   bool prefill)
{
	unsigned int n = min_t(u32, VERIFY_SG_SEGS, c->len), i;
	u32 from = 0;
	int ret;

	sg_init_table(s->sgl, n);
	for (i = 0; i < n; i++) {
		s->seg_len[i] = c->len / n + (i == n - 1 ? c->len % n : 0);
		ret = dmabench_cpubuf_alloc(&s->seg[i], s->seg_len[i],
					 dev_to_node(c->dev));
		if (ret) {
			verify_sg_free(s);
			return ret;
		}
		s->nsegs = i + 1;
		verify_fill(s->seg[i].cpu, c->v->seed, from, s->seg_len[i],
			    prefill);
		sg_set_buf(&s->sgl[i], s->seg[i].cpu, s->seg_len[i]);
		from += s->seg_len[i];
	}
	return 0;
}

/* edu does one contiguous transfer: one per DMA segment, at running offsets. */
static int verify_sg_one(struct verify_ctx *c, struct verify_sg *s,
			 bool to_dev)
{
	enum dma_data_direction dir = to_dev ? DMA_TO_DEVICE : DMA_FROM_DEVICE;
	struct scatterlist *sg;
	u32 off = 0;
	int n, i, ret;

	n = dma_map_sg(c->dev, s->sgl, s->nsegs, dir);
	if (!n)
		return -ENOMEM;
	dmabench_account(DMABENCH_RES_MAPPINGS, 1);
	for_each_sg(s->sgl, sg, n, i) {
		ret = to_dev ? edu_to_device(c, sg_dma_address(sg), off,
					     sg_dma_len(sg)) :
			       edu_from_device(c, off, sg_dma_address(sg),
					       sg_dma_len(sg));
		if (ret)
			return ret;
		off += sg_dma_len(sg);
	}
	if (!to_dev)
		c->v->dma_addr = sg_dma_address(s->sgl);
	dma_unmap_sg(c->dev, s->sgl, s->nsegs, dir);
	dmabench_account(DMABENCH_RES_MAPPINGS, -1);
	return 0;
}

static int verify_map_sg(struct verify_ctx *c)
{
	struct verify_sg *a, *b;
	unsigned int i;
	s64 bad = -1;
	u32 from = 0;
	int ret = -ENOMEM;

	a = kzalloc(sizeof(*a), GFP_KERNEL);
	b = kzalloc(sizeof(*b), GFP_KERNEL);
	if (!a || !b)
		goto out;
	ret = verify_sg_alloc(c, a, false);
	if (ret)
		goto out;
	ret = verify_sg_alloc(c, b, true);
	if (ret)
		goto out_a;
	ret = verify_sg_one(c, a, true);
	if (!ret)
		ret = verify_sg_one(c, b, false);
	if (ret == -ETIMEDOUT)
		return ret;
	for (i = 0; !ret && i < b->nsegs && bad < 0; i++) {
		bad = verify_check(b->seg[i].cpu, c->v->seed, from,
				   b->seg_len[i]);
		from += b->seg_len[i];
	}
	if (!ret)
		verify_result(c, bad);
	verify_sg_free(b);
out_a:
	verify_sg_free(a);
out:
	kfree(a);
	kfree(b);
	return ret;
}

/*
 * Coherent buffers need no sync. Also checks ->get_sgtable: the table of
 * B must describe the memory the device wrote.
 */
static int verify_coherent_sgtable(struct verify_ctx *c, void *cpu,
				   dma_addr_t addr, s64 *bad)
{
	struct sg_table sgt;
	u8 *copy;
	int ret;

	copy = kmalloc(c->len, GFP_KERNEL);
	if (!copy)
		return -ENOMEM;
	ret = dma_get_sgtable(c->dev, &sgt, cpu, addr, c->len);
	if (!ret) {
		if (sg_copy_to_buffer(sgt.sgl, sgt.orig_nents, copy,
				      c->len) != c->len)
			*bad = 0;
		else
			*bad = verify_check(copy, c->v->seed, 0, c->len);
		sg_free_table(&sgt);
	}
	kfree(copy);
	return ret;
}

static int verify_coherent(struct verify_ctx *c)
{
	dma_addr_t ha, hb;
	void *a, *b;
	s64 bad;
	int ret = -ENOMEM;

	a = dma_alloc_coherent(c->dev, c->len, &ha, GFP_KERNEL);
	if (!a)
		return -ENOMEM;
	dmabench_account(DMABENCH_RES_KERNEL_MAPPINGS, 1);
	b = dma_alloc_coherent(c->dev, c->len, &hb, GFP_KERNEL);
	if (!b)
		goto out_a;
	dmabench_account(DMABENCH_RES_KERNEL_MAPPINGS, 1);
	verify_fill(a, c->v->seed, 0, c->len, false);
	verify_fill(b, c->v->seed, 0, c->len, true);

	ret = edu_to_device(c, ha, 0, c->len);
	if (!ret)
		ret = edu_from_device(c, 0, hb, c->len);
	if (ret == -ETIMEDOUT)
		return ret;
	c->v->dma_addr = hb;
	bad = verify_check(b, c->v->seed, 0, c->len);
	if (!ret && bad < 0)
		ret = verify_coherent_sgtable(c, b, hb, &bad);
	if (!ret)
		verify_result(c, bad);

	dma_free_coherent(c->dev, c->len, b, hb);
	dmabench_account(DMABENCH_RES_KERNEL_MAPPINGS, -1);
out_a:
	dma_free_coherent(c->dev, c->len, a, ha);
	dmabench_account(DMABENCH_RES_KERNEL_MAPPINGS, -1);
	return ret;
}

/*
 * Reads a FROM_DEVICE buffer before dma_sync_single_for_cpu(). Where the
 * mapping bounces (swiotlb) the CPU still sees the pre-fill until the sync
 * copies the bounce buffer back; elsewhere the data is already there.
 */
static int verify_stale(struct verify_ctx *c)
{
	struct dmabench_cpubuf a, b;
	dma_addr_t addr;
	s64 before, after;
	int ret;

	ret = verify_two_bufs(c, &a, &b, c->len);
	if (ret)
		return ret;
	ret = verify_stream_one(c, a.cpu, true, false);
	if (ret)
		goto out;

	ret = -ENOMEM;
	addr = dma_map_single(c->dev, b.cpu, c->len, DMA_FROM_DEVICE);
	if (dma_mapping_error(c->dev, addr))
		goto out;
	dmabench_account(DMABENCH_RES_MAPPINGS, 1);
	c->v->dma_addr = addr;
	ret = edu_from_device(c, 0, addr, c->len);
	if (ret)
		return ret;	/* -ETIMEDOUT: leave it all to the device */

	before = verify_check(b.cpu, c->v->seed, 0, c->len);
	dma_sync_single_for_cpu(c->dev, addr, c->len, DMA_FROM_DEVICE);
	after = verify_check(b.cpu, c->v->seed, 0, c->len);
	if (before < 0)
		c->v->outcome = DMABENCH_VERIFY_NOT_STALE;
	else if (after < 0)
		c->v->outcome = DMABENCH_VERIFY_STALE;
	else
		c->v->outcome = DMABENCH_VERIFY_MISMATCH;
	c->v->first_bad_byte = before >= 0 ? before : 0;
	if (c->v->outcome == DMABENCH_VERIFY_MISMATCH)
		c->v->first_bad_byte = after;
	dma_unmap_single(c->dev, addr, c->len, DMA_FROM_DEVICE);
	dmabench_account(DMABENCH_RES_MAPPINGS, -1);
out:
	if (ret == -ETIMEDOUT)
		return ret;
	dmabench_cpubuf_free(&a);
	dmabench_cpubuf_free(&b);
	return ret;
}

/*
 * A user buffer as user space wrote it (the verify pattern of v->seed):
 * sync it for the device where the variant needs it, let edu read it, and
 * compare what edu holds (written back into a coherent buffer B) with the
 * pattern. The user buffer's own device is used; it must be this edu.
 */
static int verify_ubuf(struct verify_ctx *c)
{
	struct dmabench_dmamem *ub = &c->ub->b;
	const struct dmabench_variant *var = &dmabench_variants[ub->variant];
	struct device *dev = c->ub->dev;
	dma_addr_t hb;
	void *b;
	int ret;

	if (c->len > ub->size)
		return -EINVAL;
	b = dma_alloc_coherent(dev, c->len, &hb, GFP_KERNEL);
	if (!b)
		return -ENOMEM;
	dmabench_account(DMABENCH_RES_KERNEL_MAPPINGS, 1);
	verify_fill(b, c->v->seed, 0, c->len, true);
	if (var->sync_for_device)
		var->sync_for_device(dev, ub);
	c->v->dma_addr = dmabench_dmamem_dma_addr(ub);
	ret = edu_to_device(c, c->v->dma_addr, 0, c->len);
	if (!ret)
		ret = edu_from_device(c, 0, hb, c->len);
	if (ret == -ETIMEDOUT)
		return ret;	/* leave B to the device */
	if (!ret)
		verify_result(c, verify_check(b, c->v->seed, 0, c->len));
	dma_free_coherent(dev, c->len, b, hb);
	dmabench_account(DMABENCH_RES_KERNEL_MAPPINGS, -1);
	return ret;
}

#if DMABENCH_HAS_IOVA
/*
 * The 7.x kinds: len in up to two segments of two pages, the first ending
 * at its page's end, so an IOVA range links the second at a granule
 * boundary and edu crosses pages in one transfer.
 */
struct verify_pages {
	struct dmabench_cpubuf pg[2];
	void *cpu[2];
	u32 seg_len[2];
	unsigned int nsegs;
};

static void verify_pages_free(struct verify_pages *p)
{
	dmabench_cpubuf_free(&p->pg[0]);
	dmabench_cpubuf_free(&p->pg[1]);
}

static int verify_pages_alloc(struct verify_ctx *c, struct verify_pages *p,
			      unsigned int nsegs, bool prefill)
{
	int ret;

	memset(p, 0, sizeof(*p));
	p->seg_len[0] = nsegs == 2 && c->len > 1 ? c->len / 2 : c->len;
	p->seg_len[1] = c->len - p->seg_len[0];
	p->nsegs = p->seg_len[1] ? 2 : 1;
	ret = dmabench_cpubuf_alloc(&p->pg[0], PAGE_SIZE, dev_to_node(c->dev));
	if (!ret)
		ret = dmabench_cpubuf_alloc(&p->pg[1], PAGE_SIZE,
					 dev_to_node(c->dev));
	if (ret) {
		verify_pages_free(p);
		return ret;
	}
	p->cpu[0] = p->pg[0].cpu + PAGE_SIZE - p->seg_len[0];
	p->cpu[1] = p->pg[1].cpu;
	verify_fill(p->cpu[0], c->v->seed, 0, p->seg_len[0], prefill);
	verify_fill(p->cpu[1], c->v->seed, p->seg_len[0], p->seg_len[1],
		    prefill);
	return 0;
}

static s64 verify_pages_check(struct verify_ctx *c, struct verify_pages *p)
{
	s64 bad = verify_check(p->cpu[0], c->v->seed, 0, p->seg_len[0]);

	if (bad < 0)
		bad = verify_check(p->cpu[1], c->v->seed, p->seg_len[0],
				   p->seg_len[1]);
	return bad;
}

/* dma_map_phys per segment, one edu transfer each, at running offsets. */
static int verify_phys_each(struct verify_ctx *c, struct verify_pages *p,
			    bool to_dev)
{
	enum dma_data_direction dir = to_dev ? DMA_TO_DEVICE : DMA_FROM_DEVICE;
	dma_addr_t addr;
	unsigned int i;
	u32 off = 0;
	int ret;

	for (i = 0; i < p->nsegs; i++) {
		addr = dma_map_phys(c->dev, virt_to_phys(p->cpu[i]),
				    p->seg_len[i], dir, 0);
		if (dma_mapping_error(c->dev, addr))
			return -ENOMEM;
		dmabench_account(DMABENCH_RES_MAPPINGS, 1);
		ret = to_dev ? edu_to_device(c, addr, off, p->seg_len[i]) :
			       edu_from_device(c, off, addr, p->seg_len[i]);
		if (ret)
			return ret;	/* -ETIMEDOUT: the device keeps it */
		if (!to_dev && !i)
			c->v->dma_addr = addr;
		dma_unmap_phys(c->dev, addr, p->seg_len[i], dir, 0);
		dmabench_account(DMABENCH_RES_MAPPINGS, -1);
		off += p->seg_len[i];
	}
	return 0;
}

/*
 * One IOVA range for both segments: link, sync, one edu transfer,
 * destroy. Without IOVA on this path: EOPNOTSUPP, or with fell_back the
 * per-segment dma_map_phys a driver falls back to, said in v->flags.
 */
static int verify_iova_one(struct verify_ctx *c, struct verify_pages *p,
			   bool to_dev, bool fall_back)
{
	enum dma_data_direction dir = to_dev ? DMA_TO_DEVICE : DMA_FROM_DEVICE;
	struct dma_iova_state state;
	size_t linked = 0;
	unsigned int i;
	int ret = 0;

	if (!dma_iova_try_alloc(c->dev, &state, virt_to_phys(p->cpu[0]),
				c->len)) {
		if (!fall_back)
			return -EOPNOTSUPP;
		c->v->flags |= DMABENCH_VERIFY_F_FELL_BACK;
		return verify_phys_each(c, p, to_dev);
	}
	for (i = 0; !ret && i < p->nsegs; i++) {
		ret = dma_iova_link(c->dev, &state, virt_to_phys(p->cpu[i]),
				    linked, p->seg_len[i], dir, 0);
		if (!ret)
			linked += p->seg_len[i];
	}
	if (!ret)
		ret = dma_iova_sync(c->dev, &state, 0, linked);
	if (!ret) {
		dmabench_account(DMABENCH_RES_MAPPINGS, 1);
		ret = to_dev ? edu_to_device(c, state.addr, 0, c->len) :
			       edu_from_device(c, 0, state.addr, c->len);
		if (ret)
			return ret;	/* -ETIMEDOUT: the device keeps it */
		if (!to_dev)
			c->v->dma_addr = state.addr;
		dmabench_account(DMABENCH_RES_MAPPINGS, -1);
	}
	dma_iova_destroy(c->dev, &state, linked, dir, 0);
	return ret;
}

/* A -> edu -> B, both mapped by kind's way; B checked. */
static int verify_pages_round_trip(struct verify_ctx *c, unsigned int nsegs,
				   bool iova, bool fall_back)
{
	struct verify_pages a, b;
	int ret;

	ret = verify_pages_alloc(c, &a, nsegs, false);
	if (ret)
		return ret;
	ret = verify_pages_alloc(c, &b, nsegs, true);
	if (ret)
		goto out_a;
	ret = iova ? verify_iova_one(c, &a, true, fall_back) :
		     verify_phys_each(c, &a, true);
	if (!ret)
		ret = iova ? verify_iova_one(c, &b, false, fall_back) :
			     verify_phys_each(c, &b, false);
	if (ret == -ETIMEDOUT)
		return ret;
	if (!ret)
		verify_result(c, verify_pages_check(c, &b));
	verify_pages_free(&b);
out_a:
	verify_pages_free(&a);
	return ret;
}

static int verify_map_phys(struct verify_ctx *c)
{
	return verify_pages_round_trip(c, 1, false, false);
}

static int verify_iova_link(struct verify_ctx *c)
{
	return verify_pages_round_trip(c, 2, true, false);
}

static int verify_iova_fallback(struct verify_ctx *c)
{
	return verify_pages_round_trip(c, 2, true, true);
}
#endif /* DMABENCH_HAS_IOVA */

static int (*const verify_kinds[DMABENCH_VERIFY_NR_KINDS])(struct verify_ctx *) = {
	[DMABENCH_VERIFY_UBUF]		= verify_ubuf,
	[DMABENCH_VERIFY_COHERENT]	= verify_coherent,
	[DMABENCH_VERIFY_MAP_SINGLE]	= verify_map_single,
	[DMABENCH_VERIFY_MAP_PAGE]	= verify_map_page,
	[DMABENCH_VERIFY_MAP_SG]	= verify_map_sg,
	[DMABENCH_VERIFY_STALE_NO_SYNC]	= verify_stale,
#if DMABENCH_HAS_IOVA
	[DMABENCH_VERIFY_MAP_PHYS]	= verify_map_phys,
	[DMABENCH_VERIFY_IOVA_LINK]	= verify_iova_link,
	[DMABENCH_VERIFY_IOVA_FALLBACK]	= verify_iova_fallback,
#endif
};

int dmabench_verify(struct dmabench_dev *d, struct dmabench_verify *v,
		    struct dmabench_ubuf_entry *ub)
{
	struct verify_ctx c = {
		.d = d,
		.ub = ub,
		.dev = dmabench_dev_via(d, v->via),
		.v = v,
		.len = v->len_bytes,
	};
	u64 start = ktime_get_ns();
	int ret;

	if (!c.dev)
		return -EOPNOTSUPP;	/* --via ops refused on this kernel */
	if (!verify_kinds[v->kind])
		return -EOPNOTSUPP;	/* a 7.x kind on an older kernel */
	v->flags = 0;
	v->outcome = DMABENCH_VERIFY_MISMATCH;
	v->first_bad_byte = 0;
	v->dma_addr = 0;
	ret = verify_kinds[v->kind](&c);
	v->elapsed_ns = ktime_get_ns() - start;
	return ret;
}
