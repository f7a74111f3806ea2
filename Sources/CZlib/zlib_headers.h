// zlib_headers.h: the system zlib, for reading gzip-compressed corpus files.
#include <zlib.h>
