/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Minimal KTAP writer for dmabench's module tests. Results are buffered so
 * that the plan line ("1..N") can come first, as KTAP wants.
 */
#ifndef DMABENCH_KTAP_H
#define DMABENCH_KTAP_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

static FILE *ktap_buf;
static char *ktap_text;
static size_t ktap_len;
static int ktap_count, ktap_failures;

static inline void ktap_begin(void)
{
	ktap_buf = open_memstream(&ktap_text, &ktap_len);
	if (!ktap_buf) {
		perror("open_memstream");
		exit(2);
	}
}

/* A diagnostic line, kept in order with the results. */
static inline void __attribute__((format(printf, 1, 2))) ktap_diag(const char *fmt, ...)
{
	va_list ap;

	fputs("# ", ktap_buf);
	va_start(ap, fmt);
	vfprintf(ktap_buf, fmt, ap);
	va_end(ap);
	fputc('\n', ktap_buf);
}

static inline int __attribute__((format(printf, 2, 3))) ktap_ok(int ok, const char *fmt, ...)
{
	va_list ap;

	ktap_count++;
	if (!ok)
		ktap_failures++;
	fprintf(ktap_buf, "%sok %d - ", ok ? "" : "not ", ktap_count);
	va_start(ap, fmt);
	vfprintf(ktap_buf, fmt, ap);
	va_end(ap);
	fputc('\n', ktap_buf);
	return ok;
}

/* Prints the whole report; returns the exit status. */
static inline int ktap_end(void)
{
	fclose(ktap_buf);
	printf("KTAP version 1\n1..%d\n", ktap_count);
	fwrite(ktap_text, 1, ktap_len, stdout);
	printf("# totals: pass:%d fail:%d\n", ktap_count - ktap_failures,
	       ktap_failures);
	free(ktap_text);
	return ktap_failures ? 1 : 0;
}

#endif /* DMABENCH_KTAP_H */
