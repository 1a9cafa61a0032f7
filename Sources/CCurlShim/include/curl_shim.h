#ifndef GA_CURL_SHIM_H
#define GA_CURL_SHIM_H
#include <stddef.h>

/// One HTTP exchange through libcurl, behind a non-variadic face for Swift (curl_easy_setopt is variadic).
/// libcurl is opened with dlopen on first use, as libvips is: a run that makes no request (status,
/// validate, the placeholder provider) never loads it nor the score of libraries it needs.

typedef struct ga_curl_call ga_curl_call;

/// Loads libcurl (once). 0 on success; otherwise ga_curl_open_error() says why.
int ga_curl_open(void);
const char *ga_curl_open_error(void);

ga_curl_call *ga_curl_call_new(void);
void ga_curl_call_free(ga_curl_call *call);

/// Makes the call stop at its next progress tick (any thread, any time).
void ga_curl_call_cancel(ga_curl_call *call);

/// Performs the request and blocks until it ends. `headers` holds "Name: value" lines.
/// Timeouts: connecting, no byte moving either way for `idle_ms` (checked about once a second), and the whole exchange.
/// Returns libcurl's result code (0: an HTTP answer came), or -1 when libcurl could not be loaded.
int ga_curl_call_perform(ga_curl_call *call, const char *url, const char *method, const char *const *headers, int header_count,
                         const void *body, size_t body_length, long connect_timeout_ms, long idle_ms, long total_timeout_ms);

/// The answer's status code, its body and the header block of the final response ("Name: value\r\n" lines).
long ga_curl_call_status(const ga_curl_call *call);
const char *ga_curl_call_body(const ga_curl_call *call, size_t *length);
const char *ga_curl_call_headers(const ga_curl_call *call, size_t *length);
/// libcurl's own words for a failure.
const char *ga_curl_call_error(const ga_curl_call *call);

/// libcurl result codes the transport tells apart.
enum {
    GA_CURLE_OK = 0, GA_CURLE_UNSUPPORTED_PROTOCOL = 1, GA_CURLE_URL_MALFORMAT = 3, GA_CURLE_COULDNT_RESOLVE_PROXY = 5,
    GA_CURLE_COULDNT_RESOLVE_HOST = 6, GA_CURLE_COULDNT_CONNECT = 7, GA_CURLE_HTTP2 = 16, GA_CURLE_PARTIAL_FILE = 18,
    GA_CURLE_OPERATION_TIMEDOUT = 28, GA_CURLE_SSL_CONNECT_ERROR = 35, GA_CURLE_ABORTED_BY_CALLBACK = 42, GA_CURLE_GOT_NOTHING = 52,
    GA_CURLE_SEND_ERROR = 55, GA_CURLE_RECV_ERROR = 56, GA_CURLE_SSL_CERTPROBLEM = 58, GA_CURLE_PEER_FAILED_VERIFICATION = 60,
    GA_CURLE_SSL_CACERT_BADFILE = 77, GA_CURLE_HTTP2_STREAM = 92
};

#endif
