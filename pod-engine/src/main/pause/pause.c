/*
 * pod4j's infra ("pause") program: PID 1 of a pod's infra container.
 *
 * It holds the pod's network, IPC and UTS namespaces open, reaps zombies (it is PID 1 when
 * the pod shares its process namespace) and exits 0 on SIGTERM or SIGINT.
 *
 * Built without libc so the binary is a few kilobytes and needs nothing from an image:
 *   gcc -Os -static -nostdlib -fno-stack-protector -fno-asynchronous-unwind-tables \
 *       -Wl,--build-id=none -s -o pause-amd64 pause.c
 * (scripts/build-pause does exactly this). x86-64 Linux only; on other architectures use
 * the engine option that selects registry.k8s.io/pause instead.
 *
 * Signals are blocked and taken with rt_sigtimedwait rather than handled: PID 1 in a PID
 * namespace drops signals it has no handler for, but a blocked signal is never dropped, so
 * this works without installing handlers (which would need a libc signal trampoline).
 */

#define SYS_write 1
#define SYS_rt_sigprocmask 14
#define SYS_wait4 61
#define SYS_exit_group 231
#define SYS_rt_sigtimedwait 128

#define SIGINT 2
#define SIGTERM 15
#define SIGCHLD 17
#define SIG_BLOCK 0
#define WNOHANG 1

static long sys4(long n, long a, long b, long c, long d) {
    long ret;
    register long r10 __asm__("r10") = d;
    __asm__ volatile("syscall"
                     : "=a"(ret)
                     : "a"(n), "D"(a), "S"(b), "d"(c), "r"(r10)
                     : "rcx", "r11", "memory");
    return ret;
}

static void leave(int code) {
    for (;;) sys4(SYS_exit_group, code, 0, 0, 0);
}

static void reap(void) {
    while (sys4(SYS_wait4, -1, 0, WNOHANG, 0) > 0) {
    }
}

void _start(void) {
    unsigned long mask = (1UL << (SIGINT - 1)) | (1UL << (SIGTERM - 1)) | (1UL << (SIGCHLD - 1));
    if (sys4(SYS_rt_sigprocmask, SIG_BLOCK, (long)&mask, 0, sizeof mask) < 0) {
        static const char msg[] = "pause: cannot block signals\n";
        sys4(SYS_write, 2, (long)msg, sizeof msg - 1, 0);
        leave(2);
    }
    for (;;) {
        long sig = sys4(SYS_rt_sigtimedwait, (long)&mask, 0, 0, sizeof mask);
        if (sig == SIGCHLD) {
            reap();
        } else if (sig == SIGINT || sig == SIGTERM) {
            reap();
            leave(0);
        }
        /* Anything else (EINTR) waits again. */
    }
}
