// SPDX-License-Identifier: GPL-2.0
/*
 * leakcheck: leakcheck.h's check for the guest scripts (leakcheck.sh), so
 * that shell and C judge a leak by the same rule and tolerances.
 *   leakcheck baseline FILE          record what the kernel holds now
 *   leakcheck check FILE [storms]    compare with FILE: prints the figures,
 *                                    exit 0 when back at the baseline, 1 not
 * "storms": the MemFree tolerance of a program of many storms
 * (lib/mem_sample.h). The check waits for memory to settle as
 * leakcheck.h's leak_check does (leak_verdict_settled, LEAK_SETTLE_MS).
 */
#include <errno.h>
#include <stdlib.h>

#include "ktap.h"
#include "leakcheck.h"

static int usage(void)
{
	fprintf(stderr, "usage: leakcheck baseline FILE | leakcheck check FILE [storms]\n");
	return 2;
}

int main(int argc, char **argv)
{
	struct leak_base base, now;
	int64_t tol = VM_MEMFREE_TOLERANCE_BYTES;
	char why[512];
	bool ok;
	FILE *fp;

	if (argc < 3)
		return usage();
	if (!strcmp(argv[1], "baseline") && argc == 3) {
		/* Its own memory is netted against the checking run's. */
		leak_baseline(&base);
		fp = fopen(argv[2], "w");
		if (!fp || fwrite(&base, sizeof(base), 1, fp) != 1 || fclose(fp)) {
			fprintf(stderr, "leakcheck: %s: %s\n", argv[2], strerror(errno));
			return 2;
		}
		return 0;
	}
	if (strcmp(argv[1], "check") || argc > 4)
		return usage();
	if (argc == 4 && strcmp(argv[3], "storms"))
		return usage();
	if (argc == 4)
		tol = VM_MEMFREE_TOLERANCE_STORMS_BYTES;
	fp = fopen(argv[2], "r");
	if (!fp || fread(&base, sizeof(base), 1, fp) != 1) {
		fprintf(stderr, "leakcheck: %s: no baseline\n", argv[2]);
		return 2;
	}
	fclose(fp);
	ok = leak_verdict_settled(&base, &now, tol, LEAK_SETTLE_MS, why, sizeof(why));
	printf("%s\n", why);
	return ok ? 0 : 1;
}
