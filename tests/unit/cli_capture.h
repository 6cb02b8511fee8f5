/* SPDX-License-Identifier: GPL-2.0 */
/* Runs the dmabench CLI in-process with its stdout and stderr captured, for
 * the unit tests of the commands. */
#ifndef DMABENCH_TEST_CLI_CAPTURE_H
#define DMABENCH_TEST_CLI_CAPTURE_H

#include <stdarg.h>
#include <stddef.h>
#include <jansson.h>
#include "cmd.h"

struct cli_capture {
	char *out_text, *err_text;
	size_t out_len, err_len;
};

/*
 * "dmabench [CMD] ARGS..." (ARGS from ap, NULL-terminated) through
 * dmabench_main with ctx->out and ctx->err captured into cap; returns the
 * exit code. The previous capture is freed.
 */
int cli_capture_vrun(struct cmd_ctx *ctx, struct cli_capture *cap,
		     const char *cmd, va_list ap);
/* The same without a command word: "dmabench ARGS..., NULL". */
int cli_capture_run(struct cmd_ctx *ctx, struct cli_capture *cap, ...);
void cli_capture_free(struct cli_capture *cap);

/* The JSON document in path; fails the test if there is none. */
json_t *cli_load_json(const char *path);

#endif
