// SPDX-License-Identifier: GPL-2.0
/*
 * concurrent: 8 client processes (each its own open of /dev/dmabench) run
 * a mix of scenarios at once on ONE device, ROUNDS times; one of them runs
 * its mix from 4 threads of one process, with threads=8 runs. Every result
 * must be complete and consistent (iterations, counts, histogram sums, no
 * errors), every verify MATCH, and nothing left held afterwards. KTAP.
 *
 *   concurrent [DEVICE [ROUNDS]]     (default edu0, 2)
 */
#include <pthread.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/wait.h>

#include "ktap.h"
#include "dmabench_test.h"
#include "leakcheck.h"

#define CLIENTS		8
#define MT_THREADS	4
#define MAX_MSGS	20
#define UBUF_BYTES	(64 * 1024)

static const char *device = "edu0";
static int rounds = 2;
static int msg_fd = -1;		/* a client's pipe to the parent */
static int msgs;
static pthread_mutex_t msg_lock = PTHREAD_MUTEX_INITIALIZER;

static void __attribute__((format(printf, 1, 2))) fail(const char *fmt, ...)
{
	char line[256];
	va_list ap;
	int len;

	va_start(ap, fmt);
	len = vsnprintf(line, sizeof(line) - 1, fmt, ap);
	va_end(ap);
	if (len < 0)
		return;
	if (len > (int)sizeof(line) - 2)
		len = sizeof(line) - 2;
	line[len++] = '\n';
	pthread_mutex_lock(&msg_lock);
	if (msgs++ < MAX_MSGS && write(msg_fd, line, len) < 0)
		msgs = MAX_MSGS;
	pthread_mutex_unlock(&msg_lock);
}

/*
 * One run, checked: every op counted want samples (iterations / batch,
 * or per the scenario), histogram sum + overflow == count, no error.
 * want_iters 0: a timed run, whatever it did.
 */
static int run_checked(int fd, struct dmabench_run *r, uint64_t want_iters,
		       const char *what)
{
	uint64_t *hist = calloc(DMABENCH_MAX_OPS * DMABENCH_HIST_BUCKETS,
				sizeof(*hist));
	uint64_t want;
	uint32_t op;
	int err, bad = 0;

	if (!hist)
		return 1;
	r->hist_ptr = (uintptr_t)hist;
	r->hist_buckets = DMABENCH_HIST_BUCKETS;
	err = dmabench_ioctl(fd, DMABENCH_IOC_RUN, r);
	if (dmabench_ops_refused(fd, r->params.device, r->params.via)) {
		free(hist);
		if (err == EOPNOTSUPP)
			return 0;
		fail("%s: %s, want EOPNOTSUPP under DMA-API debug", what,
		     strerror(err));
		return 1;
	}
	if (err) {
		fail("%s: %s", what, strerror(err));
		free(hist);
		return 1;
	}
	if (want_iters && r->results.iterations != want_iters) {
		fail("%s: %llu iterations, want %llu", what,
		     (unsigned long long)r->results.iterations,
		     (unsigned long long)want_iters);
		bad = 1;
	}
	want = r->results.iterations / r->params.batch;
	if (r->results.threads != r->params.threads ||
	    r->results.nops != (r->params.batch > 1 ? 1 : r->results.nops) ||
	    r->results.nops < 1) {
		fail("%s: threads %u nops %u", what, r->results.threads,
		     r->results.nops);
		bad = 1;
	}
	for (op = 0; op < r->results.nops; op++)
		if (!dmabench_stats_ok(&r->results.ops[op],
				       hist + (size_t)op * DMABENCH_HIST_BUCKETS,
				       want) ||
		    r->results.ops[op].ops_per_sample != r->params.batch) {
			fail("%s: op %s count %llu (want %llu) errors %llu overflow %llu",
			     what, r->results.ops[op].name,
			     (unsigned long long)r->results.ops[op].count,
			     (unsigned long long)want,
			     (unsigned long long)r->results.ops[op].errors,
			     (unsigned long long)r->results.ops[op].overflow);
			bad = 1;
		}
	free(hist);
	return bad;
}

/* ---- the jobs of the mix ---- */

static int job_map_single(int fd)
{
	struct dmabench_run r;

	dmabench_run_init(&r, "map_single", device, DMABENCH_VIA_DIRECT);
	r.params.iterations = 500;
	return run_checked(fd, &r, 500, "map_single x 500");
}

static int job_map_sg(int fd)
{
	struct dmabench_run r;

	dmabench_run_init(&r, "map_sg", device, DMABENCH_VIA_OPS);
	r.params.nents = 16;
	r.params.size_bytes = 16 * 4096;
	r.params.iterations = 200;
	r.params.direction = DMABENCH_DIR_FROM_DEVICE;
	return run_checked(fd, &r, 200, "map_sg 16 x 4 KiB via ops");
}

static int job_sync(int fd)
{
	struct dmabench_run r;

	dmabench_run_init(&r, "sync_single_for_cpu", device, DMABENCH_VIA_DIRECT);
	r.params.iterations = 500;
	r.params.batch = 10;
	r.params.direction = DMABENCH_DIR_FROM_DEVICE;
	return run_checked(fd, &r, 500, "sync_single_for_cpu x 500 batch 10");
}

static int job_threads(int fd)
{
	struct dmabench_run r;

	dmabench_run_init(&r, "map_page", device, DMABENCH_VIA_OPS);
	r.params.threads = 8;
	r.params.iterations = 50;
	return run_checked(fd, &r, 400, "map_page threads=8 x 50 via ops");
}

static int job_timed(int fd)
{
	struct dmabench_run r;

	dmabench_run_init(&r, "map_single", device, DMABENCH_VIA_OPS);
	r.params.iterations = 0;
	r.params.duration_ns = 20000000;
	return run_checked(fd, &r, 0, "map_single 20 ms via ops");
}

/* A storm: every iteration one alloc or one free, all held freed. */
static int job_storm(int fd, uint32_t variant, uint32_t pattern)
{
	const struct dmabench_op_stats *a, *f;
	struct dmabench_run r;
	int err;

	dmabench_storm_init(&r, device, variant, pattern, 32 * 1024, 16);
	r.params.threads = 2;
	r.params.iterations = pattern == DMABENCH_STORM_UNTIL_ENOMEM ? 1ULL << 20 : 400;
	err = dmabench_ioctl(fd, DMABENCH_IOC_RUN, &r);
	if (err) {
		fail("storm variant %u pattern %u: %s", variant, pattern, strerror(err));
		return 1;
	}
	a = &r.results.ops[0];
	f = &r.results.ops[1];
	if (r.results.iterations != a->count + a->errors + f->count || a->errors ||
	    f->errors || r.results.peak_outstanding < 1 ||
	    r.results.peak_outstanding > 32 ||
	    (pattern == DMABENCH_STORM_UNTIL_ENOMEM &&
	     (a->count != f->count || r.results.peak_outstanding != 32)) ||
	    (pattern != DMABENCH_STORM_UNTIL_ENOMEM && r.results.iterations != 800)) {
		fail("storm variant %u pattern %u: %llu iterations, %llu allocs, %llu errors, %llu frees, peak %llu",
		     variant, pattern, (unsigned long long)r.results.iterations,
		     (unsigned long long)a->count, (unsigned long long)a->errors,
		     (unsigned long long)f->count,
		     (unsigned long long)r.results.peak_outstanding);
		return 1;
	}
	return 0;
}

static int job_storms(int fd)
{
	return job_storm(fd, DMABENCH_ALLOC_COHERENT, DMABENCH_STORM_RANDOM) |
	       job_storm(fd, DMABENCH_ALLOC_MAP_SINGLE, DMABENCH_STORM_FIFO) |
	       job_storm(fd, DMABENCH_ALLOC_NONCONTIGUOUS, DMABENCH_STORM_UNTIL_ENOMEM);
}

/* One verify kind per client and round: edu takes 100 ms per transfer. */
static int job_verify(int fd, int which)
{
	static const uint32_t kinds[] = {
		DMABENCH_VERIFY_COHERENT, DMABENCH_VERIFY_MAP_SINGLE,
		DMABENCH_VERIFY_MAP_SG,
	};
	uint32_t kind = kinds[which % 3], via = which % 2;
	struct dmabench_verify v;
	int err;

	dmabench_verify_init(&v, device, kind, via);
	v.seed = getpid() + which;
	err = dmabench_ioctl(fd, DMABENCH_IOC_VERIFY, &v);
	if (dmabench_ops_refused(fd, device, via) && err == EOPNOTSUPP)
		return 0;
	if (err || v.outcome != DMABENCH_VERIFY_MATCH) {
		fail("verify kind %u via %u: %s outcome %u first_bad %u", kind,
		     via, strerror(err), v.outcome, v.first_bad_byte);
		return 1;
	}
	return 0;
}

/* A user buffer of this client's variant, mmapped, written, read by edu. */
static int job_ubuf(int fd, uint32_t variant)
{
	struct dmabench_verify v;
	struct dmabench_ubuf u;
	uint32_t seed = getpid() ^ variant, k;
	uint8_t *p;
	int err, bad = 0;

	memset(&u, 0, sizeof(u));
	u.size = sizeof(u);
	u.abi_version = DMABENCH_ABI_VERSION;
	snprintf(u.device, sizeof(u.device), "%s", device);
	u.variant = variant;
	u.size_bytes = UBUF_BYTES;
	err = dmabench_ioctl(fd, DMABENCH_IOC_UBUF_ALLOC, &u);
	if (err) {
		fail("UBUF_ALLOC variant %u: %s", variant, strerror(err));
		return 1;
	}
	p = mmap(NULL, UBUF_BYTES, PROT_READ | PROT_WRITE, MAP_SHARED, fd,
		 u.mmap_offset_bytes);
	if (p == MAP_FAILED) {
		fail("mmap variant %u: %s", variant, strerror(errno));
		return 1;
	}
	for (k = 0; k < UBUF_BYTES; k++)
		p[k] = dmabench_pattern_byte(seed, k);
	dmabench_verify_init(&v, device, DMABENCH_VERIFY_UBUF, DMABENCH_VIA_DIRECT);
	v.ubuf_id = u.id;
	v.seed = seed;
	v.len_bytes = 4032;
	err = dmabench_ioctl(fd, DMABENCH_IOC_VERIFY, &v);
	if (err || v.outcome != DMABENCH_VERIFY_MATCH) {
		fail("verify ubuf variant %u: %s outcome %u", variant,
		     strerror(err), v.outcome);
		bad = 1;
	}
	munmap(p, UBUF_BYTES);
	return bad;
}

/* ---- clients ---- */

/*
 * Client c runs the mix starting at job c, so at any moment the clients
 * are in different scenarios; each opens the device itself. A client's
 * user buffers stay until it exits (16 per file at most: 1 per round).
 */
static int client(int c)
{
	int fd = dmabench_open_dev(), bad = 0, round, j;

	for (round = 0; round < rounds; round++)
		for (j = 0; j < 8; j++)
			switch ((c + j) % 8) {
			case 0: bad |= job_map_single(fd); break;
			case 1: bad |= job_map_sg(fd); break;
			case 2: bad |= job_sync(fd); break;
			case 3: bad |= job_threads(fd); break;
			case 4: bad |= job_timed(fd); break;
			case 5: bad |= job_storms(fd); break;
			case 6: bad |= job_verify(fd, c + round); break;
			case 7: bad |= job_ubuf(fd, (c + round) % DMABENCH_ALLOC_NR_VARIANTS); break;
			}
	close(fd);
	return bad;
}

struct mt_arg {
	int fd;
	int bad;
	pthread_t thread;
};

static void *mt_thread(void *arg)
{
	struct mt_arg *a = arg;
	int round;

	for (round = 0; round < rounds; round++)
		a->bad |= job_threads(a->fd) | job_map_single(a->fd) |
			  job_storms(a->fd);
	return NULL;
}

/* One process, one open file, MT_THREADS threads issuing threads=8 runs. */
static int client_mt(void)
{
	struct mt_arg a[MT_THREADS];
	int fd = dmabench_open_dev(), bad = 0, i;

	for (i = 0; i < MT_THREADS; i++) {
		a[i].fd = fd;
		a[i].bad = 0;
		pthread_create(&a[i].thread, NULL, mt_thread, &a[i]);
	}
	for (i = 0; i < MT_THREADS; i++) {
		pthread_join(a[i].thread, NULL);
		bad |= a[i].bad;
	}
	close(fd);
	return bad;
}

static int narrow_err;

static void *narrow_run(void *arg)
{
	struct dmabench_run *run = arg;
	int fd = dmabench_open_dev();

	narrow_err = dmabench_ioctl(fd, DMABENCH_IOC_RUN, run);
	close(fd);
	return NULL;
}

/*
 * DEVICE while another file's run holds the device with a mask of its own
 * (25 bits, for one second): DEVICE must report the device's mask, not the
 * run's, and its dma_need_sync() probe must not map with the run's mask
 * (dma-direct WARNed, "DMA addr ... overflow", on a page above it).
 */
static void device_during_narrow_run(void)
{
	struct dmabench_device_info own, di;
	struct dmabench_run run;
	int fd = dmabench_open_dev(), i, wrong = 0, err = 0, bad0, bad1;
	pthread_t t;

	if (dmabench_device_by_name(fd, device, &own)) {
		ktap_ok(0, "%s is bound", device);
		close(fd);
		return;
	}
	dmabench_run_init(&run, "alloc_coherent", device, DMABENCH_VIA_DIRECT);
	run.params.nents = 0;
	run.params.iterations = 0;
	run.params.duration_ns = 1000000000ULL;
	run.params.dma_mask_bits = 25;
	bad0 = dmesg_bad_lines();
	pthread_create(&t, NULL, narrow_run, &run);
	usleep(200000);	/* the run has the device by now */
	for (i = 0; i < 20 && !err; i++) {
		di = own;
		err = dmabench_ioctl(fd, DMABENCH_IOC_DEVICE, &di);
		if (!err && di.dma_mask != own.dma_mask)
			wrong++;
		usleep(50000);
	}
	pthread_join(t, NULL);
	bad1 = dmesg_bad_lines();
	close(fd);
	ktap_ok(!narrow_err && !err && !wrong && bad0 >= 0 && bad1 == bad0,
		"DEVICE during a run with a 25-bit mask on %s: the device's own mask (%d of 20 not), no kernel report (run: %s, DEVICE: %s, %d dmesg lines before, %d after)",
		device, wrong, strerror(narrow_err), strerror(err), bad0, bad1);
}

int main(int argc, char **argv)
{
	int pipes[CLIENTS][2], status, c, n;
	struct leak_base base;
	pid_t pids[CLIENTS];
	char buf[4096];

	if (argc > 1)
		device = argv[1];
	if (argc > 2)
		rounds = atoi(argv[2]);
	ktap_begin();
	leak_baseline(&base);
	for (c = 0; c < CLIENTS; c++) {
		if (pipe(pipes[c]))
			return 2;
		pids[c] = fork();
		if (pids[c] == 0) {
			close(pipes[c][0]);
			msg_fd = pipes[c][1];
			_exit(c == CLIENTS - 1 ? client_mt() : client(c));
		}
		close(pipes[c][1]);
	}
	for (c = 0; c < CLIENTS; c++) {
		waitpid(pids[c], &status, 0);
		while ((n = read(pipes[c][0], buf, sizeof(buf) - 1)) > 0) {
			buf[n] = 0;
			for (char *l = strtok(buf, "\n"); l; l = strtok(NULL, "\n"))
				ktap_diag("client %d: %s", c, l);
		}
		close(pipes[c][0]);
		if (c == CLIENTS - 1)
			ktap_ok(WIFEXITED(status) && WEXITSTATUS(status) == 0,
				"client %d: %d threads of one process, threads=8 runs, map_single and storms, %d rounds: every result complete and consistent",
				c, MT_THREADS, rounds);
		else
			ktap_ok(WIFEXITED(status) && WEXITSTATUS(status) == 0,
				"client %d: map_single, map_sg, sync batched, threads=8, timed, storms, verify, mmap+verify, starting at job %d, %d rounds: every result complete and consistent, verify MATCH",
				c, c, rounds);
	}
	leak_check("8 concurrent clients", &base);
	device_during_narrow_run();
	leak_check("DEVICE during a narrowed run", &base);
	return ktap_end();
}
