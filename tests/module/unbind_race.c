// SPDX-License-Identifier: GPL-2.0
/*
 * unbind_race: races the unbind of a PCI device against its user buffers.
 * One thread unbinds and rebinds the device over and over through sysfs,
 * while WORKERS threads each open /dev/dmabench, allocate user buffers on
 * it, mmap(2) them, touch them, now and then verify one, look the device
 * up (DEVICE) or fork a child that touches them and exits holding them,
 * then munmap(2) and close them in either order. A revocation so meets an mmap(2) in progress, a
 * munmap(2), a fork, a process exit and a file's release. The run stops
 * after RACES mmap(2) calls or SECONDS, whichever comes first. Checks: no
 * unexpected error, the device bound again at the end, no kernel report
 * in dmesg and nothing left held (leakcheck.h). KTAP.
 *
 *   unbind_race BUS NAME [RACES [SECONDS [MMAPS]]]   (10000, 300, 0)
 *
 * The unbinder keeps the device bound for a random 0-5 ms and, when MMAPS
 * is not 0, until about MMAPS mmap(2) calls have started on the binding.
 * The time alone does not do on a debug kernel: an unbind and rebind
 * takes about a second there, and the workers would find the device
 * unbound nearly every time.
 *
 * BUS is the device's PCI address, bound to dmabench as NAME; it gets NAME
 * back at each rebind, the lowest free index of its kind.
 */
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>

#include "ktap.h"
#include "dmabench_test.h"
#include "leakcheck.h"

#define WORKERS		4
#define MAX_PER_FILE	6
#define UBUF_BYTES	(16 * 1024)
#define MAX_MSGS	20

static const char *bus, *name;
static long races_wanted = 10000;
static long seconds_cap = 300;
static long mmaps_per_binding;
static atomic_bool stop;

/* What happened, summed over the workers. */
static atomic_long n_mmaps, n_mmap_revoked, n_touch_revoked, n_alloc_unbound;
static atomic_long n_forks, n_verifies, n_infos, n_cycles, n_bad;

static pthread_mutex_t msg_lock = PTHREAD_MUTEX_INITIALIZER;
static int msgs;

/* An unexpected outcome: counted, and the first few told. */
static void __attribute__((format(printf, 1, 2))) bad(const char *fmt, ...)
{
	va_list ap;

	atomic_fetch_add(&n_bad, 1);
	pthread_mutex_lock(&msg_lock);
	if (msgs++ < MAX_MSGS) {
		va_start(ap, fmt);
		fputs("# ", stderr);
		vfprintf(stderr, fmt, ap);
		fputc('\n', stderr);
		va_end(ap);
	}
	pthread_mutex_unlock(&msg_lock);
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* A binding lasts at most this long, however slow the mmaps are. */
#define BOUND_MAX_S	1.0

/*
 * Keeps the device bound a random 0-5 ms and, with mmaps_per_binding,
 * until a random number of mmaps (1 to twice it) has started on it: the
 * unbind then meets buffers in every state, from just mapped to being
 * torn down.
 */
static void stay_bound(unsigned int *seed)
{
	long want = mmaps_per_binding ?
		    1 + rand_r(seed) % (2 * mmaps_per_binding) : 0;
	long first = atomic_load(&n_mmaps);
	double t0 = now_s();

	usleep(rand_r(seed) % 5000);
	while (!atomic_load(&stop) && atomic_load(&n_mmaps) - first < want &&
	       now_s() - t0 < BOUND_MAX_S)
		usleep(200);
}

static void *unbinder(void *arg)
{
	unsigned int seed = 1;
	int err;

	(void)arg;
	while (!atomic_load(&stop)) {
		err = dmabench_pci_drv_write("unbind", bus);
		if (err)
			bad("unbind %s: %s", bus, strerror(err));
		usleep(rand_r(&seed) % 1000);
		err = dmabench_pci_drv_write("bind", bus);
		if (err)
			bad("bind %s: %s", bus, strerror(err));
		atomic_fetch_add(&n_cycles, 1);
		stay_bound(&seed);
	}
	return NULL;
}

/*
 * Touches a page of p through the kernel (read(2) of /dev/zero into it):
 * a revoked mapping gives EFAULT here where a store would give SIGBUS.
 */
static void touch(int zero, uint8_t *p)
{
	ssize_t got = read(zero, p, 4096);

	if (got == 4096)
		return;
	/* Short: the revocation came in the middle of the read. */
	if ((got < 0 && errno == EFAULT) || got >= 0)
		atomic_fetch_add(&n_touch_revoked, 1);
	else
		bad("touch: %s", strerror(errno));
}

static int alloc_one(int fd, uint32_t variant, struct dmabench_ubuf *u)
{
	int err;

	memset(u, 0, sizeof(*u));
	u->size = sizeof(*u);
	u->abi_version = DMABENCH_ABI_VERSION;
	snprintf(u->device, sizeof(u->device), "%s", name);
	u->via = DMABENCH_VIA_DIRECT;
	u->variant = variant;
	u->size_bytes = UBUF_BYTES;
	err = dmabench_ioctl(fd, DMABENCH_IOC_UBUF_ALLOC, u);
	if (err == ENODEV)
		atomic_fetch_add(&n_alloc_unbound, 1);
	else if (err)
		bad("UBUF_ALLOC variant %u on %s: %s", variant, name,
		    strerror(err));
	return err;
}

static void verify_one(int fd, uint32_t id)
{
	struct dmabench_verify v;
	int err;

	dmabench_verify_init(&v, name, DMABENCH_VERIFY_UBUF,
			     DMABENCH_VIA_DIRECT);
	v.ubuf_id = id;
	v.len_bytes = 4096;
	err = dmabench_ioctl(fd, DMABENCH_IOC_VERIFY, &v);
	atomic_fetch_add(&n_verifies, 1);
	/* The outcome is no concern here: touches race the DMA. */
	if (err && err != EINVAL && err != ENODEV)
		bad("verify of buffer %u: %s", id, strerror(err));
}

/* One round: a file, its buffers, maybe a child, then all of it gone. */
static void round_once(int zero, unsigned long it)
{
	uint8_t *p[MAX_PER_FILE];
	struct dmabench_ubuf u;
	unsigned int i, n = 0;
	pid_t child = -1;
	int fd, status;

	fd = open(DMABENCH_DEVICE_NODE, O_RDWR);
	if (fd < 0) {
		bad("open: %s", strerror(errno));
		return;
	}
	for (i = 0; i < 1 + (it / 2) % MAX_PER_FILE; i++) {
		if (alloc_one(fd, (it + i) % DMABENCH_ALLOC_NR_VARIANTS, &u))
			break;
		atomic_fetch_add(&n_mmaps, 1);
		p[n] = mmap(NULL, UBUF_BYTES, PROT_READ | PROT_WRITE,
			    MAP_SHARED, fd, (off_t)u.mmap_offset_bytes);
		if (p[n] == MAP_FAILED) {
			if (errno == EINVAL)
				atomic_fetch_add(&n_mmap_revoked, 1);
			else
				bad("mmap: %s", strerror(errno));
			continue;
		}
		touch(zero, p[n]);
		if (it % 8 == 1 && !i)
			verify_one(fd, u.id);
		n++;
	}
	/* DEVICE takes no device lock: its answer meets the unbind too. */
	if (it % 4 == 2) {
		struct dmabench_device_info di;

		dmabench_device_by_name(fd, name, &di);
		atomic_fetch_add(&n_infos, 1);
	}
	if (it % 8 == 0) {
		/* The child exits holding the file and the mappings. */
		child = fork();
		if (child == 0) {
			for (i = 0; i < n; i++)
				if (read(zero, p[i], 4096) < 0 && errno != EFAULT)
					_exit(1);
			if (it % 16 == 0)
				usleep(500);
			_exit(0);
		}
		if (child < 0)
			bad("fork: %s", strerror(errno));
		else
			atomic_fetch_add(&n_forks, 1);
	}
	/* Either order: the release comes at the close or at the last munmap. */
	if (it % 2)
		close(fd);
	for (i = 0; i < n; i++)
		if (munmap(p[i], UBUF_BYTES))
			bad("munmap: %s", strerror(errno));
	if (!(it % 2))
		close(fd);
	if (child > 0 && (waitpid(child, &status, 0) != child ||
			  !WIFEXITED(status) || WEXITSTATUS(status)))
		bad("child of round %lu: status %#x", it, status);
}

static void *worker(void *arg)
{
	unsigned long it = (unsigned long)(uintptr_t)arg;
	int zero = open("/dev/zero", O_RDONLY);

	if (zero < 0) {
		bad("/dev/zero: %s", strerror(errno));
		return NULL;
	}
	while (!atomic_load(&stop))
		round_once(zero, it++);
	close(zero);
	return NULL;
}

int main(int argc, char **argv)
{
	pthread_t workers[WORKERS], unb;
	int dmesg0, dmesg1, i;
	struct leak_base base;
	double t0, took;

	if (argc < 3 || argc > 6) {
		fprintf(stderr, "usage: unbind_race BUS NAME [RACES [SECONDS [MMAPS]]]\n");
		return 2;
	}
	bus = argv[1];
	name = argv[2];
	if (argc > 3)
		races_wanted = atol(argv[3]);
	if (argc > 4)
		seconds_cap = atol(argv[4]);
	if (argc > 5)
		mmaps_per_binding = atol(argv[5]);
	if (races_wanted <= 0 || seconds_cap <= 0 || mmaps_per_binding < 0 ||
	    mmaps_per_binding > 1000) {
		fprintf(stderr, "unbind_race: RACES and SECONDS must be > 0, MMAPS 0 to 1000\n");
		return 2;
	}
	ktap_begin();
	if (!dmabench_pci_bound(bus)) {
		ktap_ok(0, "%s is bound to dmabench", bus);
		return ktap_end();
	}
	leak_baseline(&base);
	dmesg0 = dmesg_bad_lines();

	t0 = now_s();
	pthread_create(&unb, NULL, unbinder, NULL);
	for (i = 0; i < WORKERS; i++)
		pthread_create(&workers[i], NULL, worker,
			       (void *)(uintptr_t)(i * 1000000UL));
	while (atomic_load(&n_mmaps) < races_wanted &&
	       now_s() - t0 < seconds_cap)
		usleep(100 * 1000);
	atomic_store(&stop, true);
	for (i = 0; i < WORKERS; i++)
		pthread_join(workers[i], NULL);
	pthread_join(unb, NULL);
	took = now_s() - t0;

	ktap_diag("%.1f s: %ld unbind/rebind cycles (%ld mmaps asked for per binding, 0: none); %ld mmaps (%ld refused as revoked), %ld touches found revoked, %ld allocations found unbound, %ld forks, %ld verifies, %ld device lookups",
		  took, atomic_load(&n_cycles), mmaps_per_binding,
		  atomic_load(&n_mmaps),
		  atomic_load(&n_mmap_revoked), atomic_load(&n_touch_revoked),
		  atomic_load(&n_alloc_unbound), atomic_load(&n_forks),
		  atomic_load(&n_verifies), atomic_load(&n_infos));
	ktap_ok(atomic_load(&n_mmaps) >= races_wanted,
		"%ld mmaps raced %ld unbinds of %s from %d threads (wanted %ld within %ld s)",
		atomic_load(&n_mmaps), atomic_load(&n_cycles), name, WORKERS,
		races_wanted, seconds_cap);
	ktap_ok(atomic_load(&n_cycles) > 0 &&
		atomic_load(&n_mmap_revoked) + atomic_load(&n_touch_revoked) +
		atomic_load(&n_alloc_unbound) > 0,
		"the unbinds met the buffers (refused, revoked or unbound)");
	ktap_ok(!atomic_load(&n_bad), "no unexpected error (%ld)",
		atomic_load(&n_bad));
	if (!dmabench_pci_bound(bus))
		dmabench_pci_drv_write("bind", bus);
	ktap_ok(dmabench_pci_bound(bus), "%s is bound again", bus);
	leak_check("after the unbind races", &base);
	dmesg1 = dmesg_bad_lines();
	ktap_ok(dmesg0 >= 0 && dmesg1 == dmesg0,
		"no kernel report in dmesg (%d lines before, %d after)",
		dmesg0, dmesg1);
	return ktap_end();
}
