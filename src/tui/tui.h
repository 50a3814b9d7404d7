/* The terminal UI's entry point (main hands it to the CLI). */
#ifndef DOCKET_TUI_H
#define DOCKET_TUI_H

#include "docket/front.h"

/* Runs the TUI until the user quits; returns the exit status. */
int dk_tui_main(const struct dk_front_options *o);

#endif
