/* The view stack, and the one way a view opens another: dk_tui_open through the loop's table. */
#include "docket/i18n.h"
#include "tui_internal.h"

void
dk_tui_push(struct dk_tui *t, struct dk_view *v)
{
	if (t->depth == DK_TUI_MAX_VIEWS) {
		v->ops->free(v);
		dk_tui_say(t, true, _("too many screens open; go back first"));
		return;
	}
	t->stack[t->depth++] = v;
	dk_tui_dirty(t, DK_DIRTY_VIEW);
}

void
dk_tui_pop(struct dk_tui *t)
{
	struct dk_view *v;

	if (t->depth == 0)
		return;
	v = t->stack[--t->depth];
	v->ops->free(v);
	dk_tui_dirty(t, DK_DIRTY_VIEW);
	/* The view below may show what the popped one changed. */
	if (t->depth > 0 && t->stack[t->depth - 1]->ops->reload != NULL)
		t->stack[t->depth - 1]->ops->reload(t, t->stack[t->depth - 1]);
}

void
dk_tui_replace(struct dk_tui *t, struct dk_view *v)
{
	struct dk_view *old;

	if (t->depth == 0) {
		dk_tui_push(t, v);
		return;
	}
	old = t->stack[t->depth - 1];
	old->ops->free(old);
	t->stack[t->depth - 1] = v;
	dk_tui_dirty(t, DK_DIRTY_VIEW);
}

void
dk_tui_open(struct dk_tui *t, enum dk_open what, const struct dk_open_arg *arg)
{
	static const struct dk_open_arg none;

	dk_tui_push(t, t->views[what](t, arg != NULL ? arg : &none));
}

void
dk_tui_open_id(struct dk_tui *t, enum dk_open what, const char *id)
{
	struct dk_open_arg arg = {.id = id};

	dk_tui_open(t, what, &arg);
}

void
dk_tui_open_instead(struct dk_tui *t, enum dk_open what, const char *id)
{
	struct dk_open_arg arg = {.id = id};

	dk_tui_replace(t, t->views[what](t, &arg));
}
