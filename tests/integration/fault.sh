#!/bin/bash
# Fault injection (security.md A15-A19, spec D8): a test build of the
# wrapper in which setgroups, setresgid, setresuid, chroot, chdir, fchdir,
# setrlimit and the prctl calls (non-dumpable, bounding set, no_new_privs)
# fail in turn, and the three id calls claim success without doing
# anything.  Every case must end in a refusal with the right reason, its log
# lines, and no exec of the script.  The faulty binary is linked from the
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

WRAPPED=(setgroups setresgid setresuid chroot chdir fchdir setrlimit prctl)

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

# assert_no_exec MODE: the probe script did not run (if it did, say with
# which ids and groups).
assert_no_exec() {
	if grep -qx 'probe_end=1' "$OUT"; then
		note_failure "the script ran although $1 failed:" \
			"euid=$(probe_val euid) egid=$(probe_val egid) groups=$(probe_val groups)"
	fi
}

# fault_case MODE STATUS EXIT TOKEN: the call fails; the request is refused.
fault_case() {
	cgi_get /cwtalice/argv.cgi "" CWT_FAULT="$1"
	assert_no_exec "$1"	# first: run_case shows only the first few
	expect_refusal "$2" "$3" "$4"
}

# late_fault_case MODE STATUS EXIT TOKEN DETAIL: a call after the allow line
# fails: the allow line, then the error, and no exec.
late_fault_case() {
	cgi_get /cwtalice/argv.cgi "" CWT_FAULT="$1"
	assert_page "$2"
	assert_rc "$3"
	assert_nlog 2
	case $LOGLINES in
	*decision=allow*"decision=error status=$2 reason=$4 detail=$5"*) ;;
	*) note_failure "expected an allow line, then $4 ($5): $LOGLINES" ;;
	esac
	assert_no_exec "$1"
}

run_case "fault build without a fault runs the script" c_no_fault
run_case "setgroups fails: privilege-drop-failed, no exec" \
	fault_case setgroups 500 68 privilege-drop-failed
run_case "setresgid fails: privilege-drop-failed, no exec" \
	fault_case setresgid 500 68 privilege-drop-failed
run_case "setresuid fails: privilege-drop-failed, no exec" \
	fault_case setresuid 500 68 privilege-drop-failed
# The same calls claiming success without doing anything: the check of the
# ids and groups after them is what refuses (for setgroups, the only layer;
# the caller's groups would otherwise reach the script).
c_setgroups_ignored() {	# the caller holds the web server's group
	local CWT_CALLER_GROUPS
	CWT_CALLER_GROUPS=$(gid_of "$CWT_WEB")
	fault_case setgroups-ignored 500 68 privilege-drop-failed
}
run_case "setgroups does nothing: the group check refuses, no exec" \
	c_setgroups_ignored
run_case "setresgid does nothing: the id check refuses, no exec" \
	fault_case setresgid-ignored 500 68 privilege-drop-failed
run_case "setresuid does nothing: the id check refuses, no exec" \
	fault_case setresuid-ignored 500 68 privilege-drop-failed
run_case "chroot fails: chroot-failed, no exec" \
	fault_case chroot 500 67 chroot-failed
run_case "chdir fails: chroot-failed, no exec" \
	fault_case chdir 500 67 chroot-failed
run_case "fchdir into the jail fails: chroot-failed, no exec" \
	fault_case fchdir 500 67 chroot-failed
run_case "emptying the bounding set fails: privilege-drop-failed, no exec" \
	fault_case capbset-drop 500 68 privilege-drop-failed
run_case "non-dumpable after the id change fails: privilege-drop-failed, no exec" \
	fault_case dumpable-dropped 500 68 privilege-drop-failed
run_case "no_new_privs fails: privilege-drop-failed after the allow line, no exec" \
	late_fault_case no-new-privs 500 68 privilege-drop-failed no_new_privs
run_case "fchdir into the checked directory fails: exec-failed, no exec" \
	late_fault_case fchdir-dropped 500 73 exec-failed 'the\x20script\x20changed'

# The first step: before the log is open, so no log line; still a page.
c_dumpable_start() {
	cgi_get /cwtalice/argv.cgi "" CWT_FAULT=dumpable
	expect_unlogged_refusal 500 74
	assert_no_exec dumpable
}
run_case "non-dumpable at the start fails: internal, unlogged, no exec" \
	c_dumpable_start
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
	assert_no_exec setrlimit
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
