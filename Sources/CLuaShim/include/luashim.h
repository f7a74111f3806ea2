/*
 * luashim.h: the C side of Scriptorium's Lua bridge.
 *
 * Lua's API is partly macros that Swift cannot import, and Lua raises errors with longjmp, which
 * must never cross a Swift frame. This header wraps the macros as functions and fences the unsafe
 * parts in C: the call trampoline that raises errors for Swift functions after they have returned,
 * the protected call with a traceback handler, the count hook that enforces deadlines and
 * cancellation, and the allocator that caps memory.
 */
#ifndef SCRIPTORIUM_LUASHIM_H
#define SCRIPTORIUM_LUASHIM_H

#include <stddef.h>
#include <lua.h>
#include <lauxlib.h>
#include <lualib.h>
#include <stdio.h>

/* What a Swift function returns to the trampoline besides a result count. */
#define SCR_RAISE_WITH_POSITION (-1)  /* error message on top; prefix it with the caller's line */
#define SCR_RAISE_AS_IS (-2)          /* error value on top; raise it unchanged */

/* Why a run was stopped by the engine rather than by the script. */
#define SCR_STOP_NONE 0
#define SCR_STOP_TIMEOUT 1
#define SCR_STOP_CANCELLED 2
#define SCR_STOP_MEMORY 3
#define SCR_STOP_OUTPUTS 4

/* Limits and accounting shared by one Lua state and its host. */
typedef struct scr_limits {
    size_t used;            /* bytes currently allocated by Lua */
    size_t peak;            /* the most ever allocated at once */
    size_t limit;           /* cap in bytes; 0 means none */
    int enforcing;          /* 1 while Lua code runs; 0 while Swift code runs (Swift checks itself) */
    double deadline;        /* monotonic seconds; 0 means none */
    double timeout_seconds; /* for the message only */
    int cancelled;          /* set from any thread or a signal handler */
    int stop_reason;        /* SCR_STOP_* once a limit has ended the run */
} scr_limits;

/* A Swift function behind the trampoline: returns a result count or SCR_RAISE_*. */
typedef int (*scr_dispatch_fn)(lua_State *L, void *box);

void scr_set_dispatch(scr_dispatch_fn fn);

/* A new state whose allocations go through the capped allocator accounted in `limits`. */
lua_State *scr_newstate(scr_limits *limits);
scr_limits *scr_getlimits(lua_State *L);

/* Installs the count hook that checks the deadline and the cancel flag every `count` instructions. */
void scr_install_hook(lua_State *L, int count);
double scr_monotonic_seconds(void);
void scr_cancel(scr_limits *limits);
void scr_uncancel(scr_limits *limits);
int scr_is_cancelled(scr_limits *limits);

/* Pushes a Lua C closure that forwards to the dispatch function with `box`. */
void scr_push_swift_function(lua_State *L, void *box);

/* Calls the function below `nargs` arguments in protected mode with a traceback handler. */
int scr_pcall(lua_State *L, int nargs, int nresults);

/* lua_gettable / lua_getfield in protected mode (metamethods may raise). Status as lua_pcall. */
int scr_pgettable(lua_State *L, int idx);

/* Wrappers for the API macros. */
int scr_registryindex(void);
int scr_upvalueindex(int i);
void scr_pop(lua_State *L, int n);
void scr_newtable(lua_State *L);
void scr_pushglobaltable(lua_State *L);
void scr_insert(lua_State *L, int idx);
void scr_remove(lua_State *L, int idx);
void scr_replace(lua_State *L, int idx);
int scr_isnoneornil(lua_State *L, int idx);
void *scr_newuserdata(lua_State *L, size_t size);
int scr_loadbuffer(lua_State *L, const char *buf, size_t size, const char *name, const char *mode);
lua_Integer scr_version_num(void);

/* The bytecode of the Lua function on top of the stack, with its debug information, in a buffer
   from malloc (the caller frees it); NULL when it is not a Lua function. */
unsigned char *scr_dump_function(lua_State *L, size_t *size);

/* Opens the base, string, table, math, utf8, coroutine and os libraries (nothing else). */
void scr_open_safe_libs(lua_State *L);

#endif
