/* The system Lua 5.4 headers, as pkg-config lua5.4 exposes them. */
#include <lua.h>
#include <lauxlib.h>
#include <lualib.h>
