#include "curl_shim.h"
#include <dlfcn.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The few libcurl entry points and constants used, declared here so no curl header is needed to build
   (their values are part of libcurl's stable ABI). */
typedef void CURL;
struct curl_slist;
typedef long long curl_off_t;
static int (*p_global_init)(long);
static CURL *(*p_easy_init)(void);
static int (*p_easy_setopt)(CURL *, int, ...);
static int (*p_easy_perform)(CURL *);
static int (*p_easy_getinfo)(CURL *, int, ...);
static void (*p_easy_cleanup)(CURL *);
static const char *(*p_easy_strerror)(int);
static struct curl_slist *(*p_slist_append)(struct curl_slist *, const char *);
static void (*p_slist_free_all)(struct curl_slist *);

enum {
    OPT_WRITEDATA = 10001, OPT_URL = 10002, OPT_ERRORBUFFER = 10010, OPT_POSTFIELDS = 10015, OPT_HTTPHEADER = 10023,
    OPT_HEADERDATA = 10029, OPT_CUSTOMREQUEST = 10036, OPT_XFERINFODATA = 10057, OPT_WRITEFUNCTION = 20011,
    OPT_HEADERFUNCTION = 20079, OPT_XFERINFOFUNCTION = 20219, 
    OPT_NOPROGRESS = 43, OPT_POST = 47, OPT_FOLLOWLOCATION = 52, OPT_HTTPGET = 80, OPT_MAXREDIRS = 68, OPT_NOSIGNAL = 99,
    OPT_NOBODY = 44, OPT_TIMEOUT_MS = 155, OPT_CONNECTTIMEOUT_MS = 156, OPT_POSTFIELDSIZE_LARGE = 30120,
    INFO_RESPONSE_CODE = 0x200000 + 2, GLOBAL_DEFAULT = 3, ERROR_SIZE = 256
};

static pthread_once_t once = PTHREAD_ONCE_INIT;
static int opened = -1;
static char open_error[512];

#define LOAD(name, symbol) \
    if (!(*(void **)(&name) = dlsym(handle, symbol))) { snprintf(open_error, sizeof open_error, "libcurl lacks %s", symbol); return; }

static void open_library(void) {
#ifdef __APPLE__
    /* The system's own copy, by absolute path (in the dyld shared cache; no file on disk needed). */
    const char *names[] = {"/usr/lib/libcurl.4.dylib", NULL};
#else
    const char *names[] = {"libcurl.so.4", "libcurl-gnutls.so.4", "libcurl.so", NULL};
#endif
    void *handle = NULL;
    for (int i = 0; names[i] && !handle; i++) handle = dlopen(names[i], RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
        snprintf(open_error, sizeof open_error, "libcurl is not installed (%s)", dlerror());
        return;
    }
    LOAD(p_global_init, "curl_global_init") LOAD(p_easy_init, "curl_easy_init") LOAD(p_easy_setopt, "curl_easy_setopt")
    LOAD(p_easy_perform, "curl_easy_perform") LOAD(p_easy_getinfo, "curl_easy_getinfo") LOAD(p_easy_cleanup, "curl_easy_cleanup")
    LOAD(p_easy_strerror, "curl_easy_strerror") LOAD(p_slist_append, "curl_slist_append") LOAD(p_slist_free_all, "curl_slist_free_all")
    if (p_global_init(GLOBAL_DEFAULT) != 0) {
        snprintf(open_error, sizeof open_error, "curl_global_init failed");
        return;
    }
    opened = 0;
}

int ga_curl_open(void) {
    pthread_once(&once, open_library);
    return opened;
}

const char *ga_curl_open_error(void) { return open_error[0] ? open_error : "libcurl could not be loaded"; }

typedef struct { char *bytes; size_t length, capacity; } buffer;

static int append(buffer *b, const char *bytes, size_t length) {
    if (b->length + length + 1 > b->capacity) {
        size_t capacity = b->capacity ? b->capacity : 4096;
        while (capacity < b->length + length + 1) capacity *= 2;
        char *grown = realloc(b->bytes, capacity);
        if (!grown) return -1;
        b->bytes = grown;
        b->capacity = capacity;
    }
    memcpy(b->bytes + b->length, bytes, length);
    b->length += length;
    b->bytes[b->length] = 0;
    return 0;
}

struct ga_curl_call {
    atomic_int cancelled;
    int timed_out;
    long idle_ms;
    long long last_activity_ms;
    curl_off_t last_down, last_up;
    long status;
    buffer body, headers;
    char error[ERROR_SIZE];
};

ga_curl_call *ga_curl_call_new(void) { return calloc(1, sizeof(ga_curl_call)); }

void ga_curl_call_free(ga_curl_call *call) {
    if (!call) return;
    free(call->body.bytes);
    free(call->headers.bytes);
    free(call);
}

void ga_curl_call_cancel(ga_curl_call *call) { atomic_store(&call->cancelled, 1); }

static size_t on_body(char *bytes, size_t size, size_t count, void *data) {
    ga_curl_call *call = data;
    return append(&call->body, bytes, size * count) == 0 ? size * count : 0;
}

/* Keeps the header block of the last response only: a "100 Continue" is dropped. */
static size_t on_header(char *bytes, size_t size, size_t count, void *data) {
    ga_curl_call *call = data;
    size_t length = size * count;
    if (length >= 5 && memcmp(bytes, "HTTP/", 5) == 0) call->headers.length = 0;
    return append(&call->headers, bytes, length) == 0 ? length : 0;
}

static long long now_ms(void) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (long long)now.tv_sec * 1000 + now.tv_nsec / 1000000;
}

/* Called at least once a second: stops a cancelled call, and one where no byte moved either way for the
   idle time (libcurl's low-speed limit averages over seconds, so a fast upload would hide a silent server). */
static int on_progress(void *data, curl_off_t down_total, curl_off_t down, curl_off_t up_total, curl_off_t up) {
    (void)down_total; (void)up_total;
    ga_curl_call *call = data;
    if (atomic_load(&call->cancelled)) return 1;
    long long now = now_ms();
    if (down != call->last_down || up != call->last_up) {
        call->last_down = down;
        call->last_up = up;
        call->last_activity_ms = now;
    } else if (now - call->last_activity_ms > call->idle_ms) {
        call->timed_out = 1;
        return 1;
    }
    return 0;
}

int ga_curl_call_perform(ga_curl_call *call, const char *url, const char *method, const char *const *headers, int header_count,
                         const void *body, size_t body_length, long connect_timeout_ms, long idle_ms, long total_timeout_ms) {
    if (ga_curl_open() != 0) {
        snprintf(call->error, sizeof call->error, "%s", ga_curl_open_error());
        return -1;
    }
    CURL *curl = p_easy_init();
    if (!curl) {
        snprintf(call->error, sizeof call->error, "curl_easy_init failed");
        return -1;
    }
    struct curl_slist *list = NULL;
    for (int i = 0; i < header_count; i++) list = p_slist_append(list, headers[i]);
    list = p_slist_append(list, "Expect:"); /* send the body at once rather than wait for "100 Continue" */
    p_easy_setopt(curl, OPT_URL, url);
    p_easy_setopt(curl, OPT_HTTPHEADER, list);
    p_easy_setopt(curl, OPT_NOSIGNAL, 1L);
    /* No redirect is followed: libcurl would send the x-goog-api-key header along to any host (issue 20). */
    p_easy_setopt(curl, OPT_FOLLOWLOCATION, 0L);
    p_easy_setopt(curl, OPT_ERRORBUFFER, call->error);
    p_easy_setopt(curl, OPT_WRITEFUNCTION, on_body);
    p_easy_setopt(curl, OPT_WRITEDATA, call);
    p_easy_setopt(curl, OPT_HEADERFUNCTION, on_header);
    p_easy_setopt(curl, OPT_HEADERDATA, call);
    p_easy_setopt(curl, OPT_NOPROGRESS, 0L);
    p_easy_setopt(curl, OPT_XFERINFOFUNCTION, on_progress);
    p_easy_setopt(curl, OPT_XFERINFODATA, call);
    p_easy_setopt(curl, OPT_CONNECTTIMEOUT_MS, connect_timeout_ms);
    p_easy_setopt(curl, OPT_TIMEOUT_MS, total_timeout_ms);
    if (strcmp(method, "GET") == 0) {
        p_easy_setopt(curl, OPT_HTTPGET, 1L);
    } else if (strcmp(method, "HEAD") == 0) {
        p_easy_setopt(curl, OPT_NOBODY, 1L);
    } else {
        if (strcmp(method, "POST") == 0) p_easy_setopt(curl, OPT_POST, 1L); else p_easy_setopt(curl, OPT_CUSTOMREQUEST, method);
        if (body_length > 0 || strcmp(method, "POST") == 0) {
            p_easy_setopt(curl, OPT_POSTFIELDSIZE_LARGE, (curl_off_t)body_length);
            p_easy_setopt(curl, OPT_POSTFIELDS, body_length > 0 ? body : "");
        }
    }
    call->idle_ms = idle_ms;
    call->last_activity_ms = now_ms();
    int result = p_easy_perform(curl);
    if (result == GA_CURLE_ABORTED_BY_CALLBACK && call->timed_out) {
        result = GA_CURLE_OPERATION_TIMEDOUT;
        snprintf(call->error, sizeof call->error, "no byte moved for %ld ms", idle_ms);
    }
    p_easy_getinfo(curl, INFO_RESPONSE_CODE, &call->status);
    if (result != 0 && call->error[0] == 0) snprintf(call->error, sizeof call->error, "%s", p_easy_strerror(result));
    p_easy_cleanup(curl);
    p_slist_free_all(list);
    return result;
}

long ga_curl_call_status(const ga_curl_call *call) { return call->status; }

const char *ga_curl_call_body(const ga_curl_call *call, size_t *length) {
    *length = call->body.length;
    return call->body.bytes;
}

const char *ga_curl_call_headers(const ga_curl_call *call, size_t *length) {
    *length = call->headers.length;
    return call->headers.bytes;
}

const char *ga_curl_call_error(const ga_curl_call *call) { return call->error; }
