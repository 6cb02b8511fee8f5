// SPDX-License-Identifier: GPL-2.0
/*
 * security: the helper of tests/module/security-in-guest.sh.
 *   security open            open /dev/dmabench O_RDWR, then INFO; prints
 *                            "open=ERRNO info=ERRNO" (0 when it worked)
 *   security info-fd N       INFO on an inherited fd N; prints "info=ERRNO"
 *   security ownership       KTAP: mmap only of buffers of the same open
 *                            file (same struct file: fork may, another
 *                            open may not), none after release
 *   security verify-addr     prints the dma_addr VERIFY returns (root only)
 */
#include <sys/mman.h>
#include <sys/wait.h>

#include "ktap.h"
#include "dmabench_test.h"
#include "dmabench_sys.h"

#define BUF	65536

static const char *ename(int e)
{
	return e ? strerrorname_np(e) : "0";
}

static int info(int fd)
{
	struct dmabench_info i = {
		.size = sizeof(i), .abi_version = DMABENCH_ABI_VERSION,
	};

	return dmabench_ioctl(fd, DMABENCH_IOC_INFO, &i);
}

static int cmd_open(void)
{
	int fd = open(DMABENCH_DEVICE_NODE, O_RDWR);
	int oe = fd < 0 ? errno : 0;

	printf("open=%s info=%s\n", ename(oe), fd < 0 ? "-" : ename(info(fd)));
	return 0;
}

static int ubuf(int fd, struct dmabench_ubuf *u)
{
	memset(u, 0, sizeof(*u));
	u->size = sizeof(*u);
	u->abi_version = DMABENCH_ABI_VERSION;
	snprintf(u->device, sizeof(u->device), "edu0");
	u->variant = DMABENCH_ALLOC_COHERENT;
	u->size_bytes = BUF;
	return dmabench_ioctl(fd, DMABENCH_IOC_UBUF_ALLOC, u);
}

/* 0 or the errno of mmap; unmaps what it mapped. */
static int try_map(int fd, uint64_t off)
{
	void *p = mmap(NULL, BUF, PROT_READ | PROT_WRITE, MAP_SHARED, fd, (off_t)off);

	if (p == MAP_FAILED)
		return errno;
	((volatile char *)p)[0] = 1;
	munmap(p, BUF);
	return 0;
}

static int cmd_ownership(void)
{
	struct dmabench_ubuf ua, ub;
	int a, b, c, e, st;
	volatile char *keep;
	pid_t pid;

	ktap_begin();
	a = dmabench_open_dev();
	b = dmabench_open_dev();
	e = ubuf(a, &ua);
	ktap_ok(!e, "file A allocates a buffer (%s, id %u, offset %llu)", ename(e),
		ua.id, (unsigned long long)ua.mmap_offset_bytes);
	e = try_map(a, ua.mmap_offset_bytes);
	ktap_ok(!e, "file A maps its own buffer (%s)", ename(e));
	e = try_map(b, ua.mmap_offset_bytes);
	ktap_ok(e == EINVAL, "file B (another open) cannot map A's buffer (%s)", ename(e));
	e = ubuf(b, &ub);
	ktap_ok(!e && ub.id == ua.id,
		"file B's own buffer has the same id %u: ids are per file (%s)", ub.id, ename(e));
	e = try_map(b, ub.mmap_offset_bytes);
	ktap_ok(!e, "file B maps its own buffer (%s)", ename(e));

	/* Same struct file after fork: the file owns the buffer, the child may. */
	pid = fork();
	if (pid == 0)
		_exit(try_map(a, ua.mmap_offset_bytes));
	waitpid(pid, &st, 0);
	ktap_ok(WIFEXITED(st) && WEXITSTATUS(st) == 0,
		"a forked child maps the buffer through the inherited fd (same open file)");
	/* A dup is the same open file too. */
	c = dup(a);
	e = try_map(c, ua.mmap_offset_bytes);
	ktap_ok(!e, "a dup of A maps A's buffer (%s)", ename(e));
	close(c);

	/* A reopen is another file: nothing of A's, whatever the offset. */
	c = dmabench_open_dev();
	e = try_map(c, ua.mmap_offset_bytes);
	ktap_ok(e == EINVAL, "a new open cannot map A's offset (%s)", ename(e));

	/* A mapping keeps the file: A's buffer lives until it is unmapped. */
	keep = mmap(NULL, BUF, PROT_READ | PROT_WRITE, MAP_SHARED, a, (off_t)ua.mmap_offset_bytes);
	close(a);
	if (keep != MAP_FAILED) {
		long bufs;

		keep[1] = 2;
		bufs = debugfs_counter("dma_buffers");
		ktap_ok(keep[1] == 2 && bufs >= 1,
			"after close(A) A's mapping still works (dma_buffers %ld)", bufs);
		munmap((void *)keep, BUF);
	} else {
		ktap_ok(0, "mmap of A's buffer before close: %s", ename(errno));
	}
	close(b);
	close(c);
	ktap_ok(counters_zero(), "after the last unmap and close every buffer is freed");
	/* After release the offset maps nothing in any file. */
	c = dmabench_open_dev();
	e = try_map(c, 0);
	ktap_ok(e == EINVAL, "after release, offset 0 maps nothing (%s)", ename(e));
	close(c);
	return ktap_end();
}

static int cmd_verify_addr(void)
{
	struct dmabench_verify v;
	int fd = dmabench_open_dev(), e;

	dmabench_verify_init(&v, "edu0", DMABENCH_VERIFY_MAP_SINGLE, DMABENCH_VIA_DIRECT);
	v.len_bytes = 64;
	e = dmabench_ioctl(fd, DMABENCH_IOC_VERIFY, &v);
	if (e) {
		printf("verify=%s\n", ename(e));
		return 1;
	}
	printf("%llx\n", (unsigned long long)v.dma_addr);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc >= 2 && !strcmp(argv[1], "open"))
		return cmd_open();
	if (argc >= 3 && !strcmp(argv[1], "info-fd")) {
		printf("info=%s\n", ename(info(atoi(argv[2]))));
		return 0;
	}
	if (argc >= 2 && !strcmp(argv[1], "ownership"))
		return cmd_ownership();
	if (argc >= 2 && !strcmp(argv[1], "verify-addr"))
		return cmd_verify_addr();
	fprintf(stderr, "usage: security open|info-fd N|ownership|verify-addr\n");
	return 2;
}
