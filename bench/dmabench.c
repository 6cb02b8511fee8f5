// SPDX-License-Identifier: GPL-2.0
/* dmabench: user-space harness of the DMA-mapping API benchmark. */
#include <signal.h>
#include <string.h>
#include "cmd.h"

static void on_signal(int sig)
{
	dmabench_interrupted = sig;
}

int main(int argc, char **argv)
{
	struct sigaction sa;
	struct cmd_ctx ctx = {
		.backend = &dmabench_kernel_backend,
		.node_path = DMABENCH_DEVICE_NODE,
		.out = stdout,
		.err = stderr,
		.argc_full = argc,
		.argv_full = argv,
	};

	/* No SA_RESTART: a running DMABENCH_IOC_RUN must return EINTR so the
	 * module stops its threads and frees everything. */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	return dmabench_main(&ctx, argc - 1, argv + 1);
}
