# KTAP output for shell test suites (sourced). One plan, numbered results.
# shellcheck shell=bash

ktap_n=0
ktap_failed=0

ktap_begin() { # number of tests
	echo "KTAP version 1"
	echo "1..$1"
}

ktap_ok() { # description
	ktap_n=$((ktap_n + 1))
	echo "ok $ktap_n - $1"
}

ktap_not_ok() { # description [diagnostic...]
	local line
	ktap_n=$((ktap_n + 1))
	ktap_failed=$((ktap_failed + 1))
	echo "not ok $ktap_n - $1"
	shift
	for line in "$@"; do
		printf '%s\n' "$line" | sed 's/^/# /'
	done
}

ktap_skip() { # description reason
	ktap_n=$((ktap_n + 1))
	echo "ok $ktap_n - $1 # SKIP $2"
}

ktap_check() { # description condition-command...
	local description=$1
	shift
	if "$@"; then ktap_ok "$description"; else ktap_not_ok "$description"; fi
}

ktap_expect_eq() { # description actual expected [diagnostic...]
	if [ "$2" = "$3" ]; then
		ktap_ok "$1"
	else
		local d=$1 a=$2 e=$3
		shift 3
		ktap_not_ok "$d" "expected: $e" "actual:   $a" "$@"
	fi
}

ktap_end() { # exit status: failures
	[ $ktap_failed -eq 0 ]
}
