// SPDX-License-Identifier: GPL-2.0
/*
 * The LTTng-UST provider of dmabench's events, built alone as
 * bench/libdmabench-ust.so (linked with liblttng-ust). `dmabench trace
 * --with lttng` preloads it into the run it records; nothing else loads it.
 */
#define LTTNG_UST_TRACEPOINT_CREATE_PROBES
#include "ust/dmabench_ust_tp.h"
