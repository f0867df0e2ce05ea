#ifndef RIR_CCURL_SHIM_H
#define RIR_CCURL_SHIM_H
#include <curl/curl.h>
/* curl_easy_setopt and curl_easy_getinfo are variadic, which Swift cannot call:
   typed wrappers, one per argument type, are added here by the fetch work. */
#endif
