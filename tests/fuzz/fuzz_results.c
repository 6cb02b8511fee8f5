// SPDX-License-Identifier: GPL-2.0
/*
 * The results files, read the way `dmabench summary`, `compare` and `report`
 * read them: the input is one file, laid out as a run directory
 * (RUN/direct/map_single_4k_bidir.json and RUN/iommu-strict/..., so that the
 * report's findings have entries to match) and also as the profile's
 * alloc/pairs.json and the run's matrix file, which the report reads too.
 * summary, compare or report runs on it (the input's size picks which)
 * through dmabench_main, with its output to /dev/null;
 * the report writes its files into RUN, on tmpfs, emptied every execution.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cmd.h"
#include "fuzz_util.h"

static const char *const copies[] = {
	"direct/map_single_4k_bidir.json",
	"iommu-strict/map_single_4k_bidir.json",
	"direct/alloc/pairs.json",
	"matrix",
};

static void run(struct cmd_ctx *ctx, char **argv)
{
	int argc = 0;

	while (argv[argc])
		argc++;
	ctx->argc_full = argc;
	ctx->argv_full = argv;
	dmabench_main(ctx, argc, argv);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const formats[] = { "human", "csv", "json" };
	struct cmd_ctx ctx = { .out = fuzz_devnull(), .err = fuzz_devnull() };
	char rundir[PATH_MAX], path[PATH_MAX + 64], first[PATH_MAX + 64];
	char *fmt = (char *)formats[size % 3];
	size_t i;

	snprintf(rundir, sizeof(rundir), "%s/run", fuzz_dir());
	fuzz_empty_dir(fuzz_dir());
	mkdir(rundir, 0755);
	for (i = 0; i < sizeof(copies) / sizeof(copies[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", rundir, copies[i]);
		/* mkdir -p of the file's directories */
		for (char *s = path + strlen(rundir) + 1; (s = strchr(s, '/')); s++) {
			*s = '\0';
			mkdir(path, 0755);
			*s = '/';
		}
		if (i == 0) {
			if (fuzz_write(path, data, size))
				abort();
			snprintf(first, sizeof(first), "%s", path);
		} else if (link(first, path)) {
			abort();
		}
	}
	/* One command an execution (a third of the cost), picked by the size so
	 * that an input always takes the same one. */
	switch (size / 3 % 3) {
	case 0:
		run(&ctx, (char *[]){ "summary", rundir, "--format",
				      size % 2 ? "csv" : "human", NULL });
		break;
	case 1:
		run(&ctx, (char *[]){ "compare", first, rundir, "--force", "--format",
				      fmt, NULL });
		break;
	default:
		run(&ctx, (char *[]){ "report", rundir, NULL });
		break;
	}
	return 0;
}
