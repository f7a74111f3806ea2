/* system_tuning.c: see system_tuning.h. */
#include "system_tuning.h"
#if defined(__GLIBC__)
#include <malloc.h>
#endif

void scr_release_large_buffers_promptly(void) {
#if defined(__GLIBC__)
    mallopt(M_MMAP_THRESHOLD, 1 << 20);
#endif
}

void scr_return_free_memory(void) {
#if defined(__GLIBC__)
    malloc_trim(0);
#endif
}
