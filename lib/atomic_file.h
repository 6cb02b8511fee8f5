/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Result files appear whole or not at all: written to a temporary file in
 * the same directory (so rename(2) is atomic), fsync'ed, then renamed.
 */
#ifndef DMABENCH_ATOMIC_FILE_H
#define DMABENCH_ATOMIC_FILE_H

#include <stdio.h>

struct atomic_file {
	FILE *fp;
	char *tmp_path;
	char *final_path;
};

/* 0 or -errno. */
int atomic_file_open(struct atomic_file *af, const char *path);
/* Flushes, syncs and renames into place; on any error removes the temporary
 * file. 0 or -errno. */
int atomic_file_commit(struct atomic_file *af);
/* Drops everything written; the final path is untouched. */
void atomic_file_abort(struct atomic_file *af);

/* writer returns 0 or -1 (errno set); the file is committed only on 0. */
int atomic_file_write(const char *path, int (*writer)(FILE *fp, void *arg),
		      void *arg);

#endif
