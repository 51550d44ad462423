/* bekal-studio-templates.h: the pieces of module XML the studio's Insert menu adds
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The names of the templates, in the order of the Insert menu: "lesson", "note", "video",
 * "quiz", "question-single", "question-multiple", "question-truefalse", "question-match",
 * "question-order", "question-scale" */
const char * const *bekal_studio_template_names (void);
/* The menu label of template @name, translated; NULL for an unknown name */
const char         *bekal_studio_template_label (const char *name);
/* The XML of template @name indented by @indent spaces, with ids that @text does not use yet;
 * NULL for an unknown name */
char               *bekal_studio_template_build (const char *name,
                                                 const char *text,
                                                 guint       indent);

G_END_DECLS
