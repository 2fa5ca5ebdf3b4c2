/* zlib for kinetics-tui's zip writer. Named CLibZ because ZIPFoundation already defines a module CZlib. */
#ifndef KINETICS_CLIBZ_SHIM_H
#define KINETICS_CLIBZ_SHIM_H

#include <zlib.h>

/// deflateInit2 is a macro in zlib.h; Swift cannot call macros, so this names it as a function.
static inline int kt_deflate_init2(z_streamp stream, int level, int window_bits, int mem_level, int strategy) {
    return deflateInit2(stream, level, Z_DEFLATED, window_bits, mem_level, strategy);
}

/// inflateInit2 for the same reason; used to verify what was written.
static inline int kt_inflate_init2(z_streamp stream, int window_bits) {
    return inflateInit2(stream, window_bits);
}

#endif
