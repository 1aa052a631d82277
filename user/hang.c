/*
 * hang.c - a program that never ends and never reads its input (raw):
 * something to stop from the console.  Ctrl-C ends it (SIGINT), Ctrl-Z
 * stops it (SIGTSTP) and the shell's fg continues it (tests/user/
 * session_signals).  It spins with a yield in the loop, so the rest of
 * the system goes on.
 */
#include "lib/ulib.h"

int main(void)
{
    for (;;)
        sched_yield();
}
