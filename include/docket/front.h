/* What every front end is started with, once the command line is parsed. */
#ifndef DOCKET_FRONT_H
#define DOCKET_FRONT_H

#include "docket/date.h"

#define DK_LOCK_AFTER_DEFAULT 300 /* seconds of inactivity before the TUI locks itself */

struct dk_front_options {
	const char *db_path;
	const char *user;
	dk_date today;
	/* The local date now (a session may outlive midnight); NULL when --today pins it. */
	dk_date (*clock)(void);
	int passphrase_fd; /* -1: ask */
	int lock_after;    /* seconds; 0 never */
};

/* The terminal UI's entry point, handed to the CLI by main (NULL when not built). */
typedef int (*dk_tui_entry)(const struct dk_front_options *o);

#endif
