#include "vips_shim.h"
#include <dlfcn.h>
#include <stdlib.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

/* The few libvips and GLib entry points used, declared here so no vips header is needed to build. */
typedef struct ga_vips_image VipsImage;
static int (*p_init)(const char *);
static void (*p_cache_set_max)(int);
static const char *(*p_error_buffer)(void);
static void (*p_error_clear)(void);
static VipsImage *(*p_new_from_buffer)(const void *, size_t, const char *, ...);
static VipsImage *(*p_new_from_memory_copy)(const void *, size_t, int, int, int, int);
static VipsImage *(*p_copy_memory)(VipsImage *);
static int (*p_get_width)(const VipsImage *);
static int (*p_get_height)(const VipsImage *);
static int (*p_get_bands)(const VipsImage *);
static int (*p_colourspace)(VipsImage *, VipsImage **, int, ...);
static int (*p_cast)(VipsImage *, VipsImage **, int, ...);
static int (*p_resize)(VipsImage *, VipsImage **, double, ...);
static int (*p_extract_area)(VipsImage *, VipsImage **, int, int, int, int, ...);
static int (*p_flatten)(VipsImage *, VipsImage **, ...);
static void *(*p_array_double_newv)(int, ...);
static void (*p_area_unref)(void *);
static int (*p_write_to_buffer)(VipsImage *, const char *, void **, size_t *, ...);
static void *(*p_write_to_memory)(VipsImage *, size_t *);
static void (*p_object_unref)(void *);
static void (*p_free)(void *);
static unsigned (*p_log_set_handler)(const char *, int, void (*)(const char *, int, const char *, void *), void *);

static void quiet(const char *domain, int level, const char *text, void *data) { (void)domain; (void)level; (void)text; (void)data; }

enum { FORMAT_UCHAR = 0, INTERPRETATION_sRGB = 22 };

static pthread_once_t once = PTHREAD_ONCE_INIT;
static int opened = -1;
static __thread char message[512];
static char open_error[512];

#define LOAD(name, symbol) \
    if (!(*(void **)(&name) = dlsym(handle, symbol))) { snprintf(open_error, sizeof open_error, "libvips lacks %s", symbol); return; }

static void open_library(void) {
    const char *names[] = {"libvips.so.42", "libvips.so", "libvips.42.dylib", NULL};
    void *handle = NULL;
    /* GENERATE_ASSETS_LIBVIPS names the library file to open instead (another build, or a test's missing one). */
    const char *override = getenv("GENERATE_ASSETS_LIBVIPS");
    if (override && override[0]) {
        handle = dlopen(override, RTLD_NOW | RTLD_LOCAL);
        if (!handle) {
            snprintf(open_error, sizeof open_error, "libvips could not be opened from GENERATE_ASSETS_LIBVIPS=%s (%s)",
                     override, dlerror());
            return;
        }
    }
    for (int i = 0; names[i] && !handle; i++) handle = dlopen(names[i], RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
        snprintf(open_error, sizeof open_error, "libvips is not installed (%s)", dlerror());
        return;
    }
    LOAD(p_init, "vips_init") LOAD(p_cache_set_max, "vips_cache_set_max") LOAD(p_error_buffer, "vips_error_buffer")
    LOAD(p_error_clear, "vips_error_clear") LOAD(p_new_from_buffer, "vips_image_new_from_buffer")
    LOAD(p_new_from_memory_copy, "vips_image_new_from_memory_copy") LOAD(p_copy_memory, "vips_image_copy_memory")
    LOAD(p_get_width, "vips_image_get_width") LOAD(p_get_height, "vips_image_get_height")
    LOAD(p_get_bands, "vips_image_get_bands") LOAD(p_colourspace, "vips_colourspace") LOAD(p_cast, "vips_cast")
    LOAD(p_resize, "vips_resize") LOAD(p_extract_area, "vips_extract_area") LOAD(p_flatten, "vips_flatten")
    LOAD(p_array_double_newv, "vips_array_double_newv") LOAD(p_area_unref, "vips_area_unref")
    LOAD(p_write_to_buffer, "vips_image_write_to_buffer") LOAD(p_write_to_memory, "vips_image_write_to_memory")
    LOAD(p_object_unref, "g_object_unref") LOAD(p_free, "g_free") LOAD(p_log_set_handler, "g_log_set_handler")
    if (p_init("generate-assets") != 0) {
        snprintf(open_error, sizeof open_error, "vips_init failed: %s", p_error_buffer());
        return;
    }
    p_log_set_handler("VIPS", 1 << 4 /* G_LOG_LEVEL_WARNING */, quiet, NULL); /* failures come back as errors instead */
    p_cache_set_max(0); /* one-shot operations: the operation cache would only hold memory */
    opened = 0;
}

int ga_vips_open(void) {
    pthread_once(&once, open_library);
    return opened;
}

const char *ga_vips_error(void) {
    if (opened != 0) return open_error[0] ? open_error : "libvips could not be loaded";
    if (message[0] == 0) {
        snprintf(message, sizeof message, "%s", p_error_buffer());
        p_error_clear();
        size_t n = strlen(message);
        while (n > 0 && (message[n - 1] == '\n' || message[n - 1] == ' ')) message[--n] = 0;
    }
    static __thread char copy[512];
    memcpy(copy, message, sizeof copy);
    message[0] = 0;
    return copy;
}

ga_vips_image *ga_vips_load(const void *data, size_t length) {
    if (ga_vips_open() != 0) return NULL;
    VipsImage *lazy = p_new_from_buffer(data, length, "[fail]", NULL); /* a damaged file is an error, not a grey picture */
    if (!lazy) return NULL;
    /* Decode now: libvips reads the caller's buffer lazily, and the caller's buffer does not outlive this call. */
    VipsImage *image = p_copy_memory(lazy);
    p_object_unref(lazy);
    return image;
}

ga_vips_image *ga_vips_from_pixels(const unsigned char *pixels, int width, int height, int bands) {
    if (ga_vips_open() != 0) return NULL;
    return p_new_from_memory_copy(pixels, (size_t)width * height * bands, width, height, bands, FORMAT_UCHAR);
}

int ga_vips_width(ga_vips_image *image) { return p_get_width(image); }
int ga_vips_height(ga_vips_image *image) { return p_get_height(image); }
int ga_vips_bands(ga_vips_image *image) { return p_get_bands(image); }

ga_vips_image *ga_vips_srgb8(ga_vips_image *image) {
    VipsImage *srgb = NULL, *out = NULL;
    if (p_colourspace(image, &srgb, INTERPRETATION_sRGB, NULL) != 0) return NULL;
    int status = p_cast(srgb, &out, FORMAT_UCHAR, NULL);
    p_object_unref(srgb);
    return status == 0 ? out : NULL;
}

ga_vips_image *ga_vips_resize(ga_vips_image *image, double hscale, double vscale) {
    VipsImage *out = NULL;
    return p_resize(image, &out, hscale, "vscale", vscale, NULL) == 0 ? out : NULL;
}

ga_vips_image *ga_vips_crop(ga_vips_image *image, int left, int top, int width, int height) {
    VipsImage *out = NULL;
    return p_extract_area(image, &out, left, top, width, height, NULL) == 0 ? out : NULL;
}

ga_vips_image *ga_vips_flatten(ga_vips_image *image, double red, double green, double blue) {
    VipsImage *out = NULL;
    void *background = p_array_double_newv(3, red, green, blue);
    int status = p_flatten(image, &out, "background", background, NULL);
    p_area_unref(background);
    return status == 0 ? out : NULL;
}

int ga_vips_save(ga_vips_image *image, const char *suffix, void **bytes, size_t *length) {
    return p_write_to_buffer(image, suffix, bytes, length, NULL);
}

void *ga_vips_pixels(ga_vips_image *image, size_t *length) { return p_write_to_memory(image, length); }

void ga_vips_unref(ga_vips_image *image) { if (image) p_object_unref(image); }
void ga_vips_free(void *bytes) { if (bytes) p_free(bytes); }
