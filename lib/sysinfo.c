// SPDX-License-Identifier: GPL-2.0
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#endif
#include "sysinfo.h"

/* CPUID.1:ECX bit 31: set by every hypervisor, clear on bare metal. */
#define CPUID_HYPERVISOR_BIT (1u << 31)
#define CPUID_HYPERVISOR_LEAF 0x40000000u

void iso8601_utc(const struct timespec *ts, char *buf, size_t len)
{
	struct tm tm;
	char base[32];

	gmtime_r(&ts->tv_sec, &tm);
	strftime(base, sizeof(base), "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(buf, len, "%s.%03ldZ", base, ts->tv_nsec / 1000000L);
}

void kernel_version_from_uts(const char *uts_version, char *buf, size_t len)
{
	const char *debian = strstr(uts_version, "Debian ");

	if (debian) {
		debian += strlen("Debian ");
		snprintf(buf, len, "%.*s", (int)strcspn(debian, " "), debian);
	} else {
		snprintf(buf, len, "%s", uts_version);
	}
}

void hypervisor_from_cpuid(unsigned int leaf1_ecx, unsigned int ebx,
			   unsigned int ecx, unsigned int edx, char *buf, size_t len)
{
	const unsigned int regs[3] = { ebx, ecx, edx };
	char sig[13];
	size_t i, n = 0;

	if (!(leaf1_ecx & CPUID_HYPERVISOR_BIT)) {
		snprintf(buf, len, "none");
		return;
	}
	/* NUL-padded ("KVMKVMKVM\0\0\0"): the padding goes, inner NULs show. */
	for (i = 0; i < 12; i++) {
		unsigned char c = (regs[i / 4] >> (8 * (i % 4))) & 0xff;

		sig[i] = c >= 0x20 && c < 0x7f ? (char)c : '?';
		if (c)
			n = i + 1;
	}
	sig[n] = '\0';
	snprintf(buf, len, "%s", n ? sig : "unknown");
}

void hypervisor_name(char *buf, size_t len)
{
#if defined(__x86_64__) || defined(__i386__)
	unsigned int a, b, c, d, ecx1;

	if (!__get_cpuid(1, &a, &b, &ecx1, &d)) {
		snprintf(buf, len, "unknown");
		return;
	}
	b = c = d = 0;
	if (ecx1 & CPUID_HYPERVISOR_BIT)
		__cpuid(CPUID_HYPERVISOR_LEAF, a, b, c, d);
	hypervisor_from_cpuid(ecx1, b, c, d, buf, len);
#else
	snprintf(buf, len, "unknown");
#endif
}

const char *dmabench_profile(void)
{
	const char *p = getenv("DMABENCH_PROFILE");

	return p && *p ? p : "host";
}

void read_first_line(const char *path, char *buf, size_t len)
{
	FILE *f = fopen(path, "r");

	buf[0] = '\0';
	if (!f)
		return;
	if (!fgets(buf, (int)len, f))
		buf[0] = '\0';
	fclose(f);
	buf[strcspn(buf, "\n")] = '\0';
}

static int needs_quotes(const char *s)
{
	if (!*s)
		return 1;
	for (; *s; s++)
		if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
			    "0123456789-_./=,:@%+", *s))
			return 1;
	return 0;
}

char *cmdline_join(int argc, char **argv)
{
	size_t cap = 1, used = 0;
	char *out, *p;
	int i;

	/* Worst case every char is a quote, which becomes '\'' (4 chars). */
	for (i = 0; i < argc; i++)
		cap += strlen(argv[i]) * 4 + 3;
	out = malloc(cap);
	if (!out)
		return NULL;
	for (i = 0; i < argc; i++) {
		if (i)
			out[used++] = ' ';
		if (!needs_quotes(argv[i])) {
			strcpy(out + used, argv[i]);
			used += strlen(argv[i]);
			continue;
		}
		out[used++] = '\'';
		for (p = argv[i]; *p; p++) {
			if (*p == '\'') {
				memcpy(out + used, "'\\''", 4);
				used += 4;
			} else {
				out[used++] = *p;
			}
		}
		out[used++] = '\'';
	}
	out[used] = '\0';
	return out;
}
