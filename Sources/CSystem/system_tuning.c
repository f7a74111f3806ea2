/* system_tuning.c: see system_tuning.h. */
#include "system_tuning.h"
/* A C library header first: it is what defines __GLIBC__ on glibc. */
#include <stdlib.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

void scr_release_large_buffers_promptly(void) {
#if defined(__GLIBC__)
    mallopt(M_MMAP_THRESHOLD, 1 << 20);
    /* The trim threshold is set too: glibc raises it along with the mmap threshold whenever a
       large buffer is freed (the runtime frees some before this runs), and setting the mmap
       threshold does not bring it back down. */
    mallopt(M_TRIM_THRESHOLD, 1 << 20);
#endif
}

void scr_return_free_memory(void) {
#if defined(__GLIBC__)
    malloc_trim(0);
#endif
}
