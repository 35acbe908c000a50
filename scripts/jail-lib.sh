# shellcheck shell=bash
# Building a minimal chroot jail for cgiwrap: sourced by the demo and the
# root test suites.  The jail mirrors the host paths a script needs; user
# homes come in through bind mounts remounted ro,nosuid,nodev.
# (The cgiwrap-jail admin tool will replace this for administrators.)

# jail_init JAIL: an empty jail, root-owned and not writable by others.
jail_init() {
	local jail=$1 d
	install -d -m 0755 -o root -g root "$jail"
	for d in bin usr usr/bin usr/lib lib lib64 etc dev home; do
		install -d -m 0755 -o root -g root "$jail/$d"
	done
	install -d -m 1777 -o root -g root "$jail/tmp"
	[ -e "$jail/dev/null" ] || mknod -m 0666 "$jail/dev/null" c 1 3
}

# jail_copy_file JAIL FILE: FILE at the same path inside the jail, with no
# setuid/setgid bits.
jail_copy_file() {
	local jail=$1 file=$2
	install -d -m 0755 "$jail$(dirname "$file")"
	cp -L "$file" "$jail$file"
	chmod u-s,g-s "$jail$file"
}

# jail_add_program JAIL PROGRAM...: each program and every library ldd
# lists for it (the dynamic loader included).
jail_add_program() {
	local jail=$1 prog lib
	shift
	for prog in "$@"; do
		jail_copy_file "$jail" "$prog"
		for lib in $(ldd "$prog" 2>/dev/null | grep -o '/[^ ]*'); do
			[ -e "$jail$lib" ] || jail_copy_file "$jail" "$lib"
		done
	done
}

# jail_bind_home JAIL USER: the user's home at the same path in the jail,
# read-only, nosuid, nodev.
jail_bind_home() {
	local jail=$1 home
	home=$(getent passwd "$2" | cut -d: -f6)
	[ -n "$home" ] || { echo "jail_bind_home: no user $2" >&2; return 1; }
	install -d -m 0755 "$jail$home"
	# Idempotent: a second call must not stack another mount.
	if mountpoint -q "$jail$home"; then return 0; fi
	mount --bind "$home" "$jail$home"
	mount -o remount,bind,ro,nosuid,nodev "$jail$home"
}

# jail_unbind_home JAIL USER: undo jail_bind_home (quietly if not mounted).
jail_unbind_home() {
	local jail=$1 home
	home=$(getent passwd "$2" | cut -d: -f6)
	[ -n "$home" ] || return 0
	if mountpoint -q "$jail$home"; then umount "$jail$home"; fi
}
