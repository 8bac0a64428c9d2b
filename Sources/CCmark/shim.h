#ifndef OPTNB_CCMARK_SHIM_H
#define OPTNB_CCMARK_SHIM_H
// cmark's public header, found through pkg-config (libcmark-dev on Debian).
#include <cmark.h>
#endif
