#ifndef RIR_CZSTD_SHIM_H
#define RIR_CZSTD_SHIM_H
#include <zstd.h>
#endif
