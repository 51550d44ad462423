/* bench-util.h: what the benchmarks share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The median of @values (doubles): the element in the middle once sorted, which sorts them */
double   bench_median                (GArray     *values);

/* The value below which @fraction of @values (doubles) fall, 1.0 giving the largest; sorts
 * them; 0 for none */
double   bench_percentile            (GArray     *values,
                                      double      fraction);

/* Removes @path and everything below it */
void     bench_remove_tree           (const char *path);

/* Makes @data_dir a learner store holding one profile, set as the last learner, so that the
 * app started with --resume-last-profile opens on its library */
gboolean bench_prepare_last_learner  (const char *data_dir);

G_END_DECLS
