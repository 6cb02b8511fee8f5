/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The OOM killer's chosen victim during an until-ENOMEM storm.
 *
 * The storm allocates with __GFP_NORETRY, but the kernel's iommu-dma
 * allocator makes GFP_KERNEL allocations of its own after the buffer's pages
 * (the page array, the vmap page tables). At the very edge of memory one of
 * them can call the OOM killer before the storm's next allocation fails: the
 * kernel's policy, not a dmabench leak. The balloon (oom_score_adj 1000, 16
 * MiB touched) is then the process it kills; the storm goes on to its own
 * ENOMEM. Each such kill is appended to OOM_BALLOON_KILLS, which leakcheck.h
 * and leakcheck.sh subtract from /proc/vmstat's oom_kill: a kill of anything
 * else still fails the tests. Include after ktap.h.
 */
#ifndef DMABENCH_OOM_BALLOON_H
#define DMABENCH_OOM_BALLOON_H

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#define OOM_BALLOON_KILLS	"/tmp/dmabench-oom-balloon-kills"	/* and leakcheck.sh */
#define OOM_BALLOON_BYTES	(16UL << 20)

/* Fork the balloon; returns its pid (or -1: then there is none). */
static inline pid_t oom_balloon_start(void)
{
	pid_t pid = fork();
	FILE *adj;
	char *p;
	int open_fd;

	if (pid)
		return pid;
	/* no reference to the parent's /dev/dmabench files */
	for (open_fd = 3; open_fd < 1024; open_fd++)
		close(open_fd);
	prctl(PR_SET_NAME, "oom-balloon");
	adj = fopen("/proc/self/oom_score_adj", "w");
	if (adj) {
		fputs("1000", adj);
		fclose(adj);
	}
	p = mmap(NULL, OOM_BALLOON_BYTES, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p != MAP_FAILED)
		memset(p, 0x5a, OOM_BALLOON_BYTES);
	for (;;)
		pause();
}

/* Stop the balloon. If the OOM killer took it, record the kill and say so. */
static inline void oom_balloon_stop(pid_t pid, const char *what)
{
	FILE *kills;
	int status;

	if (pid <= 0)
		return;
	kill(pid, SIGTERM);
	if (waitpid(pid, &status, 0) != pid ||
	    !WIFSIGNALED(status) || WTERMSIG(status) != SIGKILL)
		return;
	kills = fopen(OOM_BALLOON_KILLS, "a");
	if (kills) {
		fprintf(kills, "%s\n", what);
		fclose(kills);
	}
	ktap_diag("%s: the kernel's OOM killer took the balloon", what);
}

/* How many balloons the OOM killer took since boot. */
static inline long oom_balloon_kills(void)
{
	FILE *kills = fopen(OOM_BALLOON_KILLS, "r");
	long n = 0;
	int c;

	while (kills && (c = fgetc(kills)) != EOF)
		n += c == '\n';
	if (kills)
		fclose(kills);
	return n;
}

#endif /* DMABENCH_OOM_BALLOON_H */
