#!/bin/bash
# The CGIWrap option parity suite: for every configure option of spec 2.2
# that changes what the wrapper does, a build with it, run as the web
# server's user against real users, files, mounts and a real jail, and at
# least one case whose expected result differs from the default build (so an
# ignored option fails).  The options are grouped into six builds:
#
#   base  the fixture's defaults (contrast cases)
#   acl   host checking, netgroups, vhost files and override, require-user,
#         require-redirect-url, use-redirect-url, php-cgiwrap
#   url   use-script-url, path_translated-2, multiuser directory, rewrite
#         file, setenv-*, pass-env, umask, stderr, strict names, CVS paths,
#         syslog, rusage, initgroups, rlimits, the site block
#   misc  quiet errors, charset, setgroups, soft rlimits, caller check,
#         every check-* off, no nph, PHP / eRuby / ASP interpreters and
#         their nonexec-only switches (php-cgiwrap is in acl: with
#         php-nonexec-only an owner-executable script in php- mode runs
#         directly, which would hide spec 6 row 15)
#   ro    chroot-require-ro-root and chroot-require-mounts
#   core  rlimit-core alone (it fails where CAP_SYS_RESOURCE is missing)
#
# plus a case that runs configure itself with bad values.
#
# Root only (exit 77 otherwise).  Prints "PASS: name" / "FAIL: name" per case
# and "N passed, N failed"; exits 0 iff every case passed.  Runs in its own
# mount namespace (tests/lib/fixture.sh); everything it makes lives under
# /srv/cgiwrap-test/parity except, for two cases, what the host has no
# private copy of: /etc/netgroup (created only if absent, removed on exit)
# and /dev/log (a listener bound there only if absent, removed on exit).
# /etc/nsswitch.conf is never changed: a copy is bind-mounted over it inside
# this suite's private namespace.
#
# Cases override the fixture's run settings (CWT_CALLER, CWT_PRE, ...) with
# "local": bash's dynamic scope hands them to run_as_web.
# Case functions run indirectly, through run_case:
# shellcheck disable=SC2034,SC2317
# shellcheck source-path=SCRIPTDIR
set -u

# shellcheck source=../lib/fixture.sh
. "$(dirname -- "$(readlink -f -- "$0")")/../lib/fixture.sh"

# Marks the /etc/netgroup this suite creates (and only that one is removed).
NG_MARK="# cgiwrap parity.sh test netgroups: removed when the suite ends"
NG_CREATED=0
SYSLOG_PID=
SYSLOG_CREATED=0

# Runs from fixture_cleanup before users and files go.
suite_cleanup() {
	syslog_stop
	if findmnt -rn /etc/netgroup >/dev/null 2>&1; then umount /etc/netgroup; fi
	if findmnt -rn /etc/nsswitch.conf >/dev/null 2>&1; then umount /etc/nsswitch.conf; fi
	if [ "$NG_CREATED" = 1 ] && [ "$(head -n 1 /etc/netgroup 2>/dev/null)" = "$NG_MARK" ]; then
		rm -f /etc/netgroup
	fi
}

fixture_start parity "$0" "$@"
# A previous run killed before its trap ran may have left its netgroup file.
if [ "$(head -n 1 /etc/netgroup 2>/dev/null)" = "$NG_MARK" ]; then rm -f /etc/netgroup; fi
fixture_setup base

T=$CWT_DIR/tools
ETC=$CWT_DIR/etc
MU=$CWT_DIR/shared-cgi
JAIL=$CWT_DIR/jail
ALICE_HOME=$(fixture_home cwtalice)
CGI=$ALICE_HOME/public_html/cgi-bin
ALT=$ALICE_HOME/alt-cgi
ALICE_UID=$(uid_of cwtalice)
ALICE_GID=$(gid_of cwtalice)
EXTRA_GID=$(gid_of cwtextra)
SN=/cgi-bin/cgiwrap/cwtalice

# The site block values: every character HTML escapes, and blanks.
SITE_NAME='Web & "Ops" <team>'
SITE_NAME_H='Web &amp; &quot;Ops&quot; &lt;team&gt;'
SITE_EMAIL='ops&web@example.test'
SITE_EMAIL_H='ops&amp;web@example.test'
SITE_PHONE='+1 555 "0100"'
SITE_PHONE_H='+1 555 &quot;0100&quot;'
SITE_CURL="https://example.test/contact?a=1&b='2'"
SITE_CURL_H='https://example.test/contact?a=1&amp;b=&#39;2&#39;'
SITE_SURL='https://example.test/?x=1&y="2"'
SITE_SURL_H='https://example.test/?x=1&amp;y=&quot;2&quot;'
SITE_DURL='https://example.test/doc?a=<b>&c'
SITE_DURL_H='https://example.test/doc?a=&lt;b&gt;&amp;c'
SITE_OPTS=(
	--with-local-contact-name="$SITE_NAME"
	--with-local-contact-email="$SITE_EMAIL"
	--with-local-contact-phone="$SITE_PHONE"
	--with-local-contact-url="$SITE_CURL"
	--with-local-site-url="$SITE_SURL"
	--with-local-doc-url="$SITE_DURL"
)

# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------

# The extra environment of the current build's requests (see preq).
PENV=()

# use_parity_build NAME ENV...: that build's binary and log, and the
# variables every request of it carries.
use_parity_build() {
	use_build "$1"
	shift
	PENV=("$@")
}

# preq PATH_INFO [ENV...]: a GET as cgi_get sends it, plus PENV, plus ENV.
# A later NAME=value replaces an earlier one; a word "-NAME" drops NAME.
# PATH_INFO "-": the query form (no PATH_INFO, no PATH_TRANSLATED).
preq() {
	local pi=$1 w n
	shift
	local -a env=(
		GATEWAY_INTERFACE=CGI/1.1 REQUEST_METHOD=GET
		SCRIPT_NAME=/cgi-bin/cgiwrap
		SCRIPT_FILENAME=/usr/lib/cgi-bin/cgiwrap
		DOCUMENT_ROOT=/var/www/html SERVER_NAME=localhost
		SERVER_PORT=80 SERVER_PROTOCOL=HTTP/1.1 REMOTE_ADDR=192.0.2.7
		QUERY_STRING=
	)
	[ "$pi" = - ] || env+=(PATH_INFO="$pi" PATH_TRANSLATED="/var/www/html$pi")
	env+=("${PENV[@]}" "$@")
	local -a names=() words=()
	local -A val=()
	for w in "${env[@]}"; do
		if [ "${w#-}" != "$w" ]; then
			unset "val[${w#-}]"
			continue
		fi
		n=${w%%=*}
		[ -n "${val[$n]+set}" ] || names+=("$n")
		val[$n]=${w#*=}
	done
	for n in "${names[@]}"; do
		[ -z "${val[$n]+set}" ] || words+=("$n=${val[$n]}")
	done
	run_as_web "${words[@]}"
}

# put_file PATH CONTENT: a root-owned 0644 config file; CONTENT "-": none.
put_file() {
	rm -f -- "$1"
	[ "$2" = - ] || { printf '%s\n' "$2" >"$1" && chmod 0644 "$1"; }
}

# assert_page_cs STATUS CHARSET: the error response with that charset.
assert_page_cs() {
	local status=$1 cs=$2 phrase
	phrase=$(status_phrase "$status")
	assert_eq "status line" "Status: $status $phrase" "$(sed -n 1p "$OUT")"
	assert_eq "content type" "Content-Type: text/html; charset=$cs" "$(sed -n 2p "$OUT")"
	assert_eq "header end" "" "$(sed -n 3p "$OUT")"
	assert_out_has "<meta charset=\"$cs\">"
	assert_out_has "<title>$status $phrase</title>"
}

# expect_refusal_cs STATUS EXIT TOKEN CHARSET: expect_refusal, that charset.
expect_refusal_cs() {
	local status=$1 code=$2 token=$3 cs=$4 decision=deny
	[ "$status" != 500 ] || decision=error
	assert_page_cs "$status" "$cs"
	assert_rc "$code"
	assert_nlog 1
	assert_log_has "decision=$decision status=$status reason=$token"
	assert_out_lacks "probe=1"
}

# expect_deny STATUS EXIT TOKEN: a refusal of a non-quiet utf-8 build.
expect_deny() {
	expect_refusal "$@"
	assert_out_lacks "probe=1"
}

assert_log_lacks() {
	case $LOGLINE in
	*"$1"*) note_failure "log line has '$1': $LOGLINE" ;;
	esac
}

# The <p> sentence of an error page.
page_sentence() { sed -n 's/.*<h1>[^<]*<\/h1><p>\([^<]*\)<\/p>.*/\1/p' "$OUT" | head -n 1; }

# assert_groups GID...: exactly these groups (any order).
assert_groups() {
	local want got
	want=$(printf '%s\n' "$@" | sort -n | tr '\n' ,)
	got=$(probe_val groups | tr , '\n' | sort -n | tr '\n' ,)
	assert_eq "groups" "$want" "$got"
}

# hard_of RESOURCE: this shell's hard limit as the probe prints it.
hard_of() {
	local v
	v=$(prlimit --pid $$ "--$1" -o HARD --noheadings --raw)
	echo "$v"
}

# ---------------------------------------------------------------------------
# The tree of this suite
# ---------------------------------------------------------------------------

sh_src() {	# sh_src FILE BODY-LINES...: a #!/bin/sh CGI printing a header
	{
		printf '#!/bin/sh\necho "Content-Type: text/plain"\necho\n'
		printf '%s\n' "${@:2}"
	} >"$1"
}

parity_tree() {
	local f
	# shellcheck disable=SC2016 # $$ is for the script
	sh_src "$T/stderr.src" 'echo to-stdout' 'echo to-stderr >&2' 'echo done'
	# shellcheck disable=SC2016
	sh_src "$T/kill.src" 'echo before-kill' 'kill -9 $$' 'echo after-kill'
	sh_src "$T/shared-argv.src" 'echo shared-argv=1'
	cgi_put cwtalice stderr.cgi 0755 cwtalice:cwtalice "$T/stderr.src" &&
		cgi_put cwtalice kill.cgi 0755 cwtalice:cwtalice "$T/kill.src" &&
		cgi_put cwtalice "a b.cgi" &&
		cgi_mkdir cwtalice CVS &&
		cgi_put cwtalice CVS/argv.cgi &&
		cgi_put cwtalice bob.cgi 0755 cwtbob:cwtalice &&
		cgi_mkdir cwtalice bobdir 0755 cwtbob:cwtbob &&
		cgi_put cwtalice bobdir/argv.cgi &&
		cgi_put cwtalice extra.cgi 0755 cwtalice:cwtextra &&
		cgi_put cwtalice suid.cgi 4755 &&
		cgi_put cwtalice sgid.cgi 2755 &&
		cgi_put cwtalice gw.cgi 0775 &&
		cgi_put cwtalice ww.cgi 0757 &&
		cgi_mkdir cwtalice gwdir 0775 &&
		cgi_put cwtalice gwdir/argv.cgi &&
		cgi_mkdir cwtalice wwdir 0777 &&
		cgi_put cwtalice wwdir/argv.cgi || return 1
	# Interpreted pages: content is never read by the (fake) interpreter;
	# the 0755 ones are the probe, so a direct exec shows itself.
	for f in p.php P.PHP page.php t.rhtml a.asp; do
		cgi_put cwtalice "$f" 0644 || return 1
	done
	for f in x.php e.rhtml x.asp; do
		cgi_put cwtalice "$f" 0755 || return 1
	done
	# The rewrite target (spec 6 row 19).
	install -d -m 0755 -o cwtalice -g cwtalice "$ALT" &&
		install -m 0755 -o cwtalice -g cwtalice "$T/probe" "$ALT/argv.cgi" || return 1
	# The multiuser directory: root's, bind-mounted into the jail like the
	# homes.  shared.cgi only here; argv.cgi in both trees (the user's
	# wins a tie); sub/only.cgi matches two components here, one in
	# alice's tree (she has sub/ but no only.cgi); bobs.cgi is bob's.
	install -d -m 0755 -o root -g root "$MU" "$MU/sub" &&
		install -m 0755 -o root -g root "$T/probe" "$MU/shared.cgi" &&
		install -m 0755 -o root -g root "$T/probe" "$MU/sub/only.cgi" &&
		install -m 0755 -o root -g root "$T/shared-argv.src" "$MU/argv.cgi" &&
		install -m 0755 -o cwtbob -g cwtbob "$T/probe" "$MU/bobs.cgi" || return 1
	install -d -m 0755 -o root -g root "$JAIL$MU" &&
		mount --bind "$MU" "$JAIL$MU" &&
		mount -o remount,bind,ro,nosuid,nodev "$JAIL$MU" || return 1
	# Fake interpreters, inside the jail only (the wrapper never looks for
	# them on the host): copies of the static probe, so their argv[0] and
	# environment show exactly how they were started.
	install -d -m 0755 -o root -g root "$JAIL/usr/local" "$JAIL/usr/local/bin" &&
		for f in cwt-php cwt-eruby cwt-asp; do
			install -m 0755 -o root -g root "$T/probe" "$JAIL/usr/local/bin/$f" || return 1
		done
	install -d -m 0755 -o root -g root "$ETC" "$ETC/vallow" "$ETC/vdeny"
}
parity_tree || fixture_abort "the parity tree"

# ---------------------------------------------------------------------------
# Builds
# ---------------------------------------------------------------------------

build_acl() {
	fixture_build acl --with-host-checking --with-allow-deny-netgroups \
		--with-allow-file="$ETC/acl.allow" --with-deny-file="$ETC/acl.deny" \
		--with-vhost-allow-dir="$ETC/vallow" --with-vhost-deny-dir="$ETC/vdeny" \
		--with-vhost-override --with-env-require-user \
		--with-require-redirect-url --with-use-redirect-url \
		--with-php=/usr/local/bin/cwt-php --with-php-cgiwrap
}

URL_RLIMITS=(
	--with-rlimit-cpu=7 --with-rlimit-vmem=300000000
	--with-rlimit-fsize=3000000 --with-rlimit-data=200000000
	--with-rlimit-stack=4194304
	--with-rlimit-rss=100000000 --with-rlimit-nproc=64
	--with-rlimit-nofile=40 --with-rlimit-memlock=65536
)
build_url() {
	fixture_build url --with-use-script-url --with-path_translated-2 \
		--with-multiuser-cgi-dir="$MU" --with-rewrite="$ETC/rewrite" \
		--with-auto-setenv-home --with-setenv-path=/cwt/bin:/usr/bin:/bin \
		--with-setenv-tz=CWT0 --with-setenv-ld_library_path=/cwt/lib \
		--with-pass-env=MY_VAR --with-umask=077 --without-redirect-stderr \
		--with-block-cvs-paths --without-strict-names \
		--with-logging-syslog=cwtlabel --with-report-rusage \
		--without-initgroups "${URL_RLIMITS[@]}" "${SITE_OPTS[@]}"
}

build_misc() {
	fixture_build misc --without-cgiwrapd --with-quiet-errors \
		--with-charset=iso-8859-1 --without-setgroups \
		--with-soft-rlimit-only --with-rlimit-cpu=7 --with-rlimit-nofile=40 \
		--with-rlimit-as=300000000 \
		--without-check-httpd-user --without-check-owner --without-check-group \
		--without-check-setuid --without-check-setgid \
		--without-check-group-writable --without-check-world-writable \
		--without-nph \
		--with-php=/usr/local/bin/cwt-php --with-php-interpreter \
		--with-php-nonexec-only \
		--with-eruby=/usr/local/bin/cwt-eruby --with-eruby-interpreter \
		--with-asp=/usr/local/bin/cwt-asp --with-asp-interpreter \
		--with-asp-nonexec-only "${SITE_OPTS[@]}"
}

# Alone: see c_core.
build_core() {
	fixture_build core --with-rlimit-core=4096
}

build_ro() {
	fixture_build ro --with-chroot-require-ro-root --with-chroot-require-mounts
}

# ---------------------------------------------------------------------------
# base: the defaults each option changes
# ---------------------------------------------------------------------------

c_base_defaults_env() {
	use_parity_build base
	preq /cwtalice/argv.cgi/pi REDIRECT_URL=/~cwtalice/fancy/url.cgi/pi \
		SCRIPT_URL=/~cwtalice/argv.cgi/pi MY_VAR=hello TZ=EST5 \
		CGIWRAP_REQUIRE_USER=cwtbob
	assert_ran
	assert_env SCRIPT_NAME "$SN/argv.cgi"
	assert_env PATH_TRANSLATED /var/www/html/pi
	assert_env PATH /usr/local/bin:/usr/bin:/bin
	assert_env TZ EST5
	assert_no_env HOME
	assert_no_env MY_VAR
	assert_no_env LD_LIBRARY_PATH
	assert_kv umask 0022
	assert_kv cwd "$CGI"
	assert_groups "$ALICE_GID" "$EXTRA_GID"
	assert_kv rlimit_cpu unlimited:unlimited
	assert_log_lacks "exit="
}

c_base_stderr() {
	use_parity_build base
	preq /cwtalice/stderr.cgi
	assert_rc 0
	assert_out_has to-stdout
	assert_out_has to-stderr
}

c_base_refusals() {	# PATH_INFO STATUS EXIT TOKEN
	use_parity_build base
	preq "$1"
	expect_deny "$2" "$3" "$4"
	assert_out_lacks "<hr>"
}

c_base_cvs() {
	use_parity_build base
	preq /cwtalice/CVS/argv.cgi
	assert_ran
}

c_base_wrong_caller() {
	use_parity_build base
	local CWT_CALLER=cwtother CWT_CALLER_GROUPS=cwtwww
	preq /cwtalice/argv.cgi
	expect_unlogged_refusal 500 62 wrong-caller
}

c_base_nph() {
	use_parity_build base
	[ -e "$(bin_dir base)/nph-cgiwrap" ] || note_failure "nph-cgiwrap not installed by default"
	local CWT_BIN
	CWT_BIN=$(bin_dir base)/nph-cgiwrap
	preq /cwtalice/nothere.cgi
	assert_eq "first line" $'HTTP/1.0 404 Not Found\r' "$(sed -n 1p "$OUT")"
}

c_base_not_setuid_php() {
	use_parity_build base
	preq /cwtalice/p.php
	expect_deny 403 42 not-executable
}

# ---------------------------------------------------------------------------
# acl: --with-host-checking, --with-allow-deny-netgroups, vhost dirs and
# override, --with-env-require-user, --with-require-redirect-url,
# --with-use-redirect-url
# ---------------------------------------------------------------------------

ACL_ALLOW='cwtalice@192.0.2.0/24
cwtalice@2001:db8::/32'

# The usual state: alice allowed from 192.0.2.0/24 and 2001:db8::/32;
# vhost www.example.test allows her, other.test and the :8080 name only bob.
acl_default() {
	put_file "$ETC/acl.allow" "$ACL_ALLOW"
	put_file "$ETC/acl.deny" -
	rm -f "$ETC"/vallow/* "$ETC"/vdeny/*
	put_file "$ETC/vallow/www.example.test" cwtalice
	put_file "$ETC/vallow/other.test" cwtbob
	put_file "$ETC/vallow/www.example.test:8080" cwtbob
}

use_acl() {
	use_parity_build acl HTTP_HOST=www.example.test \
		REDIRECT_URL=/~cwtalice/argv.cgi
	acl_default
}

c_acl_addr() {	# INSIDE-ADDR OUTSIDE-ADDR
	use_acl
	preq /cwtalice/argv.cgi REMOTE_ADDR="$1"
	assert_ran
	assert_env REMOTE_ADDR "$1"
	preq /cwtalice/argv.cgi REMOTE_ADDR="$2"
	expect_deny 403 27 access-denied
	assert_log_has "acl=global"
}

c_acl_no_addr() {
	use_acl
	preq /cwtalice/argv.cgi -REMOTE_ADDR
	expect_deny 403 20 no-remote-addr
}

c_acl_bad_addr() {
	use_acl
	preq /cwtalice/argv.cgi REMOTE_ADDR=not-an-address
	expect_deny 403 20 no-remote-addr
}

# *@net in the deny file bans every user from it (7.2).
c_acl_deny_star() {
	use_acl
	put_file "$ETC/acl.allow" -
	put_file "$ETC/acl.deny" '*@198.51.100.0/255.255.255.0'
	preq /cwtalice/argv.cgi REMOTE_ADDR=198.51.100.9
	expect_deny 403 27 access-denied
	assert_log_has "acl=global"
	preq /cwtalice/argv.cgi REMOTE_ADDR=192.0.2.7
	assert_ran
	acl_default
}

# glibc's innetgr needs a netgroup source: /etc/netgroup through "files".
NG_READY=0
netgroup_setup() {
	local ns=$ETC/nsswitch.conf
	cp /etc/nsswitch.conf "$ns" || return 1
	if grep -q '^netgroup:' "$ns"; then
		sed -i 's/^netgroup:.*/netgroup:       files/' "$ns"
	else
		echo 'netgroup:       files' >>"$ns"
	fi
	chmod 0644 "$ns"
	mount --bind "$ns" /etc/nsswitch.conf || return 1
	printf '%s\ncwtng (,cwtalice,)\ncwtng2 (,cwtbob,)\n' "$NG_MARK" >"$ETC/netgroup"
	chmod 0644 "$ETC/netgroup"
	if [ -e /etc/netgroup ] || [ -L /etc/netgroup ]; then
		# Someone's own file: hidden in this namespace only.
		mount --bind "$ETC/netgroup" /etc/netgroup || return 1
	else
		NG_CREATED=1
		install -m 0644 -o root -g root "$ETC/netgroup" /etc/netgroup || return 1
	fi
	NG_READY=1
}

c_acl_netgroup() {
	use_acl
	[ "$NG_READY" = 1 ] || { note_failure "netgroup setup failed"; return; }
	put_file "$ETC/acl.allow" "+@cwtng"
	preq /cwtalice/argv.cgi
	assert_ran
	put_file "$ETC/acl.allow" "+@cwtng2"
	preq /cwtalice/argv.cgi
	expect_deny 403 27 access-denied
	assert_log_has "acl=global"
	# In the deny file too.
	put_file "$ETC/acl.allow" -
	put_file "$ETC/acl.deny" "+@cwtng"
	preq /cwtalice/argv.cgi
	expect_deny 403 27 access-denied
	acl_default
}

c_acl_vhost_lower() {
	use_acl
	preq /cwtalice/argv.cgi HTTP_HOST=WWW.Example.TEST
	assert_ran
	assert_log_has "host=www.example.test "
}

c_acl_vhost_port() {
	use_acl
	preq /cwtalice/argv.cgi HTTP_HOST=www.example.test:8080
	expect_deny 403 27 access-denied
	assert_log_has "host=www.example.test:8080 "
	assert_log_has "acl=vhost"
}

c_acl_vhost_deny_dir() {
	use_acl
	put_file "$ETC/vallow/www.example.test" -
	put_file "$ETC/vdeny/www.example.test" cwtalice
	preq /cwtalice/argv.cgi
	expect_deny 403 27 access-denied
	assert_log_has "acl=vhost"
	put_file "$ETC/vdeny/www.example.test" cwtbob
	preq /cwtalice/argv.cgi
	assert_ran
	acl_default
}

c_acl_vhost_missing_files() {
	use_acl
	preq /cwtalice/argv.cgi HTTP_HOST=nofiles.test
	expect_deny 403 26 access-files-missing
	assert_log_has "acl=vhost"
}

c_acl_bad_vhost() {
	use_acl
	preq /cwtalice/argv.cgi HTTP_HOST=../../etc
	expect_deny 400 13 bad-vhost
}

c_acl_no_vhost() {
	use_acl
	preq /cwtalice/argv.cgi -HTTP_HOST
	expect_deny 403 28 no-vhost
}

c_acl_override() {
	use_acl
	preq /cwtalice/argv.cgi HTTP_HOST=other.test CGIWRAP_AUTH_VHOST=www.example.test
	assert_ran
	assert_log_has "host=www.example.test "
	assert_no_env CGIWRAP_AUTH_VHOST
	preq /cwtalice/argv.cgi HTTP_HOST=www.example.test CGIWRAP_AUTH_VHOST=other.test
	expect_deny 403 27 access-denied
	assert_log_has "host=other.test "
}

c_acl_require_user() {
	use_acl
	preq /cwtalice/argv.cgi CGIWRAP_REQUIRE_USER=cwtbob
	expect_deny 403 25 require-user-mismatch
	preq /cwtalice/argv.cgi CGIWRAP_REQUIRE_USER=
	expect_deny 403 25 require-user-mismatch
	preq /cwtalice/argv.cgi CGIWRAP_REQUIRE_USER=cwtalice
	assert_ran
	assert_no_env CGIWRAP_REQUIRE_USER
}

c_acl_require_redirect() {
	use_acl
	preq /cwtalice/argv.cgi -REDIRECT_URL
	expect_deny 403 24 no-redirect-url
	preq /cwtalice/argv.cgi REDIRECT_URL=
	expect_deny 403 24 no-redirect-url
}

# Spec 6 row 17.
c_acl_use_redirect() {
	use_acl
	preq /cwtalice/argv.cgi/pi REDIRECT_URL=/~cwtalice/fancy/url.cgi/pi \
		SCRIPT_URL=/~cwtalice/argv.cgi/pi
	assert_ran
	assert_env SCRIPT_NAME /~cwtalice/fancy/url.cgi
	assert_env PATH_INFO /pi
	assert_env REDIRECT_URL /~cwtalice/fancy/url.cgi/pi
}

# Spec 6 row 15: php-cgiwrap sends every script through PHP.
c_acl_php_cgiwrap() {
	use_acl
	local CWT_BIN
	CWT_BIN=$(bin_dir acl)/php-cgiwrap
	local -a CWT_ARGS=(w)
	preq /cwtalice/sub/deeper/argv.cgi/x \
		PATH_TRANSLATED=/d/cwtalice/sub/deeper/argv.cgi/x
	assert_ran
	assert_kv argc 2
	assert_kv 'argv[0]' /usr/local/bin/cwt-php
	assert_kv 'argv[1]' argv.cgi
	assert_kv cwd "$CGI/sub/deeper"
	assert_env PATH_TRANSLATED /d/sub/deeper/argv.cgi/x
	assert_env PATH_INFO /x
	assert_log_has "name=php-cgiwrap"
	[ -e "$(bin_dir acl)/php-cgiwrap" ] || note_failure "php-cgiwrap not installed"
	# A page without the execute bit too (no execute bit needed).
	preq /cwtalice/p.php
	assert_ran
	assert_kv 'argv[0]' /usr/local/bin/cwt-php
}

# ---------------------------------------------------------------------------
# url
# ---------------------------------------------------------------------------

use_url() {
	use_parity_build url
	put_file "$ETC/rewrite" "# no user is rewritten"
}

c_url_script_url() {
	use_url
	preq /cwtalice/argv.cgi SCRIPT_URL=/~cwtalice/argv.cgi
	assert_ran
	assert_env SCRIPT_NAME /~cwtalice/argv.cgi
	preq /cwtalice/argv.cgi/pi SCRIPT_URL=/~cwtalice/argv.cgi/pi
	assert_ran
	assert_env SCRIPT_NAME /~cwtalice/argv.cgi
	assert_env PATH_INFO /pi
	# Without SCRIPT_URL the server's SCRIPT_NAME rule applies.
	preq /cwtalice/argv.cgi
	assert_env SCRIPT_NAME "$SN/argv.cgi"
}

c_url_pt2() {
	use_url
	preq /cwtalice/sub/argv.cgi/x/y
	assert_ran
	assert_env PATH_TRANSLATED "$CGI/sub/argv.cgi/x/y"
	assert_env PATH_INFO /x/y
	preq /cwtalice/sub/argv.cgi
	assert_ran
	assert_env PATH_TRANSLATED "$CGI/sub/argv.cgi"
	# Only if the server set it.
	preq /cwtalice/sub/argv.cgi/x -PATH_TRANSLATED
	assert_ran
	assert_no_env PATH_TRANSLATED
}

c_url_mu_shared() {
	use_url
	preq /cwtalice/shared.cgi
	assert_ran
	assert_kv cwd "$MU"
	assert_kv euid "$ALICE_UID"
	assert_kv ruid "$ALICE_UID"
	assert_kv egid "$ALICE_GID"
	assert_env SCRIPT_FILENAME "$MU/shared.cgi"
	assert_env SCRIPT_NAME "$SN/shared.cgi"
	assert_log_has "user=cwtalice"
}

c_url_mu_owner() {
	use_url
	preq /cwtalice/bobs.cgi
	expect_deny 403 37 owner-mismatch
}

c_url_mu_match() {
	use_url
	# A tie (one component each): the user's own argv.cgi.
	preq /cwtalice/argv.cgi
	assert_ran
	assert_out_lacks shared-argv
	assert_kv cwd "$CGI"
	# sub/only.cgi: two components in the shared tree, one in hers.
	preq /cwtalice/sub/only.cgi
	assert_ran
	assert_kv cwd "$MU/sub"
	assert_kv euid "$ALICE_UID"
	assert_env SCRIPT_FILENAME "$MU/sub/only.cgi"
}

# Spec 6 row 19.
c_url_rewrite() {
	use_url
	put_file "$ETC/rewrite" "cwtdave:/nonexistent
cwtalice:$ALT"
	preq /cwtalice/argv.cgi/x
	assert_ran
	assert_kv cwd "$ALT"
	assert_env SCRIPT_FILENAME "$ALT/argv.cgi"
	assert_env PATH_TRANSLATED "$ALT/argv.cgi/x"
	preq /cwtalice/env.cgi
	expect_deny 404 52 script-not-found
	put_file "$ETC/rewrite" "# no user is rewritten"
}

c_url_rewrite_malformed() {
	use_url
	put_file "$ETC/rewrite" "cwtalice:alt-cgi"
	preq /cwtalice/argv.cgi
	expect_deny 500 72 config-malformed
	put_file "$ETC/rewrite" "cwtalice:$ALICE_HOME/../cwtalice/alt-cgi"
	preq /cwtalice/argv.cgi
	expect_deny 500 72 config-malformed
	put_file "$ETC/rewrite" "# no user is rewritten"
}

c_url_rewrite_missing() {
	use_url
	put_file "$ETC/rewrite" -
	preq /cwtalice/argv.cgi
	assert_page 500
	assert_nlog 1
	assert_log_has "decision=error status=500 reason="
	assert_out_lacks "probe=1"
	case $RC in 0 | 1[0-9][0-9] | 2[0-9][0-9]) note_failure "exit code $RC for a 500" ;; esac
	put_file "$ETC/rewrite" "# no user is rewritten"
}

c_url_env() {
	use_url
	preq /cwtalice/argv.cgi MY_VAR=hello OTHER_VAR=x TZ=EST5 \
		LD_LIBRARY_PATH=/evil HOME=/root PATH=/evil
	assert_ran
	assert_env HOME "$ALICE_HOME"
	assert_env PATH /cwt/bin:/usr/bin:/bin
	assert_env TZ CWT0
	assert_env LD_LIBRARY_PATH /cwt/lib
	assert_env MY_VAR hello
	assert_no_env OTHER_VAR
}

c_url_umask() {
	use_url
	preq /cwtalice/argv.cgi
	assert_ran
	assert_kv umask 0077
}

c_url_stderr() {
	use_url
	preq /cwtalice/stderr.cgi
	assert_rc 0
	assert_out_has to-stdout
	assert_out_has "done"
	assert_out_lacks to-stderr
	grep -qx to-stderr "$ERR" || note_failure "stderr lacks to-stderr: $(head -c 200 "$ERR")"
}

c_url_cvs() {
	use_url
	preq /cwtalice/CVS/argv.cgi
	expect_deny 403 35 vcs-path
}

c_url_strict() {
	use_url
	preq "/cwtalice/a b.cgi"
	assert_ran
	assert_kv 'argv[0]' "a b.cgi"
}

c_url_groups() {
	use_url
	preq /cwtalice/argv.cgi
	assert_ran
	assert_groups "$ALICE_GID"
	assert_kv ngroups 1
}

c_url_rlimits() {
	use_url
	preq /cwtalice/argv.cgi
	assert_ran
	assert_kv rlimit_cpu 7:7
	assert_kv rlimit_as 300000000:300000000
	assert_kv rlimit_fsize 3000000:3000000
	assert_kv rlimit_data 200000000:200000000
	assert_kv rlimit_stack 4194304:4194304
	assert_kv rlimit_rss 100000000:100000000
	assert_kv rlimit_nproc 64:64
	assert_kv rlimit_nofile 40:40
	assert_kv rlimit_memlock 65536:65536
}

# D14: a hard limit the caller lowered is raised to the configured value;
# where the system denies that, the request is refused with 500, logged.
c_url_rlimit_raise() {
	use_url
	local -a CWT_PRE=(prlimit --nofile=20:20 --cpu=3:3 --)
	preq /cwtalice/argv.cgi
	if have_sys_resource; then
		assert_ran
		assert_kv rlimit_nofile 40:40
		assert_kv rlimit_cpu 7:7
	else
		expect_deny 500 74 internal
		assert_log_has "raising\x20the\x20hard\x20rlimit-"
	fi
}

# --with-rlimit-core=N: the caller's hard core limit is unlimited, so the
# script gets N:N (spec 8: the hard limit is raised only "if the caller
# lowered it").
c_core() {
	use_parity_build core
	local caller
	caller=$(hard_of core)
	preq /cwtalice/argv.cgi
	assert_ran
	assert_kv rlimit_core 4096:4096
	# The wrapper lowers only the soft core limit at entry, so this works
	# without CAP_SYS_RESOURCE too (the caller's hard limit: $caller).
	: "$caller"
}

c_url_rusage_allow() {
	use_url
	local pid
	preq /cwtalice/argv.cgi
	assert_ran
	assert_log_has "exit=0 "
	[[ $LOGLINE =~ \ wall=[0-9]+\.[0-9]{6}\ utime=[0-9]+\.[0-9]{6}\ stime=[0-9]+\.[0-9]{6}($|\ ) ]] ||
		note_failure "no wall= utime= stime= with six decimals: $LOGLINE"
	pid=$(printf '%s\n' "$LOGLINE" | sed -n 's/.* pid=\([0-9]*\) .*/\1/p')
	assert_eq "log pid is the script's pid" "$(probe_val pid)" "$pid"
	assert_log_lacks "signal="
}

c_url_rusage_signal() {
	use_url
	preq /cwtalice/kill.cgi
	assert_rc 137
	assert_out_has before-kill
	assert_out_lacks after-kill
	assert_nlog 1
	assert_log_has "decision=allow"
	assert_log_has "signal=9"
	assert_log_lacks "exit="
	[[ $LOGLINE =~ \ wall=[0-9]+\.[0-9]{6}\  ]] || note_failure "no wall=: $LOGLINE"
}

# A refusal inside the jail (the child's) and one before the fork.
c_url_rusage_refusal() {
	use_url
	preq /cwtalice/argv.cgi
	assert_ran
	assert_log_has "exit=0 "
	preq /cwtalice/nothere.cgi
	expect_deny 404 52 script-not-found
	assert_log_lacks "exit="
	assert_log_lacks "wall="
	preq /cwtnosuchuser/argv.cgi
	expect_deny 404 50 unknown-user
	assert_log_lacks "wall="
}

# A datagram listener at /dev/log (only where none exists: then it is
# removed again) or, where one exists, bound over it in this namespace.
syslog_start() {
	local out=$1 sock i
	SYSLOG_PID=
	if [ -e /dev/log ] || [ -L /dev/log ]; then
		sock=$CWT_DIR/syslog.sock
	else
		sock=/dev/log
		SYSLOG_CREATED=1
	fi
	: >"$out"
	/usr/bin/python3 -c '
import os, socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(sys.argv[1])
os.chmod(sys.argv[1], 0o666)
with open(sys.argv[2], "ab", buffering=0) as f:
    f.write(b"#ready\n")
    while True:
        f.write(s.recv(65536).rstrip(b"\0\n") + b"\n")
' "$sock" "$out" &
	SYSLOG_PID=$!
	for ((i = 0; i < 50; i++)); do
		grep -q '^#ready' "$out" 2>/dev/null && break
		sleep 0.1
	done
	grep -q '^#ready' "$out" || return 1
	if [ "$sock" != /dev/log ]; then
		mount --bind "$sock" /dev/log || return 1
	fi
}

syslog_stop() {
	if [ -n "${SYSLOG_PID:-}" ]; then
		kill "$SYSLOG_PID" 2>/dev/null
		wait "$SYSLOG_PID" 2>/dev/null
		SYSLOG_PID=
	fi
	if findmnt -rn /dev/log >/dev/null 2>&1; then umount /dev/log; fi
	if [ "$SYSLOG_CREATED" = 1 ]; then
		[ -S /dev/log ] && rm -f /dev/log
		SYSLOG_CREATED=0
	fi
	rm -f "$CWT_DIR/syslog.sock"
}

# wait_lines FILE N: until FILE has N message lines (5 s at most).
wait_lines() {
	local i
	for ((i = 0; i < 50; i++)); do
		[ "$(grep -vc '^#ready' "$1")" -ge "$2" ] && return 0
		sleep 0.1
	done
	return 1
}

c_url_syslog() {
	use_url
	local out=$CWT_DIR/syslog.out allow deny
	if ! syslog_start "$out"; then
		note_failure "could not start a /dev/log listener"
		syslog_stop
		return
	fi
	preq /cwtalice/argv.cgi
	assert_ran
	preq /cwtalice/nothere.cgi
	expect_deny 404 52 script-not-found
	wait_lines "$out" 2 || note_failure "syslog got $(grep -vc '^#ready' "$out") messages, expected 2"
	syslog_stop
	allow=$(grep -v '^#ready' "$out" | grep -m1 'decision=allow')
	deny=$(grep -v '^#ready' "$out" | grep -m1 'decision=deny')
	case $allow in
	"<30>"*"cgiwrap["*"]: label=cwtlabel pid="*" user=cwtalice uid=$ALICE_UID request=/argv.cgi script=argv.cgi "*"decision=allow"*) ;;
	*) note_failure "allow message (daemon.info, label, fields): '$allow'" ;;
	esac
	case $deny in
	"<29>"*"label=cwtlabel "*"decision=deny status=404 reason=script-not-found"*) ;;
	*) note_failure "deny message (daemon.notice, label, fields): '$deny'" ;;
	esac
	case " $allow $deny" in *" time="*) note_failure "syslog messages carry time=" ;; esac
}

# assert_site_block: the page's site block, every value HTML-escaped.
assert_site_block() {
	assert_out_has "<hr>"
	assert_out_has "$SITE_NAME_H"
	assert_out_has "$SITE_PHONE_H"
	assert_out_has "href=\"mailto:$SITE_EMAIL_H\""
	assert_out_has "href=\"$SITE_SURL_H\""
	assert_out_has "href=\"$SITE_DURL_H\""
	assert_out_has "href=\"$SITE_CURL_H\""
	assert_out_lacks "$SITE_NAME"
}

c_url_site_block() {
	use_url
	preq /cwtalice/nothere.cgi
	expect_deny 404 52 script-not-found
	assert_site_block
	assert_out_lacks "$SITE_PHONE"
	assert_out_lacks "$SITE_SURL"
	assert_out_lacks "$SITE_CURL"
	assert_out_lacks "$SITE_DURL"
	# Not quiet: the reason's own sentence.
	assert_out_lacks "The requested script was not found."
}

# ---------------------------------------------------------------------------
# misc
# ---------------------------------------------------------------------------

use_misc() { use_parity_build misc; }
MISC_CS=iso-8859-1

c_misc_quiet() {	# PATH_INFO STATUS EXIT TOKEN SENTENCE
	use_misc
	preq "$1"
	expect_refusal_cs "$2" "$3" "$4" "$MISC_CS"
	assert_eq "sentence" "$5" "$(page_sentence)"
	# The site block, escaped, in quiet mode too.
	assert_site_block
}

# The same refusal in the base build names its reason: another sentence.
c_misc_quiet_differs() {
	local quiet base
	use_misc
	preq /cwtalice/nothere.cgi
	quiet=$(page_sentence)
	use_parity_build base
	preq /cwtalice/nothere.cgi
	base=$(page_sentence)
	[ -n "$base" ] || note_failure "no sentence in the base page"
	[ "$quiet" != "$base" ] || note_failure "quiet and base pages say the same: '$base'"
}

c_misc_groups() {
	use_misc
	preq /cwtalice/argv.cgi
	assert_ran
	assert_groups "$ALICE_GID"
	assert_kv ngroups 1
}

c_misc_soft_rlimits() {
	use_misc
	local cpu nofile as
	cpu=$(hard_of cpu)
	nofile=$(hard_of nofile)
	as=$(hard_of as)
	preq /cwtalice/argv.cgi
	assert_ran
	assert_kv rlimit_cpu "7:$cpu"
	assert_kv rlimit_nofile "40:$nofile"
	assert_kv rlimit_as "300000000:$as"
	[ "$nofile" != 40 ] || note_failure "the caller's hard nofile limit is 40: no contrast"
}

c_misc_caller() {
	use_misc
	local CWT_CALLER=cwtother CWT_CALLER_GROUPS=cwtwww
	preq /cwtalice/argv.cgi
	assert_ran
	assert_kv euid "$ALICE_UID"
}

c_misc_runs() {	# PATH_INFO...: each runs (a check that is off)
	use_misc
	local pi
	for pi in "$@"; do
		preq "$pi"
		assert_ran
		assert_kv euid "$ALICE_UID"
	done
}

c_misc_no_nph() {
	use_misc
	local d
	d=$(bin_dir misc)
	[ ! -e "$d/nph-cgiwrap" ] || note_failure "nph-cgiwrap installed with --without-nph"
	[ ! -e "$d/nph-cgiwrapd" ] || note_failure "nph-cgiwrapd installed with --without-nph"
	[ ! -e "$d/cgiwrapd" ] || note_failure "cgiwrapd installed with --without-cgiwrapd"
	[ ! -e "$d/php-cgiwrap" ] || note_failure "php-cgiwrap installed without --with-php-cgiwrap"
	# Run by that name anyway (a hard link, as an admin might make).
	ln -f "$d/cgiwrap" "$T/nph-cgiwrap"
	local CWT_BIN=$T/nph-cgiwrap
	preq /cwtalice/nothere.cgi
	rm -f "$T/nph-cgiwrap"
	expect_refusal_cs 404 52 script-not-found "$MISC_CS"
	assert_log_has "name=nph-cgiwrap"
	# No CR: plain CGI header lines.
	! grep -q $'\r' "$OUT" || note_failure "CR in the response"
}

# An interpreted page: [interpreter, basename], no ISINDEX word (D11).
c_misc_interp() {	# INTERPRETER PATH_INFO SCRIPT-REL-PATH
	use_misc
	local interp=$1 pi=$2 rel=$3
	local -a CWT_ARGS=(isindexword)
	preq "$pi"
	assert_ran
	assert_kv argc 2
	assert_kv 'argv[0]' "$interp"
	assert_kv 'argv[1]' "${rel##*/}"
	assert_out_lacks isindexword
	assert_kv cwd "$CGI"
	assert_env SCRIPT_FILENAME "$CGI/$rel"
}

# Spec 6 row 14.
c_misc_row14() {
	use_misc
	preq /cwtalice/page.php/extra
	assert_ran
	assert_kv 'argv[0]' /usr/local/bin/cwt-php
	assert_kv 'argv[1]' page.php
	assert_env PATH_INFO /extra
	assert_env PATH_TRANSLATED /var/www/html/page.php/extra
	assert_env SCRIPT_NAME "$SN/page.php"
}

# nonexec-only: an owner-executable page runs directly (the probe), while
# one without the execute bit still goes through the interpreter.
c_misc_direct() {	# PATH_INFO ARGV0 0644-PATH_INFO INTERPRETER
	use_misc
	local -a CWT_ARGS=(isindexword)
	preq "$1"
	assert_ran
	assert_kv 'argv[0]' "$2"
	assert_kv 'argv[1]' isindexword
	preq "$3"
	assert_ran
	assert_kv 'argv[0]' "$4"
	assert_kv argc 2
}

# ---------------------------------------------------------------------------
# ro: --with-chroot-require-ro-root, --with-chroot-require-mounts
# ---------------------------------------------------------------------------

# ro_pre [SUID]: CWT_PRE words that run the wrapper in a child mount
# namespace where the jail is bind-mounted over itself read-only (and,
# with SUID, alice's home in it remounted without nosuid,nodev).
ro_pre() {
	local s="mount --rbind '$JAIL' '$JAIL' && mount -o remount,bind,ro '$JAIL'"
	[ "${1:-}" != suid ] || s="$s && mount -o remount,bind,ro,suid,dev '$JAIL$ALICE_HOME'"
	RO_PRE=(unshare --mount --propagation private -- sh -c "$s && exec \"\$@\"" sh)
}

c_ro_root() {
	use_parity_build ro
	preq /cwtalice/argv.cgi
	expect_deny 500 66 jail-not-readonly
	local -a RO_PRE
	ro_pre
	local -a CWT_PRE=("${RO_PRE[@]}")
	preq /cwtalice/argv.cgi
	assert_ran
	assert_log_lacks "warn="
	# The bind is gone with the child namespace.
	! findmnt -rn "$JAIL" >/dev/null 2>&1 ||
		note_failure "the read-only jail bind outlived the request"
}

c_ro_mount() {
	use_parity_build ro
	local -a RO_PRE
	ro_pre suid
	local -a CWT_PRE=("${RO_PRE[@]}")
	preq /cwtalice/argv.cgi
	expect_deny 500 65 unsafe-jail-mount
}

# ---------------------------------------------------------------------------
# configure itself (spec 2.1, D1)
# ---------------------------------------------------------------------------

# D16 and --with-install-setuid: only a root install without DESTDIR and
# with the option on makes the binary setuid; the others say so.
c_install_nosuid() {
	local d=$CWT_DIR/nosuid b dest mode
	install -d -m 0755 "$d"
	(cd "$d" && "$CWT_WRAPPER_SRC/configure" -q --with-httpd-user="$CWT_WEB" \
		--with-install-dir="$d/bin" --prefix="$d/prefix" --without-install-setuid &&
		make -j2 && make install) >"$d/build.log" 2>&1 ||
		{ note_failure "build failed: $(tail -n 3 "$d/build.log")"; return; }
	mode=$(stat -c '%a %U' "$d/bin/cgiwrap")
	assert_eq "--without-install-setuid mode" "755 root" "$mode"
	grep -q 'WITHOUT the setuid bit' "$d/build.log" ||
		note_failure "make install did not say the setuid bit is missing"
	b=$CWT_DIR/build-base
	dest=$d/dest
	make -C "$b" install DESTDIR="$dest" >"$d/destdir.log" 2>&1 ||
		{ note_failure "DESTDIR install failed: $(tail -n 3 "$d/destdir.log")"; return; }
	mode=$(stat -c '%a' "$dest$(bin_dir base)/cgiwrap")
	assert_eq "DESTDIR install mode" "755" "$mode"
	grep -q 'WITHOUT the setuid bit' "$d/destdir.log" ||
		note_failure "the DESTDIR install did not say the setuid bit is missing"
}

c_configure() {
	local d=$CWT_DIR/cfgtest i rc
	install -d -m 0755 "$d"
	# The baseline must pass, so the failures below are the options'.
	(cd "$d" && "$CWT_WRAPPER_SRC/configure" -C --with-httpd-user="$CWT_WEB") \
		>"$d/ok.log" 2>&1 ||
		{ note_failure "baseline configure failed: $(tail -n 2 "$d/ok.log")"; return; }
	local -a bad=(
		"--with-afs|AFS is not supported"
		"--with-afs=/afs|AFS is not supported"
		"--with-minimum-uid=0|minimum-uid"
		"--with-minimum-uid=no|minimum-uid"
		"--with-chroot=relative|with-chroot"
		"--with-umask=999|with-umask"
		"--with-pass-env=HTTP_PROXY|HTTP_PROXY"
		"--with-pass-env=LD_PRELOAD|LD_PRELOAD"
		"--with-cgiwrapd --with-quiet-errors|quiet-errors"
		"--with-foo|with-foo"
		"--with-charset=a;b|with-charset"
		"--with-rlimit-cpu=ten|with-rlimit-cpu"
		"--with-strict-names=maybe|with-strict-names"
		"--with-setenv-tz|with-setenv-tz"
		"--with-vhost-allow-dir|vhost-allow-dir"
	)
	for i in "${bad[@]}"; do
		local opts=${i%%|*} want=${i#*|}
		# shellcheck disable=SC2086 # the options are words
		(cd "$d" && "$CWT_WRAPPER_SRC/configure" -C --with-httpd-user="$CWT_WEB" $opts) \
			>"$d/bad.log" 2>&1
		rc=$?
		if [ "$rc" = 0 ]; then
			note_failure "configure $opts succeeded"
		elif ! grep -i 'error' "$d/bad.log" | grep -qF -- "$want"; then
			note_failure "configure $opts: no error naming '$want': $(grep -i error "$d/bad.log" | tail -n 1)"
		fi
	done
}

# ---------------------------------------------------------------------------

run_case "configure: bad values fail naming the option" c_configure
run_case "install: --without-install-setuid and DESTDIR installs have no setuid bit" c_install_nosuid

run_case "base: REDIRECT_URL/SCRIPT_URL/TZ/MY_VAR/CGIWRAP_* ignored, umask 022, all groups, no rlimit, no rusage" c_base_defaults_env
run_case "base: stderr reaches stdout (redirect-stderr default)" c_base_stderr
run_case "base: a space is strict-name" c_base_refusals "/cwtalice/a b.cgi" 403 31 strict-name
run_case "base: a CVS directory is walked (no block-cvs-paths)" c_base_cvs
run_case "base: another install-group member is wrong-caller" c_base_wrong_caller
run_case "base: nph-cgiwrap installed, NPH error line" c_base_nph
run_case "base: a 0644 .php is not-executable (no php-interpreter)" c_base_not_setuid_php
run_case "base: owner-mismatch without the multiuser dir" c_base_refusals /cwtalice/bob.cgi 403 37 owner-mismatch
run_case "base: shared.cgi is not found without the multiuser dir" c_base_refusals /cwtalice/shared.cgi 404 52 script-not-found
run_case "base: group-mismatch" c_base_refusals /cwtalice/extra.cgi 403 38 group-mismatch
run_case "base: setuid-script" c_base_refusals /cwtalice/suid.cgi 403 43 setuid-script
run_case "base: setgid-script" c_base_refusals /cwtalice/sgid.cgi 403 44 setgid-script
run_case "base: group-writable" c_base_refusals /cwtalice/gw.cgi 403 39 group-writable
run_case "base: world-writable" c_base_refusals /cwtalice/wwdir/argv.cgi 403 40 world-writable

if ! fixture_wanted acl; then
	:
elif build_acl; then
	netgroup_setup || echo "netgroup setup failed (the netgroup cases will fail)"
	run_case "acl host-checking: 192.0.2.7 inside 192.0.2.0/24 runs, 198.51.100.7 access-denied" c_acl_addr 192.0.2.7 198.51.100.7
	run_case "acl host-checking: IPv6 2001:db8::5 inside 2001:db8::/32 runs, 2001:db9::5 access-denied" c_acl_addr 2001:db8::5 2001:db9::5
	run_case "acl host-checking: IPv4-mapped ::ffff:192.0.2.7 matches the IPv4 spec, ::ffff:198.51.100.7 not" c_acl_addr ::ffff:192.0.2.7 ::ffff:198.51.100.7
	run_case "acl host-checking: no REMOTE_ADDR is no-remote-addr" c_acl_no_addr
	run_case "acl host-checking: a REMOTE_ADDR that is no address is no-remote-addr" c_acl_bad_addr
	run_case "acl host-checking: *@net/mask in the deny file bans the network" c_acl_deny_star
	run_case "acl netgroups: +@cwtng (alice) runs, +@cwtng2 (bob) access-denied, deny +@cwtng" c_acl_netgroup
	run_case "acl vhost-allow-dir: HTTP_HOST lowercased selects the file" c_acl_vhost_lower
	run_case "acl vhost-allow-dir: the :port is kept in the name" c_acl_vhost_port
	run_case "acl vhost-deny-dir: the user in <dir>/<host> is access-denied" c_acl_vhost_deny_dir
	run_case "acl vhost: neither file for the host is access-files-missing" c_acl_vhost_missing_files
	run_case "acl vhost: row 24 HTTP_HOST=../../etc is bad-vhost" c_acl_bad_vhost
	run_case "acl vhost: no HTTP_HOST is no-vhost" c_acl_no_vhost
	run_case "acl vhost-override: CGIWRAP_AUTH_VHOST wins over HTTP_HOST" c_acl_override
	run_case "acl env-require-user: mismatch refused, equal runs" c_acl_require_user
	run_case "acl require-redirect-url: missing or empty REDIRECT_URL" c_acl_require_redirect
	run_case "acl use-redirect-url: row 17 SCRIPT_NAME from REDIRECT_URL" c_acl_use_redirect
	run_case "acl php-cgiwrap: row 15 every script through PHP" c_acl_php_cgiwrap
else
	echo "FAIL: building the acl configuration"
	CWT_FAILED=$((CWT_FAILED + 1))
fi

if ! fixture_wanted url; then
	:
elif build_url; then
	run_case "url use-script-url: row 18 SCRIPT_NAME from SCRIPT_URL" c_url_script_url
	run_case "url path_translated-2: script path + extra" c_url_pt2
	run_case "url multiuser-cgi-dir: shared script runs as the user, cwd shared" c_url_mu_shared
	run_case "url multiuser-cgi-dir: a script of another user is owner-mismatch" c_url_mu_owner
	run_case "url multiuser-cgi-dir: own dir wins a tie, shared dir wins with more components" c_url_mu_match
	run_case "url rewrite: row 19 base directory moves" c_url_rewrite
	run_case "url rewrite: a malformed line is config-malformed" c_url_rewrite_malformed
	run_case "url rewrite: a missing file is a 500" c_url_rewrite_missing
	run_case "url setenv-path/-tz/-ld_library_path, auto-setenv-home, pass-env" c_url_env
	run_case "url umask=077" c_url_umask
	run_case "url without-redirect-stderr: stderr stays stderr" c_url_stderr
	run_case "url block-cvs-paths: CVS/ is vcs-path" c_url_cvs
	run_case "url without-strict-names: a space runs" c_url_strict
	run_case "url without-initgroups: only the primary group" c_url_groups
	run_case "url rlimit-*: soft = hard = N for all ten" c_url_rlimits
	run_case "url rlimit: a caller-lowered hard limit is raised, or 500 logged where the system denies it (D14)" c_url_rlimit_raise
	run_case "url report-rusage: exit=0 wall= utime= stime=, the script's pid" c_url_rusage_allow
	run_case "url report-rusage: SIGKILL gives signal=9, exit status 137" c_url_rusage_signal
	run_case "url report-rusage: a refusal is logged once" c_url_rusage_refusal
	run_case "url logging-syslog: label and fields, priorities" c_url_syslog
	run_case "url local-*: escaped site block on the error page" c_url_site_block
else
	echo "FAIL: building the url configuration"
	CWT_FAILED=$((CWT_FAILED + 1))
fi

if ! fixture_wanted misc; then
	:
elif build_misc; then
	run_case "misc quiet-errors+charset+local-*: 404 generic, iso-8859-1, site block" \
		c_misc_quiet /cwtalice/nothere.cgi 404 52 script-not-found "The requested script was not found."
	run_case "misc quiet-errors+charset+local-*: 403 generic" \
		c_misc_quiet "/cwtalice/a b.cgi" 403 31 strict-name "The server refused to run this script."
	run_case "misc quiet-errors: the sentence differs from the base build's" c_misc_quiet_differs
	run_case "misc without-setgroups: only the primary group" c_misc_groups
	run_case "misc soft-rlimit-only: soft N, hard the caller's" c_misc_soft_rlimits
	run_case "misc without-check-httpd-user: an install-group member runs it" c_misc_caller
	run_case "misc without-check-owner: another user's script and directory run" c_misc_runs /cwtalice/bob.cgi /cwtalice/bobdir/argv.cgi
	run_case "misc without-check-group: a script of another group runs" c_misc_runs /cwtalice/extra.cgi
	run_case "misc without-check-setuid: a 4755 script runs" c_misc_runs /cwtalice/suid.cgi
	run_case "misc without-check-setgid: a 2755 script runs" c_misc_runs /cwtalice/sgid.cgi
	run_case "misc without-check-group-writable: 0775 script and dir run" c_misc_runs /cwtalice/gw.cgi /cwtalice/gwdir/argv.cgi
	run_case "misc without-check-world-writable: 0757 script and 0777 dir run" c_misc_runs /cwtalice/ww.cgi /cwtalice/wwdir/argv.cgi
	run_case "misc without-nph: not installed, by name acts as plain cgiwrap" c_misc_no_nph
	run_case "misc php-interpreter: p.php 0644 through PHP, no ISINDEX word (D11)" c_misc_interp /usr/local/bin/cwt-php /cwtalice/p.php p.php
	run_case "misc php-interpreter: row 16 P.PHP 0644 through PHP" c_misc_interp /usr/local/bin/cwt-php /cwtalice/P.PHP P.PHP
	run_case "misc php-interpreter: row 14 PATH_TRANSLATED" c_misc_row14
	run_case "misc php-nonexec-only: an owner-executable .php runs directly" c_misc_direct /cwtalice/x.php x.php /cwtalice/p.php /usr/local/bin/cwt-php
	run_case "misc eruby-interpreter: t.rhtml through eRuby" c_misc_interp /usr/local/bin/cwt-eruby /cwtalice/t.rhtml t.rhtml
	run_case "misc eruby-interpreter: an executable .rhtml still through eRuby" c_misc_interp /usr/local/bin/cwt-eruby /cwtalice/e.rhtml e.rhtml
	run_case "misc asp-interpreter: a.asp through ASP" c_misc_interp /usr/local/bin/cwt-asp /cwtalice/a.asp a.asp
	run_case "misc asp-nonexec-only: an owner-executable .asp runs directly" c_misc_direct /cwtalice/x.asp x.asp /cwtalice/a.asp /usr/local/bin/cwt-asp
else
	echo "FAIL: building the misc configuration"
	CWT_FAILED=$((CWT_FAILED + 1))
fi

if ! fixture_wanted core; then
	:
elif build_core; then
	run_case "core rlimit-core=4096: the script gets 4096:4096" c_core
else
	echo "FAIL: building the core configuration"
	CWT_FAILED=$((CWT_FAILED + 1))
fi

if ! fixture_wanted ro; then
	:
elif build_ro; then
	run_case "ro chroot-require-ro-root: writable jail top jail-not-readonly, bound read-only runs" c_ro_root
	run_case "ro chroot-require-mounts: a home mount without nosuid is unsafe-jail-mount" c_ro_mount
else
	echo "FAIL: building the ro configuration"
	CWT_FAILED=$((CWT_FAILED + 1))
fi

fixture_finish
