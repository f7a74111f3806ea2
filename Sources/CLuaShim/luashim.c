/*
 * luashim.c: the only place where Scriptorium's code meets Lua's longjmp-based errors.
 * See luashim.h for what each function is for.
 */
#include "luashim.h"
#include <stdlib.h>
#include <string.h>
#include <time.h>

static scr_dispatch_fn scr_dispatch = NULL;

void scr_set_dispatch(scr_dispatch_fn fn) { scr_dispatch = fn; }

/* ---- memory ---------------------------------------------------------------------------- */

static void *scr_alloc(void *ud, void *ptr, size_t osize, size_t nsize) {
    scr_limits *lim = (scr_limits *)ud;
    if (ptr == NULL) osize = 0; /* osize then encodes the object type */
    if (nsize == 0) {
        free(ptr);
        lim->used -= osize;
        return NULL;
    }
    if (nsize > osize && lim->limit != 0 && lim->enforcing &&
        lim->used + (nsize - osize) > lim->limit) {
        lim->stop_reason = SCR_STOP_MEMORY;
        return NULL; /* Lua turns this into LUA_ERRMEM */
    }
    void *p = realloc(ptr, nsize);
    if (p == NULL) return NULL;
    lim->used = lim->used - osize + nsize;
    if (lim->used > lim->peak) lim->peak = lim->used;
    return p;
}

static int scr_panic(lua_State *L) {
    /* Only reached by a bug in the bridge: every call into Lua is protected. */
    const char *msg = lua_tostring(L, -1);
    fprintf(stderr, "scriptorium: unprotected Lua error: %s\n", msg ? msg : "(not a string)");
    abort();
    return 0;
}

lua_State *scr_newstate(scr_limits *limits) {
    lua_State *L = lua_newstate(scr_alloc, limits);
    if (L != NULL) lua_atpanic(L, scr_panic);
    return L;
}

scr_limits *scr_getlimits(lua_State *L) {
    void *ud = NULL;
    lua_getallocf(L, &ud);
    return (scr_limits *)ud;
}

/* ---- deadlines and cancellation --------------------------------------------------------- */

double scr_monotonic_seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void scr_cancel(scr_limits *limits) { __atomic_store_n(&limits->cancelled, 1, __ATOMIC_SEQ_CST); }
void scr_uncancel(scr_limits *limits) { __atomic_store_n(&limits->cancelled, 0, __ATOMIC_SEQ_CST); }
int scr_is_cancelled(scr_limits *limits) { return __atomic_load_n(&limits->cancelled, __ATOMIC_SEQ_CST); }

/* Raises `message` from inside the hook, prefixed with the position of the running Lua function. */
static void scr_hook_raise(lua_State *L, const char *message) {
    luaL_where(L, 0);
    lua_pushstring(L, message);
    lua_concat(L, 2);
    lua_error(L);
}

static void scr_hook(lua_State *L, lua_Debug *ar) {
    (void)ar;
    scr_limits *lim = scr_getlimits(L);
    if (scr_is_cancelled(lim)) {
        lim->stop_reason = SCR_STOP_CANCELLED;
        lua_sethook(L, scr_hook, LUA_MASKCOUNT, 1000); /* keep stopping a script that catches it */
        scr_hook_raise(L, "run cancelled");
    }
    if (lim->deadline > 0 && scr_monotonic_seconds() > lim->deadline) {
        char message[80];
        double t = lim->timeout_seconds;
        if (t == (double)(long long)t)
            snprintf(message, sizeof message, "time limit of %lld s exceeded", (long long)t);
        else
            snprintf(message, sizeof message, "time limit of %g s exceeded", t);
        lim->stop_reason = SCR_STOP_TIMEOUT;
        lua_sethook(L, scr_hook, LUA_MASKCOUNT, 1000);
        scr_hook_raise(L, message);
    }
}

void scr_install_hook(lua_State *L, int count) { lua_sethook(L, scr_hook, LUA_MASKCOUNT, count); }

/* ---- calls ------------------------------------------------------------------------------ */

static int scr_trampoline(lua_State *L) {
    void *box = lua_touserdata(L, lua_upvalueindex(1));
    scr_limits *lim = scr_getlimits(L);
    int saved = lim->enforcing;
    lim->enforcing = 0; /* allocations made by Swift must not longjmp; checked below instead */
    int n = scr_dispatch(L, box);
    lim->enforcing = saved;
    if (n == SCR_RAISE_WITH_POSITION) {
        luaL_where(L, 1);
        lua_insert(L, -2);
        lua_concat(L, 2);
        return lua_error(L);
    }
    if (n == SCR_RAISE_AS_IS) return lua_error(L);
    if (saved && lim->limit != 0 && lim->used > lim->limit) {
        lim->stop_reason = SCR_STOP_MEMORY;
        return luaL_error(L, "not enough memory");
    }
    return n;
}

void scr_push_swift_function(lua_State *L, void *box) {
    lua_pushlightuserdata(L, box);
    lua_pushcclosure(L, scr_trampoline, 1);
}

static int scr_traceback_handler(lua_State *L) {
    const char *msg = lua_tostring(L, 1);
    if (msg == NULL) {
        if (luaL_callmeta(L, 1, "__tostring") && lua_type(L, -1) == LUA_TSTRING)
            msg = lua_tostring(L, -1);
        else
            msg = lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, 1));
    }
    luaL_traceback(L, L, msg, 1);
    return 1;
}

int scr_pcall(lua_State *L, int nargs, int nresults) {
    scr_limits *lim = scr_getlimits(L);
    int base = lua_gettop(L) - nargs;
    lua_pushcfunction(L, scr_traceback_handler);
    lua_insert(L, base);
    int saved = lim->enforcing;
    lim->enforcing = 1;
    int status = lua_pcall(L, nargs, nresults, base);
    lim->enforcing = saved;
    lua_remove(L, base);
    return status;
}

static int scr_gettable_unprotected(lua_State *L) {
    lua_gettable(L, 1);
    return 1;
}

int scr_pgettable(lua_State *L, int idx) {
    idx = lua_absindex(L, idx);
    lua_pushcfunction(L, scr_gettable_unprotected);
    lua_pushvalue(L, idx);
    lua_rotate(L, -3, -1); /* function, table, key */
    lua_rotate(L, -3, -1);
    return scr_pcall(L, 2, 1);
}

/* ---- macro wrappers --------------------------------------------------------------------- */

int scr_registryindex(void) { return LUA_REGISTRYINDEX; }
int scr_upvalueindex(int i) { return lua_upvalueindex(i); }
void scr_pop(lua_State *L, int n) { lua_pop(L, n); }
void scr_newtable(lua_State *L) { lua_newtable(L); }
void scr_pushglobaltable(lua_State *L) { lua_pushglobaltable(L); }
void scr_insert(lua_State *L, int idx) { lua_insert(L, idx); }
void scr_remove(lua_State *L, int idx) { lua_remove(L, idx); }
void scr_replace(lua_State *L, int idx) { lua_replace(L, idx); }
int scr_isnoneornil(lua_State *L, int idx) { return lua_isnoneornil(L, idx); }
void *scr_newuserdata(lua_State *L, size_t size) { return lua_newuserdatauv(L, size, 0); }
int scr_loadbuffer(lua_State *L, const char *buf, size_t size, const char *name, const char *mode) {
    return luaL_loadbufferx(L, buf, size, name, mode);
}
lua_Integer scr_version_num(void) { return LUA_VERSION_NUM; }

typedef struct { unsigned char *bytes; size_t size, capacity; int failed; } scr_dump_buffer;

static int scr_dump_writer(lua_State *L, const void *p, size_t sz, void *ud) {
    (void)L;
    scr_dump_buffer *b = ud;
    if (b->size + sz > b->capacity) {
        size_t capacity = b->capacity ? b->capacity : 4096;
        while (capacity < b->size + sz) capacity *= 2;
        unsigned char *grown = realloc(b->bytes, capacity);
        if (!grown) { b->failed = 1; return 1; }
        b->bytes = grown;
        b->capacity = capacity;
    }
    memcpy(b->bytes + b->size, p, sz);
    b->size += sz;
    return 0;
}

unsigned char *scr_dump_function(lua_State *L, size_t *size) {
    scr_dump_buffer b = {NULL, 0, 0, 0};
    if (!lua_isfunction(L, -1) || lua_iscfunction(L, -1)) return NULL;
    if (lua_dump(L, scr_dump_writer, &b, 0) != 0 || b.failed) { free(b.bytes); return NULL; }
    *size = b.size;
    return b.bytes;
}

void scr_open_safe_libs(lua_State *L) {
    static const luaL_Reg libs[] = {
        {LUA_GNAME, luaopen_base},         {LUA_STRLIBNAME, luaopen_string},
        {LUA_TABLIBNAME, luaopen_table},   {LUA_MATHLIBNAME, luaopen_math},
        {LUA_UTF8LIBNAME, luaopen_utf8},   {LUA_COLIBNAME, luaopen_coroutine},
        {LUA_OSLIBNAME, luaopen_os},       {NULL, NULL}};
    for (const luaL_Reg *lib = libs; lib->func; lib++) {
        luaL_requiref(L, lib->name, lib->func, 1);
        lua_pop(L, 1);
    }
}
