/* bekal-xapi-statements.h: statements made from the store, shared by export and push
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <bekal/bekal-xapi.h>

G_BEGIN_DECLS

/* Called for each statement in export order; return FALSE (with @error set) to stop */
typedef gboolean (*BekalXapiStatementFunc) (const char  *statement_id,
                                            gint64       profile_id,
                                            const char  *json,
                                            gsize        length,
                                            gpointer     user_data,
                                            GError     **error);

/* Builds every statement of @store and hands it to @func */
gboolean  bekal_xapi_foreach_statement (BekalStore              *store,
                                        BekalXapiFlags           flags,
                                        BekalXapiStatementFunc   func,
                                        gpointer                 user_data,
                                        GError                 **error);
/* The number of statements bekal_xapi_foreach_statement () makes */
gboolean  bekal_xapi_count_statements  (BekalStore              *store,
                                        guint64                 *out_count,
                                        GError                 **error);
/* A name-based UUID (version 5, SHA-1) of @name in Bekal's namespace, 36 characters + NUL */
void      bekal_xapi_name_uuid         (const char              *name,
                                        gsize                    length,
                                        char                     out[37]);

G_END_DECLS
