// SPDX-License-Identifier: GPL-2.0
/*
 * failnth: fail-nth walks over every entry point of the module, KTAP.
 *   build/tests/failnth [--dry] [DEVICE]     (DEVICE: an edu device, edu0)
 * For each request (open; INFO; DEVICE of each device; SCENARIO of each
 * index; RUN of each scenario, storm variant and via; VERIFY of each kind
 * and via; UBUF_ALLOC and mmap of each variant and via), first one call
 * without a fault (its baseline: a request the module refuses is skipped,
 * with the reason), then for N = 1, 2, 3, ... the same call with N written
 * to /proc/thread-self/fail-nth: the Nth slab or page allocation or user
 * copy of the call fails (Documentation/fault-injection/
 * fault-injection.rst). Reading fail-nth back gives 0 when the fault was
 * injected; the walk ends at the first call that ran without consuming it,
 * which must succeed like the baseline. After each step:
 *   - an injected fault gave a clean error (ENOMEM, or EFAULT for a user
 *     copy; mmap: EAGAIN too), or a success whose output is complete and
 *     equal to the baseline's (outputs are poisoned first);
 *   - no WARNING/BUG/KASAN/DMA-API/lockdep report in the kernel log (read
 *     from /dev/kmsg), but for the allocation failure reports (warn_alloc)
 *     of this very program, which an injected failure causes;
 *   - the module's debugfs counters all 0, DMA vmalloc areas and swiotlb
 *     slots exactly at the baseline (leakcheck.h);
 *   - after a step that failed, the next call without a fault works.
 * One KTAP line per request with its failure points; a diagnostic line and
 * a summary per ioctl give the failure points found (a point: a fault
 * injected and consumed; it includes the kernel's own allocations made on
 * the call's behalf, kmemleak's metadata on a debug kernel for instance).
 * Only the calling task's allocations are faulted: those of a RUN's worker
 * kthreads are not.
 * A fault must not switch DMA-API debugging off for the rest of the boot:
 * the walk keeps the radix tree node pool it falls back on full, and says
 * so at the step where it failed (see "DMA-API debugging" below).
 * The fault injection is set up here (debugfs failslab, fail_page_alloc:
 * sleeping allocations, highmem and order 0 too, no console report; put
 * back at the end); without /proc/thread-self/fail-nth (Debian's kernels
 * lack CONFIG_FAULT_INJECTION) the whole program is a KTAP SKIP.
 * --dry: the baselines only, without fail-nth (to try the requests out).
 * env: FAILNTH_MAX_STEPS  a walk's cap (default 2000; a walk cut there fails)
 *      FAILNTH_BUDGET_S   seconds for all walks (default 600, so that a
 *                         debug guest's boot, walks and kmemleak scans fit
 *                         well in tests/debug/run.sh's 1200 s): requests
 *                         not reached by then are skipped, and say so
 */
#include <sched.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/sem.h>
#include <sys/syscall.h>
#include <time.h>

#include "ktap.h"
#include "dmabench_test.h"
#include "leakcheck.h"
#include "alloc_variants.h"

#define FAILNTH		"/proc/thread-self/fail-nth"
#define FI_DIR		"/sys/kernel/debug/"
#define DMA_DEBUG_OFF	"/sys/kernel/debug/dma-api/disabled"
#define POISON_BYTE	0xa5
#define POISON_U64	0xa5a5a5a5a5a5a5a5ULL	/* a u64 of POISON_BYTEs */
#define UBUF_BYTES	(64 * 1024)
#define PAGE_BYTES	4096
#define MAX_DIAGS	6	/* problems shown per request */

enum entry { E_OPEN, E_INFO, E_DEVICE, E_SCENARIO, E_UBUF_ALLOC, E_MMAP,
	     E_RUN, E_VERIFY, E_NR };
static const char *const entry_names[E_NR] = {
	"open", "INFO", "DEVICE", "SCENARIO", "UBUF_ALLOC", "mmap", "RUN",
	"VERIFY",
};

/* Per entry point: what the walks found. */
struct tally {
	unsigned int requests, skipped, walked;
	unsigned long points, absorbed, enomem, efault, other;
};
static struct tally tallies[E_NR];

/* One request: its entry point, its arguments, its baseline. */
struct req {
	enum entry e;
	char what[96];
	uint32_t index;			/* DEVICE, SCENARIO */
	struct dmabench_run run;	/* RUN */
	struct dmabench_verify verify;	/* VERIFY */
	struct dmabench_ubuf ubuf;	/* UBUF_ALLOC, mmap, VERIFY_UBUF */
	/* the call's output */
	union {
		struct dmabench_info info;
		struct dmabench_device_info dev;
		struct dmabench_scenario_info scn;
	} out, base_out;
	struct dmabench_run base_run;
	struct dmabench_verify base_verify;
	int fd;				/* the open file of the call */
	void *map;			/* mmap's result */
};

static const char *device = "edu0";
static int nth_fd = -1, kmsg_fd = -1, dry;
static unsigned long max_steps = 2000;
static time_t deadline;
static struct leak_base base;
static int64_t start_anon;	/* vm_self_anon_bytes() when the walks began */
static uint64_t hist[DMABENCH_MAX_OPS][DMABENCH_HIST_BUCKETS];
static uint64_t floor_hist[DMABENCH_HIST_BUCKETS];
static struct dmabench_iteration whole;
static const char *const via_names[] = { "direct", "ops" };

/* Problems of the current request: counted, the first few shown. */
static int problems;

static void __attribute__((format(printf, 1, 2))) problem(const char *fmt, ...)
{
	va_list ap;
	char line[512];

	if (problems++ >= MAX_DIAGS)
		return;
	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	ktap_diag("  %s", line);
}

/* --- fault injection ---------------------------------------------------- */

/* The debugfs knobs set for the walks, and their values before. */
static const struct knob {
	const char *path, *value;
} knobs[] = {
	{ FI_DIR "failslab/ignore-gfp-wait", "N" },
	{ FI_DIR "fail_page_alloc/ignore-gfp-wait", "N" },
	{ FI_DIR "fail_page_alloc/ignore-gfp-highmem", "N" },
	{ FI_DIR "fail_page_alloc/min-order", "0" },
	/* verbose 2 prints a backtrace per fault: the log checks would see it */
	{ FI_DIR "failslab/verbose", "0" },
	{ FI_DIR "fail_page_alloc/verbose", "0" },
	{ FI_DIR "fail_usercopy/verbose", "0" },
};
#define NKNOBS (sizeof(knobs) / sizeof(knobs[0]))
static char saved[NKNOBS][32];

static int knob_write(const char *path, const char *value)
{
	int fd = open(path, O_WRONLY), ok;

	if (fd < 0)
		return -1;
	ok = write(fd, value, strlen(value)) == (ssize_t)strlen(value);
	close(fd);
	return ok ? 0 : -1;
}

/* NULL, or why the walks cannot run here. */
static const char *knobs_set(void)
{
	static char why[160];
	size_t i;
	FILE *fp;

	for (i = 0; i < NKNOBS; i++) {
		fp = fopen(knobs[i].path, "r");
		if (!fp || !fgets(saved[i], sizeof(saved[i]), fp)) {
			snprintf(why, sizeof(why), "no %s (CONFIG_FAULT_INJECTION_DEBUG_FS?)",
				 knobs[i].path);
			if (fp)
				fclose(fp);
			return why;
		}
		fclose(fp);
		saved[i][strcspn(saved[i], "\n")] = 0;
		if (knob_write(knobs[i].path, knobs[i].value)) {
			snprintf(why, sizeof(why), "cannot write %s", knobs[i].path);
			return why;
		}
	}
	return NULL;
}

static void knobs_restore(void)
{
	size_t i;

	for (i = 0; i < NKNOBS; i++)
		if (saved[i][0])
			knob_write(knobs[i].path, saved[i]);
}

/*
 * arm() then exactly one system call, then fired(): nothing in between may
 * enter the kernel (or touch a fresh page), or that takes the fault.
 */
static void arm(unsigned long n)
{
	char buf[24];
	int len = snprintf(buf, sizeof(buf), "%lu", n);

	if (write(nth_fd, buf, len) != len) {
		perror(FAILNTH);
		exit(2);
	}
}

/*
 * Disarms fail-nth. Reading or writing it copies from or to user space,
 * which counts down a fault still armed, and fails when it reaches 0: a
 * fault taken there, not by the call, and the task is disarmed either way.
 */
static void disarm(void)
{
	char buf[24] = "";
	int tries;

	for (tries = 0; tries < 3; tries++) {
		if (write(nth_fd, "0", 1) != 1)
			continue;	/* the write took the fault */
		if (pread(nth_fd, buf, sizeof(buf) - 1, 0) > 0 && atoi(buf) == 0)
			return;
	}
	fprintf(stderr, "%s: cannot disarm (reads %s)\n", FAILNTH, buf);
	exit(2);
}

/* 1 when the armed fault was injected into the call; disarms it. */
static int fired(void)
{
	char buf[24] = "";

	/* fail-nth reads 0 once its fault is injected, N while N calls are left */
	if (pread(nth_fd, buf, sizeof(buf) - 1, 0) > 0 && atoi(buf) == 0)
		return 1;
	/* still armed (or the read itself took the fault): the call took none */
	disarm();
	return 0;
}

/* --- DMA-API debugging ------------------------------------------------- */

/*
 * DMA-API debugging tracks every mapping's cachelines in a radix tree and
 * switches itself off for the rest of the boot when a node allocation
 * fails ("cacheline tracking ENOMEM, dma-debug disabled", kernel/dma/
 * debug.c, 6.1 to 7.x): an injected fault can land there, in the mapping
 * call of the walk. dma_debug_entries= cannot help: it preallocates the
 * entries, not the nodes, which are GFP_ATOMIC allocations in the call.
 * But radix_tree_node_alloc() falls back, when an atomic allocation fails,
 * to its per-CPU preload pool (lib/radix-tree.c): keeping this CPU's pool
 * full keeps dma-debug on. A SysV IPC object's creation fills it
 * (ipc_addid(): idr_preload()), so the walk stays on one CPU and makes one
 * before each armed call; a fault takes one allocation, one node at most.
 */
static int pinned_cpu = -1;

static void pin_cpu(void)
{
	cpu_set_t set;
	int cpu = sched_getcpu();

	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	if (cpu >= 0 && !sched_setaffinity(0, sizeof(set), &set))
		pinned_cpu = cpu;
}

static void radix_preload_fill(void)
{
	int id;

	if (pinned_cpu < 0)
		return;
	id = semget(IPC_PRIVATE, 1, IPC_CREAT | 0600);
	if (id >= 0)
		semctl(id, 0, IPC_RMID);
}

/* 1 when DMA-API debugging is there and has switched itself off. */
static int dma_debug_off(void)
{
	char c = 'N';
	FILE *fp = fopen(DMA_DEBUG_OFF, "r");

	if (fp) {
		if (fscanf(fp, " %c", &c) != 1)
			c = 'N';
		fclose(fp);
	}
	return c == 'Y';
}

/*
 * Should the pool not do (another kernel), say so where it happens: the
 * walk's own calibration, not a module bug, and the DMA-API checks of the
 * rest of the boot (tests/debug/in-guest.sh's too) are lost.
 */
static void dma_debug_watch(const char *step)
{
	static int was_off = -1;
	int off = dma_debug_off();

	if (was_off == 0 && off)
		problem("%s: DMA-API debugging switched itself off: a fault injected into its own bookkeeping, not dmabench's (the radix tree preload did not cover it); its checks are off for the rest of the boot",
			step);
	was_off = off;
}

/* --- the kernel log ----------------------------------------------------- */

/*
 * Reads what the kernel logged since the last call (/dev/kmsg, one record
 * per read); returns the reports of problems. The allocation failure
 * report of this program (warn_alloc: a header naming our comm, a
 * backtrace ending at </TASK>, then the memory state) is an injected
 * fault's consequence, not a problem: skipped.
 */
static int kmsg_bad(void)
{
	static const char *const bad[] = {
		"WARNING:", "BUG:", "Oops", "Call Trace", "KASAN",
		"general protection fault", "dmabench: leaked",
		"possible circular locking", "possible recursive locking",
		"inconsistent lock state", "suspicious RCU usage",
		"sleeping function called from invalid context",
		"scheduling while atomic", "lock held when returning",
	};
	static int in_alloc_report;
	char rec[8192], *msg;
	int nbad = 0;
	ssize_t len;
	size_t i;

	while (kmsg_fd >= 0) {
		len = read(kmsg_fd, rec, sizeof(rec) - 1);
		if (len < 0 && errno == EPIPE)
			continue;	/* overwritten records: read on */
		if (len <= 0)
			break;
		rec[len] = 0;
		msg = strchr(rec, ';');
		msg = msg ? msg + 1 : rec;
		msg[strcspn(msg, "\n")] = 0;
		if (!strncmp(msg, "failnth: ", 9) &&
		    (strstr(msg, "page allocation failure") ||
		     strstr(msg, "vmalloc error"))) {
			in_alloc_report = 1;
			continue;
		}
		if (in_alloc_report) {
			if (strstr(msg, "</TASK>"))
				in_alloc_report = 0;
			continue;
		}
		if (!strncmp(msg, "DMA-API: ", 9) &&
		    !strstr(msg, "preallocated") && !strstr(msg, "debugging enabled")) {
			problem("kernel log: %s%s", msg,
				strstr(msg, "disabl") ? " (DMA-API debugging's own allocation failed)" : "");
			nbad++;
			continue;
		}
		for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
			if (strstr(msg, bad[i])) {
				problem("kernel log: %s", msg);
				nbad++;
				break;
			}
	}
	return nbad;
}

/* --- leaks -------------------------------------------------------------- */

/* /proc/meminfo, to say where memory went when MemFree is short. */
#define MEMINFO_MAX	64
struct meminfo {
	char key[MEMINFO_MAX][24];
	long long kb[MEMINFO_MAX];
	int n;
};
static struct meminfo base_mi, start_mi;

static void meminfo_read(struct meminfo *m)
{
	char line[128];
	FILE *fp = fopen("/proc/meminfo", "r");

	m->n = 0;
	while (fp && m->n < MEMINFO_MAX && fgets(line, sizeof(line), fp))
		if (sscanf(line, "%23[^:]: %lld", m->key[m->n], &m->kb[m->n]) == 2)
			m->n++;
	if (fp)
		fclose(fp);
}

/* The meminfo fields that moved by 1 MiB or more since *from. */
static const char *meminfo_moved(const struct meminfo *from)
{
	static char out[512];
	struct meminfo now;
	size_t len = 0;
	int i;

	meminfo_read(&now);
	out[0] = 0;
	for (i = 0; i < now.n && i < from->n && len < sizeof(out) - 48; i++)
		if (!strcmp(now.key[i], from->key[i]) &&
		    llabs(now.kb[i] - from->kb[i]) >= 1024)
			len += snprintf(out + len, sizeof(out) - len, " %s %+lld kB",
					now.key[i], now.kb[i] - from->kb[i]);
	return out;
}

/*
 * Everything back at the baseline; 1 when so (silent, but for problems).
 * It waits 1 s, not LEAK_SETTLE_MS: it runs after each of a walk's steps
 * (some 1,300 on a debug kernel), in this one process (no killed child to
 * reap, only the lazy vunmap), and a step that leaks spends the whole wait
 * out of the walks' time budget.
 */
#define LEAK_OK_SETTLE_MS	1000

static int leak_ok(void)
{
	struct leak_base now;
	char why[512];

	if (leak_verdict_settled(&base, &now, VM_MEMFREE_TOLERANCE_BYTES,
				 LEAK_OK_SETTLE_MS, why, sizeof(why)))
		return 1;
	problem("not back at the baseline: %s; meminfo:%s", why,
		meminfo_moved(&base_mi));
	/* The next steps compare against where it is now. */
	base = now;
	meminfo_read(&base_mi);
	return 0;
}

/* --- the calls ---------------------------------------------------------- */

static int open_dev(void)
{
	int fd = open(DMABENCH_DEVICE_NODE, O_RDWR);

	if (fd < 0) {
		perror(DMABENCH_DEVICE_NODE);
		exit(2);
	}
	return fd;
}

static void info_init(struct dmabench_info *info)
{
	memset(info, 0, sizeof(*info));
	info->size = sizeof(*info);
	info->abi_version = DMABENCH_ABI_VERSION;
}

/* DEVICE's and SCENARIO's struct: size, abi_version, index, then outputs. */
static void indexed_init(void *p, size_t len, uint32_t index)
{
	struct { uint32_t size, abi_version, index; } *head = p;

	memset(p, 0, len);
	head->size = len;
	head->abi_version = DMABENCH_ABI_VERSION;
	head->index = index;
}

/* A user buffer of r->ubuf on r->fd, mapped at r->map; 0 or the errno. */
static int ubuf_mapped(struct req *r)
{
	struct dmabench_ubuf u = r->ubuf;
	int err = dmabench_ioctl(r->fd, DMABENCH_IOC_UBUF_ALLOC, &u);

	if (err)
		return err;
	r->ubuf = u;
	r->map = mmap(NULL, UBUF_BYTES, PROT_READ | PROT_WRITE, MAP_SHARED,
		      r->fd, u.mmap_offset_bytes);
	if (r->map == MAP_FAILED) {
		r->map = NULL;
		return errno;
	}
	return 0;
}

/* What each call needs beforehand, without a fault: 0 or the errno. */
static int prepare(struct req *r)
{
	uint32_t i;

	r->map = NULL;
	r->fd = r->e == E_OPEN ? -1 : open_dev();
	/* outputs of an earlier call are not inputs */
	r->ubuf.id = 0;
	r->ubuf.mmap_offset_bytes = 0;
	r->ubuf.alloc_ns = 0;
	switch (r->e) {
	case E_INFO:
		info_init(&r->out.info);
		break;
	case E_DEVICE:
		indexed_init(&r->out.dev, sizeof(r->out.dev), r->index);
		break;
	case E_SCENARIO:
		indexed_init(&r->out.scn, sizeof(r->out.scn), r->index);
		break;
	case E_RUN:
		memset(&r->run.results, POISON_BYTE, sizeof(r->run.results));
		memset(hist, POISON_BYTE, sizeof(hist));
		memset(floor_hist, POISON_BYTE, sizeof(floor_hist));
		r->run.hist_ptr = (uintptr_t)hist;
		r->run.hist_buckets = DMABENCH_HIST_BUCKETS;
		r->run.floor_hist_ptr = r->run.params.batch == 1 ? (uintptr_t)floor_hist : 0;
		/* Whole iterations: one more allocation of RUN to fail. */
		memset(&whole, POISON_BYTE, sizeof(whole));
		r->run.iteration_ptr = (uintptr_t)&whole;
		break;
	case E_VERIFY:
		r->verify.outcome = 0;
		r->verify.first_bad_byte = 0;
		r->verify.flags = 0;
		r->verify.dma_addr = 0;
		r->verify.elapsed_ns = 0;	/* must be written */
		if (r->verify.kind != DMABENCH_VERIFY_UBUF)
			break;
		/* as user space wrote it: the pattern, in a mapped buffer */
		i = ubuf_mapped(r);
		if (i)
			return i;
		r->verify.ubuf_id = r->ubuf.id;
		for (i = 0; i < r->verify.len_bytes; i++)
			((uint8_t *)r->map)[i] = dmabench_pattern_byte(r->verify.seed, i);
		break;
	case E_MMAP:
		return dmabench_ioctl(r->fd, DMABENCH_IOC_UBUF_ALLOC, &r->ubuf);
	default:
		break;
	}
	return 0;
}

/*
 * The call, its system call issued directly (no libc or sanitizer wrapper
 * that could enter the kernel first): 0 or the errno. Armed when n > 0.
 */
static int call(struct req *r, unsigned long n)
{
	long ret = 0, cmd = 0;
	void *arg = NULL;

	switch (r->e) {
	case E_INFO: cmd = DMABENCH_IOC_INFO; arg = &r->out.info; break;
	case E_DEVICE: cmd = DMABENCH_IOC_DEVICE; arg = &r->out.dev; break;
	case E_SCENARIO: cmd = DMABENCH_IOC_SCENARIO; arg = &r->out.scn; break;
	case E_RUN: cmd = DMABENCH_IOC_RUN; arg = &r->run; break;
	case E_VERIFY: cmd = DMABENCH_IOC_VERIFY; arg = &r->verify; break;
	case E_UBUF_ALLOC: cmd = DMABENCH_IOC_UBUF_ALLOC; arg = &r->ubuf; break;
	default: break;
	}
	if (n)
		arm(n);
	switch (r->e) {
	case E_OPEN:
		ret = syscall(SYS_openat, AT_FDCWD, DMABENCH_DEVICE_NODE, O_RDWR);
		if (ret >= 0)
			r->fd = ret;
		break;
	case E_MMAP:
		ret = syscall(SYS_mmap, NULL, UBUF_BYTES, PROT_READ | PROT_WRITE,
			      MAP_SHARED, r->fd, r->ubuf.mmap_offset_bytes);
		if (ret == -1)
			break;
		r->map = (void *)ret;
		ret = 0;
		break;
	default:
		ret = syscall(SYS_ioctl, r->fd, cmd, arg);
		break;
	}
	return ret < 0 ? errno : 0;
}

static void cleanup(struct req *r)
{
	if (r->map)
		munmap(r->map, UBUF_BYTES);
	r->map = NULL;
	if (r->fd >= 0)
		close(r->fd);
	r->fd = -1;
}

static int poisoned(const uint64_t *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (v[i] == POISON_U64)
			return 1;
	return 0;
}

/* A successful call gave everything the baseline did: 1, or a problem. */
static int complete(struct req *r, const char *step)
{
	const struct dmabench_results *res = &r->run.results, *b = &r->base_run.results;
	uint64_t sum;
	uint32_t op, i;
	volatile uint8_t sink = 0;

	switch (r->e) {
	case E_OPEN:
		info_init(&r->out.info);
		if (dmabench_ioctl(r->fd, DMABENCH_IOC_INFO, &r->out.info)) {
			problem("%s: open succeeded, INFO on the file fails", step);
			return 0;
		}
		return 1;
	case E_INFO:
	case E_DEVICE:
	case E_SCENARIO:
		if (memcmp(&r->out, &r->base_out, sizeof(r->out))) {
			problem("%s: success, output not the baseline's", step);
			return 0;
		}
		return 1;
	case E_RUN:
		if (res->nops != b->nops || res->threads != b->threads ||
		    res->iterations != b->iterations || res->floor_count != b->floor_count) {
			problem("%s: success, results not the baseline's (nops %u/%u, threads %u/%u, iterations %llu/%llu, floor %llu/%llu)",
				step, res->nops, b->nops, res->threads, b->threads,
				(unsigned long long)res->iterations,
				(unsigned long long)b->iterations,
				(unsigned long long)res->floor_count,
				(unsigned long long)b->floor_count);
			return 0;
		}
		for (op = 0; op < res->nops && op < DMABENCH_MAX_OPS; op++) {
			for (sum = 0, i = 0; i < DMABENCH_HIST_BUCKETS; i++)
				sum += hist[op][i];
			if (res->ops[op].count != b->ops[op].count ||
			    res->ops[op].errors != b->ops[op].errors ||
			    poisoned(hist[op], DMABENCH_HIST_BUCKETS) ||
			    sum + res->ops[op].overflow != res->ops[op].count) {
				problem("%s: success, op %u: count %llu/%llu errors %llu/%llu, histogram %s",
					step, op, (unsigned long long)res->ops[op].count,
					(unsigned long long)b->ops[op].count,
					(unsigned long long)res->ops[op].errors,
					(unsigned long long)b->ops[op].errors,
					poisoned(hist[op], DMABENCH_HIST_BUCKETS) ?
					"not written" : "inconsistent");
				return 0;
			}
		}
		if (r->run.floor_hist_ptr && res->floor_count &&
		    poisoned(floor_hist, DMABENCH_HIST_BUCKETS)) {
			problem("%s: success, floor histogram not written", step);
			return 0;
		}
		/* Per op, each iteration a sample or an error; batched, none. */
		if (r->run.params.batch == 1 ?
		    whole.stats.count + whole.stats.errors != res->iterations :
		    whole.stats.count || whole.stats.errors) {
			problem("%s: success, whole iterations %llu + %llu errors, %llu iterations",
				step, (unsigned long long)whole.stats.count,
				(unsigned long long)whole.stats.errors,
				(unsigned long long)res->iterations);
			return 0;
		}
		return 1;
	case E_VERIFY:
		if (!r->verify.elapsed_ns || r->verify.outcome != r->base_verify.outcome ||
		    r->verify.flags != r->base_verify.flags ||
		    r->verify.first_bad_byte != r->base_verify.first_bad_byte) {
			problem("%s: success, outcome %u flags %#x first bad byte %u (baseline %u %#x %u)",
				step, r->verify.outcome, r->verify.flags,
				r->verify.first_bad_byte, r->base_verify.outcome,
				r->base_verify.flags, r->base_verify.first_bad_byte);
			return 0;
		}
		return 1;
	case E_UBUF_ALLOC:
		if (r->ubuf.id >= DMABENCH_MAX_UBUFS ||
		    r->ubuf.mmap_offset_bytes != (uint64_t)r->ubuf.id * DMABENCH_UBUF_STRIDE_BYTES) {
			problem("%s: success, id %u offset %llu", step, r->ubuf.id,
				(unsigned long long)r->ubuf.mmap_offset_bytes);
			return 0;
		}
		r->map = mmap(NULL, UBUF_BYTES, PROT_READ | PROT_WRITE, MAP_SHARED,
			      r->fd, r->ubuf.mmap_offset_bytes);
		if (r->map == MAP_FAILED) {
			r->map = NULL;
			problem("%s: success, then mmap of the buffer fails: %s", step,
				strerror(errno));
			return 0;
		}
		__attribute__((fallthrough));	/* the mapping works */
	case E_MMAP:
		for (i = 0; i < UBUF_BYTES; i += PAGE_BYTES) {
			((volatile uint8_t *)r->map)[i] = (uint8_t)i;
			sink ^= ((volatile uint8_t *)r->map)[i];
		}
		(void)sink;
		return 1;
	default:
		return 1;
	}
}

static int clean_errno(enum entry e, int err)
{
	return err == ENOMEM || err == EFAULT || (e == E_MMAP && err == EAGAIN);
}

/* The call without a fault: 0 or the errno; keeps the baseline's output. */
static int baseline(struct req *r)
{
	int err = prepare(r);

	if (!err)
		err = call(r, 0);
	if (!err) {
		r->base_out = r->out;
		r->base_run = r->run;
		r->base_verify = r->verify;
		if (r->e == E_UBUF_ALLOC || r->e == E_MMAP)
			complete(r, "baseline");
	}
	cleanup(r);
	return err;
}

/* One request's walk: one KTAP line. */
static void walk(struct req *r)
{
	struct tally *t = &tallies[r->e];
	unsigned long n, points = 0, absorbed = 0, nomem = 0, fault = 0, other = 0;
	int err, hit, done = 0;
	char step[160];

	t->requests++;
	problems = 0;
	if (time(NULL) > deadline) {
		t->skipped++;
		ktap_ok(1, "%s %s # SKIP the time budget (FAILNTH_BUDGET_S) ran out",
			entry_names[r->e], r->what);
		return;
	}
	err = baseline(r);
	kmsg_bad();
	if (err) {
		t->skipped++;
		ktap_ok(!problems, "%s %s # SKIP refused without a fault: %s",
			entry_names[r->e], r->what, strerrorname_np(err));
		leak_ok();
		return;
	}
	if (!leak_ok())
		problem("the baseline call left something behind");
	for (n = 1; !dry && n <= max_steps && !done; n++) {
		snprintf(step, sizeof(step), "fail-nth %lu", n);
		err = prepare(r);
		if (err) {
			problem("%s: preparing without a fault failed: %s", step,
				strerrorname_np(err));
			cleanup(r);
			break;
		}
		radix_preload_fill();
		err = call(r, n);
		hit = fired();
		if (hit) {
			points++;
			if (!err) {
				absorbed++;
				complete(r, step);
			} else if (!clean_errno(r->e, err)) {
				other++;
				problem("%s: error %s", step, strerrorname_np(err));
			} else {
				err == ENOMEM ? nomem++ : fault++;
			}
		} else {
			done = 1;
			if (err)
				problem("%s: no fault injected, yet %s", step,
					strerrorname_np(err));
			else
				complete(r, step);
		}
		cleanup(r);
		kmsg_bad();
		dma_debug_watch(step);
		leak_ok();
		/* After a failed step, the next call without a fault works. */
		if (hit && err) {
			err = prepare(r);
			if (!err)
				err = call(r, 0);
			if (err)
				problem("after %s: the next call fails: %s", step,
					strerrorname_np(err));
			else
				complete(r, "the next call");
			cleanup(r);
			kmsg_bad();
			leak_ok();
		}
	}
	if (!dry && !done)
		problem("the walk was cut at %lu steps (FAILNTH_MAX_STEPS)", max_steps);
	t->walked++;
	t->points += points;
	t->absorbed += absorbed;
	t->enomem += nomem;
	t->efault += fault;
	t->other += other;
	if (problems > MAX_DIAGS)
		ktap_diag("  ... %d problems in all", problems);
	ktap_ok(!problems, "%s %s: %lu failure points (ENOMEM %lu, EFAULT %lu, other %lu; %lu absorbed)",
		entry_names[r->e], r->what, points, nomem, fault, other, absorbed);
}

/* --- the requests ------------------------------------------------------- */

static struct req req;

static void req_init(enum entry e, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void req_init(enum entry e, const char *fmt, ...)
{
	va_list ap;

	memset(&req, 0, sizeof(req));
	req.e = e;
	req.fd = -1;
	va_start(ap, fmt);
	vsnprintf(req.what, sizeof(req.what), fmt, ap);
	va_end(ap);
}

static void ubuf_init(struct dmabench_ubuf *u, uint32_t via,
		      const struct variant_case *vc)
{
	memset(u, 0, sizeof(*u));
	u->size = sizeof(*u);
	u->abi_version = DMABENCH_ABI_VERSION;
	snprintf(u->device, sizeof(u->device), "%s", device);
	u->via = via;
	u->variant = vc->variant;
	u->attrs = vc->attrs;
	u->size_bytes = UBUF_BYTES;
}

/* alloc_variants.h's, and a kmalloc'd buffer held mapped: each variant. */
static const struct variant_case map_single = {
	"map_single", DMABENCH_ALLOC_MAP_SINGLE, 0
};
#define NCASES (NVARIANTS + 1)

static const struct variant_case *variant_at(size_t i)
{
	return i < NVARIANTS ? &variants[i] : &map_single;
}

/* A small valid RUN of a scenario: smoke.c's parameters, 4 iterations. */
static void run_init(const struct dmabench_scenario_info *si, uint32_t via)
{
	struct dmabench_params *p = &req.run.params;

	dmabench_run_init(&req.run, si->name, device, via);
	p->iterations = 4;
	if (!strcmp(si->name, "rx")) {
		p->threads = 2;
		p->delay_ns = 1000;
		p->direction = DMABENCH_DIR_FROM_DEVICE;
	}
	if (!strcmp(si->name, "sync_range")) {
		p->sync_offset_bytes = 1024;
		p->sync_len_bytes = 1024;
	}
	if (strstr(si->name, "list") || strstr(si->name, "iova")) {
		p->nents = 4;
		p->size_bytes = 4 * 4096;
	}
}

static void walk_runs(int fd)
{
	const struct variant_case *vc;
	struct dmabench_scenario_info si;
	uint32_t i, via;
	size_t v;

	for (i = 0; !dmabench_scenario_get(fd, i, &si); i++)
		for (via = 0; via < 2; via++) {
			if (si.flags & DMABENCH_SCN_F_STORM) {
				/* a fill, then the oldest freed: deterministic */
				for (v = 0; v < NCASES; v++) {
					vc = variant_at(v);
					req_init(E_RUN, "%s %s via %s", si.name,
						 vc->name, via_names[via]);
					dmabench_storm_init(&req.run, device, vc->variant,
							    DMABENCH_STORM_FIFO, 4096, 4);
					req.run.params.via = via;
					req.run.params.attrs = vc->attrs;
					req.run.params.iterations = 8;
					walk(&req);
				}
				continue;
			}
			req_init(E_RUN, "%s via %s", si.name, via_names[via]);
			if (si.flags & DMABENCH_SCN_F_UNAVAILABLE) {
				tallies[E_RUN].requests++;
				tallies[E_RUN].skipped++;
				ktap_ok(1, "RUN %s # SKIP unavailable in this kernel",
					req.what);
				continue;
			}
			run_init(&si, via);
			walk(&req);
		}
}

static void walk_all(void)
{
	struct dmabench_info info = {
		.size = sizeof(info), .abi_version = DMABENCH_ABI_VERSION,
	};
	const struct variant_case *vc;
	uint32_t i, via, kind;
	size_t v;
	int fd = open_dev();

	if (dmabench_ioctl(fd, DMABENCH_IOC_INFO, &info)) {
		perror("DMABENCH_IOC_INFO");
		exit(2);
	}
	req_init(E_OPEN, "of %s", DMABENCH_DEVICE_NODE);
	walk(&req);
	req_init(E_INFO, "of the module");
	walk(&req);
	for (i = 0; i < info.ndevices; i++) {
		req_init(E_DEVICE, "%u", i);
		req.index = i;
		walk(&req);
	}
	for (i = 0; i < info.nscenarios; i++) {
		req_init(E_SCENARIO, "%u", i);
		req.index = i;
		walk(&req);
	}
	for (via = 0; via < 2; via++)
		for (v = 0; v < NCASES; v++) {
			vc = variant_at(v);
			req_init(E_UBUF_ALLOC, "%s via %s", vc->name, via_names[via]);
			ubuf_init(&req.ubuf, via, vc);
			walk(&req);
			req_init(E_MMAP, "of a %s buffer via %s", vc->name,
				 via_names[via]);
			ubuf_init(&req.ubuf, via, vc);
			walk(&req);
		}
	walk_runs(fd);
	for (via = 0; via < 2; via++)
		for (kind = 0; kind < DMABENCH_VERIFY_NR_KINDS; kind++) {
			req_init(E_VERIFY, "kind %u via %s", kind, via_names[via]);
			dmabench_verify_init(&req.verify, device, kind, via);
			ubuf_init(&req.ubuf, via, &variants[0]);
			walk(&req);
		}
	close(fd);
}

int main(int argc, char **argv)
{
	const char *why, *env;
	unsigned long total = 0;
	int i;

	if (argc > 1 && !strcmp(argv[1], "--dry")) {
		dry = 1;
		argc--;
		argv++;
	}
	if (argc > 1)
		device = argv[1];
	env = getenv("FAILNTH_MAX_STEPS");
	if (env && strtoul(env, NULL, 0))
		max_steps = strtoul(env, NULL, 0);
	env = getenv("FAILNTH_BUDGET_S");
	deadline = time(NULL) + (env ? strtol(env, NULL, 0) : 600);

	if (!dry) {
		nth_fd = open(FAILNTH, O_RDWR);
		if (nth_fd < 0) {
			printf("KTAP version 1\n1..0 # SKIP no %s: a kernel without CONFIG_FAULT_INJECTION\n",
			       FAILNTH);
			return 0;
		}
		why = knobs_set();
		if (why) {
			knobs_restore();
			printf("KTAP version 1\n1..0 # SKIP %s\n", why);
			return 0;
		}
	}
	kmsg_fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK);
	if (kmsg_fd >= 0)
		lseek(kmsg_fd, 0, SEEK_END);

	ktap_begin();
	ktap_diag("failnth on %s%s: a walk's cap %lu steps", device,
		  dry ? " (--dry: baselines only)" : "", max_steps);
	if (kmsg_fd < 0)
		ktap_diag("no /dev/kmsg: %s (the kernel log is not checked)",
			  strerror(errno));
	pin_cpu();
	ktap_diag("%s", pinned_cpu < 0 ? "not pinned to a CPU: dma-debug's radix tree preloads are not refilled" :
		  "pinned to one CPU, its radix tree preloads refilled before each armed call");
	dma_debug_watch("before the walks");
	leak_baseline(&base);
	start_anon = base.anon_bytes;
	meminfo_read(&base_mi);
	start_mi = base_mi;
	walk_all();
	knobs_restore();

	for (i = 0; i < E_NR; i++) {
		struct tally *t = &tallies[i];

		total += t->points;
		ktap_diag("failnth %-10s %u requests (%u walked, %u skipped): %lu failure points (ENOMEM %lu, EFAULT %lu, other %lu; %lu absorbed)",
			  entry_names[i], t->requests, t->walked, t->skipped,
			  t->points, t->enomem, t->efault, t->other, t->absorbed);
	}
	ktap_diag("failnth total: %lu failure points", total);
	ktap_diag("meminfo since the walks began:%s (of which this program's RssAnon %+lld kB)",
		  meminfo_moved(&start_mi), (long long)(vm_self_anon_bytes() - start_anon) / 1024);
	return ktap_end();
}
