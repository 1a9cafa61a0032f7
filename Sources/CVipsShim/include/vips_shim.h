#ifndef GA_VIPS_SHIM_H
#define GA_VIPS_SHIM_H
#include <stddef.h>

/// A thin, non-variadic face of libvips for Swift, which cannot call C variadic functions.
/// libvips is opened with dlopen on first use, so the tool starts fast and only image work needs it.
/// Every function returns NULL or -1 on failure; ga_vips_error() then says why.

typedef struct ga_vips_image ga_vips_image;

/// Loads libvips (once). 0 on success.
int ga_vips_open(void);
/// libvips' version, e.g. "8.14.1"; NULL when it cannot be loaded.
const char *ga_vips_version(void);
/// The last error as text (libvips' error buffer or the loader's message). Clears it.
const char *ga_vips_error(void);

/// Decodes an encoded image (PNG, JPEG, WebP, ...) fully into memory.
ga_vips_image *ga_vips_load(const void *data, size_t length);
/// Wraps 8-bit interleaved pixels (copied).
ga_vips_image *ga_vips_from_pixels(const unsigned char *pixels, int width, int height, int bands);
int ga_vips_width(ga_vips_image *image);
int ga_vips_height(ga_vips_image *image);
int ga_vips_bands(ga_vips_image *image);

/// 8-bit sRGB (or sRGB + alpha), whatever the source's colour space and depth.
ga_vips_image *ga_vips_srgb8(ga_vips_image *image);
/// Resamples with libvips' default kernel (Lanczos 3).
ga_vips_image *ga_vips_resize(ga_vips_image *image, double hscale, double vscale);
ga_vips_image *ga_vips_crop(ga_vips_image *image, int left, int top, int width, int height);
/// Drops alpha over a background colour.
ga_vips_image *ga_vips_flatten(ga_vips_image *image, double red, double green, double blue);

/// Encodes by suffix, e.g. ".png[strip]", ".jpg[Q=92,strip]", ".webp[lossless]". Free the bytes with ga_vips_free.
int ga_vips_save(ga_vips_image *image, const char *suffix, void **bytes, size_t *length);
/// The raw interleaved pixels. Free them with ga_vips_free.
void *ga_vips_pixels(ga_vips_image *image, size_t *length);

void ga_vips_unref(ga_vips_image *image);
void ga_vips_free(void *bytes);

#endif
