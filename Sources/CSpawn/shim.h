/* The two glibc process calls Swift's Glibc module hides (they are _GNU_SOURCE extensions there). */
#ifndef KINETICS_CSPAWN_SHIM_H
#define KINETICS_CSPAWN_SHIM_H

#include <spawn.h>

/* glibc >= 2.29: the child changes into `path` before it runs the program. */
extern int posix_spawn_file_actions_addchdir_np(posix_spawn_file_actions_t *actions, const char *path);

/* A pipe whose both ends are created with the flags (O_CLOEXEC) in one step, so no other spawn inherits them. */
extern int pipe2(int fds[2], int flags);

#endif
