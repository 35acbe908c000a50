#!/bin/bash
# The root integration suite: the installed setuid-root wrapper, run as the
# web server's user exactly as mod_cgi runs it, against real users, a real
# jail and real bind mounts.  One case per refusal reason this build can
# produce (status, exit code from src/reason.def, the log's reason token),
# the accepting rows of spec section 6, and the process the script gets.
#
# Root only (exit 77 otherwise).  Prints "PASS: name" / "FAIL: name" per case
# and "N passed, N failed"; exits 0 iff every case passed.
#
# Cases override the fixture's run settings (CWT_CALLER, CWT_PRE, ...) with
# "local": bash's dynamic scope hands them to run_as_web.
# Case functions run indirectly, through run_case:
# shellcheck disable=SC2034,SC2317
# shellcheck source-path=SCRIPTDIR
set -u

# shellcheck source=../lib/fixture.sh
. "$(dirname -- "$(readlink -f -- "$0")")/../lib/fixture.sh"
fixture_start integration "$0" "$@"
fixture_setup main

T=$CWT_DIR/tools
ALICE_HOME=$(fixture_home cwtalice)
CGI=$ALICE_HOME/public_html/cgi-bin
ALICE_UID=$(uid_of cwtalice)
ALICE_GID=$(gid_of cwtalice)
EXTRA_GID=$(gid_of cwtextra)
SN=/cgi-bin/cgiwrap/cwtalice

# The scripts and directories of the refusal cases, in alice's cgi dir.
suite_tree() {
	install -d -m 0700 -o root -g root "$CGI/private"
	install -m 0755 -o root -g root "$T/probe" "$CGI/private/x.cgi"
	ln -s argv.cgi "$CGI/ln.cgi" && chown -h cwtalice:cwtalice "$CGI/ln.cgi"
	ln -s sub "$CGI/linkdir" && chown -h cwtalice:cwtalice "$CGI/linkdir"
	cgi_put cwtalice bob.cgi 0755 cwtbob:cwtalice
	cgi_mkdir cwtalice bobdir 0755 cwtbob:cwtbob
	cgi_put cwtalice bobdir/argv.cgi
	cgi_put cwtalice extra.cgi 0755 cwtalice:cwtextra
	cgi_put cwtalice gw.cgi 0775
	cgi_put cwtalice ww.cgi 0757
	cgi_mkdir cwtalice gwdir 0775
	cgi_put cwtalice gwdir/argv.cgi
	cgi_mkdir cwtalice wwdir 0777
	cgi_put cwtalice wwdir/argv.cgi
	mkfifo -m 0755 "$CGI/fifo.cgi" && chown cwtalice:cwtalice "$CGI/fifo.cgi"
	cgi_put cwtalice plain.cgi 0644
	cgi_put cwtalice p601.cgi 0601
	cgi_put cwtalice p700.cgi 0700
	cgi_put cwtalice suid.cgi 4755
	cgi_put cwtalice sgid.cgi 2755
	cgi_mkdir cwtalice .git
	cgi_put cwtalice .git/x
	cgi_put cwtalice .htaccess
	cgi_put cwtalice "a b.cgi"
	cgi_put cwtalice $'\x80.cgi'
	printf '#!/usr/bin/perl\nprint "Content-Type: text/plain\\n\\nperl\\n";\n' >"$T/perl.src"
	cgi_put cwtalice perl.cgi 0755 cwtalice:cwtalice "$T/perl.src"
	printf 'this is not a program\n' >"$T/garbage.src"
	cgi_put cwtalice garbage.cgi 0755 cwtalice:cwtalice "$T/garbage.src"
	# shellcheck disable=SC2016 # $0 is for the script
	printf '#!/bin/sh\necho "Content-Type: text/plain"\necho\necho "sh-ran=$0"\n' >"$T/sh.src"
	cgi_put cwtalice sh.cgi 0755 cwtalice:cwtalice "$T/sh.src"
	# The caller's copy of the wrapper without the setuid bit.
	install -m 0755 -o root -g cwtwww "$CWT_DIR/bin/cgiwrap" "$T/cgiwrap-nosuid"
}
suite_tree || fixture_abort "the refusal tree"

# ---------------------------------------------------------------------------
# Installation (D16)
# ---------------------------------------------------------------------------

c_install_mode() {
	assert_eq "cgiwrap mode owner group" "4750 root cwtwww" \
		"$(stat -c '%a %U %G' "$CWT_BIN")"
	local n
	for n in cgiwrapd nph-cgiwrap nph-cgiwrapd; do
		assert_eq "$n is a hard link" "$(stat -c %i "$CWT_BIN")" \
			"$(stat -c %i "$CWT_DIR/bin/$n" 2>/dev/null)"
	done
}

# D16: a local user outside the install group cannot even start it.
c_non_member_eacces() {
	local CWT_CALLER=cwtbob
	cgi_get /cwtalice/argv.cgi ""
	assert_rc 126
	grep -q "Permission denied" "$ERR" || note_failure "stderr: $(head -n 1 "$ERR")"
	assert_eq "stdout" "" "$(cat "$OUT")"
	assert_nlog 0
}

# ---------------------------------------------------------------------------
# Refusals before the log (spec 3 steps 1-5)
# ---------------------------------------------------------------------------

c_bad_invocation() {
	local CWT_BIN=$T/cwtexec
	local -a CWT_ARGS=(argc0 "$CWT_DIR/bin/cgiwrap")
	cgi_get /cwtalice/argv.cgi ""
	expect_unlogged_refusal 500 60 bad-invocation
}

# A member of the install group that is not the web server (spec 3 step 5).
# The log file is opened for the real caller only (spec 10 "Where").
c_wrong_caller() {
	local CWT_CALLER=cwtother CWT_CALLER_GROUPS=cwtwww
	cgi_get /cwtalice/argv.cgi ""
	expect_unlogged_refusal 500 62 wrong-caller
	assert_out_lacks "probe=1"
}

# no_new_privs set by the caller: the kernel ignores the setuid bit (A20).
c_not_setuid_nnp() {
	local -a CWT_SETPRIV_EXTRA=(--no-new-privs)
	cgi_get /cwtalice/argv.cgi ""
	expect_unlogged_refusal 500 63 not-setuid
	assert_out_lacks "probe=1"
}

c_not_setuid_copy() {
	local CWT_BIN=$T/cgiwrap-nosuid
	cgi_get /cwtalice/argv.cgi ""
	expect_unlogged_refusal 500 63 not-setuid
	assert_out_lacks "probe=1"
}

# ---------------------------------------------------------------------------
# The log, the jail (spec 3 steps 6-7)
# ---------------------------------------------------------------------------

# log_swap KIND: put something unsafe at the log path; log_restore undoes it.
log_swap() {
	[ -e "$CWT_LOG" ] || install -m 0600 -o root -g root /dev/null "$CWT_LOG"
	mv -- "$CWT_LOG" "$CWT_LOG.saved"
	case $1 in
	symlink) ln -s "$CWT_LOG.saved" "$CWT_LOG" ;;
	not-root) install -m 0600 -o cwtwww -g cwtwww /dev/null "$CWT_LOG" ;;
	group-writable) install -m 0620 -o root -g root /dev/null "$CWT_LOG" ;;
	esac
}
log_restore() {
	rm -f -- "$CWT_LOG"
	mv -- "$CWT_LOG.saved" "$CWT_LOG"
}

c_log_failed() {
	local kind=$1 saved_lines
	saved_lines=$(log_count)
	log_swap "$kind"
	cgi_get /cwtalice/argv.cgi ""
	assert_page 500
	assert_rc 69
	assert_out_lacks "probe=1"
	if [ "$kind" != symlink ]; then
		assert_eq "bytes written to the unsafe log" 0 "$(stat -c %s "$CWT_LOG")"
	fi
	log_restore
	assert_eq "lines in the real log" "$saved_lines" "$(log_count)"
}

c_unsafe_jail_mode() {
	local dir=$1
	chmod 0775 "$dir"
	cgi_get /cwtalice/argv.cgi ""
	chmod 0755 "$dir"
	expect_refusal 500 64 unsafe-jail
	assert_out_lacks "probe=1"
}

# D15: procfs at <jail>/proc leads out of the jail.
c_unsafe_jail_proc() {
	install -d -m 0755 -o root -g root "$CWT_DIR/jail/proc"
	mount -t proc proc "$CWT_DIR/jail/proc"
	cgi_get /cwtalice/argv.cgi ""
	umount "$CWT_DIR/jail/proc"
	rmdir "$CWT_DIR/jail/proc"
	expect_refusal 500 64 unsafe-jail
	assert_out_lacks "probe=1"
}

# ---------------------------------------------------------------------------
# The request (spec 4.1, 4.2, 5.1)
# ---------------------------------------------------------------------------

c_refusal() {	# c_refusal STATUS EXIT TOKEN PATH_INFO [QUERY_STRING]
	local status=$1 code=$2 token=$3 pi=$4 qs=${5:-} user
	cgi_get "$pi" "$qs"
	expect_refusal "$status" "$code" "$token"
	assert_out_lacks "probe=1"
	# The page names the reason only, never request data (9.2).
	user=${pi#/}
	user=${user#\~}
	user=${user%%/*}
	[ "$pi" = - ] || [ -z "$user" ] || assert_out_lacks "$user"
}

c_env_too_many() {
	local -a many=()
	local i
	for ((i = 0; i < 1100; i++)); do many+=("HTTP_X_N$i=1"); done
	cgi_get /cwtalice/argv.cgi "" "${many[@]}"
	expect_refusal 400 12 env-too-large
	assert_out_lacks "probe=1"
}

c_env_too_long() {
	local qs
	qs=$(head -c 70000 /dev/zero | tr '\0' a)
	cgi_get /cwtalice/argv.cgi "$qs"
	expect_refusal 400 12 env-too-large
	assert_out_lacks "probe=1"
}

# A client's newline, escape and space reach the log escaped, on one line.
c_log_escaped() {
	cgi_get $'/cwtalice/x\ny z\e[31m.cgi' ""
	expect_refusal 403 31 strict-name
	assert_log_has 'x\x0ay\x20z\x1b[31m.cgi'
	if grep -q $'\e' "$CWT_LOG"; then note_failure "a raw ESC in the log"; fi
}

# ---------------------------------------------------------------------------
# Accepting rows of spec section 6, checked through the probe
# ---------------------------------------------------------------------------

# Row 1.
c_row1() {
	local -a CWT_ARGS=(word1)
	cgi_get /cwtalice/env.cgi ""
	assert_ran
	assert_kv 'argv[0]' env.cgi
	assert_kv 'argv[1]' word1
	assert_kv cwd "$CGI"
	assert_env SCRIPT_NAME "$SN/env.cgi"
	assert_no_env PATH_INFO
	assert_env PATH_TRANSLATED /var/www/html/cwtalice/env.cgi
	assert_env SCRIPT_FILENAME "$CGI/env.cgi"
	assert_log_has "name=cgiwrap user=cwtalice uid=$ALICE_UID request=/env.cgi script=env.cgi"
	assert_log_has "remote_addr=192.0.2.7 decision=allow"
	case $LOGLINE in
	time=[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T*Z\ pid=*) ;;
	*) note_failure "log line does not start with time=...Z pid=" ;;
	esac
}

# Row 2.
c_row2() {
	cgi_get /~cwtalice/sub/deeper/argv.cgi/extra/more ""
	assert_ran
	assert_env SCRIPT_NAME "$SN/sub/deeper/argv.cgi"
	assert_env PATH_INFO /extra/more
	assert_env PATH_TRANSLATED /var/www/html/extra/more
	assert_env SCRIPT_FILENAME "$CGI/sub/deeper/argv.cgi"
	assert_kv 'argv[0]' /deeper/argv.cgi
	assert_kv cwd "$CGI/sub/deeper"
	assert_kv self_ino "$(stat -c %i "$CGI/sub/deeper/argv.cgi")"
}

# Row 3.
c_row3() {
	cgi_get /cwtalice/sub/argv.cgi/ ""
	assert_ran
	assert_kv 'argv[0]' sub/argv.cgi
	assert_env PATH_INFO /
	assert_env PATH_TRANSLATED /var/www/html/
	assert_kv cwd "$CGI/sub"
}

# Row 4, second half: slashes before the script are skipped.
c_row4_leading() {
	cgi_get /cwtalice//sub/argv.cgi ""
	assert_ran
	assert_kv cwd "$CGI/sub"
}

# Row 5.
c_row5() {
	cgi_get /cwtalice/sub/argv.cgi//x//y/ ""
	assert_ran
	assert_env PATH_INFO //x//y/
	assert_env PATH_TRANSLATED /var/www/html//x//y/
}

# Row 9: the query form.
c_row9() {
	cgi_get - "user=cwtalice&script=argv.cgi"
	assert_ran
	assert_env SCRIPT_NAME "$SN/argv.cgi"
	assert_env QUERY_STRING "user=cwtalice&script=argv.cgi"
	assert_no_env PATH_INFO
	assert_no_env PATH_TRANSLATED
	assert_kv 'argv[0]' argv.cgi
}

# Row 10: the mixed form.
c_row10() {
	cgi_get /cwtalice "script=sub/argv.cgi/zz"
	assert_ran
	assert_env PATH_INFO /zz
	assert_env SCRIPT_NAME "$SN/sub/argv.cgi"
	assert_env PATH_TRANSLATED /var/www/html/zz
	assert_kv cwd "$CGI/sub"
}

# Row 20: the original's heap overflow.
c_row20() {
	local a
	a=$(head -c 300 /dev/zero | tr '\0' A)
	cgi_get /cwtalice "script=argv.cgi/$a"
	assert_ran
	assert_env PATH_INFO "/$a"
	assert_env PATH_TRANSLATED "/var/www/html/$a"
	assert_env SCRIPT_NAME "$SN/argv.cgi"
}

# 7.5 row 9: group/other execute bits are ignored, 0700 runs.
c_mode_0700() {
	cgi_get /cwtalice/p700.cgi ""
	assert_ran
}

# A #! script whose interpreter is in the jail.
c_shebang_sh() {
	cgi_get /cwtalice/sh.cgi ""
	assert_rc 0
	assert_out_has "sh-ran=./sh.cgi"
	assert_nlog 1
	assert_log_has "decision=allow"
}

# ---------------------------------------------------------------------------
# The process the script gets (D4, D7, D8, D14, security.md)
# ---------------------------------------------------------------------------

c_identity() {
	local CWT_CALLER_GROUPS=cwtweb2 want got g
	cgi_get /cwtalice/argv.cgi ""
	assert_ran
	for g in ruid euid suid; do assert_kv "$g" "$ALICE_UID"; done
	for g in rgid egid sgid; do assert_kv "$g" "$ALICE_GID"; done
	want=$(printf '%s\n' "$ALICE_GID" "$EXTRA_GID" | sort -n | tr '\n' ,)
	got=$(probe_val groups | tr , '\n' | sort -n | tr '\n' ,)
	assert_eq "groups" "$want" "$got"
	for g in "$(gid_of cwtwww)" "$(gid_of cwtweb2)"; do
		case ",$got" in *",$g,"*) note_failure "caller's gid $g reached the script" ;; esac
	done
}

c_jail_view() {
	[ -e "$CWT_DIR/canary-host" ] || note_failure "canary missing on the host"
	cgi_get /cwtalice/argv.cgi ""
	assert_ran
	case $(probe_val cwd) in
	"$ALICE_HOME"/*) ;;
	*) note_failure "cwd not under the home: $(probe_val cwd)" ;;
	esac
	assert_kv canary_visible 0
	assert_kv root_dev_null 1
	assert_kv self_ino "$(stat -c %i "$CGI/argv.cgi")"
}

c_fds_closed() {
	cgi_get /cwtalice/argv.cgi "" 3</dev/null 4</dev/null 5</dev/null \
		6</srv 7</srv 8<"$CWT_DIR" 9</dev/null 11</dev/null \
		12</dev/null 13</dev/null 14</dev/null 15</dev/null \
		16</dev/null 17</dev/null 18</dev/null 19</dev/null \
		20</dev/null 255</dev/null
	assert_ran
	assert_kv fds 0,1,2
}

c_umask() {
	local old
	old=$(umask)
	umask 000
	cgi_get /cwtalice/argv.cgi ""
	umask "$old"
	assert_ran
	assert_kv umask 0022
}

c_session() {
	cgi_get /cwtalice/argv.cgi ""
	assert_ran
	assert_kv session_leader 1
}

# Ignored (inherited through exec) and blocked signals (A14).
c_signals() {
	local -a CWT_PRE=("$T/cwtexec" block)
	trap '' HUP PIPE USR1 XCPU
	trap '' TERM
	cgi_get /cwtalice/argv.cgi ""
	trap - HUP PIPE USR1 XCPU
	trap 'exit 143' TERM
	assert_ran
	assert_kv sig_blocked ""
	assert_kv sig_ignored ""
}

c_no_new_privs() {
	cgi_get /cwtalice/argv.cgi ""
	assert_ran
	assert_kv no_new_privs 1
	assert_kv bounding_nonempty 0
	assert_kv cap_eff 0000000000000000
	assert_kv cap_prm 0000000000000000
	assert_kv cap_inh 0000000000000000
}

# D14: an unlimited stack is lowered to 8 MiB, core dumps off.
c_rlimits() {
	local -a CWT_PRE=(prlimit --stack=unlimited --core=unlimited --)
	cgi_get /cwtalice/argv.cgi ""
	assert_ran
	case $(probe_val rlimit_stack) in
	8388608:*) ;;
	*) note_failure "stack limit: $(probe_val rlimit_stack)" ;;
	esac
	case $(probe_val rlimit_core) in
	0:*) ;;
	*) note_failure "core limit: $(probe_val rlimit_core)" ;;
	esac
}

# A17: soft limits the caller lowered to break the wrapper (a log write
# over RLIMIT_FSIZE, no descriptor for the log) are raised for the wrapper
# itself, up to the hard limits, and the script gets the caller's back.
# Its stdout is a pipe: the file-size limit does not apply there.  (No
# address-space limit here: this suite also runs an ASan build, which
# cannot start under one; adversarial.sh covers RLIMIT_AS and _DATA.)
c_rlimits_lowered() {
	# shellcheck disable=SC2016 # for the inner shell
	local -a CWT_PRE=(bash -c '"$@" | cat; exit "${PIPESTATUS[0]}"' piper
		prlimit --fsize=1:unlimited --nofile=4:1024 --cpu=100:unlimited --)
	cgi_get /cwtalice/argv.cgi ""
	assert_ran
	assert_kv rlimit_fsize 1:unlimited
	assert_kv rlimit_nofile 4:1024
	assert_kv rlimit_cpu 100:unlimited
}

# Spec 8: a negative niceness from the caller is reset to 0.
c_nice() {
	local -a CWT_PRE=(nice -n -5)
	cgi_get /cwtalice/argv.cgi ""
	assert_ran
	assert_kv nice 0
}

c_env_allow_list() {
	local n
	cgi_get /cwtalice/argv.cgi "" LD_PRELOAD=/nonexistent.so \
		BASH_ENV=/tmp/x PERL5OPT=-d HTTP_PROXY=http://evil.invalid \
		IFS=x CGIWRAP_X=1 HOME=/root PATH=/evil LANG=C.UTF-8 \
		LD_LIBRARY_PATH=/evil HTTP_USER_AGENT=probe/1 SSL_PROTOCOL=TLSv1.3 \
		UNIQUE_ID=abc 'BAD-NAME=1'
	assert_ran
	for n in LD_PRELOAD BASH_ENV PERL5OPT HTTP_PROXY IFS CGIWRAP_X HOME \
		LANG LD_LIBRARY_PATH BAD-NAME; do
		assert_no_env "$n"
	done
	assert_env PATH /usr/local/bin:/usr/bin:/bin
	assert_env HTTP_USER_AGENT probe/1
	assert_env SSL_PROTOCOL TLSv1.3
	assert_env UNIQUE_ID abc
	assert_env REMOTE_ADDR 192.0.2.7
	assert_env GATEWAY_INTERFACE CGI/1.1
}

# D15: a user mount without nosuid,nodev is named in the log line.
c_mount_warning() {
	local m=$CWT_DIR/jail$ALICE_HOME
	# util-linux keeps flags a remount does not name: clear them explicitly.
	mount -o remount,bind,ro,suid,dev "$m"
	cgi_get /cwtalice/argv.cgi ""
	mount -o remount,bind,ro,nosuid,nodev "$m"
	assert_ran
	assert_log_has "warn=mount-no-nosuid,mount-no-nodev"
}

c_mount_no_warning() {
	cgi_get /cwtalice/argv.cgi ""
	assert_ran
	case $LOGLINE in *warn=*) note_failure "unexpected warn field" ;; esac
}

# ---------------------------------------------------------------------------
# exec failures (spec 10 "When")
# ---------------------------------------------------------------------------

c_exec_no_interpreter() {
	local pid1 pid2
	cgi_get /cwtalice/perl.cgi ""
	assert_page 500
	assert_rc 73
	assert_nlog 2
	assert_log_has "decision=error status=500 reason=exec-failed"
	assert_log_has "missing=/usr/bin/perl"
	assert_out_has "does not exist inside the jail"
	pid1=$(printf '%s\n' "$LOGLINES" | sed -n '1s/.* pid=\([0-9]*\) .*/\1/p')
	pid2=$(printf '%s\n' "$LOGLINES" | sed -n '2s/.* pid=\([0-9]*\) .*/\1/p')
	assert_eq "same pid on both lines" "$pid1" "$pid2"
	case $(printf '%s\n' "$LOGLINES" | head -n 1) in
	*decision=allow*) ;;
	*) note_failure "first line is not the allow line" ;;
	esac
}

# An ELF program whose loader (PT_INTERP) is not in the jail.
c_exec_no_loader() {
	printf 'int main(void) { return 0; }\n' >"$T/noloader.c"
	gcc -o "$T/noloader" -Wl,--dynamic-linker=/lib/cwt-missing-ld.so \
		"$T/noloader.c" || { note_failure "cannot build the test program"; return; }
	cgi_put cwtalice noloader.cgi 0755 cwtalice:cwtalice "$T/noloader"
	cgi_get /cwtalice/noloader.cgi ""
	assert_page 500
	assert_rc 73
	assert_nlog 2
	assert_log_has "reason=exec-failed missing=/lib/cwt-missing-ld.so"
	assert_out_has "program loader the script needs does not exist inside the jail"
}

c_exec_noexec() {
	cgi_get /cwtalice/garbage.cgi ""
	assert_page 500
	assert_rc 73
	assert_nlog 2
	assert_log_has "decision=error status=500 reason=exec-failed"
	assert_log_has "ENOEXEC"
	assert_out_has "not a program the system can run"
}

# ---------------------------------------------------------------------------
# Names (spec 4.6, 9.3, 9.4) and -V (D12)
# ---------------------------------------------------------------------------

c_cgiwrapd() {
	local CWT_BIN=$CWT_DIR/bin/cgiwrapd trace
	cgi_get /cwtalice/sub/argv.cgi/x "" HTTP_X_SECRET=s3cr3t
	assert_rc 0
	assert_eq "first line" "Content-Type: text/plain; charset=utf-8" "$(sed -n 1p "$OUT")"
	trace=$(sed '/script output follows/q' "$OUT")
	case $trace in
	*"script output follows"*) ;;
	*) note_failure "no separator line" ;;
	esac
	case $trace in
	*"SCRIPT_NAME=$SN/sub/argv.cgi"*) ;;
	*) note_failure "trace lacks SCRIPT_NAME=$SN/sub/argv.cgi" ;;
	esac
	case $trace in *"PATH_INFO=/x"*) ;; *) note_failure "trace lacks PATH_INFO=/x" ;; esac
	case $trace in *"SCRIPT_FILENAME=$CGI/sub/argv.cgi"*) ;; *) note_failure "trace lacks SCRIPT_FILENAME" ;; esac
	case $trace in *"PATH_TRANSLATED=/var/www/html/x"*) ;; *) note_failure "trace lacks PATH_TRANSLATED" ;; esac
	case $trace in *s3cr3t*) note_failure "the trace shows a request header value" ;; esac
	assert_out_has "probe_end=1"
	assert_nlog 1
	assert_log_has "name=cgiwrapd"
}

c_cgiwrapd_refusal() {
	local CWT_BIN=$CWT_DIR/bin/cgiwrapd
	cgi_get /cwtalice/nothere.cgi ""
	assert_rc 52
	assert_eq "first line" "Status: 404 Not Found" "$(sed -n 1p "$OUT")"
	assert_eq "second line" "Content-Type: text/plain; charset=utf-8" "$(sed -n 2p "$OUT")"
}

c_nph_error() {
	local CWT_BIN=$CWT_DIR/bin/nph-cgiwrap want
	cgi_get /cwtnosuchuser/argv.cgi ""
	want=$'HTTP/1.0 404 Not Found\r\nContent-Type: text/html; charset=utf-8\r\n\r\n'
	# Compared through od: $(...) would drop the trailing CR LF.
	assert_eq "nph head" "$(printf '%s' "$want" | od -An -c)" \
		"$(head -c "${#want}" "$OUT" | od -An -c)"
	assert_rc 50
	assert_log_has "name=nph-cgiwrap"
	assert_log_has "reason=unknown-user"
}

c_nph_success() {
	local CWT_BIN=$CWT_DIR/bin/nph-cgiwrap
	cgi_get /cwtalice/argv.cgi ""
	assert_ran
	assert_eq "first line (the script's own)" "Content-Type: text/plain" "$(sed -n 1p "$OUT")"
}

c_settings_root() {
	env -i "$CWT_BIN" -V >"$OUT" 2>"$CWT_ERR"
	RC=$?
	assert_rc 0
	grep -q '^version=' "$OUT" || note_failure "no version= line"
	assert_kv chroot "$CWT_DIR/jail"
	assert_kv minimum-uid 1000
}

c_settings_web() {
	local -a CWT_ARGS=(-V)
	run_as_web
	assert_rc 0
	grep -q '^version=' "$OUT" || note_failure "no version= line"
	assert_kv chroot "$CWT_DIR/jail"
	assert_nlog 0
}

c_settings_other() {
	local CWT_CALLER=cwtother CWT_CALLER_GROUPS=cwtwww
	local -a CWT_ARGS=(-V)
	run_as_web
	# D12 says the wrong-caller exit code, 2.3 says 1: either, never 0
	# and never an exec failure (126: not a member of the install group).
	case $RC in
	62 | 1) ;;
	*) note_failure "exit code $RC, expected 62 (D12) or 1 (2.3)" ;;
	esac
	! grep -q '^version=' "$OUT" || note_failure "settings printed for another user"
	[ -s "$ERR" ] || note_failure "no message on stderr"
	assert_nlog 0
}

# As a CGI, -V is just an ISINDEX word (2.3).
c_settings_as_cgi() {
	local -a CWT_ARGS=(-V)
	cgi_get /cwtalice/argv.cgi ""
	assert_ran
	assert_kv 'argv[1]' -V
}

# ---------------------------------------------------------------------------
# A second build for the user checks that need other options (7.1, 7.3, 7.5)
# ---------------------------------------------------------------------------

V2_ETC=$CWT_DIR/etc

v2_setup() {
	install -d -m 0755 -o root -g root "$V2_ETC"
	fixture_build v2 --with-minimum-gid=1000 --with-check-shell \
		--with-allow-file="$V2_ETC/cgiwrap.allow" \
		--with-deny-file="$V2_ETC/cgiwrap.deny" \
		--without-script-subdirs
}

# v2_deny CONTENT: the deny file (root-owned 0644), or none for "-".
v2_deny() {
	rm -f -- "$V2_ETC/cgiwrap.deny" "$V2_ETC/cgiwrap.allow"
	[ "$1" = - ] || printf '%s\n' "$1" >"$V2_ETC/cgiwrap.deny"
	[ "$1" = - ] || chmod 0644 "$V2_ETC/cgiwrap.deny"
}

c_v2() {	# c_v2 DENY-CONTENT STATUS EXIT TOKEN PATH_INFO
	local deny=$1 status=$2 code=$3 token=$4 pi=$5
	use_build v2
	v2_deny "$deny"
	cgi_get "$pi" ""
	if [ "$status" = 200 ]; then
		assert_ran
	else
		expect_refusal "$status" "$code" "$token"
		assert_out_lacks "probe=1"
	fi
	use_build main
}

c_v2_unsafe_config() {
	use_build v2
	v2_deny cwtother
	chmod 0664 "$V2_ETC/cgiwrap.deny"
	cgi_get /cwtalice/argv.cgi ""
	expect_refusal 500 70 unsafe-config
	use_build main
}

# v2_explain_shells EXIT TOKEN LINES: cgiwrap-jail explain of the v2 build,
# on the same /etc/shells, exits as the wrapper did and names the file's
# verdict (for a malformed file, its bad line: the last one, LINES).
v2_explain_shells() {
	local code=$1 token=$2 n=$3 want rc out=$CWT_DIR/explain.out
	# The build's sanitizer options too: LeakSanitizer cannot work in
	# explain's chrooted child (no /proc), as in the wrapper.
	# shellcheck disable=SC2086
	env ${CWT_WRAPPER_ENV:-} "$CWT_DIR/build-v2/cgiwrap-jail" explain \
		/cwtalice/argv.cgi >"$out" 2>&1
	rc=$?
	case $token in
	config-malformed) want="refused: /etc/shells line $n is malformed (config-malformed)" ;;
	unsafe-config) want="refused: /etc/shells cannot be used (unsafe-config)" ;;
	-) want="ok: shell /bin/bash listed in /etc/shells" ;;
	*) want="refused: shell /bin/bash not listed in /etc/shells ($token)" ;;
	esac
	if [ "$rc" != "$code" ] || ! grep -qxF -- "$want" "$out"; then
		note_failure "explain: expected exit $code and the line '$want'," \
			"got exit $rc, ending: $(tail -n 3 -- "$out")"
	fi
	rm -f -- "$out"
}

# c_v2_shells LINE STATUS EXIT TOKEN [MODE]: /etc/shells replaced, for one
# request by alice (shell /bin/bash), with LINE and the host's file without
# bash, of MODE (0644 unless given).
# The bind mount lives in the suite's private mount namespace only.
c_v2_shells() {
	local line=$1 status=$2 code=$3 token=$4 mode=${5:-0644}
	local shells=$CWT_DIR/shells lines
	use_build v2
	v2_deny cwtother
	{ grep -v '/bash$' /etc/shells; printf '%b\n' "$line"; } >"$shells"
	chmod "$mode" "$shells"
	lines=$(wc -l <"$shells")
	if mount --bind "$shells" /etc/shells; then
		cgi_get /cwtalice/argv.cgi ""
		v2_explain_shells "$code" "$token" "$lines"
		umount /etc/shells || note_failure "umount /etc/shells"
		if [ "$status" = 200 ]; then
			assert_ran
		else
			expect_refusal "$status" "$code" "$token"
			assert_out_lacks "probe=1"
		fi
		# A malformed file is logged with its bad line: the last one.
		[ "$token" != config-malformed ] ||
			assert_eq "detail" "file=/etc/shells\\x20line=$lines" \
				"${LOGLINE##* detail=}"
	else
		note_failure "bind-mounting a test file over /etc/shells"
	fi
	rm -f -- "$shells"
	use_build main
}

# ---------------------------------------------------------------------------

run_case "install: mode 4750 root:web-group, hard links (D16)" c_install_mode
run_case "D16: a user outside the install group gets EACCES from execve" c_non_member_eacces
run_case "bad-invocation: argc 0 (A2)" c_bad_invocation
run_case "wrong-caller: another user in the install group, not logged to the file" c_wrong_caller
run_case "not-setuid: caller set no_new_privs (A20)" c_not_setuid_nnp
run_case "not-setuid: a copy without the setuid bit" c_not_setuid_copy
run_case "log-failed: the log path is a symlink" c_log_failed symlink
run_case "log-failed: the log file is not root-owned" c_log_failed not-root
run_case "log-failed: the log file is group-writable" c_log_failed group-writable
run_case "unsafe-jail: the jail is group-writable" c_unsafe_jail_mode "$CWT_DIR/jail"
run_case "unsafe-jail: an ancestor of the jail is group-writable" c_unsafe_jail_mode "$CWT_DIR"
run_case "unsafe-jail: procfs mounted at <jail>/proc (D15)" c_unsafe_jail_proc
run_case "env-too-large: 1100 variables" c_env_too_many
run_case "env-too-large: a 70000-byte QUERY_STRING" c_env_too_long
run_case "no-user: empty request" c_refusal 400 10 no-user - ""
run_case "no-user: row 11 prefix keys" c_refusal 400 10 no-user - "a=1&username=cwtalice&scripts=argv.cgi"
run_case "no-script: row 7 /user" c_refusal 400 11 no-script /cwtalice
run_case "no-script: row 8 /user/" c_refusal 400 11 no-script /cwtalice/
run_case "unknown-user: no such user" c_refusal 404 50 unknown-user /cwtnosuchuser/argv.cgi
run_case "unknown-user: row 12 no percent-decoding" c_refusal 404 50 unknown-user - "user=%7Ecwtalice&script=argv.cgi"
run_case "uid-below-minimum: system user (uid < 1000)" c_refusal 403 21 uid-below-minimum /cwtlow/argv.cgi
run_case "uid-below-minimum: row 25 root" c_refusal 403 21 uid-below-minimum /root/x.cgi
run_case "bad-path-component: row 13 .." c_refusal 403 30 bad-path-component /cwtalice/../../../../root/secretdir/secret.txt
run_case "bad-path-component: row 4 //" c_refusal 403 30 bad-path-component /cwtalice//sub//argv.cgi/
run_case "bad-path-component: ." c_refusal 403 30 bad-path-component /cwtalice/./argv.cgi
run_case "strict-name: a space" c_refusal 403 31 strict-name "/cwtalice/a b.cgi"
run_case "strict-name: a 0x80 byte" c_refusal 403 31 strict-name $'/cwtalice/\x80.cgi'
run_case "hidden-component: .git/x (D13)" c_refusal 403 32 hidden-component /cwtalice/.git/x
run_case "hidden-component: .htaccess (D13)" c_refusal 403 32 hidden-component /cwtalice/.htaccess
run_case "permission-denied: a root 0700 directory" c_refusal 403 33 permission-denied /cwtalice/private/x.cgi
run_case "symlink: row 22 ln.cgi -> argv.cgi" c_refusal 403 34 symlink /cwtalice/ln.cgi
run_case "symlink: a symlinked directory" c_refusal 403 34 symlink /cwtalice/linkdir/argv.cgi
run_case "owner-mismatch: a script owned by another user" c_refusal 403 37 owner-mismatch /cwtalice/bob.cgi
run_case "owner-mismatch: a directory owned by another user" c_refusal 403 37 owner-mismatch /cwtalice/bobdir/argv.cgi
run_case "group-mismatch: script group is not the primary group" c_refusal 403 38 group-mismatch /cwtalice/extra.cgi
run_case "group-writable: script 0775" c_refusal 403 39 group-writable /cwtalice/gw.cgi
run_case "group-writable: directory 0775" c_refusal 403 39 group-writable /cwtalice/gwdir/argv.cgi
run_case "world-writable: script 0757" c_refusal 403 40 world-writable /cwtalice/ww.cgi
run_case "world-writable: row 23 directory 0777" c_refusal 403 40 world-writable /cwtalice/wwdir/argv.cgi
run_case "not-regular-file: row 6 /user/sub/" c_refusal 403 41 not-regular-file /cwtalice/sub/
run_case "not-regular-file: a FIFO" c_refusal 403 41 not-regular-file /cwtalice/fifo.cgi
run_case "not-executable: 0644" c_refusal 403 42 not-executable /cwtalice/plain.cgi
run_case "not-executable: 0601" c_refusal 403 42 not-executable /cwtalice/p601.cgi
run_case "setuid-script: 4755" c_refusal 403 43 setuid-script /cwtalice/suid.cgi
run_case "setgid-script: 2755" c_refusal 403 44 setgid-script /cwtalice/sgid.cgi
run_case "no-cgi-dir: user without public_html/cgi-bin" c_refusal 404 51 no-cgi-dir /cwtbob/argv.cgi
run_case "script-not-found: row 21" c_refusal 404 52 script-not-found /cwtalice/sub/nothere.cgi
run_case "script-not-found: top level" c_refusal 404 52 script-not-found /cwtalice/nothere.cgi
run_case "exec-failed: #!/usr/bin/perl not in the jail" c_exec_no_interpreter
run_case "exec-failed: no #! line (ENOEXEC)" c_exec_noexec
run_case "exec-failed: the ELF loader is not in the jail" c_exec_no_loader
run_case "row 1: /user/env.cgi" c_row1
run_case "row 2: /~user/sub/deeper/argv.cgi/extra/more" c_row2
run_case "row 3: /user/sub/argv.cgi/" c_row3
run_case "row 4: /user//sub/argv.cgi runs" c_row4_leading
run_case "row 5: extra path kept verbatim" c_row5
run_case "row 9: query form" c_row9
run_case "row 10: mixed form" c_row10
run_case "row 20: 300-byte extra path in the query form" c_row20
run_case "mode 0700 script runs" c_mode_0700
run_case "#!/bin/sh script runs inside the jail" c_shebang_sh
run_case "drop: uids, gids and exactly the target's groups" c_identity
run_case "jail: cwd in the home, host canary invisible, checked inode" c_jail_view
run_case "hygiene: only fds 0-2 reach the script (A6)" c_fds_closed
run_case "hygiene: umask 022 with the caller's umask 000" c_umask
run_case "hygiene: a new session" c_session
run_case "hygiene: no ignored or blocked signals (A14)" c_signals
run_case "hygiene: no_new_privs, empty bounding set, no capabilities" c_no_new_privs
run_case "hygiene: rlimits stack 8 MiB, no core (D14)" c_rlimits
run_case "hygiene: soft limits lowered by the caller: logged, and the script gets them back (A17)" c_rlimits_lowered
run_case "hygiene: negative niceness reset" c_nice
run_case "environment: allow-list only, safe PATH (D6)" c_env_allow_list
run_case "log: escaped newline, ESC and space, one line (A13)" c_log_escaped
run_case "log: no warn field on a nosuid,nodev mount" c_mount_no_warning
run_case "log: D15 warn field on a mount without nosuid,nodev" c_mount_warning
run_case "cgiwrapd: trace with the rewritten variables (D9)" c_cgiwrapd
run_case "cgiwrapd: a refusal" c_cgiwrapd_refusal
run_case "nph-cgiwrap: error starts with HTTP/1.0 404 Not Found CRLF" c_nph_error
run_case "nph-cgiwrap: success adds nothing" c_nph_success
run_case "-V as root" c_settings_root
run_case "-V as the web user" c_settings_web
run_case "-V as another user fails" c_settings_other
run_case "-V as a CGI is an ISINDEX word" c_settings_as_cgi

if ! fixture_wanted v2; then
	:
elif v2_setup; then
	run_case "v2 access-files-missing: neither file exists" c_v2 - 403 26 access-files-missing /cwtalice/argv.cgi
	run_case "v2 access-denied: user in the deny file" c_v2 cwtalice 403 27 access-denied /cwtalice/argv.cgi
	run_case "v2 allowed: deny file without the user" c_v2 cwtother 200 0 - /cwtalice/argv.cgi
	run_case "v2 subdir-not-allowed" c_v2 cwtother 403 36 subdir-not-allowed /cwtalice/sub/argv.cgi
	run_case "v2 gid-below-minimum: primary gid < 1000" c_v2 cwtother 403 22 gid-below-minimum /cwtcarol/argv.cgi
	run_case "v2 supplementary-gid-below-minimum" c_v2 cwtother 403 29 supplementary-gid-below-minimum /cwtdave/argv.cgi
	run_case "v2 shell-not-allowed: nologin" c_v2 cwtother 403 23 shell-not-allowed /cwtbob/argv.cgi
	run_case "v2 check-shell: '/bin/bash # comment' lists bash" c_v2_shells '/bin/bash # comment' 200 0 -
	run_case "v2 check-shell: bash not listed is shell-not-allowed" c_v2_shells '/bin/sh' 403 23 shell-not-allowed
	run_case "v2 check-shell: a control byte in /etc/shells is config-malformed" c_v2_shells '/bin/bash\001' 500 72 config-malformed
	run_case "v2 check-shell: a second word in /etc/shells is config-malformed" c_v2_shells '/bin/bash extra' 500 72 config-malformed
	run_case "v2 check-shell: a group-writable /etc/shells is unsafe-config" c_v2_shells '/bin/bash' 500 70 unsafe-config 0664
	run_case "v2 config-malformed: an @ entry without host-checking" c_v2 "x@192.0.2.1" 500 72 config-malformed /cwtalice/argv.cgi
	run_case "v2 unsafe-config: a group-writable deny file" c_v2_unsafe_config
else
	echo "FAIL: building the second configuration (v2)"
	CWT_FAILED=$((CWT_FAILED + 1))
fi

fixture_finish
