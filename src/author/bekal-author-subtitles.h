/* bekal-author-subtitles.h: the "subtitles" command of bekal-author, and the subtitle checks of
 * "validate"
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <bekal/bekal-diagnostic.h>
#include <bekal/bekal-media-probe.h>
#include <bekal/bekal-model.h>

G_BEGIN_DECLS

/* bekal-author subtitles FILE… [--json]; @argv[0] is the program name. Returns the exit
 * status: 0 read, 1 unreadable files or cues, 2 usage. */
int  bekal_author_run_subtitles   (int              argc,
                                   char           **argv);

/* Adds to @diagnostics, for every subtitle file @module names that is not in @checked (a set
 * of paths, which it extends), the cues that cannot be read (errors) and the quality findings
 * (warnings); with @probe, the media's length is known and a file that cannot be read at all
 * is left to the probe's report */
void bekal_author_check_subtitles (BekalModule     *module,
                                   BekalMediaProbe *probe,
                                   GHashTable      *checked,
                                   GPtrArray       *diagnostics);

G_END_DECLS
