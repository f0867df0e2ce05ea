#ifndef RIR_CCURL_SHIM_H
#define RIR_CCURL_SHIM_H
#include <curl/curl.h>

/* curl_easy_setopt and curl_easy_getinfo are variadic, which Swift cannot call:
   one typed wrapper per argument type. Each passes its argument through
   unchanged, with the type libcurl documents for the option. */

/* MARK: - Global set-up */

/** curl_global_init with the default flags (CURL_GLOBAL_DEFAULT is a macro Swift cannot import). */
static inline CURLcode rir_curl_global_init(void) {
    return curl_global_init(CURL_GLOBAL_DEFAULT);
}

/* MARK: - curl_easy_setopt */

/** An option that takes a `long` (flags, counts, timeouts in milliseconds). */
static inline CURLcode rir_curl_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

/** An option that takes a NUL-terminated string (libcurl copies it). */
static inline CURLcode rir_curl_setopt_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}

/** An option that takes an opaque pointer (callback data, error buffer). */
static inline CURLcode rir_curl_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}

/** An option that takes a `curl_off_t` (the `_LARGE` size options). */
static inline CURLcode rir_curl_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(handle, option, value);
}

/** CURLOPT_WRITEFUNCTION or CURLOPT_HEADERFUNCTION: both take a curl_write_callback. */
static inline CURLcode rir_curl_setopt_write_callback(CURL *handle, CURLoption option,
                                                      curl_write_callback value) {
    return curl_easy_setopt(handle, option, value);
}

/** CURLOPT_XFERINFOFUNCTION: called at least once a second during a transfer; non-zero aborts it. */
static inline CURLcode rir_curl_setopt_xferinfo_callback(CURL *handle, curl_xferinfo_callback value) {
    return curl_easy_setopt(handle, CURLOPT_XFERINFOFUNCTION, value);
}

/** An option that takes a string list (CURLOPT_HTTPHEADER); the list must outlive the transfer. */
static inline CURLcode rir_curl_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value) {
    return curl_easy_setopt(handle, option, value);
}

/** CURLOPT_READFUNCTION: the callback that hands libcurl the bytes of an upload (an SMTP message). */
static inline CURLcode rir_curl_setopt_read_callback(CURL *handle, CURLoption option,
                                                     curl_read_callback value) {
    return curl_easy_setopt(handle, option, value);
}

/* MARK: - curl_easy_getinfo */

/** An info item returned as a `long` (CURLINFO_RESPONSE_CODE). */
static inline CURLcode rir_curl_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}

/** An info item returned as a string owned by the handle (CURLINFO_CONTENT_TYPE). */
static inline CURLcode rir_curl_getinfo_string(CURL *handle, CURLINFO info, const char **value) {
    return curl_easy_getinfo(handle, info, value);
}

/** An info item returned as a `curl_off_t` (CURLINFO_SIZE_DOWNLOAD_T, CURLINFO_TOTAL_TIME_T). */
static inline CURLcode rir_curl_getinfo_off_t(CURL *handle, CURLINFO info, curl_off_t *value) {
    return curl_easy_getinfo(handle, info, value);
}

#endif
