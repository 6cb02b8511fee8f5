// SPDX-License-Identifier: GPL-2.0
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <cmocka.h>
#include "cli_capture.h"

#define CLI_MAX_ARGS 40

void cli_capture_free(struct cli_capture *cap)
{
	free(cap->out_text);
	free(cap->err_text);
	cap->out_text = cap->err_text = NULL;
}

int cli_capture_vrun(struct cmd_ctx *ctx, struct cli_capture *cap,
		     const char *cmd, va_list ap)
{
	char *argv[CLI_MAX_ARGS];
	int argc = 0, ret;
	const char *a;

	argv[argc++] = "dmabench";
	if (cmd)
		argv[argc++] = (char *)cmd;
	while ((a = va_arg(ap, const char *)) && argc < CLI_MAX_ARGS - 1)
		argv[argc++] = (char *)a;
	argv[argc] = NULL;
	cli_capture_free(cap);
	ctx->out = open_memstream(&cap->out_text, &cap->out_len);
	ctx->err = open_memstream(&cap->err_text, &cap->err_len);
	assert_non_null(ctx->out);
	assert_non_null(ctx->err);
	ctx->argc_full = argc;
	ctx->argv_full = argv;
	ret = dmabench_main(ctx, argc - 1, argv + 1);
	fclose(ctx->out);
	fclose(ctx->err);
	ctx->argv_full = NULL;	/* argv lives on this stack frame */
	ctx->argc_full = 0;
	return ret;
}

int cli_capture_run(struct cmd_ctx *ctx, struct cli_capture *cap, ...)
{
	va_list ap;
	int ret;

	va_start(ap, cap);
	ret = cli_capture_vrun(ctx, cap, NULL, ap);
	va_end(ap);
	return ret;
}

json_t *cli_load_json(const char *path)
{
	json_error_t e;
	json_t *j = json_load_file(path, 0, &e);

	if (!j)
		fail_msg("%s: %s (line %d)", path, e.text, e.line);
	return j;
}
