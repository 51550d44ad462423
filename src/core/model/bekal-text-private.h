/* bekal-text-private.h: building rich text in the loader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <bekal/bekal-text.h>

G_BEGIN_DECLS

BekalText *bekal_text_new    (void);
void       bekal_text_append (BekalText      *self,
                              BekalSpanStyle  style,
                              const char     *term_ref,
                              const char     *text,
                              gssize          len);
void       bekal_text_seal   (BekalText      *self);

G_END_DECLS
