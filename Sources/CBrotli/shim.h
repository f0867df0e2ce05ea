#ifndef RIR_CBROTLI_SHIM_H
#define RIR_CBROTLI_SHIM_H
#include <brotli/decode.h>
/* The encoder is declared (and linked) for the tests, which build br bodies to decode. */
#include <brotli/encode.h>
#endif
