/* bekal-lint.h: item-writing checks: patterns in a module's questions that let a learner guess
 * without knowing, or that keep a test from measuring what it should
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include <bekal/bekal-model.h>

G_BEGIN_DECLS

/**
 * BekalLintWarning:
 * @check: the check's name, as `lint-ignore` takes it: `option-length`, `answer-position`,
 *   `wrong-option-last`, `practice-no-shuffle`, `near-duplicate`, `scale-in-pool`,
 *   `pool-too-small`, `all-of-the-above`, or `ignore-without-reason`
 * @quiz_id: the quiz it concerns
 * @question_id: (nullable): the question, when it concerns one
 * @line: the line of the quiz or question in its file
 * @message: what was found
 * @suggestion: what to do about it
 * @column: the column where that element starts, from 1; 0 when unknown
 *
 * One finding of bekal_lint_module(). The texts are translated.
 */
typedef struct
{
  char *check;
  char *quiz_id;
  char *question_id;
  int   line;
  char *message;
  char *suggestion;
  int   column;
} BekalLintWarning;

/**
 * bekal_lint_warning_free:
 * @warning: (nullable): a #BekalLintWarning
 *
 * Frees @warning.
 */
void       bekal_lint_warning_free (BekalLintWarning *warning);

/**
 * bekal_lint_module:
 * @module: a loaded module
 *
 * Runs the item-writing checks on every quiz of @module, except those a quiz turns off with
 * `lint-ignore` (and a `lint-reason`). The findings are advice for the author, never errors: the
 * module loads and plays either way.
 *
 * Returns: (transfer full) (element-type BekalLintWarning): the findings, in the order of the
 *   quizzes; empty when there are none
 */
GPtrArray *bekal_lint_module       (BekalModule      *module);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BekalLintWarning, bekal_lint_warning_free)

G_END_DECLS
