/*
 * fault_option.h: `fault=NAME` on the command line raises one fault on
 * purpose, so that the tests, and anyone curious, can see every failure
 * path end on the panic screen. Without the option nothing happens.
 */
#ifndef FAULT_OPTION_H
#define FAULT_OPTION_H

#include <stdbool.h>

#include "kernel/cmdline.h"

/*
 * Raises the fault the command line names, if any. Returns only when there
 * is none, the name is unknown (said on screen), or the fault cannot
 * happen on this CPU (fault=nx without NX; also said).
 */
void fault_option_run(struct cmdline cmdline, bool nx);

#endif
