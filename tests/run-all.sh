#!/usr/bin/env bash
# tests/run-all.sh: everything CI runs, in order:
#   packages   apt-get install what is missing (root only)
#   lint       shellcheck over the repository's shell scripts
#   _build     autoreconf -fi; configure --enable-werror; make -j2 check
#   _asan      configure --enable-sanitizers --enable-werror; make -j2 check
#   distcheck  make distcheck (unit tests only) from _build, if _build passed
#   root       the root suites of ROOT_SUITES (need root), then
#              tests/integration/run.sh again against an ASan/UBSan wrapper,
#              then the mutation run tests/mutation/run.sh (one PASS per
#              defence whose removal a test caught)
# and ends with one line "N passed, N failed".  Counted: each Check test case
# (from the Check summary in each unit program's .log, in both builds), each
# plain unit test script, and each PASS:/FAIL: line of the root suites.  A
# phase that fails without a failed case to show for it (a build error,
# distcheck, shellcheck, a suite that is missing or crashes) counts as one
# failure.  A root suite that skips (exit 77, not root) counts as a failure
# when CI=true.  Exit status 0 iff nothing failed.
#
# Output is shown and kept in _build/logs/.  _build and _asan are rebuilt
# from scratch.  Not root: packages must be there, and the root suites skip.
set -uo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$top" || exit 1

PACKAGES=(autoconf automake make gcc libc6-dev pkg-config check apache2 curl
	util-linux mount passwd procps shellcheck python3 strace
	binutils clang libclang-rt-14-dev clang-tools clang-tidy cppcheck)
ROOT_SUITES=(tests/integration/hardening.sh tests/analyze.sh tests/fuzz/run.sh
	tests/integration/run.sh tests/integration/parity.sh tests/integration/fault.sh
	tests/integration/jailtool.sh tests/integration/adversarial.sh tests/apache/run.sh)
LOGS=$top/_build/logs
ci=false
[ "${CI:-}" = true ] && ci=true

passed=0
failed=0
skipped=0
problems=()

banner() { printf '\n======== %s ========\n' "$*"; }

# problem TEXT: one failure that no counted case shows.
problem() {
	failed=$((failed + 1))
	problems+=("$1")
	printf '*** FAILED: %s\n' "$1"
}

# phase NAME CMD...: run CMD, output shown and saved in $LOGS/NAME.log.
phase() {
	local name=$1 rc
	shift
	banner "$name"
	printf '+ %s\n' "$*"
	"$@" 2>&1 | tee "$LOGS/$name.log"
	rc=${PIPESTATUS[0]}
	[ "$rc" -eq 0 ] || printf '*** %s exited %s\n' "$name" "$rc"
	return "$rc"
}

install_packages() {
	local p missing=()
	for p in "${PACKAGES[@]}"; do
		dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null |
			grep -q ' installed$' || missing+=("$p")
	done
	[ "${#missing[@]}" -eq 0 ] && return 0
	if [ "$(id -u)" -ne 0 ]; then
		echo "missing packages: ${missing[*]} (run as root to install them)" >&2
		return 1
	fi
	echo "installing: ${missing[*]}"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update && apt-get install -y "${missing[@]}" </dev/null
}

lint() {
	local f files=()
	for f in .ci/run demo/*.sh scripts/*.sh tests/*.sh tests/*/*.sh; do
		[ -f "$f" ] && files+=("$f")
	done
	printf '%s\n' "${files[@]}"
	shellcheck -x -P SCRIPTDIR "${files[@]}" && echo "shellcheck: clean"
}

# count_unit DIR [failures-only]: add up the unit test results of the build
# in DIR and print the log of every test that did not pass.  The sanitizer
# build reruns the same cases: it adds its failures, not its passes again.
count_unit() {
	local dir=$1 only_failures=${2:-} trs log name result summary c f e p n
	local before=$failed
	for trs in "$dir"/tests/unit/*.trs; do
		[ -f "$trs" ] || continue
		log=${trs%.trs}.log
		name=${trs#"$top"/}
		name=${name%.trs}
		result=$(sed -n 's/^:test-result: //p' "$trs" | head -n 1)
		summary=$(grep -Eo 'Checks: [0-9]+, Failures: [0-9]+, Errors: [0-9]+' "$log" 2>/dev/null |
			sed -E 's/[^0-9]+/ /g')
		case $name in
		*.sh)
			case $result in
			PASS | XFAIL) [ -n "$only_failures" ] || passed=$((passed + 1)) ;;
			SKIP)
				if $ci; then
					problem "$name skipped (CI forbids skips)"
				else
					skipped=$((skipped + 1))
				fi
				;;
			*) failed=$((failed + 1)) ;;
			esac
			;;
		*)
			p=0 n=0
			# One summary per Check runner; a program may have several.
			while read -r c f e; do
				[ -n "${c:-}" ] || continue
				p=$((p + c - f - e))
				n=$((n + f + e))
			done <<<"$summary"
			[ -n "$only_failures" ] || passed=$((passed + p))
			failed=$((failed + n))
			if [ "$result" != PASS ] && [ "$n" -eq 0 ]; then
				problem "$name: $result without a failed check (crash, sanitizer or leak report?)"
			fi
			;;
		esac
		if [ "$result" != PASS ]; then
			printf '\n-------- %s (%s) --------\n' "${log#"$top"/}" "$result"
			cat "$log"
		fi
	done
	# Callers compare: did this build report failures?
	[ "$failed" -eq "$before" ]
}

# configure_in DIR FLAGS...: a VPATH configure of the tree in DIR.
configure_in() {
	local dir=$1
	shift
	(cd "$dir" && "$top/configure" "$@")
}

# unit_build DIR COUNT CONFIGURE-FLAGS...: configure in DIR, make check,
# count (COUNT: "all", or "failures" for a rerun of the same cases).
unit_build() {
	local dir=$1 count=$2 name
	shift 2
	name=$(basename "$dir")
	# A fresh build directory (_build keeps this run's logs/).
	mkdir -p "$dir"
	find "$dir" -mindepth 1 -maxdepth 1 ! -path "$LOGS" -exec rm -rf {} +
	if ! phase "$name-configure" configure_in "$dir" "$@"; then
		problem "$name: configure failed"
		return 1
	fi
	local rc=0
	phase "$name-check" make -C "$dir" -j2 check || rc=$?
	local only=
	[ "$count" = all ] || only=yes
	if ! count_unit "$dir" $only || [ "$rc" -eq 0 ]; then
		return "$rc"
	fi
	problem "$name: make check failed (build error?)"
	return "$rc"
}

root_suite() {
	local suite=$1 name log rc
	name=$(basename "$(dirname "$suite")")
	# tests/D/run.sh is "D"; any other tests/D/X.sh is "D-X".
	[ "$(basename "$suite")" = run.sh ] || name=$name-$(basename "$suite" .sh)
	name=$name${2:+-$2}
	log=$LOGS/$name.log
	banner "root suite $suite"
	if [ ! -f "$suite" ]; then
		problem "$suite is missing"
		return
	fi
	printf '+ bash %s\n' "$suite"
	# Prefixed on screen so that only the last line of this script is a
	# bare "N passed, N failed"; unprefixed in the log.
	bash "$suite" </dev/null 2>&1 | tee "$log" | sed -u "s/^/[$name] /"
	rc=${PIPESTATUS[0]}
	local p f
	p=$(grep -c '^PASS: ' "$log")
	f=$(grep -c '^FAIL: ' "$log")
	passed=$((passed + p))
	failed=$((failed + f))
	echo "[$name] exit status $rc: $p passed, $f failed"
	case $rc in
	0) [ "$f" -eq 0 ] || problem "$suite exited 0 but printed FAIL lines" ;;
	77)
		if $ci; then
			problem "$suite skipped (exit 77; CI forbids skips: run as root)"
		else
			skipped=$((skipped + 1))
			echo "[$name] SKIPPED (exit 77: needs root)"
		fi
		;;
	*) [ "$f" -gt 0 ] || problem "$suite exited $rc without a FAIL line" ;;
	esac
}

main() {
	local start=$SECONDS
	rm -rf "$LOGS"
	mkdir -p "$LOGS" || exit 1

	if ! phase packages install_packages; then
		problem "installing packages"
		printf '%s passed, %s failed\n' "$passed" "$failed"
		exit 1
	fi
	phase lint lint || problem "shellcheck"

	if phase autoreconf autoreconf -fi; then
		local build_ok=true
		unit_build "$top/_build" all --enable-werror || build_ok=false
		ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1} \
			UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1} \
			unit_build "$top/_asan" failures --enable-sanitizers --enable-werror
		if ! $build_ok; then
			banner distcheck
			problem "make distcheck not run: the _build unit tests failed"
		elif ! phase distcheck make -C "$top/_build" -j2 distcheck \
			DISTCHECK_CONFIGURE_FLAGS=--enable-werror; then
			problem "make distcheck"
			find "$top/_build" -path '*/cgiwrap-*/*' -name test-suite.log \
				-exec sh -c 'for f; do echo "-------- $f"; cat "$f"; done' sh {} +
		fi
	else
		problem "autoreconf -fi"
	fi

	local suite
	for suite in "${ROOT_SUITES[@]}"; do
		root_suite "$suite"
	done
	# The root suite once more against an ASan/UBSan build of the wrapper
	# itself, installed setuid and run as the web user (LeakSanitizer
	# cannot work in a setuid, chrooted process).
	CWT_EXTRA_CONFIGURE=--enable-sanitizers \
		CWT_WRAPPER_ENV="ASAN_OPTIONS=detect_leaks=0 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1" \
		root_suite tests/integration/run.sh asan
	# Each defence of the attack catalogue disabled in turn: a case that
	# names it must fail (about 8 minutes).
	root_suite tests/mutation/run.sh

	banner "summary ($((SECONDS - start))s, logs in _build/logs/)"
	local x
	for x in "${problems[@]}"; do
		echo "  failed: $x"
	done
	[ "$skipped" -eq 0 ] || echo "  skipped: $skipped (not counted)"
	printf '%s passed, %s failed\n' "$passed" "$failed"
	[ "$failed" -eq 0 ]
}

main "$@"
