/* bekal-choice-view.h: single, multiple and true/false questions, one button per option
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bekal-question-view.h"

G_BEGIN_DECLS

#define BEKAL_TYPE_CHOICE_VIEW (bekal_choice_view_get_type ())

G_DECLARE_FINAL_TYPE (BekalChoiceView, bekal_choice_view, BEKAL, CHOICE_VIEW, BekalQuestionView)

G_END_DECLS
