// SPDX-License-Identifier: GPL-2.0
#include <fcntl.h>
#include <ftw.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "fuzz_util.h"

int fuzz_args_split(struct fuzz_args *a, const uint8_t *data, size_t size, int max)
{
	char *p, *end;

	a->argc = 0;
	a->argv = calloc((size_t)max + 1, sizeof(char *));
	a->text = malloc(size + 1);
	if (!a->argv || !a->text) {
		fuzz_args_free(a);
		return -1;
	}
	memcpy(a->text, data, size);
	a->text[size] = '\0';
	end = a->text + size;
	for (p = a->text; p < end && a->argc < max; p++) {
		a->argv[a->argc++] = p;
		p += strcspn(p, "\n");
		*p = '\0';
	}
	return 0;
}

void fuzz_args_free(struct fuzz_args *a)
{
	free(a->argv);
	free(a->text);
	a->argv = NULL;
	a->text = NULL;
}

FILE *fuzz_devnull(void)
{
	static FILE *f;

	if (!f)
		f = fopen("/dev/null", "w");
	if (!f)
		abort();
	return f;
}

static char fuzz_dir_path[64];

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	if (ftw->level > 0)
		remove(path);
	return 0;
}

void fuzz_empty_dir(const char *dir)
{
	nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

static void fuzz_dir_remove(void)
{
	fuzz_empty_dir(fuzz_dir_path);
	rmdir(fuzz_dir_path);
}

const char *fuzz_dir(void)
{
	if (!fuzz_dir_path[0]) {
		snprintf(fuzz_dir_path, sizeof(fuzz_dir_path), "%s/dmabench-fuzz.XXXXXX",
			 access("/dev/shm", W_OK) ? "/tmp" : "/dev/shm");
		if (!mkdtemp(fuzz_dir_path))
			abort();
		atexit(fuzz_dir_remove);
	}
	return fuzz_dir_path;
}

int fuzz_write(const char *path, const void *data, size_t size)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = size ? write(fd, data, size) : 0;
	close(fd);
	return n == (ssize_t)size ? 0 : -1;
}
