#ifndef GA_GIT2_LAZY_H
#define GA_GIT2_LAZY_H
/// libgit2's API, on Linux with libgit2 opened by dlopen on the first call rather than linked: it and the
/// dozen libraries it needs (mbedTLS, libssh2, Kerberos…) then cost nothing to a run that makes no commit
/// and reads no history, which is most runs. Apple platforms link libgit2 (the CGit2 module).
#ifdef __linux__
#include <git2.h>
#endif
#endif
