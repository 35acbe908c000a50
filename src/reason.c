/* The reason table: token, status, exit code and client sentence per reason. */
#include "reason.h"

struct reason_row {
	const char *token;
	int status;
	int code;
};

static const struct reason_row rows[R_COUNT] = {
	[R_NONE] = { "ok", 200, 0 },
#define X(id, token, status, code) [id] = { token, status, code },
#include "reason.def"
#undef X
};

static enum reason known(enum reason r)
{
	if ((int)r <= (int)R_NONE || (int)r >= (int)R_COUNT)
		return R_INTERNAL;
	return r;
}

const char *reason_token(enum reason r)
{
	return rows[known(r)].token;
}

int reason_status(enum reason r)
{
	return rows[known(r)].status;
}

int reason_exit_code(enum reason r)
{
	return rows[known(r)].code;
}

const char *reason_phrase(int status)
{
	switch (status) {
	case 200:
		return "OK";
	case 400:
		return "Bad Request";
	case 403:
		return "Forbidden";
	case 404:
		return "Not Found";
	default:
		return "Internal Server Error";
	}
}

/* Sentences name the kind of problem only: never a value from the request. */
const char *reason_sentence(enum reason r)
{
	switch (known(r)) {
	case R_NO_USER: return "The request does not name a user.";
	case R_NO_SCRIPT: return "The request does not name a script.";
	case R_ENV_TOO_LARGE: return "The request carries more data than the wrapper accepts.";
	case R_BAD_VHOST: return "The virtual host name of the request is not valid.";
	case R_NO_REMOTE_ADDR: return "The client address is missing or not valid.";
	case R_UID_BELOW_MINIMUM: return "Scripts of this account may not be run through the wrapper.";
	case R_GID_BELOW_MINIMUM: return "Scripts of this account's group may not be run through the wrapper.";
	case R_SHELL_NOT_ALLOWED: return "The account's login shell is not an allowed shell.";
	case R_NO_REDIRECT_URL: return "The wrapper may only be reached through a redirect.";
	case R_REQUIRE_USER_MISMATCH: return "The requested user does not match the user this server allows.";
	case R_ACCESS_FILES_MISSING: return "No access list is installed, so no user may run scripts.";
	case R_ACCESS_DENIED: return "This user is not allowed to run scripts through the wrapper.";
	case R_NO_VHOST: return "The request names no virtual host.";
	case R_SUPP_GID_BELOW_MINIMUM: return "The account belongs to a group that may not run scripts.";
	case R_BAD_PATH_COMPONENT: return "The script path has an empty, '.' or '..' component.";
	case R_STRICT_NAME: return "The script path has a character that is not allowed.";
	case R_HIDDEN_COMPONENT: return "The script path has a hidden component.";
	case R_PERMISSION_DENIED: return "The script or one of its directories cannot be searched.";
	case R_SYMLINK: return "The script path goes through a symbolic link.";
	case R_VCS_PATH: return "The script path goes through a version control directory.";
	case R_SUBDIR_NOT_ALLOWED: return "Scripts in subdirectories are not allowed.";
	case R_OWNER_MISMATCH: return "The script or one of its directories has the wrong owner.";
	case R_GROUP_MISMATCH: return "The script has the wrong group.";
	case R_GROUP_WRITABLE: return "The script or one of its directories is writable by its group.";
	case R_WORLD_WRITABLE: return "The script or one of its directories is writable by everyone.";
	case R_NOT_REGULAR_FILE: return "The script is not a regular file.";
	case R_NOT_EXECUTABLE: return "The script is not executable by its owner.";
	case R_SETUID_SCRIPT: return "The script is set-user-ID.";
	case R_SETGID_SCRIPT: return "The script is set-group-ID.";
	case R_UNKNOWN_USER: return "There is no such user.";
	case R_NO_CGI_DIR: return "The user has no CGI directory.";
	case R_SCRIPT_NOT_FOUND: return "There is no such script.";
	case R_BAD_INVOCATION: return "The wrapper was started without a program name.";
	case R_HTTPD_USER_UNKNOWN: return "The web server account of this build does not exist.";
	case R_WRONG_CALLER: return "The wrapper was started by an account other than the web server.";
	case R_NOT_SETUID: return "The wrapper is not installed set-user-ID root.";
	case R_UNSAFE_JAIL: return "The chroot jail is not safe to use.";
	case R_UNSAFE_JAIL_MOUNT: return "The user's directory in the jail is not mounted nosuid and nodev.";
	case R_JAIL_NOT_READONLY: return "The top of the chroot jail is not read-only.";
	case R_CHROOT_FAILED: return "The wrapper could not enter the chroot jail.";
	case R_PRIVILEGE_DROP_FAILED: return "The wrapper could not drop its privileges safely.";
	case R_LOG_FAILED: return "The wrapper could not open or write its log.";
	case R_UNSAFE_CONFIG: return "A configuration file of the wrapper is not safe to use.";
	case R_CONFIG_UNREADABLE: return "A configuration file of the wrapper cannot be read.";
	case R_CONFIG_MALFORMED: return "A configuration file of the wrapper is malformed.";
	case R_EXEC_FAILED: return "The script could not be started.";
	case R_NONE:
	case R_INTERNAL:
	case R_COUNT:
	default:
		return "The wrapper met an internal error.";
	}
}
