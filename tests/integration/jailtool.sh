#!/bin/bash
# The root suite of cgiwrap-jail (docs/cgiwrap-jail.8): from an empty
# directory, with the tool only, a jail in which sh, perl and python3 CGI
# scripts run through the installed setuid wrapper; `check` on a clean jail
# and on each planted problem (one line each); `explain` naming a missing
# interpreter and agreeing with the real wrapper's decisions.
#
# Root only (exit 77 otherwise).  Prints "PASS: name" / "FAIL: name" per case
# and "N passed, N failed"; exits 0 iff every case passed.
# Case functions run indirectly, through run_case:
# shellcheck disable=SC2034,SC2317
# shellcheck source-path=SCRIPTDIR
set -u

# shellcheck source=../lib/fixture.sh
. "$(dirname -- "$(readlink -f -- "$0")")/../lib/fixture.sh"
fixture_start jailtool "$0" "$@"

# A user the suite creates and deletes itself (umount after userdel).
suite_cleanup() {
	fixture_apache_stop
	if getent passwd cwtgone >/dev/null; then userdel cwtgone 2>/dev/null; fi
	if getent group cwtgone >/dev/null; then groupdel cwtgone 2>/dev/null; fi
	return 0
}

JAIL=$CWT_DIR/jail	# compiled into the wrapper (fixture_build)
JAIL2=$CWT_DIR/jail2	# throwaway jail for the planted problems
TOOL=$CWT_DIR/tools/cgiwrap-jail

# The tool: the build's own if the Makefile builds it, else compiled here
# from the same sources against the build's libraries.
jt_tool() {
	local b=$CWT_DIR/build-main src=$CWT_WRAPPER_SRC
	install -d -m 0755 -o root -g root "$CWT_DIR/tools"
	if [ -x "$b/cgiwrap-jail" ]; then
		install -m 0755 "$b/cgiwrap-jail" "$TOOL"
		return
	fi
	gcc -std=gnu11 -O2 -D_GNU_SOURCE -I"$src/src" -Wall -Wextra \
		-Wformat=2 -Wshadow -Wconversion -Wstrict-prototypes \
		-Wmissing-prototypes -Wswitch-enum -Wcast-qual -Wvla -Wundef \
		-Werror -o "$TOOL" "$src"/src/jailtool/*.c \
		"$b/src/libcwsys.a" "$b/src/libcwpure.a"
}

# python3 is not part of a minimal Debian; CI installs it (.ci/run).
jt_python() {
	[ -x /usr/bin/python3 ] && return 0
	DEBIAN_FRONTEND=noninteractive apt-get install -y python3 </dev/null >"$CWT_DIR/apt.log" 2>&1
}

jt_setup() {
	fixture_base
	jt_python || fixture_abort "installing python3 (apt-get install python3)"
	fixture_autoreconf || fixture_abort "autoreconf"
	fixture_build main || fixture_abort "building the wrapper"
	jt_tool || fixture_abort "building cgiwrap-jail"
	use_build main
	CWT_CALLER=$CWT_WEB
	# No permissions for others on the homes (docs/chroot.md).
	local u
	for u in cwtalice cwtbob cwtlow cwtcarol cwtdave; do
		chmod 0750 "$(fixture_home "$u")"
	done
}
jt_setup

ALICE_HOME=$(fixture_home cwtalice)
BOB_HOME=$(fixture_home cwtbob)
CGI=$ALICE_HOME/public_html/cgi-bin
ALICE_UID=$(uid_of cwtalice)

# jt ARGS...: run the tool; RC, and OUT holds stdout and stderr.
jt() {
	"$TOOL" "$@" >"$CWT_OUT" 2>&1
	RC=$?
	OUT=$CWT_OUT
}

# The "problem:" lines of the last run.
problems() { grep '^problem: ' "$OUT"; }
nproblems() { problems | wc -l; }

# expect_one_problem PATTERN: check found exactly one problem, matching.
expect_one_problem() {
	assert_rc 1
	assert_eq "problem lines" 1 "$(nproblems)"
	problems | grep -qE -- "$1" || note_failure "no problem matching '$1': $(problems | head -n 3)"
}

expect_clean() {
	assert_rc 0
	assert_eq "problem lines" 0 "$(nproblems)"
	[ "$RC" = 0 ] || note_failure "$(head -n 5 "$OUT")"
}

cgi_script() {	# cgi_script NAME CONTENT
	printf '%s' "$2" >"$CWT_DIR/script.src"
	cgi_put cwtalice "$1" 0755 cwtalice:cwtalice "$CWT_DIR/script.src"
}

alice_tree() {
	install -d -m 0755 -o cwtalice -g cwtalice "$ALICE_HOME/public_html"
	cgi_mkdir cwtalice "" && cgi_mkdir cwtalice sub || return 1
	# shellcheck disable=SC2016 # expanded by the CGI's shell
	cgi_script sh.cgi '#!/bin/sh
echo "Content-Type: text/plain"
echo
echo "sh-ran $(id -u) $(ls /)"
'
	cgi_script perl.cgi '#!/usr/bin/perl
use strict;
use POSIX ();
print "Content-Type: text/plain\n\nperl-ran $< ", POSIX::floor(2.5), "\n";
'
	cgi_script py.cgi '#!/usr/bin/python3
import json, os
print("Content-Type: text/plain\n\nhi")
print("python-ran", os.getuid(), json.dumps([1]))
'
	cgi_script ruby.cgi '#!/usr/bin/ruby
puts "Content-Type: text/plain\n\n"
'
	cgi_script noshebang.cgi 'echo hi
'
	cgi_put cwtalice ww.cgi 0757 cwtalice:cwtalice "$CWT_DIR/script.src"
	cgi_put cwtalice plain.cgi 0644 cwtalice:cwtalice "$CWT_DIR/script.src"
	install -d -m 0700 -o root -g root "$CGI/private"
	install -m 0755 -o root -g root "$CWT_DIR/script.src" "$CGI/private/x.cgi"
}
alice_tree || fixture_abort "alice's cgi directory"

# ---------------------------------------------------------------------------
# Building the jail
# ---------------------------------------------------------------------------

c_init() {
	[ ! -e "$JAIL" ] || note_failure "$JAIL exists before init"
	jt init --user cwtalice
	assert_rc 0
	assert_eq "jail owner and mode" "root 755" "$(stat -c '%U %a' "$JAIL")"
	local d
	for d in bin lib lib64 sbin; do
		if [ -L "/$d" ]; then
			assert_eq "/$d mirrors the host's symlink" "$(readlink "/$d")" \
				"$(readlink "$JAIL/$d" 2>/dev/null)"
		fi
	done
	assert_eq "/tmp" "1777 root" "$(stat -c '%a %U' "$JAIL/tmp")"
	for d in null zero urandom; do
		assert_eq "/dev/$d" "$(stat -c '%F %t:%T' "/dev/$d")" \
			"$(stat -c '%F %t:%T' "$JAIL/dev/$d" 2>/dev/null)"
	done
	assert_eq "jail passwd" "cwtalice" "$(cut -d: -f1 "$JAIL/etc/passwd" | tr '\n' ' ' | sed 's/ $//')"
	assert_eq "jail group" "cwtalice" "$(cut -d: -f1 "$JAIL/etc/group" | tr '\n' ' ' | sed 's/ $//')"
}

c_add_presets() {
	jt add --preset sh --preset perl --preset python3
	assert_rc 0
	[ "$RC" = 0 ] || note_failure "$(tail -n 3 "$OUT")"
	local f
	for f in /usr/bin/sh /usr/bin/perl /usr/bin/python3 /usr/bin/ls \
		/lib64/ld-linux-x86-64.so.2 /usr/lib/python3.11/os.py; do
		[ -e "$JAIL$f" ] || [ ! -e "$f" ] || note_failure "$f missing in the jail"
	done
	assert_eq "setuid or setgid files in the jail" "" \
		"$(find "$JAIL" -xdev -perm /6000 -type f | head -n 3)"
}

c_add_strips_setuid() {
	jt --jail "$JAIL2" init && jt --jail "$JAIL2" add /usr/bin/passwd
	assert_rc 0
	[ -u /usr/bin/passwd ] || note_failure "the host's passwd is not setuid: nothing shown"
	assert_eq "mode of the copy" "755" "$(stat -c %a "$JAIL2/usr/bin/passwd")"
	rm -rf -- "$JAIL2"
}

# mount_output_is_fstab WHAT: the status lines are comments, the rest is
# exactly alice's fstab line (the output can go to an fstab file as it is).
mount_output_is_fstab() {
	grep -q "^# cwtalice: .*$1" "$OUT" ||
		note_failure "no '# cwtalice: ... $1' line: $(head -n 1 "$OUT")"
	assert_eq "mount's output but its comments" \
		"$ALICE_HOME $JAIL$ALICE_HOME none bind,ro,nosuid,nodev,private 0 0" \
		"$(grep -v '^#' "$OUT")"
}

c_mount() {
	jt mount cwtalice
	assert_rc 0
	mount_output_is_fstab "mounted $ALICE_HOME on $JAIL$ALICE_HOME"
	local opts prop
	opts=$(findmnt -n -o OPTIONS --target "$JAIL$ALICE_HOME")
	prop=$(findmnt -n -o PROPAGATION --target "$JAIL$ALICE_HOME")
	case ,$opts, in *,ro,*) ;; *) note_failure "not ro: $opts" ;; esac
	case ,$opts, in *,nosuid,*) ;; *) note_failure "not nosuid: $opts" ;; esac
	case ,$opts, in *,nodev,*) ;; *) note_failure "not nodev: $opts" ;; esac
	assert_eq "propagation" private "$prop"
	jt mount cwtalice
	assert_rc 0
	mount_output_is_fstab "already mounted"
	assert_eq "mounts after a second mount" 1 \
		"$(findmnt -rn -o TARGET | grep -cxF "$JAIL$ALICE_HOME")"
}

# The fstab line the tool prints, used by mount(8) itself.
c_fstab_line() {
	jt fstab cwtbob
	assert_rc 0
	cp "$OUT" "$CWT_DIR/fstab"
	install -d -m 0755 "$JAIL$BOB_HOME"
	mount -T "$CWT_DIR/fstab" "$JAIL$BOB_HOME" || note_failure "mount -T failed"
	local opts
	opts=$(findmnt -n -o OPTIONS --target "$JAIL$BOB_HOME")
	case ,$opts, in *,ro,*nosuid,nodev,*) ;; *) note_failure "fstab mount options: $opts" ;; esac
	jt umount cwtbob
	assert_rc 0
	if findmnt -rn -o TARGET | grep -qxF "$JAIL$BOB_HOME"; then
		note_failure "still mounted after umount"
	fi
	rmdir "$JAIL$BOB_HOME"
}

# ---------------------------------------------------------------------------
# Scripts through the real wrapper
# ---------------------------------------------------------------------------

c_run() {	# c_run SCRIPT EXPECTED
	cgi_get "/cwtalice/$1" ""
	assert_rc 0
	assert_out_has "$2"
	assert_nlog 1
	assert_log_has "decision=allow"
}

# c_apache SCRIPT EXPECTED: the same script through a real Apache.
JT_PORT=18081
c_apache() {
	local body
	body=$(curl -s --noproxy '*' --max-time 10 \
		"http://127.0.0.1:$JT_PORT/cgi-bin/cgiwrap/~cwtalice/$1")
	case $body in
	*"$2"*) ;;
	*) note_failure "through Apache: expected '$2', got '$(printf '%s' "$body" | head -c 200)'" ;;
	esac
}

c_check_clean() {
	jt check
	expect_clean
}

# ---------------------------------------------------------------------------
# check: each planted problem, one line each (a throwaway jail)
# ---------------------------------------------------------------------------

jail2_setup() {
	"$TOOL" --jail "$JAIL2" init --user cwtbob >/dev/null &&
		"$TOOL" --jail "$JAIL2" add --preset sh >/dev/null
}

c_check_clean2() {
	jt --jail "$JAIL2" check
	expect_clean
}

c_plant_setuid() {
	chmod u+s "$JAIL2/usr/bin/cat"
	jt --jail "$JAIL2" check
	chmod u-s "$JAIL2/usr/bin/cat"
	expect_one_problem "/usr/bin/cat is setuid"
}

c_plant_world_writable() {
	install -d -m 0777 "$JAIL2/var/spool"
	jt --jail "$JAIL2" check
	rm -rf -- "${JAIL2:?}/var"
	expect_one_problem "/var/spool is a world-writable directory"
}

c_plant_device() {
	mknod "$JAIL2/dev/sda" b 8 0
	jt --jail "$JAIL2" check
	rm -f -- "$JAIL2/dev/sda"
	expect_one_problem "/dev/sda is a device node"
}

c_plant_deleted_library() {
	rm -f -- "$JAIL2/usr/lib/x86_64-linux-gnu/libselinux.so.1"
	jt --jail "$JAIL2" check
	expect_one_problem "library libselinux.so.1 is missing from the jail, needed by /usr/bin/"
	jt --jail "$JAIL2" add /usr/bin/ls
	assert_rc 0
	[ -f "$JAIL2/usr/lib/x86_64-linux-gnu/libselinux.so.1" ] ||
		note_failure "add /usr/bin/ls did not restore the library"
	assert_eq "add after the library was restored" "added /usr/bin/ls" "$(cat "$OUT")"
	jt --jail "$JAIL2" add /usr/bin/ls
	assert_rc 0
	assert_eq "add again" "unchanged /usr/bin/ls" "$(cat "$OUT")"
}

c_plant_suid_mount() {
	install -d -m 0755 "$JAIL2$BOB_HOME"
	mount --bind "$BOB_HOME" "$JAIL2$BOB_HOME"
	jt --jail "$JAIL2" check
	expect_one_problem "mount $JAIL2$BOB_HOME lacks nosuid, nodev"
	jt --jail "$JAIL2" umount cwtbob
	assert_rc 0
	jt --jail "$JAIL2" umount cwtbob
	assert_rc 0
	grep -q "not mounted" "$OUT" || note_failure "second umount: $(cat "$OUT")"
}

c_plant_home_mode() {
	chmod 0755 "$BOB_HOME"
	jt --jail "$JAIL2" check
	chmod 0750 "$BOB_HOME"
	expect_one_problem "home $BOB_HOME \\(cwtbob\\) has permissions for others"
}

c_plant_proc() {
	install -d -m 0755 "$JAIL2/proc"
	mount -t proc proc "$JAIL2/proc"
	jt --jail "$JAIL2" check
	umount "$JAIL2/proc"
	rmdir "$JAIL2/proc"
	expect_one_problem "a procfs is mounted at $JAIL2/proc"
}

c_strict_ro_top() {
	jt --jail "$JAIL2" --strict check
	expect_one_problem "$JAIL2 is not a read-only mount"
	mount --bind "$JAIL2" "$JAIL2" && mount -o remount,bind,ro "$JAIL2"
	jt --jail "$JAIL2" --strict check
	umount "$JAIL2"
	expect_clean
}

# umount of a user deleted meanwhile: the path comes from the mount table.
c_umount_deleted_user() {
	useradd -M -d "$CWT_DIR/home/cwtgone" -s /bin/sh cwtgone
	install -d -m 0700 -o cwtgone -g cwtgone "$CWT_DIR/home/cwtgone"
	"$TOOL" --jail "$JAIL2" mount cwtgone >/dev/null
	userdel cwtgone
	groupdel cwtgone 2>/dev/null
	jt --jail "$JAIL2" umount cwtgone
	assert_rc 0
	if findmnt -rn -o TARGET | grep -qxF "$JAIL2$CWT_DIR/home/cwtgone"; then
		note_failure "still mounted"
	fi
	rm -rf -- "$CWT_DIR/home/cwtgone"
}

# ---------------------------------------------------------------------------
# explain
# ---------------------------------------------------------------------------

c_explain_missing_interpreter() {
	jt explain /cwtalice/ruby.cgi
	assert_rc 73
	grep -q "^refused: the #! interpreter /usr/bin/ruby" "$OUT" ||
		note_failure "interpreter not named: $(grep -v '^ok' "$OUT" | head -n 3)"
	grep -q "^verdict: refused: exec-failed" "$OUT" || note_failure "no verdict line"
}

c_explain_libraries() {
	jt --jail "$JAIL" explain /cwtalice/perl.cgi
	assert_rc 0
	grep -q "^ok: library libcrypt.so.1: " "$OUT" || note_failure "perl's libcrypt not listed"
}

# explain and the wrapper: the same exit code (the reason's, or 0).
c_agree() {	# c_agree PATH_INFO EXPECTED-EXIT
	local want=$2 wrapper
	cgi_get "$1" ""
	wrapper=$RC
	jt explain "$1"
	assert_eq "wrapper exit" "$want" "$wrapper"
	assert_eq "explain exit" "$want" "$RC"
}

run_case "init: skeleton from an empty directory" c_init
run_case "add: presets sh, perl, python3" c_add_presets
run_case "add: setuid bit stripped" c_add_strips_setuid
run_case "mount: ro,nosuid,nodev,private, idempotent, output an fstab fragment" c_mount
run_case "fstab: the printed line mounts with mount -T; umount" c_fstab_line
run_case "wrapper runs a sh CGI in the jail" c_run sh.cgi "sh-ran $ALICE_UID"
run_case "wrapper runs a perl CGI in the jail" c_run perl.cgi "perl-ran $ALICE_UID 2"
run_case "wrapper runs a python3 CGI in the jail" c_run py.cgi "python-ran $ALICE_UID [1]"
fixture_apache_start "$JT_PORT" || fixture_abort "starting Apache"
run_case "Apache serves the sh CGI from the jail" c_apache sh.cgi "sh-ran $ALICE_UID"
run_case "Apache serves the perl CGI from the jail" c_apache perl.cgi "perl-ran $ALICE_UID 2"
run_case "Apache serves the python3 CGI from the jail" c_apache py.cgi "python-ran $ALICE_UID [1]"
run_case "check: the built jail is clean" c_check_clean
if jail2_setup; then
	run_case "check: a clean throwaway jail" c_check_clean2
	run_case "check: planted setuid file" c_plant_setuid
	run_case "check: planted world-writable directory" c_plant_world_writable
	run_case "check: planted device node" c_plant_device
	run_case "check: deleted library; add restores it (added), then unchanged" c_plant_deleted_library
	run_case "check: home mounted without nosuid,nodev; umount twice" c_plant_suid_mount
	run_case "check: world-readable home" c_plant_home_mode
	run_case "check: procfs in the jail" c_plant_proc
	run_case "check --strict: writable jail top, then a ro self-bind" c_strict_ro_top
	run_case "umount: a user deleted meanwhile" c_umount_deleted_user
	run_case "check: the throwaway jail is clean again" c_check_clean2
else
	echo "FAIL: setting up the throwaway jail"
	CWT_FAILED=$((CWT_FAILED + 1))
fi
run_case "explain: names the missing #! interpreter" c_explain_missing_interpreter
run_case "explain: lists the libraries" c_explain_libraries
run_case "explain = wrapper: allowed sh script" c_agree /cwtalice/sh.cgi 0
run_case "explain = wrapper: allowed python3, extra path" c_agree /~cwtalice/py.cgi/x/y 0
run_case "explain = wrapper: missing interpreter" c_agree /cwtalice/ruby.cgi 73
run_case "explain = wrapper: no #! line" c_agree /cwtalice/noshebang.cgi 73
run_case "explain = wrapper: script-not-found" c_agree /cwtalice/nothere.cgi 52
run_case "explain = wrapper: bad-path-component" c_agree /cwtalice/sub/../sh.cgi 30
run_case "explain = wrapper: unknown-user" c_agree /cwtnosuchuser/x.cgi 50
run_case "explain = wrapper: uid-below-minimum" c_agree /cwtlow/x.cgi 21
run_case "explain = wrapper: no-cgi-dir" c_agree /cwtbob/x.cgi 51
run_case "explain = wrapper: world-writable" c_agree /cwtalice/ww.cgi 40
run_case "explain = wrapper: not-executable" c_agree /cwtalice/plain.cgi 42
run_case "explain = wrapper: not-regular-file" c_agree /cwtalice/sub 41
run_case "explain = wrapper: permission-denied" c_agree /cwtalice/private/x.cgi 33

fixture_finish
