/* SPDX-License-Identifier: GPL-2.0 */
/* Facts about the machine a result came from: the fingerprint of a run. */
#ifndef DMABENCH_SYSINFO_H
#define DMABENCH_SYSINFO_H

#include <stddef.h>
#include <time.h>

#define DMABENCH_CLOCKSOURCE_SYSFS \
	"/sys/devices/system/clocksource/clocksource0/current_clocksource"

/* "2026-11-21T09:15:35.123Z" (UTC, milliseconds). */
void iso8601_utc(const struct timespec *ts, char *buf, size_t len);

/* $DMABENCH_PROFILE (set by lab/run) or "host". */
const char *dmabench_profile(void);

/* The first line of a file (a sysfs attribute: the clocksource,
 * DMABENCH_CLOCKSOURCE_SYSFS; a PCI device's vendor...) without its
 * newline, or "" if unreadable. */
void read_first_line(const char *path, char *buf, size_t len);

/*
 * The exact kernel build from uname's version string: the distribution's
 * package version where it names one ("Debian 6.12.95-1~bpo12+1"), else
 * the whole string. Two kernels of one release differ here.
 */
void kernel_version_from_uts(const char *uts_version, char *buf, size_t len);

/*
 * What the CPU says it runs under: the hypervisor's CPUID signature
 * ("TCGTCGTCGTCG" for QEMU's emulator, "KVMKVMKVM" for KVM), "none" where
 * the CPU reports no hypervisor, "unknown" where it cannot tell (not x86).
 * Emulated and real timings differ in kind: a result says which it is.
 */
void hypervisor_name(char *buf, size_t len);
/* The same from CPUID values: leaf 1's ECX, leaf 0x40000000's EBX, ECX,
 * EDX. Bytes that are not printable ASCII become '?'. */
void hypervisor_from_cpuid(unsigned int leaf1_ecx, unsigned int ebx,
			   unsigned int ecx, unsigned int edx, char *buf, size_t len);

/* argv joined with spaces, shell-quoted where needed; malloc'ed. */
char *cmdline_join(int argc, char **argv);

#endif
