// SPDX-License-Identifier: GPL-2.0
/*
 * dmabench import RUNDIR LOG...: a fleet job's result files back into a run
 * directory, so that summary, compare and report read them like the lab's.
 *
 * On the device, lava/dmabench-lava-cases printed each file between marker
 * lines:
 *   DMABENCH-JSON-BEGIN NAME
 *   ...the file's lines...
 *   DMABENCH-JSON-END NAME bytes=N sha256=HEX
 * A LOG is LAVA's job log in any of its forms: lava-run's JSON lines, the
 * server's YAML (one "- {...}" flow mapping a line), or a plain console
 * capture. Only the console's text (each entry's "msg") counts. A file
 * whose size or sha256 differs from its END line (a kernel message mixed
 * into the console, a cut-off job) fails the import.
 *
 * Each LOG is one job and so one profile: the "profile" of its first result
 * file, or --profile. Its files go to RUNDIR/PROFILE/NAME, a matrix to
 * RUNDIR/matrix. RUNDIR must not exist: it is built beside itself and
 * renamed into place, so it appears whole or not at all.
 */
#include <errno.h>
#include <ftw.h>
#include <limits.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <jansson.h>
#include <nettle/sha2.h>
#include "cmd.h"
#include "lib/options.h"

#define IMPORT_NAME_LEN		64
#define IMPORT_BEGIN		"DMABENCH-JSON-BEGIN "
#define IMPORT_END		"DMABENCH-JSON-END "

struct import_config {
	char profile[IMPORT_NAME_LEN];	/* "" = each result's own */
};

static const struct opt_desc import_opts[] = {
	{ .name = "profile", .json_key = "profile", .type = OPT_STRING,
	  .offset = offsetof(struct import_config, profile),
	  .field_size = IMPORT_NAME_LEN,
	  .help = "the profile of every LOG (default: the \"profile\" of its first result)" },
};

const struct opt_table import_options = {
	import_opts, sizeof(import_opts) / sizeof(import_opts[0])
};

/* One file of a log, as the END line vouched for it. */
struct import_file {
	char name[IMPORT_NAME_LEN];
	char *text;
	size_t len;
};

struct import_log {
	const char *path;
	struct import_file *f;
	size_t n, cap;
	char profile[IMPORT_NAME_LEN];
};

/* A name that stays inside its directory. */
static bool plain_name(const char *s)
{
	return *s && strcmp(s, ".") && strcmp(s, "..") && !strchr(s, '/') &&
	       strlen(s) < IMPORT_NAME_LEN;
}

/*
 * The console text of one log line: a LAVA entry's "msg" string (NULL when
 * it is not a string: an entry that is not console output), else the line
 * itself, which may be JSON of the files' own. The returned string lives
 * in *keep or in line.
 */
static const char *console_text(char *line, json_t **keep)
{
	const char *s = line;
	json_t *msg;

	*keep = NULL;
	if (!strncmp(s, "- {", 3))
		s += 2;
	if (*s != '{')
		return line;
	*keep = json_loads(s, 0, NULL);
	/* Every entry LAVA logs has a level; a result's own line has none. */
	if (!json_is_object(*keep) || !json_object_get(*keep, "lvl"))
		return line;
	msg = json_object_get(*keep, "msg");
	return json_is_string(msg) ? json_string_value(msg) : NULL;
}

static void sha256_hex(const char *text, size_t len, char hex[2 * SHA256_DIGEST_SIZE + 1])
{
	uint8_t digest[SHA256_DIGEST_SIZE];
	struct sha256_ctx c;
	size_t i;

	sha256_init(&c);
	sha256_update(&c, len, (const uint8_t *)text);
	sha256_digest(&c, sizeof(digest), digest);
	for (i = 0; i < sizeof(digest); i++)
		sprintf(hex + 2 * i, "%02x", digest[i]);
}

/* The END line against what was collected: the printer added a newline
 * after a last line that had none. 0, or -1 with err set. */
static int end_file(struct import_file *f, const char *end, char *err, size_t errlen)
{
	char name[IMPORT_NAME_LEN], want_hex[65], got_hex[65];
	unsigned long long bytes;

	if (sscanf(end, "%63s bytes=%llu sha256=%64[0-9a-f]", name, &bytes, want_hex) != 3 ||
	    strlen(want_hex) != 64) {
		snprintf(err, errlen, "%s: a malformed END line: %.200s", f->name, end);
		return -1;
	}
	if (strcmp(name, f->name)) {
		snprintf(err, errlen, "%s: ended as %s", f->name, name);
		return -1;
	}
	if (f->len == bytes + 1 && f->text[bytes] == '\n')
		f->len = bytes;
	sha256_hex(f->text, f->len, got_hex);
	if (f->len != bytes || strcmp(got_hex, want_hex)) {
		snprintf(err, errlen, "%s: %zu bytes with sha256 %.12s..., the device sent "
			 "%llu with %.12s... (console output mixed in, or a line lost)",
			 f->name, f->len, got_hex, bytes, want_hex);
		return -1;
	}
	return 0;
}

static int append(struct import_file *f, const char *s, char *err, size_t errlen)
{
	size_t n = strlen(s);
	char *grown = realloc(f->text, f->len + n + 2);

	if (!grown) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	f->text = grown;
	memcpy(f->text + f->len, s, n);
	f->len += n;
	f->text[f->len++] = '\n';
	f->text[f->len] = '\0';
	return 0;
}

static struct import_file *begin_file(struct import_log *log, const char *name,
				      char *err, size_t errlen)
{
	struct import_file *f;
	size_t i;

	if (!plain_name(name)) {
		snprintf(err, errlen, "'%.80s': not a plain file name", name);
		return NULL;
	}
	for (i = 0; i < log->n; i++) {
		if (!strcmp(log->f[i].name, name)) {
			snprintf(err, errlen, "%s: sent twice", name);
			return NULL;
		}
	}
	if (log->n == log->cap) {
		struct import_file *grown = realloc(log->f, (log->cap * 2 + 8) * sizeof(*grown));

		if (!grown) {
			snprintf(err, errlen, "out of memory");
			return NULL;
		}
		log->f = grown;
		log->cap = log->cap * 2 + 8;
	}
	f = &log->f[log->n++];
	memset(f, 0, sizeof(*f));
	strcpy(f->name, name);
	f->text = calloc(1, 1);
	if (!f->text) {
		log->n--;
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	return f;
}

/* Every marked file of one log. 0, or -1 with err set. */
static int read_log(struct import_log *log, char *err, size_t errlen)
{
	struct import_file *cur = NULL;
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	int ret = 0;
	FILE *fp = fopen(log->path, "r");

	if (!fp) {
		snprintf(err, errlen, "%s", strerror(errno));
		return -1;
	}
	while (!ret && (len = getline(&line, &cap, fp)) >= 0) {
		const char *text;
		json_t *keep;

		while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		text = console_text(line, &keep);
		if (!text) {
			;	/* not console output */
		} else if (!strncmp(text, IMPORT_BEGIN, strlen(IMPORT_BEGIN))) {
			if (cur) {
				snprintf(err, errlen, "%s: not ended before %s", cur->name, text);
				ret = -1;
			} else if (!(cur = begin_file(log, text + strlen(IMPORT_BEGIN),
						      err, errlen))) {
				ret = -1;
			}
		} else if (cur && !strncmp(text, IMPORT_END, strlen(IMPORT_END))) {
			ret = end_file(cur, text + strlen(IMPORT_END), err, errlen);
			cur = NULL;
		} else if (cur) {
			ret = append(cur, text, err, errlen);
		}
		json_decref(keep);
	}
	if (!ret && ferror(fp)) {
		snprintf(err, errlen, "%s", strerror(errno));
		ret = -1;
	}
	if (!ret && cur) {
		snprintf(err, errlen, "%s: no END line (the job was cut short?)", cur->name);
		ret = -1;
	}
	if (!ret && !log->n) {
		snprintf(err, errlen, "no DMABENCH-JSON-BEGIN line: not a dmabench job's log");
		ret = -1;
	}
	free(line);
	fclose(fp);
	return ret;
}

/* The log's profile: --profile, else its first result's. */
static int log_profile(struct import_log *log, const char *given, char *err, size_t errlen)
{
	size_t i;

	if (*given) {
		snprintf(log->profile, sizeof(log->profile), "%s", given);
		return 0;
	}
	for (i = 0; i < log->n; i++) {
		json_t *j = json_loadb(log->f[i].text, log->f[i].len, 0, NULL);
		json_t *p = json_object_get(j, "repetitions") ? json_object_get(j, "profile") : NULL;

		if (json_is_string(p) && plain_name(json_string_value(p))) {
			snprintf(log->profile, sizeof(log->profile), "%s", json_string_value(p));
			json_decref(j);
			return 0;
		}
		json_decref(j);
	}
	snprintf(err, errlen, "no result names its profile: give --profile");
	return -1;
}

static int write_file(const char *path, const struct import_file *f, char *err,
		      size_t errlen)
{
	FILE *fp = fopen(path, "wx");

	if (!fp || fwrite(f->text, 1, f->len, fp) != f->len || fclose(fp)) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		if (fp)
			fclose(fp);
		return -1;
	}
	return 0;
}

/* Writes every log's files under dir. 0, or -1 with err set. */
static int write_logs(const char *dir, struct import_log *logs, size_t nlogs,
		      char *err, size_t errlen)
{
	char path[PATH_MAX + 2 * IMPORT_NAME_LEN + 8];
	const struct import_file *matrix = NULL;
	size_t l, i;

	for (l = 0; l < nlogs; l++) {
		snprintf(path, sizeof(path), "%s/%s", dir, logs[l].profile);
		if (mkdir(path, 0755) && errno != EEXIST) {
			snprintf(err, errlen, "%s: %s", path, strerror(errno));
			return -1;
		}
		for (i = 0; i < logs[l].n; i++) {
			const struct import_file *f = &logs[l].f[i];

			if (!strcmp(f->name, "matrix")) {
				/* One matrix for the run: every job ran the same one. */
				if (matrix && (matrix->len != f->len ||
					       memcmp(matrix->text, f->text, f->len))) {
					snprintf(err, errlen, "%s: its matrix differs from an "
						 "earlier log's", logs[l].path);
					return -1;
				}
				if (!matrix) {
					snprintf(path, sizeof(path), "%s/matrix", dir);
					if (write_file(path, f, err, errlen))
						return -1;
				}
				matrix = f;
				continue;
			}
			snprintf(path, sizeof(path), "%s/%s/%s", dir, logs[l].profile, f->name);
			if (access(path, F_OK) == 0) {
				snprintf(err, errlen, "%s: %s/%s came in an earlier log too",
					 logs[l].path, logs[l].profile, f->name);
				return -1;
			}
			if (write_file(path, f, err, errlen))
				return -1;
		}
	}
	return 0;
}

static int remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void free_logs(struct import_log *logs, size_t n)
{
	size_t l, i;

	for (l = 0; l < n; l++) {
		for (i = 0; i < logs[l].n; i++)
			free(logs[l].f[i].text);
		free(logs[l].f);
	}
	free(logs);
}

int cmd_import(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct import_config cfg;
	struct import_log *logs = NULL;
	char err[PATH_MAX + 512], tmp[PATH_MAX], **positional = NULL;
	int npositional, ret, l, nfiles = 0;
	struct stat st;

	positional = calloc((size_t)argc + 1, sizeof(*positional));
	if (!positional) {
		cmd_error(ctx, "import", "out of memory");
		return EXIT_RUN_FAILED;
	}
	opts_set_defaults(&import_options, &cfg);
	ret = opts_parse(&import_options, &cfg, argc - 1, argv + 1, positional, argc,
			 &npositional, NULL, err, sizeof(err));
	if (ret == OPTS_HELP) {
		fprintf(ctx->out, "usage: dmabench import RUNDIR LOG... [options]\n\noptions:\n");
		opts_print_help(ctx->out, &import_options);
		free(positional);
		return EXIT_OK;
	}
	if (ret != OPTS_OK) {
		cmd_error(ctx, "import", "%s", err);
		free(positional);
		return EXIT_USAGE;
	}
	ret = EXIT_USAGE;
	if (npositional < 2) {
		cmd_error(ctx, "import", "takes a new run directory and at least one job log");
		goto out;
	}
	if (cfg.profile[0] && !plain_name(cfg.profile)) {
		cmd_error(ctx, "import", "--profile '%s': not a plain name", cfg.profile);
		goto out;
	}
	ret = EXIT_RUN_FAILED;
	if (!stat(positional[0], &st) || errno != ENOENT) {
		cmd_error(ctx, "import", "%s: exists; import makes a new run directory",
			  positional[0]);
		goto out;
	}
	logs = calloc((size_t)npositional, sizeof(*logs));
	if (!logs) {
		cmd_error(ctx, "import", "out of memory");
		goto out;
	}
	for (l = 1; l < npositional; l++) {
		logs[l - 1].path = positional[l];
		if (read_log(&logs[l - 1], err, sizeof(err)) ||
		    log_profile(&logs[l - 1], cfg.profile, err, sizeof(err))) {
			cmd_error(ctx, "import", "%s: %s", positional[l], err);
			goto out;
		}
		nfiles += (int)logs[l - 1].n;
	}
	if (snprintf(tmp, sizeof(tmp), "%s.import-XXXXXX", positional[0]) >= (int)sizeof(tmp) ||
	    !mkdtemp(tmp)) {
		cmd_error(ctx, "import", "%s: %s", positional[0], strerror(errno));
		goto out;
	}
	if (write_logs(tmp, logs, (size_t)npositional - 1, err, sizeof(err)) ||
	    ((chmod(tmp, 0755) || rename(tmp, positional[0])) &&
	     snprintf(err, sizeof(err), "%s: %s", positional[0], strerror(errno)))) {
		cmd_error(ctx, "import", "%s", err);
		nftw(tmp, remove_one, 16, FTW_DEPTH | FTW_PHYS);
		goto out;
	}
	fprintf(ctx->out, "imported %d files from %d logs into %s:", nfiles, npositional - 1,
		positional[0]);
	for (l = 0; l < npositional - 1; l++)
		fprintf(ctx->out, " %s (%s, %zu files)", logs[l].profile, logs[l].path,
			logs[l].n);
	fputc('\n', ctx->out);
	ret = EXIT_OK;
out:
	if (logs)
		free_logs(logs, (size_t)npositional - 1);
	free(positional);
	return ret;
}
