/* system_tuning.h: process-wide settings the command applies at start-up. */
#ifndef SCRIPTORIUM_SYSTEM_TUNING_H
#define SCRIPTORIUM_SYSTEM_TUNING_H

/* Large buffers (1 MB and more) are mapped and unmapped directly, so the memory a loaded corpus
   or an aggregation frees goes back to the system. glibc otherwise raises this threshold as
   buffers are freed and keeps freed buffers in its heap. The heap itself is given back once 32 MB
   at its top is free. Small freed blocks skip glibc's fast bins, whose sweeping before larger
   requests cost the readers time. Does nothing where the C library has no such settings. */
void scr_release_large_buffers_promptly(void);

/* What scr_release_large_buffers_promptly did: 1 applied (glibc accepted the settings), 0 glibc
   refused them, -1 not done (not called, or the C library is not glibc), -2 not applicable (the
   allocator is AddressSanitizer's). */
int scr_allocator_tuning_applied(void);

/* Gives memory freed after loading (parse buffers, partial results) back to the system. */
void scr_return_free_memory(void);

#endif
