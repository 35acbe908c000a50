/* The jail skeleton and its user database (init, add-user). */
#ifndef CGIWRAP_JT_INIT_H
#define CGIWRAP_JT_INIT_H

#include <stdbool.h>
#include "jt.h"

/* The device nodes a jail holds: /dev/<name> with the host's numbers. */
extern const char *const init_devices[];

/*
 * Add the users named in names[0..n) (a "--user" word is skipped) to the
 * jail's /etc/passwd and /etc/group, from the host's passwd and group
 * entries (no password hashes: the field is "x"), replacing their old
 * lines.  false with a message on an unknown user or a write error.
 */
bool init_add_users(struct jt *jt, int n, char **names);

#endif
