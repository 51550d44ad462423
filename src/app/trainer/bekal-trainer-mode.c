/* bekal-trainer-mode.c: whether the trainer has unlocked trainer mode in this window, and the
 * idle timer that ends it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "bekal-trainer-mode.h"

struct _BekalTrainerMode
{
  GObject  parent_instance;

  gboolean unlocked;
  guint    idle_ms;
  gint64   last_input_us;  /* monotonic time of the last input */
  guint    idle_source;
};

enum
{
  PROP_0,
  PROP_UNLOCKED,
  N_PROPS
};

enum
{
  ENDED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (BekalTrainerMode, bekal_trainer_mode, G_TYPE_OBJECT)

static void end (BekalTrainerMode *self,
                 gboolean          idle);

static gboolean on_idle_check (gpointer user_data);

/* Helpers */

/* The timer is not restarted at every key press: it wakes at the end of the idle time and
 * checks when the last input was */
static void
schedule_check (BekalTrainerMode *self,
                guint             delay_ms)
{
  g_clear_handle_id (&self->idle_source, g_source_remove);
  self->idle_source = g_timeout_add (MAX (delay_ms, 1), on_idle_check, self);
}

static void
end (BekalTrainerMode *self,
     gboolean          idle)
{
  g_clear_handle_id (&self->idle_source, g_source_remove);
  if (!self->unlocked)
    return;

  self->unlocked = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNLOCKED]);
  g_signal_emit (self, signals[ENDED], 0, idle);
}

/* Callbacks */

static gboolean
on_idle_check (gpointer user_data)
{
  BekalTrainerMode *self = BEKAL_TRAINER_MODE (user_data);
  gint64 idle_ms = (g_get_monotonic_time () - self->last_input_us) / 1000;

  self->idle_source = 0;
  if (idle_ms >= self->idle_ms)
    end (self, TRUE);
  else
    schedule_check (self, self->idle_ms - (guint) idle_ms);

  return G_SOURCE_REMOVE;
}

/* Overrides */

static void
bekal_trainer_mode_dispose (GObject *object)
{
  BekalTrainerMode *self = BEKAL_TRAINER_MODE (object);

  g_clear_handle_id (&self->idle_source, g_source_remove);

  G_OBJECT_CLASS (bekal_trainer_mode_parent_class)->dispose (object);
}

static void
bekal_trainer_mode_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  BekalTrainerMode *self = BEKAL_TRAINER_MODE (object);

  switch (prop_id)
    {
    case PROP_UNLOCKED:
      g_value_set_boolean (value, self->unlocked);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bekal_trainer_mode_class_init (BekalTrainerModeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = bekal_trainer_mode_dispose;
  object_class->get_property = bekal_trainer_mode_get_property;

  properties[PROP_UNLOCKED] =
    g_param_spec_boolean ("unlocked", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[ENDED] = g_signal_new ("ended", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                 NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
}

static void
bekal_trainer_mode_init (BekalTrainerMode *self)
{
  self->idle_ms = BEKAL_TRAINER_MODE_IDLE_SECONDS * 1000;
}

/* Public API */

BekalTrainerMode *
bekal_trainer_mode_new (void)
{
  return g_object_new (BEKAL_TYPE_TRAINER_MODE, NULL);
}

gboolean
bekal_trainer_mode_get_unlocked (BekalTrainerMode *self)
{
  g_return_val_if_fail (BEKAL_IS_TRAINER_MODE (self), FALSE);

  return self->unlocked;
}

void
bekal_trainer_mode_unlock (BekalTrainerMode *self)
{
  g_return_if_fail (BEKAL_IS_TRAINER_MODE (self));

  self->last_input_us = g_get_monotonic_time ();
  schedule_check (self, self->idle_ms);
  if (self->unlocked)
    return;

  self->unlocked = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNLOCKED]);
}

void
bekal_trainer_mode_end (BekalTrainerMode *self)
{
  g_return_if_fail (BEKAL_IS_TRAINER_MODE (self));

  end (self, FALSE);
}

void
bekal_trainer_mode_touch (BekalTrainerMode *self)
{
  g_return_if_fail (BEKAL_IS_TRAINER_MODE (self));

  if (self->unlocked)
    self->last_input_us = g_get_monotonic_time ();
}

void
bekal_trainer_mode_set_idle_ms_for_testing (BekalTrainerMode *self,
                                            guint             idle_ms)
{
  g_return_if_fail (BEKAL_IS_TRAINER_MODE (self));

  self->idle_ms = idle_ms;
  if (self->unlocked)
    schedule_check (self, idle_ms);
}
