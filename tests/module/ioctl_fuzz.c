// SPDX-License-Identifier: GPL-2.0
/*
 * ioctl_fuzz: random and boundary-valued requests to /dev/dmabench, KTAP.
 *   ioctl_fuzz [--seed N] [--calls N] [--seconds S] [--device NAME]
 *              [--run-every N] [--verify-every N]
 *              [--threads N [--files N] [--unbind BUS,NAME] [--hang-seconds S]]
 * (inside a lab guest, module loaded; tests/module/fuzz-in-guest.sh, and
 * fuzz-mt-in-guest.sh for --threads)
 *
 * Most requests are VALID templates with one to three fields mutated to a
 * boundary value (0, 1, MAX, MAX + 1, 2^32, 2^63, ~0, an unknown enum, a
 * non-zero reserved byte, a wrong size or abi_version, an unterminated name,
 * a bad pointer: NULL, unmapped, kernel half, non-canonical, misaligned,
 * read-only, straddling an unmapped page), so they get deep into validation.
 * Some carry no mutation at all, or only harmless ones, and run: those are
 * clamped to be cheap (a few iterations, at most 200 us, 4 threads, 4
 * buffers held), and only one RUN in --run-every (one VERIFY in
 * --verify-every: edu takes 100 ms a DMA) is allowed to reach the device;
 * the others name a device that does not exist, which is checked last.
 * Besides: unknown ioctl numbers, the right numbers with another _IOC size
 * or direction, bad argument pointers, mmap/munmap/mremap of random
 * offsets, lengths, prot and flags, UBUF_ALLOC until ENOSPC, a second open
 * file mapping the first's buffers, close and reopen.
 *
 * The verdict: no errno outside the set each call can give (see
 * allowed()), the process survives (touching what mmap returned included),
 * mremap never grows a buffer mapping, after every file is closed
 * leakcheck.h's check passes (with lib/mem_sample.h's fuzz tolerance for
 * MemFree), and the kernel logged no WARNING/BUG/Oops.
 *
 * --threads N: N threads make the same requests (a seed each, derived from
 * --seed: not replayable, the interleaving is not) on --files shared files
 * (4), which a closer thread replaces (dup2 of a fresh open) or closes for
 * up to a millisecond, while an opener thread opens and closes files of its
 * own and, with --unbind, an unbinder unbinds and rebinds PCI device BUS
 * (dmabench's NAME, which half of the requests name) through sysfs, until
 * --seconds (or --calls per thread). The same verdicts, and: EBADF where
 * a shared file was closed; a fault touching a mapping only if an unbind
 * came since its mmap; every thread finishes a call every --hang-seconds
 * (120; a watchdog, which dumps the stuck threads' kernel stacks); the
 * kernel log (read as it comes) has no WARNING, BUG, KASAN, lockdep or
 * DMA-API report; and leakcheck.h's check once every file is closed.
 * Each thread's calls per kind and errnos are printed.
 */
#include <getopt.h>
#include <inttypes.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdatomic.h>
#include <stddef.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <time.h>

#include "ktap.h"
#include "dmabench_test.h"
#include "leakcheck.h"

#define PAGE		4096UL
#define NFILES		2
#define MAX_SLOTS	8	/* shared files of --threads */
#define MT_FILES	4
#define MAX_MAPS	64
#define MAX_ERRNO	256
#define MAX_SCN		64
#define MAX_DEV		DMABENCH_MAX_DEVICES
#define MAX_EXAMPLES	20

enum op {
	OP_INFO, OP_DEVICE, OP_SCENARIO, OP_RUN, OP_VERIFY, OP_UBUF,
	OP_BADCMD, OP_MMAP, OP_MUNMAP, OP_MREMAP, OP_REOPEN, OP_NR
};

static const char *const op_names[OP_NR] = {
	"INFO", "DEVICE", "SCENARIO", "RUN", "VERIFY", "UBUF_ALLOC",
	"bad_cmd", "mmap", "munmap", "mremap", "reopen",
};

/* ---- PRNG (xorshift64*), seeded and printed ---- */

static _Thread_local uint64_t rng_state;

static uint64_t rnd(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545f4914f6cdd1dULL;
}

static uint32_t rn(uint32_t n)	/* 0..n-1 */
{
	return n ? (uint32_t)(rnd() % n) : 0;
}

static int one_in(uint32_t n)
{
	return rn(n) == 0;
}

/* ---- state ---- */

static int fds[MAX_SLOTS];
static int nfiles;	/* --threads: --files, default MT_FILES */
static _Thread_local const char *device = "edu0";
static uint32_t ndev, nscn;
static char dev_names[MAX_DEV][DMABENCH_NAME_LEN];
static uint32_t dev_flags[MAX_DEV];
static struct dmabench_scenario_info scn[MAX_SCN];
static uint32_t run_every = 100, verify_every = 20000;

/* What one thread's calls gave; the single-threaded mode has only total. */
struct stats {
	uint64_t calls, successes;
	uint64_t op_calls[OP_NR], op_ok[OP_NR];
	uint64_t outcomes[OP_NR][MAX_ERRNO];
	uint64_t unexpected, mremap_grew, runs_done, verifies_done;
	uint64_t touch_faults, touch_revoked;
};
static struct stats total;
static _Thread_local struct stats *st = &total;
static char examples[MAX_EXAMPLES][200];
static int nexamples;
static pthread_mutex_t examples_lock = PTHREAD_MUTEX_INITIALIZER;

/*
 * --threads: the files are shared slots that other threads close and
 * replace, and one device is unbound and rebound under the calls.
 */
static int mt;
static atomic_uint unbind_gen;	/* odd while the device is unbound */

/* Memory for pointer mutations. */
static _Thread_local uint8_t *ro_page;	/* PROT_READ */
static _Thread_local uint8_t *guard;	/* a RW page followed by an unmapped one */
static _Thread_local uint8_t *unmapped;	/* a page that was unmapped */
static uint64_t *hist;		/* MAX_OPS * HIST_BUCKETS */
static struct dmabench_size_weight sizes_ok[DMABENCH_MAX_SIZES + 1];

struct map {
	void *addr;
	size_t len;
	int prot;
};
static _Thread_local struct map maps[MAX_MAPS];

/* The mutations applied to the current request, for examples. */
static _Thread_local char what[160];

static void __attribute__((format(printf, 1, 2))) example(const char *fmt, ...)
{
	va_list ap;

	pthread_mutex_lock(&examples_lock);
	if (nexamples < MAX_EXAMPLES) {
		va_start(ap, fmt);
		vsnprintf(examples[nexamples++], sizeof(examples[0]), fmt, ap);
		va_end(ap);
	}
	pthread_mutex_unlock(&examples_lock);
}

static void note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void note(const char *fmt, ...)
{
	size_t n = strlen(what);
	va_list ap;

	if (n + 2 >= sizeof(what))
		return;
	if (n)
		what[n++] = ' ';
	va_start(ap, fmt);
	vsnprintf(what + n, sizeof(what) - n, fmt, ap);
	va_end(ap);
}

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

/*
 * The errnos each call can give, from the module's code:
 * - every ioctl: EINVAL (dmabench_validate.c, and a known _IOC_NR with
 *   another size or direction), EFAULT (copy_from_user/copy_to_user,
 *   clear_user, memdup_user), ENOTTY (unknown command);
 * - DEVICE: ENODEV (an index no device is bound at);
 * - RUN: ENODEV (no such device), EOPNOTSUPP (scenario unavailable in this
 *   kernel; --via ops under DMA-API debug on a path without dma_map_ops),
 *   ENOMEM (kmalloc/kvzalloc, a scenario's prepare, a mapping);
 *   never EINTR (no signal is sent) nor ENOSPC (a storm's private "done");
 * - VERIFY: ENODEV, EOPNOTSUPP (no DMA engine: fake0; --via ops refused as
 *   for RUN), ENOMEM; never
 *   ETIMEDOUT (edu did not answer: the module leaks on purpose);
 * - UBUF_ALLOC: ENODEV, ENOMEM, EOPNOTSUPP (variant unavailable, or --via
 *   ops refused as for RUN), ENOSPC
 *   (the file holds DMABENCH_MAX_UBUFS buffers);
 * - mmap: EINVAL (offset not a buffer's, too long, MAP_PRIVATE: buffers
 *   map shared only, neither MAP_SHARED nor MAP_PRIVATE, unaligned), ENOMEM (no address space, length overflow),
 *   EOVERFLOW (offset + length wraps), EOPNOTSUPP (MAP_SHARED_VALIDATE with
 *   an unknown flag), EPERM/EACCES (PROT_EXEC on a noexec /dev);
 * - munmap: EINVAL (unaligned or zero length); mremap: EFAULT (a buffer
 *   mapping must never grow), EINVAL, ENOMEM.
 */
static int allowed(enum op op, int err)
{
	switch (err) {
	case EINVAL:
		return 1;
	case EFAULT:
		return op != OP_MMAP && op != OP_MUNMAP;
	case ENOTTY:
		return op <= OP_BADCMD;
	case ENODEV:
		return op == OP_DEVICE || op == OP_RUN || op == OP_VERIFY ||
		       op == OP_UBUF;
	case EOPNOTSUPP:
		return op == OP_RUN || op == OP_VERIFY || op == OP_UBUF ||
		       op == OP_MMAP;
	case ENOMEM:
		return op == OP_RUN || op == OP_VERIFY || op == OP_UBUF ||
		       op == OP_MMAP || op == OP_MREMAP;
	case ENOSPC:
		return op == OP_UBUF;
	case EOVERFLOW:
	case EPERM:
	case EACCES:
		return op == OP_MMAP;
	}
	return 0;
}

/*
 * --threads: a shared file may be closed for a moment under any call on
 * it (EBADF); munmap and mremap take no file.
 */
static int allowed_mt(enum op op, int err)
{
	return mt && err == EBADF && op != OP_MUNMAP && op != OP_MREMAP;
}

static void outcome(enum op op, int err)
{
	st->calls++;
	st->op_calls[op]++;
	st->outcomes[op][err < MAX_ERRNO ? err : 0]++;
	if (!err) {
		st->successes++;
		st->op_ok[op]++;
		return;
	}
	if (!allowed(op, err) && !allowed_mt(op, err)) {
		st->unexpected++;
		example("%s -> %s after [%s]", op_names[op],
			strerrorname_np(err) ?: "?", what);
	}
}

/* ---- values ---- */

static const uint64_t u64_edges[] = {
	0, 1, 2, 3, 7, 8, 15, 16, 63, 64, 65, 127, 128, 255, 256, 511, 4095,
	4096, 4097, 65535, 65536, 65537, 1ULL << 20, (4ULL << 20) - 1,
	4ULL << 20, (4ULL << 20) + 1, 0x7fffffffULL, 0x80000000ULL,
	0xffffffffULL, 1ULL << 32, (1ULL << 32) + 1, 1ULL << 40,
	0x7fffffffffffffffULL, 1ULL << 63, ~0ULL - 4095, ~0ULL - 1, ~0ULL,
};

static uint64_t edge(uint64_t limit)
{
	switch (rn(8)) {
	case 0:
		return limit - 1;
	case 1:
		return limit;
	case 2:
		return limit + 1;
	case 3:
		return limit * 2;
	case 4:
		return rnd();
	case 5:
		return rnd() & 0xffff;
	default:
		return u64_edges[rn(sizeof(u64_edges) / sizeof(u64_edges[0]))];
	}
}

static uint64_t bad_ptr(void)
{
	switch (rn(12)) {
	case 0:
		note("ptr NULL");
		return 0;
	case 1:
		note("ptr 0x10");
		return 0x10;
	case 2:
		note("ptr unmapped");
		return (uintptr_t)unmapped;
	case 3:
		note("ptr direct map");
		return 0xffff888000000000ULL;
	case 4:
		note("ptr kernel text");
		return 0xffffffff81000000ULL;
	case 5:
		note("ptr non-canonical");
		return 0x8000000000000000ULL;
	case 6:
		note("ptr top of user");
		return 0x00007ffffffff000ULL;
	case 7:
		note("ptr read-only page");
		return (uintptr_t)ro_page;
	case 8:
		note("ptr before guard");
		return (uintptr_t)guard + PAGE - 8 * rn(8);
	case 9:
		note("ptr ~0");
		return ~0ULL;
	default:
		note("ptr random");
		return rnd();
	}
}

/* ---- generic field mutation ---- */

enum kind { K_U32, K_U64, K_NAME, K_PTR, K_RESERVED, K_SCN, K_DEV };

struct field {
	const char *name;
	size_t off, size;
	enum kind kind;
	uint64_t limit;	/* the boundary of interest */
};

#define F(type, f, k, l) { #f, offsetof(type, f), sizeof(((type *)0)->f), k, l }

static void set_uint(void *p, size_t size, uint64_t v)
{
	if (size == 4) {
		uint32_t x = (uint32_t)v;

		memcpy(p, &x, 4);
	} else {
		memcpy(p, &v, 8);
	}
}

static void fill_name(char *name, size_t len, enum kind kind)
{
	switch (rn(7)) {
	case 0:
		memset(name, 'a' + rn(26), len);	/* unterminated */
		note("unterminated");
		return;
	case 1:
		memset(name, 0, len);
		return;
	case 2:
		memset(name, 0, len);
		snprintf(name, len, "%s", kind == K_SCN ?
			 scn[rn(nscn)].name : dev_names[rn(ndev)]);
		if (strlen(name) + 2 < len) {
			name[strlen(name) + 1 + rn((uint32_t)(len - strlen(name) - 2))] = 'x';
			note("garbage after NUL");
		}
		return;
	case 3: {
		size_t i;

		for (i = 0; i < len; i++)
			name[i] = (char)rnd();
		return;
	}
	case 4:
		memset(name, 0, len);
		snprintf(name, len, "%s", kind == K_SCN ? "map_everything" :
			 "edu99");
		return;
	default:
		memset(name, 0, len);
		snprintf(name, len, "%s", kind == K_SCN ?
			 scn[rn(nscn)].name : dev_names[rn(ndev)]);
		return;
	}
}

static void mutate_field(void *s, const struct field *f)
{
	uint8_t *p = (uint8_t *)s + f->off;

	switch (f->kind) {
	case K_U32:
	case K_U64: {
		uint64_t v = edge(f->limit);

		set_uint(p, f->size, v);
		note("%s=%#" PRIx64, f->name, f->size == 4 ? (uint32_t)v : v);
		return;
	}
	case K_PTR:
		set_uint(p, 8, bad_ptr());
		note("(%s)", f->name);
		return;
	case K_RESERVED: {
		size_t at = rn((uint32_t)f->size);

		p[at] = (uint8_t)(1 + rn(255));
		note("%s[+%zu]", f->name, at);
		return;
	}
	case K_NAME:
	case K_SCN:
	case K_DEV:
		fill_name((char *)p, f->size, f->kind);
		note("%s=\"%.*s\"", f->name, (int)strnlen((char *)p, 12), (char *)p);
		return;
	}
}

/* One to three fields, or the header, mutated; 0 mutations sometimes. */
static int mutate(void *s, const struct field *fields, size_t nfields)
{
	int n = rn(8) == 0 ? 0 : 1 + (rn(4) == 0) + (rn(8) == 0), i;

	for (i = 0; i < n; i++)
		mutate_field(s, &fields[rn((uint32_t)nfields)]);
	return n;
}

/* ---- the ioctl call, with argument and command mutations ---- */

/* Copies of the argument that end at a page boundary or on a read-only page. */
static int do_ioctl(enum op op, unsigned long cmd, void *arg, size_t size)
{
	int fd = mt ? fds[rn(nfiles)] : fds[rn(8) == 0 ? 1 : 0];
	void *a = arg;
	int err;

	switch (rn(64)) {
	case 0:
		a = (void *)(uintptr_t)bad_ptr();
		break;
	case 1:	/* the whole struct ends just before the unmapped page */
		a = guard + PAGE - size;
		memcpy(a, arg, size);
		note("arg at the page end");
		break;
	case 2:	/* one byte more than fits */
		a = guard + PAGE - size + 1 + rn(8);
		memcpy(a, arg, size - ((uintptr_t)a + size - (uintptr_t)guard - PAGE));
		note("arg over the page end");
		break;
	case 3:	/* misaligned copy */
		a = guard + 1 + rn(7);
		memcpy(a, arg, size);
		note("arg misaligned");
		break;
	case 4:	/* readable, not writable: the copy-out faults */
		memcpy(guard, arg, size);
		if (mprotect(guard, PAGE, PROT_READ) == 0) {
			a = guard;
			note("arg read-only");
		}
		break;
	case 5:	/* the right number, another size or direction */
		cmd = _IOC(rn(4), DMABENCH_IOC_MAGIC, _IOC_NR(cmd),
			   one_in(2) ? size + (rn(2) ? 8 : -8) : rn(1 << 14));
		note("cmd %#lx", cmd);
		break;
	}
	err = ioctl(fd, cmd, a) ? errno : 0;
	mprotect(guard, PAGE, PROT_READ | PROT_WRITE);
	outcome(op, err);
	return err;
}

/* ---- templates ---- */

static void hdr(void *s, size_t size)
{
	uint32_t h[2] = { (uint32_t)size, DMABENCH_ABI_VERSION };

	memset(s, 0, size);
	memcpy(s, h, sizeof(h));
}

static const struct field info_fields[] = {
	F(struct dmabench_info, size, K_U32, sizeof(struct dmabench_info)),
	F(struct dmabench_info, abi_version, K_U32, DMABENCH_ABI_VERSION),
	F(struct dmabench_info, ndevices, K_U32, 16),
	F(struct dmabench_info, reserved_name, K_RESERVED, 0),
	F(struct dmabench_info, clock, K_RESERVED, 0),	/* out only */
	F(struct dmabench_info, clock_flags, K_RESERVED, 0),
	F(struct dmabench_info, features, K_RESERVED, 0),	/* out only */
	F(struct dmabench_info, reserved, K_RESERVED, 0),
};

static void fuzz_info(void)
{
	struct dmabench_info s;

	hdr(&s, sizeof(s));
	mutate(&s, info_fields, sizeof(info_fields) / sizeof(info_fields[0]));
	do_ioctl(OP_INFO, DMABENCH_IOC_INFO, &s, sizeof(s));
}

static const struct field device_fields[] = {
	F(struct dmabench_device_info, size, K_U32, sizeof(struct dmabench_device_info)),
	F(struct dmabench_device_info, abi_version, K_U32, DMABENCH_ABI_VERSION),
	F(struct dmabench_device_info, index, K_U32, DMABENCH_MAX_DEVICES),
	F(struct dmabench_device_info, path, K_U32, 7),
	F(struct dmabench_device_info, flags, K_U32, 4),
	F(struct dmabench_device_info, name, K_NAME, 0),
	F(struct dmabench_device_info, dma_mask, K_U64, 0),
	F(struct dmabench_device_info, reserved, K_RESERVED, 0),
};

static void fuzz_device(void)
{
	struct dmabench_device_info s;

	hdr(&s, sizeof(s));
	s.index = rn(ndev + 2);
	mutate(&s, device_fields, sizeof(device_fields) / sizeof(device_fields[0]));
	do_ioctl(OP_DEVICE, DMABENCH_IOC_DEVICE, &s, sizeof(s));
}

static const struct field scenario_fields[] = {
	F(struct dmabench_scenario_info, size, K_U32, sizeof(struct dmabench_scenario_info)),
	F(struct dmabench_scenario_info, abi_version, K_U32, DMABENCH_ABI_VERSION),
	F(struct dmabench_scenario_info, index, K_U32, 24),
	F(struct dmabench_scenario_info, nops, K_U32, DMABENCH_MAX_OPS),
	F(struct dmabench_scenario_info, flags, K_U32, 4),
	F(struct dmabench_scenario_info, variant, K_RESERVED, 0),
	F(struct dmabench_scenario_info, attrs, K_RESERVED, 0),
	F(struct dmabench_scenario_info, pair, K_RESERVED, 0),
	F(struct dmabench_scenario_info, pair_size_bytes, K_RESERVED, 0),
	F(struct dmabench_scenario_info, reserved, K_RESERVED, 0),
	F(struct dmabench_scenario_info, name, K_SCN, 0),
};

static void fuzz_scenario(void)
{
	struct dmabench_scenario_info s;

	hdr(&s, sizeof(s));
	s.index = rn(nscn + 2);
	mutate(&s, scenario_fields, sizeof(scenario_fields) / sizeof(scenario_fields[0]));
	do_ioctl(OP_SCENARIO, DMABENCH_IOC_SCENARIO, &s, sizeof(s));
}

#define RF(f, k, l) F(struct dmabench_run, f, k, l)
static const struct field run_fields[] = {
	RF(size, K_U32, sizeof(struct dmabench_run)),
	RF(abi_version, K_U32, DMABENCH_ABI_VERSION),
	RF(params.scenario, K_SCN, 0),
	RF(params.device, K_DEV, 0),
	RF(params.via, K_U32, 2),
	RF(params.direction, K_U32, 3),
	RF(params.size_bytes, K_U64, DMABENCH_MAX_SIZE_BYTES),
	RF(params.iterations, K_U64, DMABENCH_MAX_ITERATIONS),
	RF(params.duration_ns, K_U64, DMABENCH_MAX_DURATION_NS),
	RF(params.attrs, K_U64, DMABENCH_ATTR_KNOWN + 1),
	RF(params.delay_ns, K_U64, DMABENCH_MAX_DELAY_NS),
	RF(params.sync_offset_bytes, K_U64, 4096),
	RF(params.sync_len_bytes, K_U64, 4096),
	RF(params.threads, K_U32, DMABENCH_MAX_THREADS),
	RF(params.batch, K_U32, DMABENCH_MAX_BATCH),
	RF(params.nents, K_U32, DMABENCH_MAX_NENTS),
	RF(params.dma_mask_bits, K_U32, 24),
	RF(params.outstanding, K_U32, DMABENCH_MAX_OUTSTANDING),
	RF(params.distribution, K_U32, DMABENCH_DIST_LIST + 1),
	RF(params.size_max_bytes, K_U64, DMABENCH_MAX_SIZE_BYTES),
	RF(params.hold_ns, K_U64, DMABENCH_MAX_HOLD_NS),
	RF(params.pattern, K_U32, DMABENCH_STORM_UNTIL_ENOMEM + 1),
	RF(params.nsizes, K_U32, DMABENCH_MAX_SIZES),
	RF(params.sizes_ptr, K_PTR, 0),
	RF(params.variant, K_U32, DMABENCH_ALLOC_NR_VARIANTS),
	RF(params.clock, K_U32, DMABENCH_CLOCK_TSC + 1),
	RF(params.reserved, K_RESERVED, 0),
	RF(results, K_RESERVED, 0),	/* output only: ignored */
	RF(hist_ptr, K_PTR, 0),
	RF(hist_buckets, K_U32, DMABENCH_HIST_BUCKETS),
	RF(floor_hist_ptr, K_PTR, 0),
	RF(iteration_ptr, K_PTR, 0),
	RF(reserved0, K_RESERVED, 0),
	RF(reserved, K_RESERVED, 0),
};

static int scn_is(const struct dmabench_scenario_info *sc, const char *name)
{
	return !strcmp(sc->name, name);
}

/* A valid, cheap request for scenario sc. */
static void run_template(struct dmabench_run *r, const struct dmabench_scenario_info *sc)
{
	struct dmabench_params *p = &r->params;

	hdr(r, sizeof(*r));
	snprintf(p->scenario, sizeof(p->scenario), "%s", sc->name);
	snprintf(p->device, sizeof(p->device), "%s", one_in(4) ? "" : device);
	p->via = rn(2);
	p->direction = rn(3);
	p->size_bytes = one_in(4) ? 1 + rn(65536) : PAGE << rn(5);
	p->iterations = 1 + rn(4);
	p->threads = 1;
	p->batch = 1;
	if (one_in(4)) {
		p->batch = 1 + rn(8);
		p->iterations = p->batch * (1 + rn(2));
	}
	if (one_in(8)) {
		p->iterations = 0;
		p->duration_ns = rn(200000);
		if (!p->duration_ns)
			p->duration_ns = 1;
	}
	if (one_in(8))
		p->dma_mask_bits = 24 + rn(41);
	if (scn_is(sc, "map_sg") || scn_is(sc, "map_sgtable")) {
		p->nents = 1 << rn(4);
		p->size_bytes = (uint64_t)p->nents * (1 + rn(8192));
	}
	if (scn_is(sc, "rx")) {
		p->threads = 2;
		p->batch = 1;
		p->iterations = 1 + rn(4);
		p->duration_ns = 0;
		p->delay_ns = rn(5000);
	}
	if (scn_is(sc, "sync_range")) {
		p->sync_offset_bytes = rn((uint32_t)p->size_bytes);
		p->sync_len_bytes = rn((uint32_t)(p->size_bytes - p->sync_offset_bytes + 1));
	}
	if (sc->flags & DMABENCH_SCN_F_STORM) {
		p->batch = 1;
		if (!p->iterations)
			p->iterations = 4;
		p->outstanding = 1 + rn(4);
		p->variant = rn(DMABENCH_ALLOC_NR_VARIANTS);
		if (p->variant == DMABENCH_ALLOC_ATTRS)
			p->attrs = one_in(2) ? DMABENCH_ATTR_NO_KERNEL_MAPPING : 0;
		p->pattern = rn(3);
		p->hold_ns = rn(100000);
		p->distribution = rn(4);
		if (p->distribution == DMABENCH_DIST_UNIFORM ||
		    p->distribution == DMABENCH_DIST_LOG_UNIFORM)
			p->size_max_bytes = p->size_bytes + rn(1 << 18);
		if (p->distribution == DMABENCH_DIST_LIST) {
			p->nsizes = 1 + rn(4);
			p->sizes_ptr = (uintptr_t)sizes_ok;
		}
	} else if (sc->flags & DMABENCH_SCN_F_ALLOC) {
		if (scn_is(sc, "alloc_attrs") && one_in(2))
			p->attrs = DMABENCH_ATTR_NO_WARN;
	} else if (one_in(4)) {
		p->attrs = DMABENCH_ATTR_SKIP_CPU_SYNC;
	}
	if (one_in(2)) {
		r->hist_ptr = (uintptr_t)hist;
		r->hist_buckets = DMABENCH_HIST_BUCKETS;
	}
}

/*
 * Makes what mutations left valid cheap again, leaving invalid values as
 * they are: the boundary is what is tested, the cost is not.
 */
static void run_clamp(struct dmabench_run *r)
{
	struct dmabench_params *p = &r->params;
	uint32_t ob = p->batch;

	/* 64 threads now and then, never for a storm (64 x 4 x 4 MiB) */
	if (p->threads > 4 && p->threads <= DMABENCH_MAX_THREADS &&
	    (!one_in(64) || strstr(p->scenario, "storm")))
		p->threads = p->threads % 2 ? 3 : 4;
	if (p->batch > 16 && p->batch <= DMABENCH_MAX_BATCH)
		p->batch = 16;
	if (p->iterations && p->iterations <= DMABENCH_MAX_ITERATIONS) {
		int whole = ob && p->iterations % ob == 0;
		uint64_t b = p->batch ? p->batch : 1;

		p->iterations = b * (1 + rn(3)) + !whole;
		if (p->threads > 4)
			p->iterations = whole ? b : b + 1;
	}
	if (!p->iterations && p->duration_ns <= DMABENCH_MAX_DURATION_NS &&
	    p->duration_ns > 200000)
		p->duration_ns = 200000;
	if (p->delay_ns > 20000 && p->delay_ns <= DMABENCH_MAX_DELAY_NS)
		p->delay_ns = 20000;
	if (p->hold_ns > 100000 && p->hold_ns <= DMABENCH_MAX_HOLD_NS)
		p->hold_ns = 100000;
	if (p->outstanding > 4 && p->outstanding <= DMABENCH_MAX_OUTSTANDING)
		p->outstanding = 4;
	/* sync_range over a clamped buffer keeps its (in)validity */
}

static void fuzz_run(void)
{
	struct dmabench_run r;
	int err;

	run_template(&r, &scn[rn(nscn)]);
	mutate(&r, run_fields, sizeof(run_fields) / sizeof(run_fields[0]));
	run_clamp(&r);
	/* Only one in run_every may reach the device: the rest name none. */
	if (!one_in(run_every)) {
		snprintf(r.params.device, sizeof(r.params.device), "nodev%u", rn(10));
		note("(device nodev)");
	} else {
		note("(may run)");
	}
	err = do_ioctl(OP_RUN, DMABENCH_IOC_RUN, &r, sizeof(r));
	if (!err)
		st->runs_done++;
}

#define VF(f, k, l) F(struct dmabench_verify, f, k, l)
static const struct field verify_fields[] = {
	VF(size, K_U32, sizeof(struct dmabench_verify)),
	VF(abi_version, K_U32, DMABENCH_ABI_VERSION),
	VF(device, K_DEV, 0),
	VF(kind, K_U32, DMABENCH_VERIFY_NR_KINDS),
	VF(via, K_U32, 2),
	VF(len_bytes, K_U32, DMABENCH_VERIFY_MAX_BYTES),
	VF(seed, K_U32, 0),
	VF(outcome, K_U32, 4),
	VF(dma_addr, K_U64, 0),
	VF(ubuf_id, K_U32, DMABENCH_MAX_UBUFS),
	VF(flags, K_RESERVED, 0),	/* out only: 0 in */
	VF(reserved, K_RESERVED, 0),
};

static void fuzz_verify(void)
{
	struct dmabench_verify v;
	int err;

	hdr(&v, sizeof(v));
	snprintf(v.device, sizeof(v.device), "%s", device);
	v.kind = rn(DMABENCH_VERIFY_NR_KINDS);
	v.via = rn(2);
	v.len_bytes = 1 + rn(DMABENCH_VERIFY_MAX_BYTES);
	v.seed = (uint32_t)rnd();
	if (v.kind == DMABENCH_VERIFY_UBUF)
		v.ubuf_id = rn(DMABENCH_MAX_UBUFS);
	mutate(&v, verify_fields, sizeof(verify_fields) / sizeof(verify_fields[0]));
	if (!one_in(verify_every)) {
		/* edu takes 100 ms a round trip: name a device without DMA */
		snprintf(v.device, sizeof(v.device), "%s",
			 one_in(2) ? "nodev" : "fake0");
		note("(no edu)");
	}
	err = do_ioctl(OP_VERIFY, DMABENCH_IOC_VERIFY, &v, sizeof(v));
	if (!err)
		st->verifies_done++;
}

#define UF(f, k, l) F(struct dmabench_ubuf, f, k, l)
static const struct field ubuf_fields[] = {
	UF(size, K_U32, sizeof(struct dmabench_ubuf)),
	UF(abi_version, K_U32, DMABENCH_ABI_VERSION),
	UF(device, K_DEV, 0),
	UF(via, K_U32, 2),
	UF(variant, K_U32, DMABENCH_ALLOC_NR_VARIANTS),
	UF(size_bytes, K_U64, DMABENCH_MAX_SIZE_BYTES),
	UF(attrs, K_U64, DMABENCH_ATTR_KNOWN + 1),
	UF(id, K_U32, DMABENCH_MAX_UBUFS),
	UF(mmap_offset_bytes, K_U64, DMABENCH_UBUF_STRIDE_BYTES),
	UF(reserved0, K_RESERVED, 0),
	UF(reserved, K_RESERVED, 0),
};

static _Thread_local uint32_t ubufs_held[MAX_SLOTS];

static void fuzz_ubuf(void)
{
	struct dmabench_ubuf u;
	int err;

	hdr(&u, sizeof(u));
	snprintf(u.device, sizeof(u.device), "%s", one_in(8) ? "fake0" : device);
	u.via = rn(2);
	u.variant = rn(DMABENCH_ALLOC_NR_VARIANTS);
	u.size_bytes = PAGE << rn(5);
	if (u.variant == DMABENCH_ALLOC_ATTRS && one_in(2))
		u.attrs = DMABENCH_ATTR_NO_KERNEL_MAPPING;
	mutate(&u, ubuf_fields, sizeof(ubuf_fields) / sizeof(ubuf_fields[0]));
	/* valid sizes stay small but for one in 16: 2 x 16 x 4 MiB at most */
	if (u.size_bytes > 65536 && u.size_bytes <= DMABENCH_MAX_SIZE_BYTES &&
	    !one_in(16))
		u.size_bytes = 65536;
	err = do_ioctl(OP_UBUF, DMABENCH_IOC_UBUF_ALLOC, &u, sizeof(u));
	if (!err)
		ubufs_held[0]++;
}

/* Unknown numbers; never the generic VFS ones (FIFREEZE would freeze /dev). */
static void fuzz_badcmd(void)
{
	unsigned long cmd;
	uint8_t buf[64];
	uint32_t type;

	do {
		switch (rn(4)) {
		case 0:
			cmd = (uint32_t)rnd();
			break;
		case 1:
			cmd = _IOC(rn(4), DMABENCH_IOC_MAGIC, 7 + rn(250), rn(1 << 14));
			break;
		case 2:
			cmd = _IOC(rn(4), DMABENCH_IOC_MAGIC, 0, rn(1 << 14));
			break;
		default:
			cmd = _IOC(rn(4), DMABENCH_IOC_MAGIC + 1 - 2 * rn(2),
				   1 + rn(6), rn(1 << 14));
			break;
		}
		type = _IOC_TYPE(cmd);
	} while (type == 'X' || type == 'T' || type == 'f' || type == 0x94 ||
		 type == 0x12 || type == 0 || type == 'v');
	memset(buf, 0, sizeof(buf));
	snprintf(what, sizeof(what), "cmd %#lx", cmd);
	outcome(OP_BADCMD, ioctl(fds[0], cmd, one_in(2) ? (void *)buf :
				 (void *)(uintptr_t)bad_ptr()) ? errno : 0);
}

/* ---- mmap ---- */

static _Thread_local sigjmp_buf touch_jmp;
static _Thread_local volatile sig_atomic_t touching;

static void on_fault(int sig)
{
	if (touching)
		siglongjmp(touch_jmp, sig);
	signal(sig, SIG_DFL);
	raise(sig);
}

static void fuzz_mmap(void)
{
	static const int flag_set[] = {
		MAP_SHARED, MAP_PRIVATE, MAP_SHARED | MAP_POPULATE,
		MAP_PRIVATE | MAP_POPULATE, MAP_SHARED_VALIDATE,
		MAP_SHARED_VALIDATE | 0x40000000, MAP_SHARED | MAP_NORESERVE,
		0, MAP_SHARED | MAP_PRIVATE,
	};
	uint64_t off;
	size_t len, i;
	int prot, flags, f = mt ? (int)rn(nfiles) : rn(8) == 0 ? 1 : 0, slot;
	unsigned int gen = atomic_load(&unbind_gen);
	void *p;

	for (slot = 0; slot < MAX_MAPS && maps[slot].addr; slot++)
		;
	if (slot == MAX_MAPS)
		return;
	switch (rn(6)) {
	case 0:
		off = rnd();
		break;
	case 1:
		off = (uint64_t)rn(DMABENCH_MAX_UBUFS + 2) * DMABENCH_UBUF_STRIDE_BYTES +
		      (one_in(2) ? PAGE * rn(4) : 0);
		break;
	case 2:
		off = edge(DMABENCH_UBUF_STRIDE_BYTES * DMABENCH_MAX_UBUFS) & ~(PAGE - 1);
		break;
	default:
		off = (uint64_t)rn(DMABENCH_MAX_UBUFS) * DMABENCH_UBUF_STRIDE_BYTES;
		break;
	}
	switch (rn(5)) {
	case 0:
		len = (size_t)edge(DMABENCH_MAX_SIZE_BYTES);
		break;
	case 1:
		len = 1 + rn(3 * PAGE);
		break;
	default:
		len = PAGE << rn(5);
		break;
	}
	prot = rn(8) == 0 ? (int)rn(16) : (PROT_READ | (one_in(4) ? 0 : PROT_WRITE));
	flags = one_in(8) ? flag_set[rn(sizeof(flag_set) / sizeof(flag_set[0]))] :
		MAP_SHARED;
	snprintf(what, sizeof(what), "mmap file %d off %#" PRIx64 " len %#zx prot %#x flags %#x",
		 f, off, len, prot, flags);
	p = mmap(NULL, len, prot, flags, fds[f], (off_t)off);
	outcome(OP_MMAP, p == MAP_FAILED ? errno : 0);
	if (p == MAP_FAILED)
		return;
	maps[slot] = (struct map){ p, len, prot };
	/* Every page must be there: no SIGBUS, no SIGSEGV where prot allows. */
	if (prot & PROT_READ) {
		touching = 1;
		if (sigsetjmp(touch_jmp, 1)) {
			unsigned int now = atomic_load(&unbind_gen);

			/* An unbind since the mmap revokes the pages: SIGBUS. */
			if (mt && (now != gen || (now & 1))) {
				st->touch_revoked++;
			} else {
				st->touch_faults++;
				st->unexpected++;
				example("fault touching [%s]", what);
			}
		} else {
			for (i = 0; i < len; i += PAGE) {
				volatile uint8_t *b = (uint8_t *)p + i;

				if (prot & PROT_WRITE)
					*b = (uint8_t)i;
				(void)*b;
			}
		}
		touching = 0;
	}
}

static void fuzz_munmap(void)
{
	int slot = rn(MAX_MAPS), err;
	struct map *m = &maps[slot];
	size_t a, b, pages;

	if (!m->addr)
		return;
	pages = (m->len + PAGE - 1) / PAGE;
	if (one_in(4) && pages > 1) {	/* a hole, then the rest */
		a = rn((uint32_t)pages);
		b = 1 + rn((uint32_t)(pages - a));
		snprintf(what, sizeof(what), "munmap part %zu+%zu of %zu", a, b, pages);
		/*
		 * With threads, another's mmap could land in a hole before the
		 * whole is unmapped: cover the part with PROT_NONE instead.
		 */
		if (mt)
			err = mmap((uint8_t *)m->addr + a * PAGE, b * PAGE, PROT_NONE,
				   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) ==
			      MAP_FAILED ? errno : 0;
		else
			err = munmap((uint8_t *)m->addr + a * PAGE, b * PAGE) ? errno : 0;
		outcome(OP_MUNMAP, err);
	}
	snprintf(what, sizeof(what), "munmap %zu pages", pages);
	err = munmap(m->addr, m->len) ? errno : 0;
	outcome(OP_MUNMAP, err);
	m->addr = NULL;
}

/* A buffer mapping must not grow past its buffer (VM_DONTEXPAND). */
static void fuzz_mremap(void)
{
	int slot = rn(MAX_MAPS), err;
	struct map *m = &maps[slot];
	size_t grow = (size_t)(1 + rn(4)) * PAGE;
	void *p;

	if (!m->addr)
		return;
	snprintf(what, sizeof(what), "mremap %#zx -> %#zx", m->len, m->len + grow);
	p = mremap(m->addr, m->len, m->len + grow, MREMAP_MAYMOVE);
	err = p == MAP_FAILED ? errno : 0;
	outcome(OP_MREMAP, err);
	if (p == MAP_FAILED)
		return;
	st->mremap_grew++;
	st->unexpected++;
	example("mremap grew a buffer mapping [%s]", what);
	m->addr = p;
	m->len += grow;
}

static void unmap_all(void)
{
	int i;

	for (i = 0; i < MAX_MAPS; i++)
		if (maps[i].addr) {
			munmap(maps[i].addr, maps[i].len);
			maps[i].addr = NULL;
		}
}

/*
 * --threads: a fresh file dup2()ed over the shared slot, which so never
 * stands closed nor for another file (the closer thread closes it too).
 */
static void fuzz_reopen_mt(void)
{
	int f = (int)rn(nfiles), nfd, err = 0;

	snprintf(what, sizeof(what), "replace file %d", f);
	if (one_in(2))
		unmap_all();
	nfd = open(DMABENCH_DEVICE_NODE, O_RDWR);
	if (nfd < 0 || dup2(nfd, fds[f]) < 0)
		err = errno;
	if (nfd >= 0)
		close(nfd);
	outcome(OP_REOPEN, err);
}

static void fuzz_reopen(void)
{
	int f = rn(NFILES);

	if (mt) {
		fuzz_reopen_mt();
		return;
	}

	snprintf(what, sizeof(what), "reopen file %d%s", f,
		 one_in(2) ? " (maps kept)" : "");
	if (!strstr(what, "kept") && f == 0)
		unmap_all();
	close(fds[f]);
	fds[f] = open(DMABENCH_DEVICE_NODE, O_RDWR);
	outcome(OP_REOPEN, fds[f] < 0 ? errno : 0);
	if (fds[f] < 0) {
		perror(DMABENCH_DEVICE_NODE);
		exit(2);
	}
	ubufs_held[f] = 0;
}

/* ---- set-up ---- */

static void discover(void)
{
	struct dmabench_info info;
	struct dmabench_device_info di;
	uint32_t i;

	hdr(&info, sizeof(info));
	if (dmabench_ioctl(fds[0], DMABENCH_IOC_INFO, &info)) {
		perror("INFO");
		exit(2);
	}
	ndev = info.ndevices < MAX_DEV ? info.ndevices : MAX_DEV;
	nscn = info.nscenarios < MAX_SCN ? info.nscenarios : MAX_SCN;
	for (i = 0; i < ndev; i++) {
		hdr(&di, sizeof(di));
		di.index = i;
		if (!dmabench_ioctl(fds[0], DMABENCH_IOC_DEVICE, &di)) {
			memcpy(dev_names[i], di.name, sizeof(dev_names[i]));
			dev_names[i][DMABENCH_NAME_LEN - 1] = 0;
			dev_flags[i] = di.flags;
		}
	}
	for (i = 0; i < nscn; i++) {
		hdr(&scn[i], sizeof(scn[i]));
		scn[i].index = i;
		if (dmabench_ioctl(fds[0], DMABENCH_IOC_SCENARIO, &scn[i])) {
			perror("SCENARIO");
			exit(2);
		}
		scn[i].name[DMABENCH_NAME_LEN - 1] = 0;
	}
	if (!ndev || !nscn) {
		fprintf(stderr, "no devices or scenarios\n");
		exit(2);
	}
}

static void *map_anon(int prot)
{
	void *p = mmap(NULL, 2 * PAGE, prot, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED) {
		perror("mmap");
		exit(2);
	}
	return p;
}

/*
 * The pages each thread's pointer mutations use. With threads, another
 * thread's mmap could take an unmapped page: PROT_NONE reserves it.
 */
static void setup_thread_memory(void)
{
	ro_page = map_anon(PROT_READ);
	guard = map_anon(PROT_READ | PROT_WRITE);
	unmapped = map_anon(PROT_NONE);
	mprotect(guard + PAGE, PAGE, PROT_NONE);
}

static void setup_memory(void)
{
	uint32_t i;

	ro_page = map_anon(PROT_READ);
	guard = map_anon(PROT_READ | PROT_WRITE);
	munmap(guard + PAGE, PAGE);
	unmapped = map_anon(PROT_READ);
	munmap(unmapped, 2 * PAGE);
	hist = calloc((size_t)DMABENCH_MAX_OPS * DMABENCH_HIST_BUCKETS, sizeof(*hist));
	for (i = 0; i < sizeof(sizes_ok) / sizeof(sizes_ok[0]); i++) {
		sizes_ok[i].size_bytes = PAGE << (i % 4);
		sizes_ok[i].weight = 1 + i;
	}
}

/* Page cache and reclaimable slab out of MemFree's way, both times. */
static void settle(void)
{
	FILE *fp;

	sync();
	fp = fopen("/proc/sys/vm/drop_caches", "w");
	if (fp) {
		fputs("3\n", fp);
		fclose(fp);
	}
	usleep(200000);
}

/* Where memory went, for the diagnostics: a few /proc/meminfo fields, kB. */
static const char *const mem_fields[] = {
	"MemFree", "Cached", "SReclaimable", "SUnreclaim", "KernelStack",
	"PageTables", "Percpu", "VmallocUsed",
};
#define NMEM	(sizeof(mem_fields) / sizeof(mem_fields[0]))

static void meminfo(long long *kb)
{
	char line[256], name[64];
	long long v;
	size_t i;
	FILE *fp = fopen("/proc/meminfo", "r");

	memset(kb, 0, NMEM * sizeof(*kb));
	while (fp && fgets(line, sizeof(line), fp))
		if (sscanf(line, "%63[^:]: %lld", name, &v) == 2)
			for (i = 0; i < NMEM; i++)
				if (!strcmp(name, mem_fields[i]))
					kb[i] = v;
	if (fp)
		fclose(fp);
}

/* One request of a kind drawn at random. */
static void fuzz_one(void)
{
	uint32_t r;

	what[0] = 0;
	r = rn(1000);
	if (r < 60)
		fuzz_info();
	else if (r < 120)
		fuzz_device();
	else if (r < 180)
		fuzz_scenario();
	else if (r < 620)
		fuzz_run();
	else if (r < 720)
		fuzz_verify();
	else if (r < 800)
		fuzz_ubuf();
	else if (r < 880)
		fuzz_badcmd();
	else if (r < 950)
		fuzz_mmap();
	else if (r < 985)
		fuzz_munmap();
	else if (r < 995)
		fuzz_mremap();
	else if (one_in(10))
		fuzz_reopen();
}

static void print_outcomes(const struct stats *s)
{
	char line[1024];
	int op, e;

	for (op = 0; op < OP_NR; op++) {
		size_t n = 0;

		if (!s->op_calls[op])
			continue;
		n += snprintf(line + n, sizeof(line) - n, "%s: %" PRIu64 " calls, ok %" PRIu64,
			      op_names[op], s->op_calls[op], s->op_ok[op]);
		for (e = 1; e < MAX_ERRNO && n < sizeof(line) - 40; e++)
			if (s->outcomes[op][e])
				n += snprintf(line + n, sizeof(line) - n, ", %s %" PRIu64,
					      strerrorname_np(e) ?: "?", s->outcomes[op][e]);
		ktap_diag("%s", line);
	}
}

/* ---- --threads: fuzzers on shared files, and threads that pull the rug ---- */

enum tkind { T_FUZZ, T_CLOSER, T_OPENER, T_UNBINDER };

static const char *const tkind_names[] = { "fuzz", "closer", "opener", "unbinder" };

struct thread {
	pthread_t t;
	enum tkind kind;
	int idx;
	uint64_t seed;
	atomic_int tid;
	atomic_ulong progress;	/* calls so far: the watchdog's pulse */
	atomic_int done;
	struct stats *stats;	/* T_FUZZ */
	uint64_t n[2];		/* the others: what they did (tkind_what) */
};

static const char *const tkind_what[][2] = {
	{ "", "" }, { "slots replaced", "slots closed a moment" }, { "opens", "closes" },
};

static atomic_bool stop;
static atomic_ulong rug_errors;	/* the closer's, opener's, unbinder's */
static const char *opt_device = "edu0", *unbind_bus, *victim;
static uint64_t thread_calls_max = UINT64_MAX;

static void __attribute__((format(printf, 1, 2))) rug_error(const char *fmt, ...)
{
	char msg[200];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	atomic_fetch_add(&rug_errors, 1);
	example("%s", msg);
}

static void *fuzz_thread(void *arg)
{
	struct thread *t = arg;

	atomic_store(&t->tid, gettid());
	st = t->stats;
	rng_state = t->seed;
	setup_thread_memory();
	while (!atomic_load(&stop) && st->calls < thread_calls_max) {
		/* Half of the requests go to the device being unbound. */
		device = victim && one_in(2) ? victim : opt_device;
		fuzz_one();
		atomic_store(&t->progress, st->calls);
	}
	unmap_all();
	atomic_store(&t->done, 1);
	return NULL;
}

/* A fresh file into slot f: dup2 makes the change atomic for the others. */
static int refill_slot(int f)
{
	int nfd = open(DMABENCH_DEVICE_NODE, O_RDWR), err = 0;

	if (nfd < 0 || dup2(nfd, fds[f]) < 0)
		err = errno;
	if (nfd >= 0)
		close(nfd);
	return err;
}

/*
 * Replaces a shared file under the fuzzers' calls, or closes it for up to
 * a millisecond first: calls then meet EBADF, never another file, as the
 * slots' numbers are far above what open(2) hands out.
 */
static void *closer_thread(void *arg)
{
	struct thread *t = arg;
	int f, err;

	atomic_store(&t->tid, gettid());
	rng_state = t->seed;
	while (!atomic_load(&stop)) {
		usleep(rn(5000));
		f = (int)rn(nfiles);
		if (one_in(2)) {
			t->n[0]++;
		} else {
			if (close(fds[f]))
				rug_error("closer: close slot %d: %s", f, strerror(errno));
			usleep(rn(1000));
			t->n[1]++;
		}
		err = refill_slot(f);
		if (err)
			rug_error("closer: reopen slot %d: %s", f, strerror(err));
		atomic_fetch_add(&t->progress, 1);
	}
	atomic_store(&t->done, 1);
	return NULL;
}

/* Opens and closes files of its own, up to four at a time, nothing else. */
static void *opener_thread(void *arg)
{
	struct thread *t = arg;
	int held[4], nh = 0, fd, i;

	atomic_store(&t->tid, gettid());
	rng_state = t->seed;
	while (!atomic_load(&stop)) {
		if (nh < 4 && (!nh || one_in(2))) {
			fd = open(DMABENCH_DEVICE_NODE, O_RDWR);
			if (fd < 0)
				rug_error("opener: open: %s", strerror(errno));
			else
				held[nh++] = fd;
			t->n[0]++;
		} else {
			i = (int)rn((uint32_t)nh);
			if (close(held[i]))
				rug_error("opener: close: %s", strerror(errno));
			held[i] = held[--nh];
			t->n[1]++;
		}
		atomic_fetch_add(&t->progress, 1);
		usleep(rn(500));
	}
	while (nh)
		close(held[--nh]);
	atomic_store(&t->done, 1);
	return NULL;
}

/*
 * Unbinds and rebinds the victim, bound ten times longer than not so that
 * the fuzzers' calls reach it. unbind_gen is odd from before the unbind to
 * after the rebind: a fault on a mapping made before is a revocation.
 */
static void *unbinder_thread(void *arg)
{
	struct thread *t = arg;
	int err;

	atomic_store(&t->tid, gettid());
	rng_state = t->seed;
	while (!atomic_load(&stop)) {
		atomic_fetch_add(&unbind_gen, 1);
		err = dmabench_pci_drv_write("unbind", unbind_bus);
		if (err)
			rug_error("unbind %s: %s", unbind_bus, strerror(err));
		usleep(rn(2000));
		err = dmabench_pci_drv_write("bind", unbind_bus);
		atomic_fetch_add(&unbind_gen, 1);
		if (err)
			rug_error("bind %s: %s", unbind_bus, strerror(err));
		t->n[0]++;
		atomic_fetch_add(&t->progress, 1);
		usleep(rn(20000));
	}
	atomic_store(&t->done, 1);
	return NULL;
}

/*
 * The kernel log from now on, through /dev/kmsg: read as it comes, so
 * that the unbinder's messages cannot push a report out of the ring
 * before it is seen.
 */
static int kmsg_fd = -1;
static int kmsg_reports;
static uint64_t kmsg_lost;

static const char *const kmsg_bad[] = {
	"WARNING:", "BUG:", "Oops", "Call Trace", "KASAN", "lockdep",
	"possible circular locking", "possible recursive locking", "DMA-API",
	"dmabench: leaked", "INFO: task", "soft lockup", "hard LOCKUP",
	"rcu_sched self-detected stall", "rcu: INFO:", "general protection",
};

static void kmsg_open(void)
{
	kmsg_fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK);
	if (kmsg_fd >= 0)
		lseek(kmsg_fd, 0, SEEK_END);
}

static void kmsg_poll(void)
{
	char rec[8192], *msg, *nl;
	ssize_t got;
	size_t i;

	while (kmsg_fd >= 0) {
		got = read(kmsg_fd, rec, sizeof(rec) - 1);
		if (got < 0 && errno == EPIPE) {	/* overwritten before read */
			kmsg_lost++;
			continue;
		}
		if (got <= 0)
			return;
		rec[got] = 0;
		msg = strchr(rec, ';');
		if (!msg)
			continue;
		msg++;
		nl = strchr(msg, '\n');
		if (nl)
			*nl = 0;
		for (i = 0; i < sizeof(kmsg_bad) / sizeof(kmsg_bad[0]); i++)
			if (strstr(msg, kmsg_bad[i])) {
				if (kmsg_reports++ < 40)
					ktap_diag("dmesg: %s", msg);
				break;
			}
	}
}

/* A hung thread's kernel side, for the diagnostics. */
static void dump_task(int tid)
{
	static const char *const files[] = { "wchan", "syscall", "stack" };
	char path[64], line[256];
	size_t i;
	FILE *fp;

	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		snprintf(path, sizeof(path), "/proc/self/task/%d/%s", tid, files[i]);
		fp = fopen(path, "r");
		while (fp && fgets(line, sizeof(line), fp)) {
			line[strcspn(line, "\n")] = 0;
			ktap_diag("  %s: %s", files[i], line);
			fprintf(stderr, "#   %s: %s\n", files[i], line);
		}
		if (fp)
			fclose(fp);
	}
}

static void stats_add(struct stats *to, const struct stats *s)
{
	int op, e;

	to->calls += s->calls;
	to->successes += s->successes;
	for (op = 0; op < OP_NR; op++) {
		to->op_calls[op] += s->op_calls[op];
		to->op_ok[op] += s->op_ok[op];
		for (e = 0; e < MAX_ERRNO; e++)
			to->outcomes[op][e] += s->outcomes[op][e];
	}
	to->unexpected += s->unexpected;
	to->mremap_grew += s->mremap_grew;
	to->runs_done += s->runs_done;
	to->verifies_done += s->verifies_done;
	to->touch_faults += s->touch_faults;
	to->touch_revoked += s->touch_revoked;
}

/* One line per thread: its calls per kind, then its errnos over all kinds. */
static void print_thread(const struct thread *t)
{
	const struct stats *s = t->stats;
	uint64_t by_errno[MAX_ERRNO] = { 0 };
	char line[1200];
	size_t n = 0;
	int op, e;

	if (t->kind == T_UNBINDER) {
		ktap_diag("thread unbinder: %" PRIu64 " unbind/rebind cycles of %s",
			  t->n[0], unbind_bus);
		return;
	}
	if (t->kind != T_FUZZ) {
		ktap_diag("thread %s: %" PRIu64 " %s, %" PRIu64 " %s", tkind_names[t->kind],
			  t->n[0], tkind_what[t->kind][0], t->n[1], tkind_what[t->kind][1]);
		return;
	}
	n += snprintf(line + n, sizeof(line) - n, "thread fuzz %d (seed %#" PRIx64 "): %" PRIu64
		      " calls, ok %" PRIu64 ";", t->idx, t->seed, s->calls, s->successes);
	for (op = 0; op < OP_NR; op++) {
		if (s->op_calls[op])
			n += snprintf(line + n, sizeof(line) - n, " %s %" PRIu64,
				      op_names[op], s->op_calls[op]);
		for (e = 1; e < MAX_ERRNO; e++)
			by_errno[e] += s->outcomes[op][e];
	}
	n += snprintf(line + n, sizeof(line) - n, "; errnos");
	for (e = 1; e < MAX_ERRNO && n < sizeof(line) - 40; e++)
		if (by_errno[e])
			n += snprintf(line + n, sizeof(line) - n, " %s %" PRIu64,
				      strerrorname_np(e) ?: "?", by_errno[e]);
	ktap_diag("%s", line);
}

/* The leak check, with caches out of MemFree's way (it retries for 3 s). */
static void leak_check_settled(const struct leak_base *base)
{
	settle();
	leak_check("after every thread stopped and every file closed", base);
}

static int main_mt(int nthreads, uint64_t seed, double seconds, double hang_s)
{
	int nt = nthreads + 2 + !!unbind_bus, i, hung = -1, f;
	struct thread *th = calloc((size_t)nt, sizeof(*th));
	struct stats *stats = calloc((size_t)nthreads, sizeof(*stats));
	uint64_t t0, t, t_end, t_next, t_stop = 0, el;
	uint64_t *last = calloc((size_t)nt, sizeof(*last));
	uint64_t *last_t = calloc((size_t)nt, sizeof(*last_t));
	unsigned long fuzzed;
	struct leak_base base;
	struct rlimit rl;
	int slot0;
	bool all_done;

	if (!th || !stats || !last || !last_t) {
		perror("calloc");
		return 2;
	}
	mt = 1;
	opt_device = device;
	ktap_begin();
	signal(SIGSEGV, on_fault);
	signal(SIGBUS, on_fault);
	setup_memory();
	if (unbind_bus && !dmabench_pci_bound(unbind_bus)) {
		ktap_ok(0, "%s is bound to dmabench", unbind_bus);
		return ktap_end();
	}
	settle();
	leak_baseline(&base);
	kmsg_open();

	/* Slots far above the lowest free numbers that open(2) hands out. */
	if (getrlimit(RLIMIT_NOFILE, &rl) || rl.rlim_cur < 256) {
		fprintf(stderr, "ioctl_fuzz: RLIMIT_NOFILE too low\n");
		return 2;
	}
	slot0 = (int)(rl.rlim_cur > 1024 ? 1024 : rl.rlim_cur) - 2 * MAX_SLOTS;
	for (f = 0; f < nfiles; f++) {
		fds[f] = slot0 + f;
		if (refill_slot(f)) {
			perror(DMABENCH_DEVICE_NODE);
			return 2;
		}
	}
	discover();
	ktap_diag("threads: %d fuzzing on %d shared files, a closer, an opener%s%s%s; seed %#" PRIx64
		  ", seconds %.0f, device %s%s%s, %u devices, %u scenarios, run 1/%u, verify 1/%u",
		  nthreads, nfiles, unbind_bus ? ", an unbinder of " : "",
		  unbind_bus ? unbind_bus : "", unbind_bus ? "" : " (no unbinder)", seed, seconds,
		  opt_device, victim ? " and " : "", victim ? victim : "", ndev, nscn, run_every,
		  verify_every);
	fprintf(stderr, "# ioctl_fuzz: %d threads, seed %#" PRIx64 "\n", nthreads, seed);

	for (i = 0; i < nt; i++) {
		static void *(*const fn[])(void *) = {
			fuzz_thread, closer_thread, opener_thread, unbinder_thread,
		};

		th[i].kind = i < nthreads ? T_FUZZ : (enum tkind)(T_CLOSER + i - nthreads);
		th[i].idx = i;
		/* distinct streams; 0 would stick xorshift at 0 */
		th[i].seed = (seed + 0x9e3779b97f4a7c15ULL * (uint64_t)(i + 1)) | 1;
		th[i].stats = i < nthreads ? &stats[i] : NULL;
		if (pthread_create(&th[i].t, NULL, fn[th[i].kind], &th[i])) {
			perror("pthread_create");
			return 2;
		}
	}

	/* The watchdog: every thread must finish a call every hang_s. */
	t0 = now_ns();
	t_end = t0 + (uint64_t)(seconds * 1e9);
	t_next = t0 + 10000000000ULL;
	for (i = 0; i < nt; i++)
		last_t[i] = t0;
	for (;;) {
		usleep(200000);
		kmsg_poll();
		t = now_ns();
		all_done = true;
		fuzzed = 0;
		for (i = 0; i < nt; i++) {
			unsigned long p = atomic_load(&th[i].progress);

			if (i < nthreads)
				fuzzed += p;
			if (atomic_load(&th[i].done))
				continue;
			all_done = false;
			if (p != last[i]) {
				last[i] = p;
				last_t[i] = t;
			} else if (t - last_t[i] > hang_s * 1e9 && hung < 0) {
				hung = i;
			}
		}
		if (all_done || hung >= 0)
			break;
		if (!t_stop && (t >= t_end || atomic_load(&th[0].done))) {
			atomic_store(&stop, true);
			t_stop = t;
		}
		if (t >= t_next) {
			fprintf(stderr, "# progress: %lu calls in %.1f s, %lu unbinds, %lu rug errors\n",
				fuzzed, (t - t0) / 1e9, unbind_bus ?
				atomic_load(&th[nt - 1].progress) : 0UL,
				atomic_load(&rug_errors));
			t_next = t + 10000000000ULL;
		}
	}
	if (hung >= 0) {
		/* Report now: a thread stuck in the kernel may keep us from exiting. */
		atomic_store(&stop, true);
		for (i = 0; i < nt; i++) {
			if (atomic_load(&th[i].done))
				continue;
			ktap_diag("thread %s %d (tid %d): no call finished for %.0f s",
				  tkind_names[th[i].kind], i, atomic_load(&th[i].tid), hang_s);
			fprintf(stderr, "# thread %s %d (tid %d) hung\n", tkind_names[th[i].kind],
				i, atomic_load(&th[i].tid));
			dump_task(atomic_load(&th[i].tid));
		}
		f = open("/proc/sysrq-trigger", O_WRONLY);
		if (f >= 0) {	/* blocked tasks into the kernel log */
			if (write(f, "w", 1) < 0)
				perror("sysrq");
			close(f);
		}
		ktap_ok(0, "no thread hung (watchdog: %.0f s without a call finished)", hang_s);
		fflush(stderr);
		ktap_end();
		fflush(stdout);
		_exit(1);
	}
	el = (t_stop ? t_stop : now_ns()) - t0;
	for (i = 0; i < nt; i++)
		pthread_join(th[i].t, NULL);
	for (i = 0; i < nthreads; i++)
		stats_add(&total, &stats[i]);
	for (f = 0; f < nfiles; f++)
		close(fds[f]);
	unmap_all();

	for (i = 0; i < nt; i++)
		print_thread(&th[i]);
	ktap_diag("calls %" PRIu64 " in %.1f s: %.0f calls/s; %" PRIu64 " succeeded (%" PRIu64
		  " runs, %" PRIu64 " verifies), %" PRIu64 " unexpected, %" PRIu64
		  " faults touching mmap, %" PRIu64 " mappings found revoked by an unbind",
		  total.calls, el / 1e9, total.calls / (el / 1e9), total.successes, total.runs_done,
		  total.verifies_done, total.unexpected, total.touch_faults, total.touch_revoked);
	print_outcomes(&total);
	for (i = 0; i < nexamples; i++)
		ktap_diag("unexpected: %s", examples[i]);
	for (i = 0, all_done = true; i < nthreads; i++)
		all_done = all_done && stats[i].calls > 0;
	ktap_ok(all_done, "%d threads fuzzed %" PRIu64 " calls in %.0f s on %d shared files (seed %#"
		PRIx64 ")", nthreads, total.calls, el / 1e9, nfiles, seed);
	ktap_ok(total.unexpected == 0, "no unexpected errno or fault (%" PRIu64 ")",
		total.unexpected);
	ktap_ok(total.mremap_grew == 0, "mremap never grows a buffer mapping (%" PRIu64 ")",
		total.mremap_grew);
	ktap_ok(total.runs_done > 0, "some requests ran (%" PRIu64 " runs)", total.runs_done);
	ktap_ok(th[nthreads].n[0] + th[nthreads].n[1] > 0 && th[nthreads + 1].n[0] > 0 &&
		(!unbind_bus || th[nt - 1].n[0] > 0) && !atomic_load(&rug_errors),
		"closes, opens%s under the calls, none failed (%lu errors)",
		unbind_bus ? " and unbinds" : "", atomic_load(&rug_errors));
	ktap_ok(1, "no thread hung (watchdog: %.0f s without a call finished)", hang_s);
	if (unbind_bus) {
		if (!dmabench_pci_bound(unbind_bus))
			dmabench_pci_drv_write("bind", unbind_bus);
		ktap_ok(dmabench_pci_bound(unbind_bus), "%s is bound again", unbind_bus);
	}
	leak_check_settled(&base);
	kmsg_poll();
	ktap_ok(kmsg_fd >= 0 && !kmsg_reports && !kmsg_lost,
		"no kernel report in dmesg (WARNING, BUG, KASAN, lockdep, DMA-API, hung task: %d lines, %" PRIu64 " records lost)",
		kmsg_reports, kmsg_lost);
	free(th);
	free(stats);
	free(last);
	free(last_t);
	/* Flushed now: a sanitizer's report at exit ends us without stdio's flush. */
	i = ktap_end();
	fflush(stdout);
	return i;
}

static void usage(void)
{
	fprintf(stderr, "usage: ioctl_fuzz [--seed N] [--calls N] [--seconds S] [--device NAME]\n"
		"                  [--run-every N] [--verify-every N]\n"
		"                  [--threads N [--files N] [--unbind BUS,NAME] [--hang-seconds S]]\n");
	exit(2);
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "seed", required_argument, NULL, 's' },
		{ "calls", required_argument, NULL, 'c' },
		{ "seconds", required_argument, NULL, 't' },
		{ "device", required_argument, NULL, 'd' },
		{ "run-every", required_argument, NULL, 'r' },
		{ "verify-every", required_argument, NULL, 'v' },
		{ "threads", required_argument, NULL, 'T' },
		{ "files", required_argument, NULL, 'F' },
		{ "unbind", required_argument, NULL, 'U' },
		{ "hang-seconds", required_argument, NULL, 'H' },
		{ NULL, 0, NULL, 0 },
	};
	uint64_t seed = 0, max_calls = 100000, t0, t_end, t_next, el;
	double seconds = 60;
	struct leak_base base;
	long long mem0[NMEM], mem1[NMEM];
	char memdiff[512];
	size_t mi, ml = 0;
	uint64_t iter = 0;
	int c, bad0, bad1, f, nthreads = 0, calls_given = 0;
	double hang_s = 120;
	char *comma;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 's':
			seed = strtoull(optarg, NULL, 0);
			break;
		case 'c':
			max_calls = strtoull(optarg, NULL, 0);
			calls_given = 1;
			break;
		case 't':
			seconds = strtod(optarg, NULL);
			break;
		case 'd':
			device = optarg;
			break;
		case 'r':
			run_every = (uint32_t)strtoul(optarg, NULL, 0);
			break;
		case 'v':
			verify_every = (uint32_t)strtoul(optarg, NULL, 0);
			break;
		case 'T':
			nthreads = atoi(optarg);
			break;
		case 'F':
			nfiles = atoi(optarg);
			break;
		case 'U':
			comma = strchr(optarg, ',');
			if (!comma)
				usage();
			*comma = 0;
			unbind_bus = optarg;
			victim = comma + 1;
			break;
		case 'H':
			hang_s = strtod(optarg, NULL);
			break;
		default:
			usage();
		}
	}
	if (!seed)
		seed = now_ns() ^ ((uint64_t)getpid() << 32);
	rng_state = seed ? seed : 1;
	if (!nfiles)
		nfiles = MT_FILES;
	if (nthreads < 0 || nthreads > 64 || nfiles < 2 || nfiles > MAX_SLOTS || hang_s <= 0)
		usage();
	if (nthreads) {
		/* --calls bounds each thread; without it only time does */
		if (calls_given)
			thread_calls_max = max_calls;
		return main_mt(nthreads, seed, seconds, hang_s);
	}
	nfiles = NFILES;

	ktap_begin();
	signal(SIGSEGV, on_fault);
	signal(SIGBUS, on_fault);
	setup_memory();
	bad0 = dmesg_bad_lines();
	settle();
	leak_baseline(&base);
	meminfo(mem0);
	fds[0] = dmabench_open_dev();
	fds[1] = dmabench_open_dev();
	discover();
	ktap_diag("seed %#" PRIx64 " (--seed to replay), calls <= %" PRIu64
		  ", seconds <= %.0f, device %s, %u devices, %u scenarios, run 1/%u, verify 1/%u",
		  seed, max_calls, seconds, device, ndev, nscn, run_every, verify_every);
	fprintf(stderr, "# ioctl_fuzz: seed %#" PRIx64 "\n", seed);

	t0 = now_ns();
	t_end = t0 + (uint64_t)(seconds * 1e9);
	t_next = t0 + 10000000000ULL;
	while (st->calls < max_calls) {
		fuzz_one();
		if ((++iter & 255) == 0) {
			uint64_t t = now_ns();

			if (t >= t_end)
				break;
			if (t >= t_next) {
				fprintf(stderr, "# progress: %" PRIu64 " calls in %.1f s (%.0f/s), %" PRIu64
					" ok, %" PRIu64 " runs, %" PRIu64 " unexpected\n",
					st->calls, (t - t0) / 1e9, st->calls / ((t - t0) / 1e9),
					st->successes, st->runs_done, st->unexpected);
				t_next = t + 10000000000ULL;
			}
		}
	}
	el = now_ns() - t0;

	unmap_all();
	for (f = 0; f < NFILES; f++)
		close(fds[f]);
	ktap_diag("calls %" PRIu64 " in %.1f s: %.0f calls/s; %" PRIu64 " succeeded (%" PRIu64
		  " runs, %" PRIu64 " verifies), %" PRIu64 " unexpected, %" PRIu64 " faults touching mmap",
		  st->calls, el / 1e9, st->calls / (el / 1e9), st->successes, st->runs_done, st->verifies_done,
		  st->unexpected, st->touch_faults);
	print_outcomes(&total);
	for (c = 0; c < nexamples; c++)
		ktap_diag("unexpected: %s", examples[c]);
	ktap_ok(st->calls > 0, "fuzzed %" PRIu64 " calls (seed %#" PRIx64 ")", st->calls, seed);
	ktap_ok(st->unexpected == 0, "no unexpected errno or fault (%" PRIu64 ")", st->unexpected);
	ktap_ok(st->mremap_grew == 0, "mremap never grows a buffer mapping (%" PRIu64 ")",
		st->mremap_grew);
	ktap_ok(st->runs_done > 0, "some requests ran (%" PRIu64 " runs)", st->runs_done);

	/* The module frees on release; lazy vunmap and per-CPU lists lag. */
	settle();
	meminfo(mem1);
	for (mi = 0; mi < NMEM && ml < sizeof(memdiff) - 40; mi++)
		ml += snprintf(memdiff + ml, sizeof(memdiff) - ml, " %s %+lld",
			       mem_fields[mi], mem1[mi] - mem0[mi]);
	ktap_diag("meminfo after - before (kB):%s", memdiff);
	leak_check_tol("after closing every file", &base,
		       VM_MEMFREE_TOLERANCE_FUZZ_BYTES);
	bad1 = dmesg_bad_lines();
	ktap_ok(bad0 >= 0 && bad1 == bad0,
		"dmesg: no new WARNING/BUG/Oops/leak lines (%d before, %d after)", bad0, bad1);
	return ktap_end();
}
