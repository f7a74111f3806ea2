/* system_tuning.c: see system_tuning.h. */
#define _GNU_SOURCE 1  /* for RTLD_DEFAULT */
#include "system_tuning.h"
/* A C library header first: it is what defines __GLIBC__ on glibc. */
#include <stdlib.h>
#if defined(__GLIBC__)
#include <dlfcn.h>
#include <malloc.h>
#endif

/* -1 until the settings are asked for, or where the C library is not glibc. */
static int tuning_applied = -1;

void scr_release_large_buffers_promptly(void) {
#if defined(__GLIBC__)
    /* Under AddressSanitizer the allocator is the sanitizer's, which takes no settings. */
    if (dlsym(RTLD_DEFAULT, "__asan_init") != NULL) { tuning_applied = -2; return; }
    tuning_applied = mallopt(M_MMAP_THRESHOLD, 1 << 20) == 1;
    /* The trim threshold is fixed too: glibc raises it along with the mmap threshold whenever a
       large buffer is freed (the runtime frees some before this runs). 32 MB: a lower one makes
       the heap shrink and grow back all the time as a reader allocates and frees its strings
       (7% more CPU for the Web of Science reader at 1 MB), and no higher is needed. */
    tuning_applied = tuning_applied && mallopt(M_TRIM_THRESHOLD, 32 << 20) == 1;
    /* No fast bins: small blocks freed beyond what the thread cache holds go straight to the
       ordinary bins. With fast bins, every request of 1 KB or more first sweeps them
       (malloc_consolidate), which was a tenth of the Web of Science reader's time, as it frees
       a record's strings and grows its buffers in turn. */
    tuning_applied = tuning_applied && mallopt(M_MXFAST, 0) == 1;
#endif
}

int scr_allocator_tuning_applied(void) { return tuning_applied; }

void scr_return_free_memory(void) {
#if defined(__GLIBC__)
    malloc_trim(0);
#endif
}
