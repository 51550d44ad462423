/* bekal-match-view.h: match questions, a drop-down of right sides next to each left side
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bekal-question-view.h"

G_BEGIN_DECLS

#define BEKAL_TYPE_MATCH_VIEW (bekal_match_view_get_type ())

G_DECLARE_FINAL_TYPE (BekalMatchView, bekal_match_view, BEKAL, MATCH_VIEW, BekalQuestionView)

G_END_DECLS
