// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "atomic_file.h"

static void atomic_file_free(struct atomic_file *af)
{
	free(af->tmp_path);
	free(af->final_path);
	af->tmp_path = af->final_path = NULL;
	af->fp = NULL;
}

int atomic_file_open(struct atomic_file *af, const char *path)
{
	const char *slash = strrchr(path, '/');
	size_t dir_len = slash ? (size_t)(slash - path) + 1 : 0;
	int fd, err;

	af->fp = NULL;
	af->final_path = strdup(path);
	/* dir/.name.XXXXXX: hidden, and in the same file system as the result. */
	af->tmp_path = malloc(strlen(path) + sizeof(".XXXXXX") + 1);
	if (!af->final_path || !af->tmp_path) {
		atomic_file_free(af);
		return -ENOMEM;
	}
	memcpy(af->tmp_path, path, dir_len);
	sprintf(af->tmp_path + dir_len, ".%s.XXXXXX", path + dir_len);
	fd = mkstemp(af->tmp_path);
	if (fd < 0) {
		err = -errno;
		atomic_file_free(af);
		return err;
	}
	/* mkstemp makes 0600; a result file is an ordinary 0644-under-umask file. */
	mode_t mask = umask(0);

	umask(mask);
	fchmod(fd, 0666 & ~mask);
	af->fp = fdopen(fd, "w");
	if (!af->fp) {
		err = -errno;
		close(fd);
		unlink(af->tmp_path);
		atomic_file_free(af);
		return err;
	}
	return 0;
}

int atomic_file_commit(struct atomic_file *af)
{
	int err = 0;

	errno = 0;
	if (fflush(af->fp) || ferror(af->fp) || fsync(fileno(af->fp)))
		err = -errno ?: -EIO;
	if (fclose(af->fp) && !err)
		err = -errno;
	if (!err && rename(af->tmp_path, af->final_path))
		err = -errno;
	if (err)
		unlink(af->tmp_path);
	atomic_file_free(af);
	return err;
}

void atomic_file_abort(struct atomic_file *af)
{
	fclose(af->fp);
	unlink(af->tmp_path);
	atomic_file_free(af);
}

int atomic_file_write(const char *path, int (*writer)(FILE *fp, void *arg),
		      void *arg)
{
	struct atomic_file af;
	int err = atomic_file_open(&af, path);

	if (err)
		return err;
	errno = 0;
	if (writer(af.fp, arg)) {
		err = errno ? -errno : -EIO;
		atomic_file_abort(&af);
		return err;
	}
	return atomic_file_commit(&af);
}
