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
 *   holder ubuf DEVICE VIA N
 *       N x 64 KiB user buffers (variant i % NR_VARIANTS) mmapped and
 *       written, "ready" on stdout, then waits; on SIGUSR1 checks every
 *       mapping still holds what it wrote (exit 0, else 1).
 */
#include <signal.h>
#include <sys/mman.h>

#include "dmabench_test.h"

#define UBUF_BYTES	(64 * 1024)

static volatile sig_atomic_t got_usr1;

static void on_usr1(int sig)
{
	(void)sig;
	got_usr1 = 1;
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

static int ubufs(int fd, const char *dev, uint32_t via, uint32_t n)
{
	struct sigaction sa = { .sa_handler = on_usr1 };
	struct dmabench_ubuf u;
	uint8_t *p[DMABENCH_MAX_UBUFS];
	uint32_t i, k, variant;
	int err, bad = 0;

	sigaction(SIGUSR1, &sa, NULL);
	for (i = 0; i < n && i < DMABENCH_MAX_UBUFS; i++) {
		variant = i % DMABENCH_ALLOC_NR_VARIANTS;
		memset(&u, 0, sizeof(u));
		u.size = sizeof(u);
		u.abi_version = DMABENCH_ABI_VERSION;
		snprintf(u.device, sizeof(u.device), "%s", dev);
		u.via = via;
		u.variant = variant;
		u.size_bytes = UBUF_BYTES;
		err = dmabench_ioctl(fd, DMABENCH_IOC_UBUF_ALLOC, &u);
		if (err) {
			fprintf(stderr, "holder: UBUF_ALLOC variant %u: %s\n",
				variant, strerror(err));
			return 1;
		}
		p[i] = mmap(NULL, UBUF_BYTES, PROT_READ | PROT_WRITE, MAP_SHARED,
			    fd, u.mmap_offset_bytes);
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
	for (i = 0; i < n; i++)
		for (k = 0; k < UBUF_BYTES; k++)
			bad += p[i][k] != dmabench_pattern_byte(i, k);
	for (i = 0; i < n; i++) {
		memset(p[i], 0xa5, UBUF_BYTES);	/* still writable */
		munmap(p[i], UBUF_BYTES);
	}
	if (bad)
		fprintf(stderr, "holder: %d bytes changed under the mappings\n", bad);
	return bad ? 1 : 0;
}

int main(int argc, char **argv)
{
	int fd;

	if (argc != 5) {
		fprintf(stderr, "usage: holder storm DEVICE N HOLD_MS | holder ubuf DEVICE VIA N\n");
		return 2;
	}
	fd = dmabench_open_dev();
	if (!strcmp(argv[1], "storm"))
		return storm(fd, argv[2], strtoul(argv[3], NULL, 0),
			     strtoull(argv[4], NULL, 0));
	if (!strcmp(argv[1], "ubuf"))
		return ubufs(fd, argv[2], !strcmp(argv[3], "ops"),
			     strtoul(argv[4], NULL, 0));
	return 2;
}
