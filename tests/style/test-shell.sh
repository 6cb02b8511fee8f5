#!/usr/bin/env bash
# Style suite of the shell scripts (KTAP), on the host, without the lab:
# every shell script of the project is shellcheck clean. A shell script is
# a file git knows (or would add) whose first line runs sh, bash, dash or
# busybox sh, or whose name ends in .sh (the sourced ones). Where the code
# is right, a script disables one check inline and says why.
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=tests/lib/ktap.sh
. "$top/tests/lib/ktap.sh"
cd "$top" || exit 1

command -v shellcheck > /dev/null ||
	{ echo "shellcheck missing: make deps installs it" >&2; exit 1; }

# Prints the shell scripts among the paths on stdin.
shell_scripts() {
	local f first
	while IFS= read -r f; do
		[ -f "$f" ] || continue
		case $f in *.sh) echo "$f"; continue ;; esac
		IFS= read -r first < "$f" || continue
		[[ $first =~ ^\#!.*[/\ ](ba|da)?sh(\ |$) ]] && echo "$f"
	done
}
mapfile -t files < <(git ls-files -co --exclude-standard | sort -u | shell_scripts)

ktap_begin ${#files[@]}
# -x: follow what a script sources (paths from the project root). Two
# processes, for two cores; each finding is a line "FILE:LINE:COL: ...".
findings=$(printf '%s\0' "${files[@]}" | xargs -0 -n 8 -P 2 shellcheck -x -f gcc 2>&1)
for f in "${files[@]}"; do
	mine=$(awk -v f="$f:" 'index($0, f) == 1 && substr($0, length(f) + 1) ~ /^[0-9]+:/' <<< "$findings")
	if [ -z "$mine" ]; then
		ktap_ok "shellcheck: $f"
	else
		ktap_not_ok "shellcheck: $f" "$(head -n 40 <<< "$mine")"
	fi
done
ktap_end
