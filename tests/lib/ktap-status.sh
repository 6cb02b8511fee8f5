# shellcheck shell=sh disable=SC2034 # n and fail are the sourcing script's
# KTAP results from exit statuses, for the POSIX sh test scripts (sourced
# after cd to the project root; the guest's /bin/sh is dash, not bash):
#   ok STATUS DESCRIPTION   "ok N" when STATUS is 0, else "not ok N", fail=1
# The script ends with: echo "1..$n"; exit $fail
n=0
fail=0

ok() {	# ok STATUS DESCRIPTION
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $n - $2"
	else
		echo "not ok $n - $2"
		fail=1
	fi
}
