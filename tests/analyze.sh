#!/usr/bin/env bash
# tests/analyze.sh: the static analysers over src/*.c; any finding fails.
#
#   tests/analyze.sh [TOOL...]     TOOL: gcc-analyzer scan-build cppcheck
#                                  clang-tidy (default: all four)
#
#   gcc-analyzer  a full build (configure CFLAGS=-fanalyzer; make): any
#                 compiler warning is a finding
#   scan-build    scan-build --status-bugs make, on a full build
#   cppcheck      --enable=warning,portability,performance, with the build's
#                 include path and -D_GNU_SOURCE
#   clang-tidy    the checks of .clang-tidy, one process per file
#
# Builds go to _analyze/ (ANALYZE_OUT), out of tree; reports stay there.
# Debian packages: gcc, clang, clang-tools (scan-build), clang-tidy,
# cppcheck, and what configure needs (autoconf, automake, pkg-config, check).
# Prints PASS:/FAIL: per tool and "N passed, N failed"; exit 0 iff all passed.
#
# Accepted findings are listed below, each with its reason; nothing else
# may be suppressed (no NOLINT or cppcheck-suppress in src/ without one).
set -uo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=${ANALYZE_OUT:-$top/_analyze}

# cppcheck suppressions (cppcheck's --suppressions-list format).
# - getpwnamCalled (lookup.c, proc.c): the wrapper is single-threaded, and
#   copies the passwd entry out of libc's static buffer at once (design.md,
#   step 5), which is all the reentrant variant would buy.
CPPCHECK_SUPPRESS='
getpwnamCalled:src/lookup.c
getpwnamCalled:src/proc.c
'

# clang-tidy findings accepted: FILE CHECK COUNT (at most COUNT such
# findings in FILE) and the reason.  None at present; the last ones
# (unchecked snprintf results in run.c, rusage.c, scriptfs.c) are fixed.
TIDY_ACCEPT='
'

passed=0
failed=0

pass() {
	echo "PASS: $*"
	passed=$((passed + 1))
}

fail() {
	echo "FAIL: $*"
	failed=$((failed + 1))
}

# show FILE: the first lines of a finding log, indented.
show() {
	head -n "${2:-40}" "$1" | sed 's/^/    /'
}

ensure_configure() {
	[ -x "$top/configure" ] && return 0
	(cd "$top" && autoreconf -fi) >"$out/autoreconf.log" 2>&1 || {
		fail "analyze: autoreconf -fi (log $out/autoreconf.log)"
		return 1
	}
}

# fresh_configure DIR [CONFIGURE-ARGS...]: a clean VPATH configure in DIR.
fresh_configure() {
	local dir=$1
	shift
	rm -rf "$dir"
	mkdir -p "$dir"
	(cd "$dir" && "$@") >"$dir.configure.log" 2>&1
}

gcc_analyzer() {
	local dir=$out/gcc log=$out/gcc-analyzer.log
	if ! fresh_configure "$dir" "$top/configure" -q CFLAGS=-fanalyzer; then
		fail "gcc -fanalyzer: configure failed (log $dir.configure.log)"
		return
	fi
	make -C "$dir" -j2 >"$log" 2>&1
	local rc=$?
	if [ "$rc" -eq 0 ] && ! grep -qE '(warning|error):' "$log"; then
		pass "gcc -fanalyzer: full build, no warnings"
	else
		fail "gcc -fanalyzer: make exited $rc; findings (log $log):"
		grep -E '(warning|error):' "$log" | sort -u | show /dev/stdin
	fi
}

scan_build() {
	local dir=$out/scan log=$out/scan-build.log report=$out/scan-report
	if ! fresh_configure "$dir" scan-build "$top/configure" -q; then
		fail "scan-build: configure failed (log $dir.configure.log)"
		return
	fi
	rm -rf "$report"
	scan-build --status-bugs -o "$report" make -C "$dir" -j2 >"$log" 2>&1
	local rc=$?
	if [ "$rc" -eq 0 ]; then
		pass "scan-build: no bugs"
	else
		fail "scan-build: exit $rc (report under $report, log $log):"
		grep -E 'warning:|scan-build:' "$log" | show /dev/stdin
	fi
}

# config.h for the checkers that do not build (policy.c reads it).
config_h() {
	[ -f "$out/cfg/config.h" ] && return 0
	fresh_configure "$out/cfg" "$top/configure" -q
}

cppcheck_run() {
	local log=$out/cppcheck.log supp=$out/cppcheck.supp
	if ! config_h; then
		fail "cppcheck: configure failed (log $out/cfg.configure.log)"
		return
	fi
	printf '%s\n' "$CPPCHECK_SUPPRESS" | sed '/^$/d' >"$supp"
	(cd "$top" && cppcheck -q --enable=warning,portability,performance \
		--error-exitcode=1 --inline-suppr --std=c11 --library=posix \
		--suppressions-list="$supp" -D_GNU_SOURCE \
		-I src -I "$out/cfg" src/*.c) >"$log" 2>&1
	local rc=$?
	if [ "$rc" -eq 0 ] && [ ! -s "$log" ]; then
		pass "cppcheck: no findings"
	else
		fail "cppcheck: exit $rc; findings (log $log):"
		show "$log"
	fi
}

clang_tidy_run() {
	local log=$out/clang-tidy.log file check max n bad=0
	if ! config_h; then
		fail "clang-tidy: configure failed (log $out/cfg.configure.log)"
		return
	fi
	# One process per file (see .clang-tidy: valist state leaks across files).
	(cd "$top" && printf '%s\0' src/*.c |
		xargs -0 -P 2 -I{} clang-tidy --quiet {} -- -std=gnu11 \
			-D_GNU_SOURCE -Isrc -I"$out/cfg") >"$log" 2>&1
	grep -E '^[^ ]+:[0-9]+:[0-9]+: (warning|error):' "$log" |
		sed -E "s|^$top/||" | sort -u >"$out/clang-tidy.findings"
	# Take away the accepted ones, up to their counts.
	cp "$out/clang-tidy.findings" "$out/clang-tidy.left"
	while read -r file check max; do
		[ -n "${file:-}" ] || continue
		n=$(grep -c "^$file:.*\[$check\]\$" "$out/clang-tidy.left")
		if [ "$n" -le "$max" ]; then
			grep -v "^$file:.*\[$check\]\$" "$out/clang-tidy.left" >"$out/clang-tidy.tmp"
			mv "$out/clang-tidy.tmp" "$out/clang-tidy.left"
			[ "$n" -eq "$max" ] ||
				echo "note: clang-tidy: $file $check: $n found, $max accepted (lower the count)"
		fi
	done <<<"$TIDY_ACCEPT"
	n=$(wc -l <"$out/clang-tidy.left")
	grep -qE 'error:' "$log" && bad=1
	if [ "$n" -eq 0 ] && [ "$bad" -eq 0 ]; then
		pass "clang-tidy: no findings beyond the $(wc -l <"$out/clang-tidy.findings") accepted"
	else
		fail "clang-tidy: $n findings (log $log):"
		show "$out/clang-tidy.left"
	fi
}

main() {
	local tools=("$@") t
	[ ${#tools[@]} -gt 0 ] || tools=(gcc-analyzer scan-build cppcheck clang-tidy)
	mkdir -p "$out" || exit 1
	rm -rf "$out/cfg"
	if ensure_configure; then
		for t in "${tools[@]}"; do
			case $t in
			gcc-analyzer) gcc_analyzer ;;
			scan-build) scan_build ;;
			cppcheck) cppcheck_run ;;
			clang-tidy) clang_tidy_run ;;
			*) fail "unknown tool $t" ;;
			esac
		done
	fi
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
}

main "$@"
