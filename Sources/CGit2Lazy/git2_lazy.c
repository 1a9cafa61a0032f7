#ifdef __linux__
#include "git2_lazy.h"
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>

/* Each libgit2 function AssetGit calls, defined here under its own name: the call goes to the library once
   it is open, or fails as libgit2 fails (-1, NULL) with git_error_last() saying why. The library is the one
   the headers describe (its SONAME), as when it is linked. A new call in AssetGit needs its line below.
   X(return type, value on failure, name, parameters, arguments) */
#define GA_GIT_FUNCTIONS(X, V) \
    X(int, -1, git_libgit2_init, (void), ()) \
    X(const git_error *, &load_failure, git_error_last, (void), ()) \
    X(int, -1, git_repository_open_ext, (git_repository **out, const char *path, unsigned int flags, const char *ceiling_dirs), (out, path, flags, ceiling_dirs)) \
    V(git_repository_free, (git_repository *repo), (repo)) \
    X(const char *, NULL, git_repository_workdir, (const git_repository *repo), (repo)) \
    X(int, -1, git_repository_state, (git_repository *repo), (repo)) \
    X(int, -1, git_repository_config_snapshot, (git_config **out, git_repository *repo), (out, repo)) \
    X(int, -1, git_config_foreach_match, (const git_config *cfg, const char *regexp, git_config_foreach_cb callback, void *payload), (cfg, regexp, callback, payload)) \
    V(git_config_free, (git_config *cfg), (cfg)) \
    X(int, -1, git_repository_head_detached, (git_repository *repo), (repo)) \
    X(int, -1, git_repository_head_unborn, (git_repository *repo), (repo)) \
    X(int, -1, git_repository_index, (git_index **out, git_repository *repo), (out, repo)) \
    X(int, -1, git_repository_hashfile, (git_oid *out, git_repository *repo, const char *path, git_object_t type, \
        const char *as_path), (out, repo, path, type, as_path)) \
    X(int, -1, git_repository_set_head_detached, (git_repository *repo, const git_oid *committish), (repo, committish)) \
    X(int, -1, git_revparse_single, (git_object **out, git_repository *repo, const char *spec), (out, repo, spec)) \
    X(int, -1, git_blob_create_from_buffer, (git_oid *id, git_repository *repo, const void *buffer, size_t len), (id, repo, buffer, len)) \
    V(git_blob_free, (git_blob *blob), (blob)) \
    X(int, -1, git_blob_lookup, (git_blob **blob, git_repository *repo, const git_oid *id), (blob, repo, id)) \
    X(const void *, NULL, git_blob_rawcontent, (const git_blob *blob), (blob)) \
    X(git_object_size_t, 0, git_blob_rawsize, (const git_blob *blob), (blob)) \
    X(const git_signature *, NULL, git_commit_author, (const git_commit *commit), (commit)) \
    X(int, -1, git_commit_create, (git_oid *id, git_repository *repo, const char *update_ref, const git_signature *author, \
        const git_signature *committer, const char *message_encoding, const char *message, const git_tree *tree, size_t parent_count, \
        const git_commit *parents[]), (id, repo, update_ref, author, committer, message_encoding, message, tree, parent_count, parents)) \
    V(git_commit_free, (git_commit *commit), (commit)) \
    X(const git_oid *, NULL, git_commit_id, (const git_commit *commit), (commit)) \
    X(int, -1, git_commit_lookup, (git_commit **commit, git_repository *repo, const git_oid *id), (commit, repo, id)) \
    X(int, -1, git_commit_parent, (git_commit **out, const git_commit *commit, unsigned int n), (out, commit, n)) \
    X(unsigned int, 0, git_commit_parentcount, (const git_commit *commit), (commit)) \
    X(const git_oid *, NULL, git_commit_parent_id, (const git_commit *commit, unsigned int n), (commit, n)) \
    X(const char *, NULL, git_commit_summary, (git_commit *commit), (commit)) \
    X(int, -1, git_commit_tree, (git_tree **tree_out, const git_commit *commit), (tree_out, commit)) \
    X(int, -1, git_ignore_path_is_ignored, (int *ignored, git_repository *repo, const char *path), (ignored, repo, path)) \
    X(int, -1, git_status_file, (unsigned int *status_flags, git_repository *repo, const char *path), (status_flags, repo, path)) \
    X(int, -1, git_index_add, (git_index *index, const git_index_entry *source_entry), (index, source_entry)) \
    X(size_t, 0, git_index_entrycount, (const git_index *index), (index)) \
    X(const git_index_entry *, NULL, git_index_get_byindex, (git_index *index, size_t n), (index, n)) \
    X(int, -1, git_graph_descendant_of, (git_repository *repo, const git_oid *commit, const git_oid *ancestor), (repo, commit, ancestor)) \
    X(int, -1, git_reference_iterator_glob_new, (git_reference_iterator **out, git_repository *repo, const char *glob), (out, repo, glob)) \
    V(git_reference_iterator_free, (git_reference_iterator *iter), (iter)) \
    X(int, -1, git_reference_next_name, (const char **out, git_reference_iterator *iter), (out, iter)) \
    X(int, -1, git_index_add_bypath, (git_index *index, const char *path), (index, path)) \
    X(const char *, NULL, git_index_path, (const git_index *index), (index)) \
    V(git_index_free, (git_index *index), (index)) \
    X(const git_index_entry *, NULL, git_index_get_bypath, (git_index *index, const char *path, int stage), (index, path, stage)) \
    X(int, -1, git_index_new, (git_index **out), (out)) \
    X(int, -1, git_index_read_tree, (git_index *index, const git_tree *tree), (index, tree)) \
    X(int, -1, git_index_write, (git_index *index), (index)) \
    X(int, -1, git_index_write_tree_to, (git_oid *out, git_index *index, git_repository *repo), (out, index, repo)) \
    X(int, -1, git_note_create, (git_oid *out, git_repository *repo, const char *notes_ref, const git_signature *author, \
        const git_signature *committer, const git_oid *oid, const char *note, int force), (out, repo, notes_ref, author, committer, oid, note, force)) \
    V(git_note_free, (git_note *note), (note)) \
    X(int, -1, git_note_foreach, (git_repository *repo, const char *notes_ref, git_note_foreach_cb note_cb, void *payload), (repo, notes_ref, note_cb, payload)) \
    X(const char *, NULL, git_note_message, (const git_note *note), (note)) \
    X(int, -1, git_note_read, (git_note **out, git_repository *repo, const char *notes_ref, const git_oid *oid), (out, repo, notes_ref, oid)) \
    V(git_object_free, (git_object *object), (object)) \
    X(const git_oid *, NULL, git_object_id, (const git_object *obj), (obj)) \
    X(int, -1, git_object_peel, (git_object **peeled, const git_object *object, git_object_t target_type), (peeled, object, target_type)) \
    X(int, 0, git_oid_equal, (const git_oid *a, const git_oid *b), (a, b)) \
    X(int, -1, git_oid_fromstr, (git_oid *out, const char *str), (out, str)) \
    X(char *, NULL, git_oid_tostr, (char *out, size_t n, const git_oid *id), (out, n, id)) \
    X(int, -1, git_reference_create, (git_reference **out, git_repository *repo, const char *name, const git_oid *id, int force, \
        const char *log_message), (out, repo, name, id, force, log_message)) \
    X(int, -1, git_reference_create_matching, (git_reference **out, git_repository *repo, const char *name, const git_oid *id, int force, \
        const git_oid *current_id, const char *log_message), (out, repo, name, id, force, current_id, log_message)) \
    V(git_reference_free, (git_reference *ref), (ref)) \
    X(int, -1, git_reference_lookup, (git_reference **out, git_repository *repo, const char *name), (out, repo, name)) \
    X(int, -1, git_reference_name_to_id, (git_oid *out, git_repository *repo, const char *name), (out, repo, name)) \
    X(const char *, NULL, git_reference_symbolic_target, (const git_reference *ref), (ref)) \
    V(git_revwalk_free, (git_revwalk *walk), (walk)) \
    X(int, -1, git_revwalk_new, (git_revwalk **out, git_repository *repo), (out, repo)) \
    X(int, -1, git_revwalk_next, (git_oid *out, git_revwalk *walk), (out, walk)) \
    X(int, -1, git_revwalk_push, (git_revwalk *walk, const git_oid *id), (walk, id)) \
    X(int, -1, git_revwalk_sorting, (git_revwalk *walk, unsigned int sort_mode), (walk, sort_mode)) \
    X(int, -1, git_signature_default, (git_signature **out, git_repository *repo), (out, repo)) \
    V(git_signature_free, (git_signature *sig), (sig)) \
    X(int, -1, git_signature_now, (git_signature **out, const char *name, const char *email), (out, name, email)) \
    X(int, -1, git_tree_entry_bypath, (git_tree_entry **out, const git_tree *root, const char *path), (out, root, path)) \
    V(git_tree_entry_free, (git_tree_entry *entry), (entry)) \
    X(const git_oid *, NULL, git_tree_entry_id, (const git_tree_entry *entry), (entry)) \
    X(git_object_t, GIT_OBJECT_INVALID, git_tree_entry_type, (const git_tree_entry *entry), (entry)) \
    V(git_tree_free, (git_tree *tree), (tree)) \
    X(int, -1, git_tree_lookup, (git_tree **out, git_repository *repo, const git_oid *id), (out, repo, id))

static char load_message[512];
static git_error load_failure = {load_message, GIT_ERROR_OS};

#define GA_FIELD(ret, fail, name, params, args) ret (*name) params;
#define GA_FIELD_VOID(name, params, args) void (*name) params;
static struct { GA_GIT_FUNCTIONS(GA_FIELD, GA_FIELD_VOID) } library;

static pthread_once_t once = PTHREAD_ONCE_INIT;
static int loaded;

#define GA_LOAD(ret, fail, name, params, args) \
    if (!(*(void **)&library.name = dlsym(handle, #name))) { snprintf(load_message, sizeof load_message, "libgit2 lacks %s", #name); return; }
#define GA_LOAD_VOID(name, params, args) GA_LOAD(void, , name, params, args)

static void load(void) {
    const char *soname = "libgit2.so." LIBGIT2_SOVERSION;
    void *handle = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
        snprintf(load_message, sizeof load_message, "libgit2 is not installed (%s)", dlerror());
        return;
    }
    GA_GIT_FUNCTIONS(GA_LOAD, GA_LOAD_VOID)
    loaded = 1;
}

static int ready(void) {
    pthread_once(&once, load);
    return loaded;
}

#define GA_DEFINE(ret, fail, name, params, args) \
    ret name params { return ready() ? library.name args : (fail); }
#define GA_DEFINE_VOID(name, params, args) \
    void name params { if (ready()) library.name args; }
GA_GIT_FUNCTIONS(GA_DEFINE, GA_DEFINE_VOID)
#endif
