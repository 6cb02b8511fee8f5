// SPDX-License-Identifier: GPL-2.0
/*
 * holder: holds module resources until something happens to it, for the
 * guest scripts to kill it, rmmod or unbind meanwhile.
 *
 *   holder storm DEVICE N HOLD_MS
 *       a FIFO storm of N x 64 KiB coherent buffers, each held HOLD_MS,
 *       2 N iterations (N allocs fill it, then frees and allocs alternate);
 *       exit status: the ioctl's errno, or 100 when it returned 0 with
 *       inconsistent results.
 *   holder ubuf DEVICES VIA N UNBOUND
 *       N x 64 KiB user buffers in one open file (buffer i of variant
 *       i % NR_VARIANTS, on the i % count-th of the comma-separated
 *       DEVICES), mmapped and written, "ready" on stdout, then waits; on
 *       SIGUSR1, sent once device UNBOUND is unbound, checks every mapping
 *       of a buffer on it was revoked (a read and a write of each page get
 *       SIGBUS, its offset maps no more: EINVAL) and every other one still
 *       holds what was written; exit 0, else 1.
 */
#include <setjmp.h>
#include <signal.h>
#include <sys/mman.h>

#include "dmabench_test.h"

#define UBUF_BYTES	(64 * 1024)
#define PAGE_BYTES	4096

static volatile sig_atomic_t got_usr1;
static sigjmp_buf on_bus_env;

static void on_usr1(int sig)
{
	(void)sig;
	got_usr1 = 1;
}

static void on_bus(int sig)
{
	siglongjmp(on_bus_env, sig);
}

/* 1 if touching p (a write when write, else a read) gets SIGBUS. */
static int faults(volatile uint8_t *p, int write)
{
	if (sigsetjmp(on_bus_env, 1))
		return 1;
	if (write)
		*p = 0x5a;
	else
		(void)*p;
	return 0;
}

/* Pages of mapping p that do not fault as a revoked mapping must. */
static int not_revoked(uint8_t *p, uint64_t off, int fd)
{
	struct sigaction sa = { .sa_handler = on_bus };
	void *again;
	uint32_t k;
	int bad = 0;

	sigaction(SIGBUS, &sa, NULL);
	for (k = 0; k < UBUF_BYTES; k += PAGE_BYTES)
		bad += !faults(p + k, 0) + !faults(p + k, 1);
	again = mmap(NULL, UBUF_BYTES, PROT_READ, MAP_SHARED, fd, (off_t)off);
	if (again != MAP_FAILED || errno != EINVAL)
		bad++;
	if (again != MAP_FAILED)
		munmap(again, UBUF_BYTES);
	return bad;
}

/* Bytes of buffer i's mapping p that no longer hold what was written. */
static int not_intact(const uint8_t *p, uint32_t i)
{
	uint32_t k;
	int bad = 0;

	for (k = 0; k < UBUF_BYTES; k++)
		bad += p[k] != dmabench_pattern_byte(i, k);
	return bad;
}

static int storm(int fd, const char *dev, uint32_t n, uint64_t hold_ms)
{
	const struct dmabench_op_stats *a, *f;
	struct dmabench_run r;
	int err;

	dmabench_storm_init(&r, dev, DMABENCH_ALLOC_COHERENT, DMABENCH_STORM_FIFO,
			    UBUF_BYTES, n);
	r.params.hold_ns = hold_ms * 1000000ULL;
	r.params.iterations = 2ULL * n;
	err = dmabench_ioctl(fd, DMABENCH_IOC_RUN, &r);
	if (err)
		return err;
	a = &r.results.ops[0];
	f = &r.results.ops[1];
	/* every iteration is one alloc or one free, none fails */
	if (r.results.iterations != 2ULL * n || a->count + f->count != 2ULL * n ||
	    a->errors || f->errors || r.results.peak_outstanding != n) {
		fprintf(stderr, "holder: storm results: %llu iterations, %llu allocs, %llu frees, %llu errors, peak %llu\n",
			(unsigned long long)r.results.iterations,
			(unsigned long long)a->count, (unsigned long long)f->count,
			(unsigned long long)a->errors,
			(unsigned long long)r.results.peak_outstanding);
		return 100;
	}
	return 0;
}

static int ubufs(int fd, char *devices, uint32_t via, uint32_t n,
		 const char *unbound)
{
	struct sigaction sa = { .sa_handler = on_usr1 };
	struct dmabench_ubuf u;
	const char *dev[DMABENCH_MAX_UBUFS];
	uint8_t *p[DMABENCH_MAX_UBUFS];
	uint64_t off[DMABENCH_MAX_UBUFS];
	uint32_t i, k, ndev = 0;
	int err, bad, revoked = 0, intact = 0;
	char *save;

	for (dev[0] = strtok_r(devices, ",", &save);
	     dev[ndev] && ndev + 1 < DMABENCH_MAX_UBUFS;
	     dev[ndev] = strtok_r(NULL, ",", &save))
		ndev++;
	if (!ndev)
		return 2;
	sigaction(SIGUSR1, &sa, NULL);
	for (i = 0; i < n && i < DMABENCH_MAX_UBUFS; i++) {
		memset(&u, 0, sizeof(u));
		u.size = sizeof(u);
		u.abi_version = DMABENCH_ABI_VERSION;
		snprintf(u.device, sizeof(u.device), "%s", dev[i % ndev]);
		u.via = via;
		u.variant = i % DMABENCH_ALLOC_NR_VARIANTS;
		u.size_bytes = UBUF_BYTES;
		err = dmabench_ioctl(fd, DMABENCH_IOC_UBUF_ALLOC, &u);
		if (err) {
			fprintf(stderr, "holder: UBUF_ALLOC variant %u on %s: %s\n",
				u.variant, u.device, strerror(err));
			return 1;
		}
		off[i] = u.mmap_offset_bytes;
		p[i] = mmap(NULL, UBUF_BYTES, PROT_READ | PROT_WRITE, MAP_SHARED,
			    fd, (off_t)off[i]);
		if (p[i] == MAP_FAILED) {
			perror("holder: mmap");
			return 1;
		}
		for (k = 0; k < UBUF_BYTES; k++)
			p[i][k] = dmabench_pattern_byte(i, k);
	}
	n = i;
	printf("ready\n");
	fflush(stdout);
	while (!got_usr1)
		pause();
	for (i = 0; i < n; i++) {
		if (!strcmp(dev[i % ndev], unbound)) {
			bad = not_revoked(p[i], off[i], fd);
			revoked++;
		} else {
			bad = not_intact(p[i], i);
			intact++;
		}
		if (bad)
			fprintf(stderr, "holder: buffer %u on %s: %d pages or bytes wrong\n",
				i, dev[i % ndev], bad);
		if (munmap(p[i], UBUF_BYTES))
			bad++;
		if (bad)
			return 1;
	}
	printf("%d revoked, %d intact\n", revoked, intact);
	return 0;
}

int main(int argc, char **argv)
{
	int fd;

	if (argc == 5 && !strcmp(argv[1], "storm")) {
		fd = dmabench_open_dev();
		return storm(fd, argv[2], strtoul(argv[3], NULL, 0),
			     strtoull(argv[4], NULL, 0));
	}
	if (argc == 6 && !strcmp(argv[1], "ubuf")) {
		fd = dmabench_open_dev();
		return ubufs(fd, argv[2], !strcmp(argv[3], "ops"),
			     strtoul(argv[4], NULL, 0), argv[5]);
	}
	fprintf(stderr, "usage: holder storm DEVICE N HOLD_MS | holder ubuf DEVICES VIA N UNBOUND\n");
	return 2;
}
