/* SPDX-License-Identifier: GPL-2.0 */
/* Helpers shared by the libFuzzer harnesses (tests/fuzz/fuzz_*.c). */
#ifndef DMABENCH_FUZZ_UTIL_H
#define DMABENCH_FUZZ_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* The input as a command line: one word per line (a last '\n' ends the
 * last word), at most max words; argv is NULL-terminated. */
struct fuzz_args {
	int argc;
	char **argv;
	char *text;	/* the words point into it */
};

/* 0, or -1 when out of memory. */
int fuzz_args_split(struct fuzz_args *a, const uint8_t *data, size_t size, int max);
void fuzz_args_free(struct fuzz_args *a);

/* /dev/null for stdout/stderr of the code under test, opened once. */
FILE *fuzz_devnull(void);

/* A private directory on tmpfs (/dev/shm, else /tmp), made once per
 * process and removed at exit: the files an execution writes go there. */
const char *fuzz_dir(void);

/* Writes data to path (creating it); 0 or -1. */
int fuzz_write(const char *path, const void *data, size_t size);

/* Removes everything below dir (dir itself stays). */
void fuzz_empty_dir(const char *dir);

#endif
