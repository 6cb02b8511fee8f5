// SPDX-License-Identifier: GPL-2.0
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "matrix.h"

static const struct {
	const char *name;
	unsigned int bit;
} plot_kinds[] = {
	{ "profile", MATRIX_PLOT_PROFILE },
	{ "hist", MATRIX_PLOT_HIST },
	{ "cdf", MATRIX_PLOT_CDF },
};

const struct matrix_line *matrix_find(const struct matrix *m, const char *name)
{
	size_t i;

	for (i = 0; i < m->n; i++)
		if (!strcmp(m->line[i].name, name))
			return &m->line[i];
	return NULL;
}

void matrix_free(struct matrix *m)
{
	size_t i;

	for (i = 0; i < m->n; i++)
		free(m->line[i].args);
	free(m->line);
	m->line = NULL;
	m->n = 0;
}

static char *trim(char *s)
{
	char *end;

	while (isspace((unsigned char)*s))
		s++;
	end = s + strlen(s);
	while (end > s && isspace((unsigned char)end[-1]))
		*--end = '\0';
	return s;
}

static int parse_plots(struct matrix_line *l, char *value, char *err, size_t errlen)
{
	char *tok, *save;
	size_t k;

	for (tok = strtok_r(value, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		for (k = 0; k < sizeof(plot_kinds) / sizeof(plot_kinds[0]); k++)
			if (!strcmp(tok, plot_kinds[k].name))
				break;
		if (k == sizeof(plot_kinds) / sizeof(plot_kinds[0])) {
			snprintf(err, errlen, "plot kind '%s' is not one of: profile, hist, cdf",
				 tok);
			return -EINVAL;
		}
		l->plots |= plot_kinds[k].bit;
	}
	return 0;
}

static int parse_vs(struct matrix_line *l, char *value, char *err, size_t errlen)
{
	char *tok, *save;

	for (tok = strtok_r(value, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		if (l->nvs == MATRIX_MAX_VS || strlen(tok) >= sizeof(l->vs[0])) {
			snprintf(err, errlen, "vs: at most %d entries of under %zu characters",
				 MATRIX_MAX_VS, sizeof(l->vs[0]));
			return -EINVAL;
		}
		strcpy(l->vs[l->nvs++], tok);
	}
	return 0;
}

/* A name-valued tag: one word that fits, safe in a file name. */
static int parse_name(char *dst, size_t len, const char *key, const char *value,
		      char *err, size_t errlen)
{
	if (!*value || strlen(value) >= len ||
	    value[strspn(value, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
			 "0123456789_.-")] || *value == '.') {
		snprintf(err, errlen, "%s: one name of under %zu characters (letters, "
			 "digits, '_', '.', '-')", key, len);
		return -EINVAL;
	}
	strcpy(dst, value);
	return 0;
}

static int parse_between(struct matrix_line *l, char *value, char *err, size_t errlen)
{
	char *second = strchr(value, ',');

	if (second)
		*second++ = '\0';
	if (!second || strchr(second, ',') || !strcmp(value, second) ||
	    parse_name(l->between[0], sizeof(l->between[0]), "between", value, err, errlen) ||
	    parse_name(l->between[1], sizeof(l->between[1]), "between", second, err, errlen)) {
		snprintf(err, errlen, "between: two different profiles, PROFILE,PROFILE");
		return -EINVAL;
	}
	return 0;
}

/* The tags after '|': key=value words; a title's value is in double quotes. */
static int parse_tags(struct matrix_line *l, char *s, char *err, size_t errlen)
{
	while (*(s = trim(s))) {
		char *key = s, *value, *end;
		int ret = 0;

		value = strchr(s, '=');
		if (!value || value == key) {
			snprintf(err, errlen, "'%s': a tag is key=value", key);
			return -EINVAL;
		}
		*value++ = '\0';
		if (*value == '"') {
			end = strchr(++value, '"');
			if (!end) {
				snprintf(err, errlen, "%s: unterminated quote", key);
				return -EINVAL;
			}
		} else {
			end = value + strcspn(value, " \t");
		}
		s = *end ? end + 1 : end;
		*end = '\0';
		if (!strcmp(key, "plot")) {
			ret = parse_plots(l, value, err, errlen);
		} else if (!strcmp(key, "vs")) {
			ret = parse_vs(l, value, err, errlen);
		} else if (!strcmp(key, "title")) {
			if (snprintf(l->title, sizeof(l->title), "%s", value) >=
			    (int)sizeof(l->title)) {
				snprintf(err, errlen, "title: longer than %zu characters",
					 sizeof(l->title) - 1);
				ret = -EINVAL;
			}
		} else if (!strcmp(key, "across")) {
			ret = parse_name(l->across, sizeof(l->across), key, value, err, errlen);
		} else if (!strcmp(key, "between")) {
			ret = parse_between(l, value, err, errlen);
		} else if (!strcmp(key, "loop")) {
			ret = parse_name(l->loop, sizeof(l->loop), key, value, err, errlen);
		} else if (!strcmp(key, "scale")) {
			ret = parse_name(l->scale, sizeof(l->scale), key, value, err, errlen);
		} else if (!strcmp(key, "role")) {
			l->floor = !strcmp(value, "floor");
			if (!l->floor) {
				snprintf(err, errlen, "role '%s' is not: floor", value);
				ret = -EINVAL;
			}
		} else {
			snprintf(err, errlen, "unknown tag '%s' (known: plot, vs, across, "
				 "between, loop, role, scale, title)", key);
			ret = -EINVAL;
		}
		if (ret)
			return ret;
	}
	return 0;
}

static int parse_line(struct matrix_line *l, char *line, char *err, size_t errlen)
{
	char *bar = strchr(line, '|'), *name, *args;
	size_t n;

	memset(l, 0, sizeof(*l));
	if (bar)
		*bar = '\0';
	name = trim(line);
	n = strcspn(name, " \t");
	args = trim(name + n);
	name[n] = '\0';
	if (n >= sizeof(l->name) || !*args) {
		snprintf(err, errlen, "'%s': a line is NAME (under %zu characters) and the "
			 "arguments of dmabench run", name, sizeof(l->name));
		return -EINVAL;
	}
	strcpy(l->name, name);
	l->args = strdup(args);
	if (!l->args) {
		snprintf(err, errlen, "out of memory");
		return -ENOMEM;
	}
	return bar ? parse_tags(l, bar + 1, err, errlen) : 0;
}

static int check(const struct matrix *m, char *err, size_t errlen)
{
	const struct matrix_line *floor = NULL;
	size_t i, k;

	for (i = 0; i < m->n; i++) {
		const struct matrix_line *l = &m->line[i];

		if (matrix_find(m, l->name) != l) {
			snprintf(err, errlen, "%s: named twice", l->name);
			return -EINVAL;
		}
		for (k = 0; k < l->nvs; k++) {
			if (matrix_find(m, l->vs[k]) && strcmp(l->vs[k], l->name))
				continue;
			snprintf(err, errlen, "%s: vs=%s is not another entry of the matrix",
				 l->name, l->vs[k]);
			return -EINVAL;
		}
		if (l->loop[0] && (!matrix_find(m, l->loop) || !strcmp(l->loop, l->name))) {
			snprintf(err, errlen, "%s: loop=%s is not another entry of the matrix",
				 l->name, l->loop);
			return -EINVAL;
		}
		if (l->floor && floor) {
			snprintf(err, errlen, "%s: role=floor, and %s is the floor already",
				 l->name, floor->name);
			return -EINVAL;
		}
		if (l->floor)
			floor = l;
	}
	return 0;
}

int matrix_load(const char *path, struct matrix *m, char *err, size_t errlen)
{
	char line[4096], why[256];
	unsigned int lineno = 0;
	size_t cap = 0;
	FILE *fp;
	int ret = 0;

	memset(m, 0, sizeof(*m));
	fp = fopen(path, "r");
	if (!fp) {
		ret = -errno;
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return ret;
	}
	while (!ret && fgets(line, sizeof(line), fp)) {
		char *text;

		lineno++;
		line[strcspn(line, "\n")] = '\0';
		text = trim(line);
		if (!*text || *text == '#')
			continue;
		if (m->n == cap) {
			struct matrix_line *grown = realloc(m->line, (cap * 2 + 16) * sizeof(*grown));

			if (!grown) {
				ret = -ENOMEM;
				snprintf(err, errlen, "out of memory");
				break;
			}
			m->line = grown;
			cap = cap * 2 + 16;
		}
		ret = parse_line(&m->line[m->n], text, why, sizeof(why));
		if (ret) {
			free(m->line[m->n].args);
			snprintf(err, errlen, "%s:%u: %s", path, lineno, why);
		} else {
			m->n++;
		}
	}
	fclose(fp);
	if (!ret && check(m, why, sizeof(why))) {
		ret = -EINVAL;
		snprintf(err, errlen, "%s: %s", path, why);
	}
	if (ret)
		matrix_free(m);
	return ret;
}
