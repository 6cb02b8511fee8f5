# Shared by tests/packages/test-*.sh (sourced from the project root, after
# lab/lib.sh). packages_setup KERNEL sets, for the lab's kernel KERNEL:
#   abi, suite       its release and Debian suite (lab/kernel-info)
#   root_suite       the release of its build root (bookworm for 6.1 and
#                    6.12, trixie for 7.x)
#   lower            that build root (lab/buildroot-run makes it if missing)
#   debs             the two packages built for that release: build/deb/,
#                    or build/deb/ROOT_SUITE/ (scripts/build-deb ROOT_SUITE)
#   sources          the kernel's suite as lab/apt names it (with -updates
#                    and -security for a release), for the root's apt
#   apt_release      that suite when it is a backports suite, else empty:
#                    the root's APT::Default-Release, as a user installs
#                    a backported kernel (apt install -t SUITE); trixie's
#                    solver takes nothing from backports unasked, and
#                    7.x's image needs backports' linux-base
# shellcheck shell=bash disable=SC2034 # variables for the sourcing script

packages_setup() {
	local name=$1 buildroot debdir
	abi=$(lab/kernel-info "$name" abi) || exit
	suite=$(lab/kernel-info "$name" suite)
	buildroot=$(lab/kernel-info "$name" buildroot)
	root_suite=${buildroot:-${suite%%-*}}
	debdir=$BUILD_DIR/deb
	[ "$root_suite" = bookworm ] || debdir=$debdir/$root_suite
	shopt -s nullglob
	debs=("$debdir"/dmabench_*.deb "$debdir"/dmabench-dkms_*.deb)
	shopt -u nullglob
	[ ${#debs[@]} -eq 2 ] ||
		lab_die 1 "want one dmabench and one dmabench-dkms .deb in $debdir (scripts/build-deb $root_suite), found ${#debs[@]}"
	sources=$BUILD_DIR/apt/$suite/sources.list
	[ -f "$sources" ] || lab_die 1 "no $sources (lab/apt $suite)"
	lab/buildroot-run "$root_suite" true	# makes the root when missing
	lower=$LAB_CACHE/buildroot-$root_suite
	apt_release=""
	[[ "$suite" != *-backports ]] || apt_release=$suite
}

# packages_chroot ROOT CMD [ARG...]: CMD in the Debian root ROOT with the
# kernel's suite in its apt sources, the project at its own path, /proc
# and /dev, in a private mount namespace (nothing stays mounted), and
# apt_release as its default release. With OVERLAY=DIR, ROOT is first made
# an overlay of $lower with its changes in DIR (thrown away with DIR).
packages_chroot() {
	# shellcheck disable=SC2016 # the inner shell expands
	unshare -m /bin/sh -c '
		set -e
		root=$1 lower=$2 overlay=$3 project=$4 sources=$5 release=$6
		shift 6
		if [ -n "$overlay" ]; then
			mkdir -p "$overlay/upper" "$overlay/work" "$root"
			mount -t overlay overlay \
				-o "lowerdir=$lower,upperdir=$overlay/upper,workdir=$overlay/work" "$root"
		fi
		mkdir -p "$root$project"
		mount --rbind "$project" "$root$project"
		mount -t proc proc "$root/proc"
		mount --rbind /dev "$root/dev"
		cp "$sources" "$root/etc/apt/sources.list.d/kernel.list"
		conf=$root/etc/apt/apt.conf.d/90kernel-release
		if [ -n "$release" ]; then
			echo "APT::Default-Release \"$release\";" > "$conf"
		else
			rm -f "$conf"
		fi
		exec chroot "$root" "$@"
	' sh "$1" "$lower" "${OVERLAY:-}" "$PROJECT_DIR" "$sources" "${apt_release:-}" "${@:2}"
}
