#!/bin/bash
# Fault injection (security.md A17, spec D8): a test build of the wrapper in
# which setgroups, setresgid, setresuid, chroot, chdir and setrlimit fail in
# turn.  Every case must end in a refusal with the right reason, one log
# line, and no exec of the script.  The faulty binary is linked from the
# build's own objects with --wrap (tests/integration/fault/fault.c) and
# installed by hand into the suite's scratch directory only.
#
# Root only (exit 77 otherwise); "PASS: name" / "FAIL: name", then
# "N passed, N failed"; exits 0 iff every case passed.
# Case functions run indirectly, through run_case:
# shellcheck disable=SC2034,SC2317
# shellcheck source-path=SCRIPTDIR
set -u

# shellcheck source=../lib/fixture.sh
. "$(dirname -- "$(readlink -f -- "$0")")/../lib/fixture.sh"
fixture_start fault "$0" "$@"
# A configured limit, so setrlimit is called for the script (spec 8).
fixture_setup main --with-rlimit-cpu=30

WRAPPED=(setgroups setresgid setresuid chroot chdir setrlimit)

# The same objects as the installed wrapper, each wrapped call diverted.
build_faulty() {
	local b=$CWT_DIR/build-main bin=$CWT_DIR/fault-bin w flags=()
	for w in "${WRAPPED[@]}"; do flags+=("-Wl,--wrap=$w"); done
	install -d -m 0755 -o root -g root "$bin"
	gcc -O2 -Wall -Wextra -Werror -fPIE -c -o "$CWT_DIR/fault.o" \
		"$CWT_SRCDIR/tests/integration/fault/fault.c" &&
		gcc -pie -o "$bin/cgiwrap" "$b/src/main.o" "$CWT_DIR/fault.o" \
			"$b/src/libcwsys.a" "$b/src/libcwpure.a" "${flags[@]}" &&
		chown "root:$CWT_WEB" "$bin/cgiwrap" &&
		chmod 4750 "$bin/cgiwrap"
}
build_faulty || fixture_abort "linking the fault-injection build"
CWT_BIN=$CWT_DIR/fault-bin/cgiwrap

# No fault: the faulty build is the real wrapper otherwise.
c_no_fault() {
	cgi_get /cwtalice/argv.cgi "" CWT_FAULT=none
	assert_ran
}

# fault_case CALL STATUS EXIT TOKEN: CALL fails; the request is refused.
fault_case() {
	cgi_get /cwtalice/argv.cgi "" CWT_FAULT="$1"
	expect_refusal "$2" "$3" "$4"
	if grep -qx 'probe_end=1' "$OUT"; then
		note_failure "the script ran although $1 failed"
	fi
}

run_case "fault build without a fault runs the script" c_no_fault
run_case "setgroups fails: privilege-drop-failed, no exec" \
	fault_case setgroups 500 68 privilege-drop-failed
run_case "setresgid fails: privilege-drop-failed, no exec" \
	fault_case setresgid 500 68 privilege-drop-failed
run_case "setresuid fails: privilege-drop-failed, no exec" \
	fault_case setresuid 500 68 privilege-drop-failed
run_case "chroot fails: chroot-failed, no exec" \
	fault_case chroot 500 67 chroot-failed
run_case "chdir fails: chroot-failed, no exec" \
	fault_case chdir 500 67 chroot-failed
# The configured limits are set after the allow line (spec 8: so that
# fsize cannot break the log write); a failure there adds the error line.
c_setrlimit() {
	cgi_get /cwtalice/argv.cgi "" CWT_FAULT=setrlimit
	assert_page 500
	assert_rc 74
	assert_nlog 2
	case $LOGLINES in
	*decision=allow*decision=error\ status=500\ reason=internal*) ;;
	*) note_failure "expected an allow line, then the internal error: $LOGLINES" ;;
	esac
	if grep -qx 'probe_end=1' "$OUT"; then
		note_failure "the script ran although setrlimit failed"
	fi
}
run_case "setrlimit fails: internal, no exec" c_setrlimit

# The caller's file-size limit (soft below hard: the wrapper raises it for
# itself, A17) cannot be given back after the drop: the script must not
# run with the wrapper's raised limit.
c_restore_limits() {
	local -a CWT_PRE=(prlimit --fsize=100000000:unlimited --)
	cgi_get /cwtalice/argv.cgi "" CWT_FAULT=setrlimit-dropped
	assert_page 500
	assert_rc 74
	assert_nlog 2
	case $LOGLINES in
	*decision=allow*reason=internal\ detail=restoring*) ;;
	*) note_failure "expected an allow line, then the internal error: $LOGLINES" ;;
	esac
	if grep -qx 'probe_end=1' "$OUT"; then
		note_failure "the script ran with the wrapper's limits"
	fi
}
run_case "restoring the caller's rlimits fails: internal, no exec" c_restore_limits

fixture_finish
