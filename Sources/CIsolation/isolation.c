// isolation.c: an isolated run's worker confining itself (see isolation.h).
#define _GNU_SOURCE
#include "isolation.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>

#if defined(__x86_64__)
#define SCR_AUDIT_ARCH AUDIT_ARCH_X86_64
#elif defined(__aarch64__)
#define SCR_AUDIT_ARCH AUDIT_ARCH_AARCH64
#endif

static void set_limit(int resource, rlim_t value) {
    struct rlimit limit = { value, value };
    setrlimit(resource, &limit);
}

#ifdef SCR_AUDIT_ARCH
// Refuse (EPERM) a system call by number.
#define DENY(nr) BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (nr), 0, 1), BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPERM)
// Refuse a call whose flags argument `arg` asks to write, create or truncate.
#define DENY_WRITING_OPEN(nr, arg) \
    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (nr), 0, 3), \
    BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, args[arg])), \
    BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, O_WRONLY | O_RDWR | O_CREAT | O_TRUNC | O_APPEND, 0, 1), \
    BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPERM)

static int install_filter(void) {
    struct sock_filter filter[] = {
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SCR_AUDIT_ARCH, 1, 0),
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS),
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
        DENY_WRITING_OPEN(__NR_openat, 2),
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
#ifdef __NR_open
        DENY_WRITING_OPEN(__NR_open, 1),
        BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
#endif
#ifdef __NR_openat2
        DENY(__NR_openat2),
#endif
#ifdef __NR_creat
        DENY(__NR_creat),
#endif
        DENY(__NR_socket), DENY(__NR_socketpair), DENY(__NR_connect), DENY(__NR_bind), DENY(__NR_listen),
        DENY(__NR_execve), DENY(__NR_execveat), DENY(__NR_ptrace),
#ifdef __NR_fork
        DENY(__NR_fork),
#endif
#ifdef __NR_vfork
        DENY(__NR_vfork),
#endif
        DENY(__NR_unlinkat), DENY(__NR_renameat), DENY(__NR_mkdirat), DENY(__NR_linkat), DENY(__NR_symlinkat),
        DENY(__NR_fchmodat), DENY(__NR_truncate), DENY(__NR_io_uring_setup),
#ifdef __NR_renameat2
        DENY(__NR_renameat2),
#endif
#ifdef __NR_unlink
        DENY(__NR_unlink), DENY(__NR_rename), DENY(__NR_mkdir), DENY(__NR_rmdir), DENY(__NR_link), DENY(__NR_symlink), DENY(__NR_chmod),
#endif
        BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
    };
    struct sock_fprog program = { (unsigned short)(sizeof(filter) / sizeof(filter[0])), filter };
    return prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &program) == 0;
}
#else
static int install_filter(void) { return 0; }
#endif

int scr_confine_worker(int channel, pid_t parent, long cpu_seconds, long long address_space_bytes, int *filtered) {
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent) _exit(137);  // the parent is already gone
    // The channel becomes descriptor 3; 0, 1 and 2 read /dev/null; nothing else stays open.
    int null = open("/dev/null", O_RDONLY | O_CLOEXEC);
    if (null < 0) return -1;
    if (channel != 3) {
        if (dup2(channel, 3) < 0) return -1;
        close(channel);
    }
    for (int fd = 0; fd < 3; fd++) dup2(null, fd);
    if (null > 3) close(null);
    long last = sysconf(_SC_OPEN_MAX);
    if (syscall(SYS_close_range, 4U, ~0U, 0) != 0) {
        for (long fd = 4; fd < last && fd < 65536; fd++) close((int)fd);
    }
    fcntl(3, F_SETFD, FD_CLOEXEC);
    set_limit(RLIMIT_FSIZE, 0);
    set_limit(RLIMIT_NOFILE, 32);
    set_limit(RLIMIT_CORE, 0);
    if (cpu_seconds > 0) set_limit(RLIMIT_CPU, (rlim_t)cpu_seconds);
    if (address_space_bytes > 0) set_limit(RLIMIT_AS, (rlim_t)address_space_bytes);
    // Writing to a file now raises SIGXFSZ: fail the write instead of ending the worker.
    signal(SIGXFSZ, SIG_IGN);
    signal(SIGPIPE, SIG_IGN);
    prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
    *filtered = install_filter();
    return 3;
}

int scr_pipe(int fds[2]) { return pipe2(fds, O_CLOEXEC); }

long long scr_address_space_bytes(void) {
    FILE *f = fopen("/proc/self/statm", "r");
    if (!f) return 0;
    long long pages = 0;
    if (fscanf(f, "%lld", &pages) != 1) pages = 0;
    fclose(f);
    return pages * (long long)sysconf(_SC_PAGESIZE);
}
