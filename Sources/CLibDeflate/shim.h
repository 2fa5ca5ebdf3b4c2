/* libdeflate: whole-buffer DEFLATE, about twice as fast as zlib at the same level, and CRC-32. */
#ifndef KINETICS_CLIBDEFLATE_SHIM_H
#define KINETICS_CLIBDEFLATE_SHIM_H

#include <libdeflate.h>

#endif
