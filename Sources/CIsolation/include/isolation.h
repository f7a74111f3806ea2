// isolation.h: what an isolated run's worker process does to itself before it runs a script:
// it keeps only its channel to the parent, limits its resources, and (where the kernel allows)
// installs a seccomp filter that refuses writing files, sockets and new programs.
#ifndef SCRIPTORIUM_ISOLATION_H
#define SCRIPTORIUM_ISOLATION_H

#include <sys/types.h>

/// Confines the calling (worker) process. `channel` is the descriptor of its pipe to the parent;
/// the return value is the descriptor it now has (3), or -1 with errno set. Standard input, output
/// and error become /dev/null opened read-only; every other descriptor is closed. The worker dies
/// with its parent (`PR_SET_PDEATHSIG`). Limits: no file may be written (`RLIMIT_FSIZE` 0), at most
/// 32 open descriptors, `cpu_seconds` of CPU time (0: none), `address_space_bytes` of address space
/// (0: none). `PR_SET_NO_NEW_PRIVS` is set. `*filtered` is set to 1 when the seccomp filter is in
/// place, 0 when the kernel refused it.
int scr_confine_worker(int channel, pid_t parent, long cpu_seconds, long long address_space_bytes, int *filtered);

/// A pipe whose ends close on exec (pipe2 with O_CLOEXEC); 0, or -1 with errno set.
int scr_pipe(int fds[2]);

/// The address space the calling process has mapped now, in bytes (from /proc/self/statm), or 0.
long long scr_address_space_bytes(void);

#endif
