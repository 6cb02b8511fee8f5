// SPDX-License-Identifier: GPL-2.0
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include "options.h"

static uint64_t load_uint(const void *cfg, const struct opt_desc *d)
{
	const char *p = (const char *)cfg + d->offset;

	if (d->field_size == sizeof(uint32_t)) {
		uint32_t v;

		memcpy(&v, p, sizeof(v));
		return v;
	}
	uint64_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

static void store_uint(void *cfg, const struct opt_desc *d, uint64_t value)
{
	char *p = (char *)cfg + d->offset;

	if (d->field_size == sizeof(uint32_t)) {
		uint32_t v = (uint32_t)value;

		memcpy(p, &v, sizeof(v));
	} else {
		memcpy(p, &value, sizeof(value));
	}
}

const char *opt_name_of(const struct opt_name *names, uint64_t value)
{
	for (; names && names->name; names++)
		if (!names->alias && names->value == value)
			return names->name;
	return NULL;
}

static const struct opt_name *find_name(const struct opt_name *names,
					const char *s, size_t len)
{
	for (; names && names->name; names++)
		if (strlen(names->name) == len && !strncmp(names->name, s, len))
			return names;
	return NULL;
}

static void list_names(const struct opt_name *names, const char *sep,
		       char *buf, size_t len)
{
	size_t used = 0;

	buf[0] = '\0';
	for (; names && names->name; names++) {
		if (names->alias)
			continue;
		int n = snprintf(buf + used, len - used, "%s%s",
				 used ? sep : "", names->name);
		if (n < 0 || (size_t)n >= len - used)
			return;
		used += (size_t)n;
	}
}

/* Largest unit that divides ns exactly, so "600s" rather than 600000000000ns. */
static void format_duration(uint64_t ns, char *buf, size_t len)
{
	static const struct { const char *unit; uint64_t ns; } units[] = {
		{ "s", 1000000000ULL }, { "ms", 1000000ULL }, { "us", 1000ULL },
	};
	size_t i;

	for (i = 0; ns && i < sizeof(units) / sizeof(units[0]); i++) {
		if (ns % units[i].ns == 0) {
			snprintf(buf, len, "%" PRIu64 "%s", ns / units[i].ns,
				 units[i].unit);
			return;
		}
	}
	snprintf(buf, len, "%" PRIu64 "ns", ns);
}

static void format_range(const struct opt_desc *d, char *buf, size_t len)
{
	char lo[32], hi[32];

	switch (d->type) {
	case OPT_DURATION:
		format_duration(d->min, lo, sizeof(lo));
		format_duration(d->max, hi, sizeof(hi));
		snprintf(buf, len, "%s..%s", lo, hi);
		break;
	case OPT_SIZE:
		snprintf(buf, len, "%" PRIu64 "..%" PRIu64 " bytes", d->min, d->max);
		break;
	default:
		snprintf(buf, len, "%" PRIu64 "..%" PRIu64, d->min, d->max);
		break;
	}
	if (d->flags & OPT_F_ZERO_IS_UNSET) {
		size_t used = strlen(buf);

		snprintf(buf + used, len - used, ", or 0 for the default");
	}
}

/* Decimal digits only: no sign, no spaces, no base prefixes. */
enum digits_status { DIGITS_OK, DIGITS_NONE, DIGITS_OVERFLOW };

static enum digits_status parse_digits(const char *s, const char **end,
				       uint64_t *value)
{
	uint64_t v = 0;
	const char *p = s;
	bool wrapped = false;

	for (; *p >= '0' && *p <= '9'; p++) {
		if (__builtin_mul_overflow(v, 10, &v) ||
		    __builtin_add_overflow(v, (uint64_t)(*p - '0'), &v))
			wrapped = true;
	}
	*end = p;
	*value = v;
	if (p == s)
		return DIGITS_NONE;
	return wrapped ? DIGITS_OVERFLOW : DIGITS_OK;
}

static uint64_t size_multiplier(const char *suffix)
{
	static const struct { const char *suffix; uint64_t mult; } table[] = {
		{ "", 1 },
		{ "k", 1ULL << 10 }, { "K", 1ULL << 10 }, { "KiB", 1ULL << 10 },
		{ "m", 1ULL << 20 }, { "M", 1ULL << 20 }, { "MiB", 1ULL << 20 },
		{ "g", 1ULL << 30 }, { "G", 1ULL << 30 }, { "GiB", 1ULL << 30 },
	};
	size_t i;

	for (i = 0; i < sizeof(table) / sizeof(table[0]); i++)
		if (!strcmp(suffix, table[i].suffix))
			return table[i].mult;
	return 0;
}

static uint64_t duration_multiplier(const char *suffix)
{
	static const struct { const char *suffix; uint64_t mult; } table[] = {
		{ "ns", 1 }, { "us", 1000ULL }, { "ms", 1000000ULL },
		{ "s", 1000000000ULL },
	};
	size_t i;

	for (i = 0; i < sizeof(table) / sizeof(table[0]); i++)
		if (!strcmp(suffix, table[i].suffix))
			return table[i].mult;
	return 0;
}

static const char *number_kind(enum opt_type type)
{
	switch (type) {
	case OPT_SIZE:
		return "is not a size (a number with optional K, M or G suffix)";
	case OPT_DURATION:
		return "is not a duration (a number with ns, us, ms or s suffix)";
	default:
		return "is not a number";
	}
}

static int parse_number(const struct opt_desc *d, const char *text, void *cfg,
			char *err, size_t errlen)
{
	char range[96];
	const char *end;
	uint64_t v, mult = 1;
	enum digits_status st;

	format_range(d, range, sizeof(range));
	if (text[0] == '-') {
		snprintf(err, errlen, "--%s: '%s' is negative (allowed %s)",
			 d->name, text, range);
		return -1;
	}
	st = parse_digits(text, &end, &v);
	if (st == DIGITS_NONE)
		goto garbage;
	if (d->type == OPT_SIZE)
		mult = size_multiplier(end);
	else if (d->type == OPT_DURATION)
		/* A bare number would be ambiguous (ns? s?); only 0 needs no unit. */
		mult = *end ? duration_multiplier(end) : (v == 0 ? 1 : 0);
	else if (*end)
		mult = 0;
	if (mult == 0)
		goto garbage;
	if (st == DIGITS_OVERFLOW || __builtin_mul_overflow(v, mult, &v))
		goto out_of_range;
	if (v == 0 && (d->flags & OPT_F_ZERO_IS_UNSET))
		goto ok;
	if (v < d->min || v > d->max)
		goto out_of_range;
ok:
	store_uint(cfg, d, v);
	return 0;
garbage:
	snprintf(err, errlen, "--%s: '%s' %s", d->name, text, number_kind(d->type));
	return -1;
out_of_range:
	snprintf(err, errlen, "--%s: '%s' is out of range (allowed %s)",
		 d->name, text, range);
	return -1;
}

static int parse_enum(const struct opt_desc *d, const char *text, void *cfg,
		      char *err, size_t errlen)
{
	const struct opt_name *n = find_name(d->names, text, strlen(text));
	char known[256];

	if (!n) {
		list_names(d->names, ", ", known, sizeof(known));
		snprintf(err, errlen, "--%s: '%s' is not one of: %s", d->name,
			 text, known);
		return -1;
	}
	store_uint(cfg, d, n->value);
	return 0;
}

/* "a,b,c": every name must be known; "" means none. */
static int parse_flags(const struct opt_desc *d, const char *text, void *cfg,
		       char *err, size_t errlen)
{
	const char *p = text;
	uint64_t v = 0;
	char known[256];

	while (*p) {
		size_t len = strcspn(p, ",");
		const struct opt_name *n = find_name(d->names, p, len);

		if (!n) {
			list_names(d->names, ", ", known, sizeof(known));
			snprintf(err, errlen, "--%s: unknown name '%.*s' (known: %s)",
				 d->name, (int)len, p, known);
			return -1;
		}
		v |= n->value;
		p += len;
		if (*p == ',' && !*++p) {
			snprintf(err, errlen, "--%s: '%s' ends with a comma",
				 d->name, text);
			return -1;
		}
	}
	store_uint(cfg, d, v);
	return 0;
}

static int parse_string(const struct opt_desc *d, const char *text, void *cfg,
			char *err, size_t errlen)
{
	size_t len = strlen(text);

	if (len >= d->field_size) {
		snprintf(err, errlen, "--%s: '%s' is longer than %zu characters",
			 d->name, text, d->field_size - 1);
		return -1;
	}
	memcpy((char *)cfg + d->offset, text, len + 1);
	return 0;
}

int opts_parse_value(const struct opt_desc *d, const char *text, void *cfg,
		     char *err, size_t errlen)
{
	switch (d->type) {
	case OPT_ENUM:
		return parse_enum(d, text, cfg, err, errlen);
	case OPT_FLAGS:
		return parse_flags(d, text, cfg, err, errlen);
	case OPT_STRING:
		return parse_string(d, text, cfg, err, errlen);
	default:
		return parse_number(d, text, cfg, err, errlen);
	}
}

void opts_set_defaults(const struct opt_table *t, void *cfg)
{
	size_t i;

	for (i = 0; i < t->n; i++) {
		const struct opt_desc *d = &t->opts[i];

		if (d->type == OPT_STRING) {
			char *dst = (char *)cfg + d->offset;

			snprintf(dst, d->field_size, "%s", d->def_str ? d->def_str : "");
		} else {
			store_uint(cfg, d, d->def);
		}
	}
}

static const struct opt_desc *find_opt(const struct opt_table *t,
				       const char *name, size_t len, size_t *index)
{
	size_t i;

	for (i = 0; i < t->n; i++) {
		if (strlen(t->opts[i].name) == len &&
		    !strncmp(t->opts[i].name, name, len)) {
			*index = i;
			return &t->opts[i];
		}
	}
	return NULL;
}

enum opts_status opts_parse(const struct opt_table *t, void *cfg, int argc,
			    char **argv, char **positional, int max_positional,
			    int *npositional, bool *seen, char *err, size_t errlen)
{
	bool only_positional = false;
	int i;

	*npositional = 0;
	for (i = 0; i < argc; i++) {
		const char *arg = argv[i], *value;
		const struct opt_desc *d;
		size_t name_len, index;

		if (only_positional || arg[0] != '-' || !strcmp(arg, "-")) {
			if (*npositional >= max_positional) {
				snprintf(err, errlen, "unexpected argument '%s'", arg);
				return OPTS_ERROR;
			}
			positional[(*npositional)++] = argv[i];
			continue;
		}
		if (!strcmp(arg, "--")) {
			only_positional = true;
			continue;
		}
		if (!strcmp(arg, "-h") || !strcmp(arg, "--help"))
			return OPTS_HELP;
		if (arg[1] != '-') {
			snprintf(err, errlen, "unknown option '%s' (options are --long)", arg);
			return OPTS_ERROR;
		}
		arg += 2;
		name_len = strcspn(arg, "=");
		d = find_opt(t, arg, name_len, &index);
		if (!d) {
			snprintf(err, errlen, "unknown option '--%.*s'", (int)name_len, arg);
			return OPTS_ERROR;
		}
		if (d->type == OPT_SWITCH) {
			if (arg[name_len] == '=') {
				snprintf(err, errlen, "--%s takes no value", d->name);
				return OPTS_ERROR;
			}
			store_uint(cfg, d, 1);
			if (seen)
				seen[index] = true;
			continue;
		}
		if (arg[name_len] == '=') {
			value = arg + name_len + 1;
		} else if (i + 1 < argc) {
			value = argv[++i];
		} else {
			snprintf(err, errlen, "--%s needs a value", d->name);
			return OPTS_ERROR;
		}
		if (opts_parse_value(d, value, cfg, err, errlen))
			return OPTS_ERROR;
		if (seen)
			seen[index] = true;
	}
	return OPTS_OK;
}

void opts_format_value(const struct opt_desc *d, const void *cfg, char *buf,
		       size_t len)
{
	uint64_t v = d->type == OPT_STRING ? 0 : load_uint(cfg, d);
	const struct opt_name *n;
	size_t used = 0;

	switch (d->type) {
	case OPT_STRING:
		snprintf(buf, len, "%s", (const char *)cfg + d->offset);
		break;
	case OPT_DURATION:
		format_duration(v, buf, len);
		break;
	case OPT_ENUM:
		snprintf(buf, len, "%s", opt_name_of(d->names, v) ?: "?");
		break;
	case OPT_SWITCH:
		snprintf(buf, len, "%s", v ? "on" : "off");
		break;
	case OPT_FLAGS:
		buf[0] = '\0';
		for (n = d->names; n && n->name; n++) {
			if (n->alias || !(v & n->value))
				continue;
			int w = snprintf(buf + used, len - used, "%s%s",
					 used ? "," : "", n->name);
			if (w < 0 || (size_t)w >= len - used)
				break;
			used += (size_t)w;
		}
		break;
	default:
		snprintf(buf, len, "%" PRIu64, v);
		break;
	}
}

static const char *metavar(const struct opt_desc *d, char *buf, size_t len)
{
	if (d->metavar)
		return d->metavar;
	switch (d->type) {
	case OPT_SIZE:
		return "SIZE";
	case OPT_DURATION:
		return "TIME";
	case OPT_STRING:
		return "TEXT";
	case OPT_ENUM:
		list_names(d->names, "|", buf, len);
		return buf;
	case OPT_FLAGS:
		return "NAME[,NAME...]";
	case OPT_SWITCH:
		return "";
	default:
		return "N";
	}
}

void opts_print_help(FILE *out, const struct opt_table *t)
{
	char meta[128], def[64], range[96], known[256], head[160];
	size_t i;

	for (i = 0; i < t->n; i++) {
		const struct opt_desc *d = &t->opts[i];

		snprintf(head, sizeof(head), "--%s %s", d->name,
			 metavar(d, meta, sizeof(meta)));
		fprintf(out, "  %-32s %s", head, d->help);
		switch (d->type) {
		case OPT_U32: case OPT_U64: case OPT_SIZE: case OPT_DURATION:
			format_range(d, range, sizeof(range));
			if (d->def < d->min && !(d->flags & OPT_F_ZERO_IS_UNSET))
				snprintf(def, sizeof(def), "unset");
			else if (d->type == OPT_DURATION)
				format_duration(d->def, def, sizeof(def));
			else
				snprintf(def, sizeof(def), "%" PRIu64, d->def);
			fprintf(out, " (default %s; %s)\n", def, range);
			break;
		case OPT_ENUM:
			fprintf(out, " (default %s)\n", opt_name_of(d->names, d->def) ?: "?");
			break;
		case OPT_FLAGS:
			list_names(d->names, ", ", known, sizeof(known));
			fprintf(out, " (default none; names: %s)\n", known);
			break;
		case OPT_STRING:
			if (d->def_str && *d->def_str)
				fprintf(out, " (default %s)\n", d->def_str);
			else
				fputc('\n', out);
			break;
		case OPT_SWITCH:
			fputc('\n', out);
			break;
		}
	}
}

json_t *opts_to_json(const struct opt_table *t, const void *cfg)
{
	json_t *obj = json_object();
	size_t i;

	if (!obj)
		return NULL;
	for (i = 0; i < t->n; i++) {
		const struct opt_desc *d = &t->opts[i];
		uint64_t v = d->type == OPT_STRING ? 0 : load_uint(cfg, d);
		const struct opt_name *n;
		json_t *val;

		switch (d->type) {
		case OPT_STRING:
			val = json_string((const char *)cfg + d->offset);
			break;
		case OPT_ENUM:
			val = json_string(opt_name_of(d->names, v) ?: "?");
			break;
		case OPT_SWITCH:
			val = json_boolean(v);
			break;
		case OPT_FLAGS:
			val = json_array();
			for (n = d->names; val && n && n->name; n++)
				if (!n->alias && (v & n->value))
					json_array_append_new(val, json_string(n->name));
			break;
		default:
			/* json_int_t is signed 64-bit; every limit fits well below 2^63. */
			val = json_integer((json_int_t)v);
			break;
		}
		if (!val || json_object_set_new(obj, d->json_key, val)) {
			json_decref(obj);
			return NULL;
		}
	}
	return obj;
}

void opts_print_params(FILE *fp, const struct opt_table *t, const void *cfg)
{
	json_t *params = opts_to_json(t, cfg), *value;
	const char *key;

	fputs("# params:", fp);
	json_object_foreach(params, key, value) {
		char *text = json_dumps(value, JSON_COMPACT | JSON_ENCODE_ANY);

		fprintf(fp, " %s=%s", key, text ? text : "?");
		free(text);
	}
	fputc('\n', fp);
	json_decref(params);
}
