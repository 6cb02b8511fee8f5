/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Options declared once, as data (fio style): parsing, range checks,
 * --help text and the JSON echo of a run all come from one table.
 */
#ifndef DMABENCH_OPTIONS_H
#define DMABENCH_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <jansson.h>

enum opt_type {
	OPT_U32,	/* plain decimal number */
	OPT_U64,
	OPT_SIZE,	/* bytes: 4096, 4k, 4KiB, 1M, 1G */
	OPT_DURATION,	/* nanoseconds: 10ns, 5us, 3ms, 2s; bare only 0 */
	OPT_ENUM,	/* one name of .names */
	OPT_FLAGS,	/* comma list of names of .names, OR-ed */
	OPT_STRING,	/* copied into a char[field_size] */
	OPT_SWITCH,	/* no value: present = 1, in a uint32_t */
};

struct opt_name {
	const char *name;
	uint64_t value;
	bool alias;	/* accepted, but not shown in help nor echoed */
};

/* opt_desc.flags */
#define OPT_F_ZERO_IS_UNSET	(1U << 0)	/* 0 allowed outside min..max: "keep default" */
/* Only for storm scenarios: the run checks refuse it for any other. */
#define OPT_F_STORM		(1U << 1)

struct opt_desc {
	const char *name;	/* --name */
	const char *json_key;	/* key in the JSON echo, with its unit */
	enum opt_type type;
	size_t offset;		/* into the config struct */
	size_t field_size;	/* 4 or 8 for numbers, buffer size for strings */
	uint64_t def;		/* numbers, enums, flags */
	const char *def_str;	/* strings */
	uint64_t min, max;	/* numbers */
	const struct opt_name *names;	/* enums, flags; NULL-name terminated */
	unsigned int flags;
	const char *metavar;	/* in --help; NULL: from the type */
	const char *help;
};

struct opt_table {
	const struct opt_desc *opts;
	size_t n;
};

#define OPT_ERR_LEN 256

enum opts_status {
	OPTS_OK = 0,
	OPTS_HELP,	/* --help or -h seen */
	OPTS_ERROR,	/* err holds a one-line message */
};

void opts_set_defaults(const struct opt_table *t, void *cfg);

/* Parses one value of option d into cfg. Returns 0, or -1 with err set. */
int opts_parse_value(const struct opt_desc *d, const char *text, void *cfg,
		     char *err, size_t errlen);

/*
 * Parses argv[0..argc) into cfg: "--name value", "--name=value", "--" ends
 * options. Non-option words go to positional[] (at most max_positional,
 * count in *npositional). seen[i] (optional, t->n entries) tells which options
 * the user gave.
 */
enum opts_status opts_parse(const struct opt_table *t, void *cfg, int argc,
			    char **argv, char **positional, int max_positional,
			    int *npositional, bool *seen, char *err, size_t errlen);

/* One option's value as text, the way the user would type it. */
void opts_format_value(const struct opt_desc *d, const void *cfg, char *buf,
		       size_t len);

/* "--size SIZE   help (default 4096, 1..4194304 bytes)" for every option. */
void opts_print_help(FILE *out, const struct opt_table *t);

/* {json_key: value} for every option: numbers as numbers, enums as names,
 * flags as arrays of names, strings as strings. */
json_t *opts_to_json(const struct opt_table *t, const void *cfg);

/* "# params: key=value ..." from opts_to_json: the text headers' echo. */
void opts_print_params(FILE *fp, const struct opt_table *t, const void *cfg);

/* Name of value in names, or NULL. */
const char *opt_name_of(const struct opt_name *names, uint64_t value);

#endif
