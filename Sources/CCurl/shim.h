#ifndef RIR_CCURL_SHIM_H
#define RIR_CCURL_SHIM_H
#include <curl/curl.h>

/* libcurl is loaded when it is first needed (dlopen), not when the program starts: linked
   directly, it and the thirty libraries it depends on (TLS, Kerberos, LDAP, IDN, SSH…) are
   mapped and relocated by every run of every command, ~4.5 ms of a 10 ms start-up measured
   with perf, while only fetch, the daemon and notifications use it. The symbols resolved here
   are the ones the Swift code calls, each behind a rir_curl_ wrapper of the same signature. */
#include <dlfcn.h>
#include <pthread.h>
#include <stddef.h>

/** The libcurl entry points this program uses, resolved once. */
typedef struct {
    int loaded;
    const char *error;
    CURLcode (*global_init)(long flags);
    CURL *(*easy_init)(void);
    void (*easy_cleanup)(CURL *handle);
    CURLcode (*easy_perform)(CURL *handle);
    CURLcode (*easy_setopt)(CURL *handle, CURLoption option, ...);
    CURLcode (*easy_getinfo)(CURL *handle, CURLINFO info, ...);
    const char *(*easy_strerror)(CURLcode code);
    struct curl_slist *(*slist_append)(struct curl_slist *list, const char *string);
    void (*slist_free_all)(struct curl_slist *list);
    time_t (*getdate)(const char *text, const time_t *unused);
} rir_curl_api_table;

/* Function-local statics: Swift's importer emits the functions of a header, not its globals. */
static inline rir_curl_api_table *rir_curl_table(void) {
    static rir_curl_api_table table;
    return &table;
}

static inline void rir_curl_load(void) {
    rir_curl_api_table *api = rir_curl_table();
    void *library = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) {
        api->error = dlerror();
        return;
    }
#define RIR_CURL_SYMBOL(field, name) \
    *(void **)(&api->field) = dlsym(library, name); \
    if (api->field == NULL) { api->error = "libcurl.so.4 lacks " name; return; }
    RIR_CURL_SYMBOL(global_init, "curl_global_init")
    RIR_CURL_SYMBOL(easy_init, "curl_easy_init")
    RIR_CURL_SYMBOL(easy_cleanup, "curl_easy_cleanup")
    RIR_CURL_SYMBOL(easy_perform, "curl_easy_perform")
    RIR_CURL_SYMBOL(easy_setopt, "curl_easy_setopt")
    RIR_CURL_SYMBOL(easy_getinfo, "curl_easy_getinfo")
    RIR_CURL_SYMBOL(easy_strerror, "curl_easy_strerror")
    RIR_CURL_SYMBOL(slist_append, "curl_slist_append")
    RIR_CURL_SYMBOL(slist_free_all, "curl_slist_free_all")
    RIR_CURL_SYMBOL(getdate, "curl_getdate")
#undef RIR_CURL_SYMBOL
    api->loaded = 1;
}

/** The table, loading libcurl on the first call; `loaded` is 0 (and `error` says why) when it cannot be loaded. */
static inline const rir_curl_api_table *rir_curl(void) {
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, rir_curl_load);
    return rir_curl_table();
}

/** Why libcurl could not be loaded (the dynamic loader's message), or NULL once it is loaded. */
static inline const char *rir_curl_load_error(void) {
    const rir_curl_api_table *api = rir_curl();
    return api->loaded ? NULL : (api->error != NULL ? api->error : "libcurl.so.4 could not be loaded");
}

/* MARK: - Global set-up */

/** curl_global_init with the default flags (CURL_GLOBAL_DEFAULT is a macro Swift cannot import);
    CURLE_FAILED_INIT when libcurl cannot be loaded (see rir_curl_load_error). */
static inline CURLcode rir_curl_global_init(void) {
    const rir_curl_api_table *api = rir_curl();
    return api->loaded ? api->global_init(CURL_GLOBAL_DEFAULT) : CURLE_FAILED_INIT;
}

/* MARK: - The easy interface (call only after rir_curl_global_init succeeded) */

static inline CURL *rir_curl_easy_init(void) { return rir_curl()->easy_init(); }
static inline void rir_curl_easy_cleanup(CURL *handle) { rir_curl()->easy_cleanup(handle); }
static inline CURLcode rir_curl_easy_perform(CURL *handle) { return rir_curl()->easy_perform(handle); }
static inline const char *rir_curl_easy_strerror(CURLcode code) { return rir_curl()->easy_strerror(code); }
static inline struct curl_slist *rir_curl_slist_append(struct curl_slist *list, const char *string) {
    return rir_curl()->slist_append(list, string);
}
static inline void rir_curl_slist_free_all(struct curl_slist *list) {
    if (list != NULL) rir_curl()->slist_free_all(list);
}

/** curl_getdate (an HTTP-date as seconds since 1970), or -1 when it is not one or libcurl cannot be loaded. */
static inline time_t rir_curl_getdate(const char *text) {
    const rir_curl_api_table *api = rir_curl();
    return api->loaded ? api->getdate(text, NULL) : (time_t)-1;
}

/* curl_easy_setopt and curl_easy_getinfo are variadic, which Swift cannot call:
   one typed wrapper per argument type. Each passes its argument through
   unchanged, with the type libcurl documents for the option. */

/* MARK: - curl_easy_setopt */

/** An option that takes a `long` (flags, counts, timeouts in milliseconds). */
static inline CURLcode rir_curl_setopt_long(CURL *handle, CURLoption option, long value) {
    return rir_curl()->easy_setopt(handle, option, value);
}

/** An option that takes a NUL-terminated string (libcurl copies it). */
static inline CURLcode rir_curl_setopt_string(CURL *handle, CURLoption option, const char *value) {
    return rir_curl()->easy_setopt(handle, option, value);
}

/** An option that takes an opaque pointer (callback data, error buffer). */
static inline CURLcode rir_curl_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    return rir_curl()->easy_setopt(handle, option, value);
}

/** An option that takes a `curl_off_t` (the `_LARGE` size options). */
static inline CURLcode rir_curl_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value) {
    return rir_curl()->easy_setopt(handle, option, value);
}

/** CURLOPT_WRITEFUNCTION or CURLOPT_HEADERFUNCTION: both take a curl_write_callback. */
static inline CURLcode rir_curl_setopt_write_callback(CURL *handle, CURLoption option,
                                                      curl_write_callback value) {
    return rir_curl()->easy_setopt(handle, option, value);
}

/** CURLOPT_XFERINFOFUNCTION: called at least once a second during a transfer; non-zero aborts it. */
static inline CURLcode rir_curl_setopt_xferinfo_callback(CURL *handle, curl_xferinfo_callback value) {
    return rir_curl()->easy_setopt(handle, CURLOPT_XFERINFOFUNCTION, value);
}

/** An option that takes a string list (CURLOPT_HTTPHEADER); the list must outlive the transfer. */
static inline CURLcode rir_curl_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value) {
    return rir_curl()->easy_setopt(handle, option, value);
}

/** CURLOPT_READFUNCTION: the callback that hands libcurl the bytes of an upload (an SMTP message). */
static inline CURLcode rir_curl_setopt_read_callback(CURL *handle, CURLoption option,
                                                     curl_read_callback value) {
    return rir_curl()->easy_setopt(handle, option, value);
}

/* MARK: - curl_easy_getinfo */

/** An info item returned as a `long` (CURLINFO_RESPONSE_CODE). */
static inline CURLcode rir_curl_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return rir_curl()->easy_getinfo(handle, info, value);
}

/** An info item returned as a string owned by the handle (CURLINFO_CONTENT_TYPE). */
static inline CURLcode rir_curl_getinfo_string(CURL *handle, CURLINFO info, const char **value) {
    return rir_curl()->easy_getinfo(handle, info, value);
}

/** An info item returned as a `curl_off_t` (CURLINFO_SIZE_DOWNLOAD_T, CURLINFO_TOTAL_TIME_T). */
static inline CURLcode rir_curl_getinfo_off_t(CURL *handle, CURLINFO info, curl_off_t *value) {
    return rir_curl()->easy_getinfo(handle, info, value);
}

#endif
