#!/usr/bin/env bash
# demo/demo.sh: build cgiwrap, install it behind a private Apache on
# 127.0.0.1:8080 and run a user's script through it, as that user, inside a
# chroot jail.  Everything lives under /srv/cgiwrap-demo, plus the user
# cgwdemo and one bind mount; the system Apache is not touched.
#
#   demo/demo.sh            set up (again) and show it working; leaves Apache running
#   demo/demo.sh --remove   stop that Apache, unmount, delete cgwdemo and /srv/cgiwrap-demo
#
# Run as root on Debian 12.  Both forms can be run any number of times.
set -euo pipefail

SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DEMO=/srv/cgiwrap-demo
JAIL=$DEMO/jail
CGIBIN=$DEMO/cgi-bin
LOGFILE=$DEMO/log/cgiwrap.log
BUILD=$DEMO/build
WEB=$DEMO/apache
CONF=$WEB/httpd.conf
PIDFILE=$WEB/run/httpd.pid
DEMO_USER=cgwdemo
HTTPD_USER=www-data
BASE_URL=http://127.0.0.1:8080/cgi-bin/cgiwrap
PACKAGES=(autoconf automake make gcc libc6-dev pkg-config check apache2 curl
	util-linux mount passwd)

say() { printf '\n==> %s\n' "$*"; }
die() { printf 'demo.sh: %s\n' "$*" >&2; exit 1; }

# Show a command, then run it.
run() {
	printf '+'
	printf ' %q' "$@"
	printf '\n'
	"$@"
}

install_packages() {
	local p missing=()
	for p in "${PACKAGES[@]}"; do
		dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null |
			grep -q ' installed$' || missing+=("$p")
	done
	[ "${#missing[@]}" -eq 0 ] && return 0
	say "Installing packages: ${missing[*]}"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update
	apt-get install -y "${missing[@]}" </dev/null
}

# The pid of the demo's Apache, if it is running.
apache_pid() {
	local pid
	[ -f "$PIDFILE" ] || return 1
	pid=$(cat "$PIDFILE")
	case $pid in '' | *[!0-9]*) return 1 ;; esac
	[ "$(cat "/proc/$pid/comm" 2>/dev/null)" = apache2 ] || return 1
	printf '%s\n' "$pid"
}

stop_apache() {
	local pid i
	pid=$(apache_pid) || { rm -f "$PIDFILE"; return 0; }
	echo "stopping the demo Apache (pid $pid)"
	if [ -f "$CONF" ]; then
		apache2 -f "$CONF" -k stop || kill -TERM "$pid"
	else
		kill -TERM "$pid"
	fi
	for i in $(seq 50); do
		kill -0 "$pid" 2>/dev/null || break
		[ "$i" -lt 50 ] || die "Apache (pid $pid) did not stop"
		sleep 0.2
	done
	rm -f "$PIDFILE"
}

# Unmount everything mounted under $DEMO (deepest first, stacked mounts too).
unmount_all() {
	local m mounts i
	for i in 1 2 3 4 5; do
		mounts=$(findmnt -rn -o TARGET | grep -E "^$DEMO(/|\$)" | sort -r) || true
		[ -n "$mounts" ] || return 0
		while IFS= read -r m; do
			echo "unmounting $m"
			umount "$m" || true
		done <<<"$mounts"
	done
	die "could not unmount: $mounts"
}

remove() {
	say "Removing the cgiwrap demo"
	stop_apache
	unmount_all
	if id -u "$DEMO_USER" >/dev/null 2>&1; then
		echo "deleting user $DEMO_USER"
		# userdel warns (exit 0) when the user has no mail spool.
		userdel -r "$DEMO_USER"
	fi
	if getent group "$DEMO_USER" >/dev/null; then
		groupdel "$DEMO_USER"
	fi
	if [ -e "$DEMO" ]; then
		echo "deleting $DEMO"
		rm -rf --one-file-system "$DEMO"
	fi
	echo "The cgiwrap demo is removed."
}

# The jail must sit below root-owned directories nobody else can write.
check_ancestors() {
	local d=$1 mode
	while :; do
		mode=$(stat -c '%u %A' "$d")
		case $mode in
		"0 d"????[!w]??[!w]?) ;;
		*) die "$d must be a root-owned directory that group and others cannot write ($mode)" ;;
		esac
		[ "$d" = / ] && break
		d=$(dirname "$d")
	done
}

build_and_install() {
	say "Building cgiwrap (log: $BUILD/build.log)"
	rm -rf "$BUILD"
	install -d -m 0755 "$BUILD"
	local log=$BUILD/build.log
	if [ -e "$SRC/config.status" ]; then
		die "$SRC is configured in-tree; run 'make distclean' there first"
	fi
	if ! { (cd "$SRC" && autoreconf -fi) &&
		(cd "$BUILD" && "$SRC/configure" \
			--prefix="$DEMO" \
			--with-chroot="$JAIL" \
			--with-httpd-user="$HTTPD_USER" \
			--with-logging-file="$LOGFILE" \
			--with-install-dir="$CGIBIN" &&
			make -j2 && make install); } >"$log" 2>&1; then
		tail -n 40 "$log"
		die "the build failed; see $log"
	fi
	grep -E '^installed ' "$log" || true
	run ls -l "$CGIBIN/cgiwrap"
	echo "compiled settings (cgiwrap -V, excerpt):"
	"$CGIBIN/cgiwrap" -V | grep -E '^(version|httpd-user|chroot|cgi-dir|minimum-uid|logging-file|no-new-privs)=' |
		sed 's/^/    /'
}

setup_user() {
	say "Creating the demo user $DEMO_USER and ~$DEMO_USER/public_html/cgi-bin/hello.cgi"
	if ! id -u "$DEMO_USER" >/dev/null 2>&1; then
		run useradd -m -s /bin/sh -c "cgiwrap demo" "$DEMO_USER"
	fi
	local home group cgi
	home=$(getent passwd "$DEMO_USER" | cut -d: -f6)
	group=$(id -gn "$DEMO_USER")
	[ -d "$home" ] || install -d -m 0755 -o "$DEMO_USER" -g "$group" "$home"
	chmod go-w "$home"
	cgi=$home/public_html/cgi-bin
	install -d -m 0755 -o "$DEMO_USER" -g "$group" "$home/public_html" "$cgi"
	cat >"$cgi/hello.cgi" <<'EOF'
#!/bin/sh
# A CGI script using sh builtins only (and /usr/bin/id, copied into the jail).
echo "Content-Type: text/plain"
echo ""
echo "Hello from cgiwrap."
echo "id:           $(id)"
echo "pwd:          $(pwd)"
echo "ls /:         " /*
echo "PATH_INFO=$PATH_INFO"
echo "QUERY_STRING=$QUERY_STRING"
echo "SCRIPT_NAME=$SCRIPT_NAME"
echo "REMOTE_ADDR=$REMOTE_ADDR"
EOF
	chown "$DEMO_USER:$group" "$cgi/hello.cgi"
	chmod 0755 "$cgi/hello.cgi"
	run ls -l "$cgi/hello.cgi"
}

build_jail() {
	say "Building the jail $JAIL"
	# shellcheck source=../scripts/jail-lib.sh
	. "$SRC/scripts/jail-lib.sh"
	jail_init "$JAIL"
	jail_add_program "$JAIL" /bin/sh /usr/bin/id
	# Just enough of passwd and group for id(1) to print names.
	{
		echo "root:x:0:0:root:/root:/bin/sh"
		getent passwd "$DEMO_USER"
	} >"$JAIL/etc/passwd"
	{
		echo "root:x:0:"
		getent group "$(id -g "$DEMO_USER")"
	} >"$JAIL/etc/group"
	chmod 0644 "$JAIL/etc/passwd" "$JAIL/etc/group"
	jail_bind_home "$JAIL" "$DEMO_USER"
	findmnt -n -o TARGET,SOURCE,OPTIONS "$JAIL$(getent passwd "$DEMO_USER" | cut -d: -f6)" | sed 's/^/    mounted: /'
	echo "    jail contents: $(cd "$JAIL" && find . -type f -o -type c | sed 's|^\./||' | grep -v '^home/' | sort | tr '\n' ' ')"
}

start_apache() {
	say "Starting a private Apache on 127.0.0.1:8080 ($CONF)"
	install -d -m 0755 "$WEB" "$WEB/run" "$WEB/logs" "$DEMO/htdocs"
	local mods=/usr/lib/apache2/modules
	cat >"$CONF" <<EOF
# The cgiwrap demo's own Apache; started with: apache2 -f $CONF -k start
ServerRoot $WEB
ServerName 127.0.0.1
Listen 127.0.0.1:8080
PidFile $PIDFILE
DefaultRuntimeDir $WEB/run
ErrorLog $WEB/logs/error.log
LogLevel warn
LogFormat "%h %l %u %t \"%r\" %>s %b" common
CustomLog $WEB/logs/access.log common

LoadModule mpm_prefork_module $mods/mod_mpm_prefork.so
LoadModule authz_core_module $mods/mod_authz_core.so
LoadModule alias_module $mods/mod_alias.so
LoadModule cgi_module $mods/mod_cgi.so
StartServers 2
MinSpareServers 1
MaxSpareServers 3
MaxRequestWorkers 10

User $HTTPD_USER
Group $HTTPD_USER

DocumentRoot $DEMO/htdocs
<Directory />
    AllowOverride None
    Require all denied
</Directory>
# Empty; allowed so that mod_cgi's PATH_TRANSLATED lookups log no denials.
<Directory $DEMO/htdocs>
    Options None
    Require all granted
</Directory>

ScriptAlias /cgi-bin/ $CGIBIN/
<Directory $CGIBIN>
    AllowOverride None
    Options None
    Require all granted
</Directory>
EOF
	run apache2 -f "$CONF" -t
	run apache2 -f "$CONF" -k start
	local i
	for i in $(seq 50); do
		apache_pid >/dev/null && curl -s -o /dev/null http://127.0.0.1:8080/ && return 0
		sleep 0.2
	done
	tail -n 20 "$WEB/logs/error.log" >&2 || true
	die "Apache did not come up on 127.0.0.1:8080"
}

# fetch URL: show the response; sets $status and $body.
fetch() {
	local out
	printf "+ curl -sS -i '%s'\n" "$1"
	out=$(curl -sS -i "$1") || die "curl $1 failed"
	printf '%s\n' "$out" | tr -d '\r' | sed 's/^/    /'
	status=$(printf '%s\n' "$out" | head -n 1 | awk '{ print $2 }')
	body=$out
}

show_requests() {
	local before=0 status body ok=true uid
	[ -f "$LOGFILE" ] && before=$(wc -l <"$LOGFILE")

	say "A request for ~$DEMO_USER/hello.cgi: runs as $DEMO_USER, inside the jail"
	fetch "$BASE_URL/~$DEMO_USER/hello.cgi/some/path?x=1"
	uid=$(id -u "$DEMO_USER")
	case $body in *"uid=$uid($DEMO_USER)"*) ;; *) ok=false ;; esac
	case $body in *"PATH_INFO=/some/path"*) ;; *) ok=false ;; esac
	case $body in *"QUERY_STRING=x=1"*) ;; *) ok=false ;; esac
	[ "$status" = 200 ] || ok=false

	say "A refusal: ~nosuchuser does not exist"
	fetch "$BASE_URL/~nosuchuser/hello.cgi"
	[ "$status" = 404 ] || ok=false

	say "What cgiwrap logged ($LOGFILE)"
	tail -n "+$((before + 1))" "$LOGFILE" | sed 's/^/    /'

	if [ "$ok" != true ]; then
		echo "Apache error log:" >&2
		tail -n 20 "$WEB/logs/error.log" >&2 || true
		die "the demo did not get the expected answers"
	fi
}

main() {
	case ${1-} in
	'') ;;
	--remove)
		[ "$(id -u)" -eq 0 ] || die "run as root"
		remove
		return 0
		;;
	*)
		echo "usage: $0 [--remove]" >&2
		exit 2
		;;
	esac
	[ "$(id -u)" -eq 0 ] || die "run as root (sudo $0)"
	install_packages
	id -u "$HTTPD_USER" >/dev/null 2>&1 || die "no $HTTPD_USER account"

	say "Preparing $DEMO (stopping a previous demo run, if any)"
	stop_apache
	unmount_all
	install -d -m 0755 -o root -g root "$DEMO" "$DEMO/log"
	check_ancestors "$DEMO"

	build_and_install
	setup_user
	build_jail
	start_apache
	show_requests

	say "Done.  The demo Apache keeps serving on http://127.0.0.1:8080/"
	cat <<EOF
    try:     curl '$BASE_URL/~$DEMO_USER/hello.cgi/any/path?q=1'
    stop:    apache2 -f $CONF -k stop
    remove:  bash $0 --remove
             (stops that Apache, unmounts $JAIL/home/$DEMO_USER,
              deletes the user $DEMO_USER and $DEMO)
EOF
}

main "$@"
