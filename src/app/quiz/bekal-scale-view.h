/* bekal-scale-view.h: the view of self-rating scale questions: one button per value
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bekal-question-view.h"

G_BEGIN_DECLS

#define BEKAL_TYPE_SCALE_VIEW (bekal_scale_view_get_type ())

G_DECLARE_FINAL_TYPE (BekalScaleView, bekal_scale_view, BEKAL, SCALE_VIEW, BekalQuestionView)

G_END_DECLS
