#ifndef RIR_CBROTLI_SHIM_H
#define RIR_CBROTLI_SHIM_H
#include <brotli/decode.h>
#endif
