/* One case: its fields, deadlines, victims and subjects, and the keys that act on it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docket/buf.h"
#include "docket/i18n.h"
#include "docket/text.h"
#include "docket/vocab.h"
#include "docket/xmalloc.h"
#include "tui_internal.h"

/* What the case's page holds. */
struct detail {
	struct dk_page pg;
	char ref[DK_TUI_ADDR_MAX]; /* as the app names it: REF or REF@OFFICE */
	char title[128];
	struct dk_case c;
	/*
	 * Filled by dk_app_case_get's callback (deadlines come in the order
	 * they started) and shown below the fields: the live ones, each a group
	 * of lines drawn in order of due date, then the met and missed ones.
	 */
	struct dk_page deadlines;
	struct live_group {
		dk_date due;
		int first, n;
	} * live;
	int nlive_groups, live_cap;
	struct dk_page ended;
	char live_rules[8][32];
	int nlive;
	/* The case's victims, read on every reload (no identity in them), for Enter. */
	struct dk_code_choice victims[DK_TUI_MAX_CODES];
	int nvictims;
	/*
	 * The subjects panel, read when the case opens and again only after a
	 * change to subjects, a refresh or an unlock: the app audits every
	 * reading that shows their identities.
	 */
	struct dk_page subjects;
	struct dk_code_choice subject_choices[DK_TUI_MAX_CODES];
	int nsubjects;
	bool subjects_loaded;
	unsigned long subjects_at; /* t->subject_changes when read */
};

static void
clear_deadlines(struct detail *p)
{
	dk_page_clear(&p->deadlines);
	dk_page_clear(&p->ended);
	p->nlive_groups = 0;
	p->nlive = 0;
}

static void
detail_forget(struct dk_view *v)
{
	struct detail *p = v->data;

	dk_page_clear(&p->pg);
	clear_deadlines(p);
	dk_case_clear(&p->c);
	dk_page_clear(&p->subjects);
	explicit_bzero(p->victims, sizeof(p->victims));
	explicit_bzero(p->subject_choices, sizeof(p->subject_choices));
	p->nvictims = p->nsubjects = 0;
	p->subjects_loaded = false;
}

static void
detail_free(struct dk_view *v)
{
	struct detail *p = v->data;

	detail_forget(v);
	dk_page_free(&p->pg);
	dk_page_free(&p->deadlines);
	dk_page_free(&p->ended);
	free(p->live);
	dk_page_free(&p->subjects);
	free(p);
	free(v);
}

static const char *
detail_title(struct dk_view *v)
{
	return ((struct detail *)v->data)->title;
}

static bool
detail_deadline(const struct dk_deadline_view *d, void *ctx)
{
	struct detail *p = ctx;
	bool live = d->met_on == DK_DATE_NONE && d->ended_on == DK_DATE_NONE;
	struct dk_page *dl = live ? &p->deadlines : &p->ended;
	int first = dl->n;
	const char *victim = d->victim != NULL ? d->victim : "";
	char due[DK_DATE_STRLEN], orig[DK_DATE_STRLEN], met[DK_DATE_STRLEN];

	struct dk_buf rule = DK_BUF_INIT;
	const char *status = dk_tui_label(DK_LABEL_STATUS, d->status);

	/* The rule's name padded by display width: accented names stay aligned. */
	dk_text_fit(&rule, dk_tui_label(DK_LABEL_RULE, d->rule), 23, true);
	dk_date_show(d->due, due);
	dk_date_show(d->original_due, orig);
	if (live) {
		dk_page_add(dl, A_BOLD, "  %-2s %s %s %s  %d %s  (%s)%s%s",
		            dk_tui_due_mark(d->status), dk_buf_str(&rule), _("due"), due,
		            d->days_left, _("days left"), status, victim[0] ? "  " : "", victim);
		/* A victim's update is met by informing the victim, not extended. */
		if (p->nlive < 8 && victim[0] == '\0')
			snprintf(p->live_rules[p->nlive++], sizeof(p->live_rules[0]), "%s",
			         d->rule);
	} else {
		/* Met, or ended unmet when the case closed after its due date. */
		dk_date_show(live || d->met_on != DK_DATE_NONE ? d->met_on : d->ended_on, met);
		dk_page_add(dl, A_NORMAL, "     %s %s %s  %s %s  (%s)%s%s", dk_buf_str(&rule),
		            _("due"), due,
		            d->met_on != DK_DATE_NONE ? _("met on") : _("case closed on"), met,
		            status, victim[0] ? "  " : "", victim);
	}
	dk_buf_free(&rule);
	dk_page_add(dl, A_DIM, "        %s", d->explanation != NULL ? d->explanation : "");
	if (d->extensions > 0)
		dk_page_add(dl, A_DIM, "        %s %s", _("original due date:"), orig);
	if (live) {
		if (p->nlive_groups == p->live_cap) {
			p->live_cap = p->live_cap ? 2 * p->live_cap : 16;
			p->live = dk_xrealloc(p->live, (size_t)p->live_cap * sizeof(*p->live));
		}
		p->live[p->nlive_groups++] = (struct live_group){d->due, first, dl->n - first};
	}
	return true;
}

/* The live deadlines by due date (the earliest started first among equals), then the ended. */
static void
append_deadlines(struct dk_page *pg, struct detail *p)
{
	for (int i = 1; i < p->nlive_groups; i++) {
		struct live_group g = p->live[i];
		int j = i;

		for (; j > 0 && p->live[j - 1].due > g.due; j--)
			p->live[j] = p->live[j - 1];
		p->live[j] = g;
	}
	for (int i = 0; i < p->nlive_groups; i++)
		dk_page_append_lines(pg, &p->deadlines, p->live[i].first, p->live[i].n);
	dk_page_append(pg, &p->ended);
}

/* The keys under a case, as far as the role is offered them. */
static const struct dk_hint detail_hints[] = {
    {DK_ACT_MOVE, N_("move")},         {DK_ACT_SET_FIELD, N_("change a field")},
    {DK_ACT_EXTEND, N_("extend")},     {DK_ACT_NOTE, N_("note")},
    {DK_ACT_TIMELINE, N_("timeline")}, {DK_ACT_BACK, N_("back")},
};

/* Under the victims panel (Enter only when there is one to open) and the subjects panel. */
static const struct dk_hint victim_hints[] = {
    {DK_ACT_CASE_VICTIM, N_("open a victim")},
    {DK_ACT_VICTIM_ADD, N_("name a victim")},
};

static const struct dk_hint subject_hints[] = {
    {DK_ACT_SUBJECT_ADD, N_("add a subject")},
    {DK_ACT_SUBJECT_ACTION, N_("record an action")},
};

#define NHINTS(h) ((int)(sizeof(h) / sizeof((h)[0])))

/* The panels' columns (after a two-column indent). */
static const int victim_widths[] = {2, 12, 7, 7, 13, 11, 9, 0};
static const int subject_widths[] = {12, 28, 11, 0};

static bool
case_victim(const struct dk_victim_view *vv, void *ctx)
{
	struct detail *p = ctx;
	bool live = vv->update_due != DK_DATE_NONE;
	const char *assistance = vv->assistance != NULL ? vv->assistance : "";
	char informed[DK_DATE_STRLEN] = "-", due[DK_DATE_STRLEN] = "-", left[16] = "-";
	const char *cells[8] = {dk_tui_due_mark(vv->status),
	                        vv->code,
	                        dk_tui_label(DK_LABEL_SEX, vv->sex),
	                        dk_tui_label(DK_LABEL_AGE, vv->age),
	                        informed,
	                        due,
	                        left,
	                        dk_tui_label(DK_LABEL_STATUS, vv->status)};

	if (vv->last_informed != DK_DATE_NONE)
		dk_date_show(vv->last_informed, informed);
	if (live) {
		dk_date_show(vv->update_due, due);
		snprintf(left, sizeof(left), "%d", vv->days_left);
	}
	dk_page_add(&p->pg, live && vv->days_left < 0 ? A_BOLD : A_NORMAL, "  %s",
	            dk_tui_columns(victim_widths, cells, 8));
	if (assistance[0] != '\0' || vv->paternity != NULL)
		dk_page_add(
		    &p->pg, A_NORMAL, "     %s: %s%s%s%s%s", _("Assistance"),
		    assistance[0] != '\0' ? assistance : "-", vv->paternity != NULL ? "   " : "",
		    vv->paternity != NULL ? _("Paternity claim") : "",
		    vv->paternity != NULL ? ": " : "",
		    vv->paternity != NULL ? dk_tui_label(DK_LABEL_PATERNITY, vv->paternity) : "");
	if (p->nvictims < DK_TUI_MAX_CODES) {
		struct dk_code_choice *ch = &p->victims[p->nvictims++];

		snprintf(ch->code, sizeof(ch->code), "%s", vv->code);
		snprintf(ch->label, sizeof(ch->label), "%s  %s, %s", vv->code,
		         dk_tui_vocab_label(DK_VOCAB_SEX, vv->sex),
		         dk_tui_vocab_label(DK_VOCAB_AGE, vv->age));
	}
	return true;
}

/* The case's victims, without identities (those show on the victim's own page). */
static void
add_victims(struct dk_tui *t, struct detail *p)
{
	const char *head[8] = {"",
	                       _("CODE"),
	                       _("SEX"),
	                       _("AGE"),
	                       _("LAST INFORMED"),
	                       _("NEXT UPDATE"),
	                       _("DAYS LEFT"),
	                       _("STATUS")};
	const struct dk_victim_query by_code = {false, false, NULL};
	int header;

	explicit_bzero(p->victims, sizeof(p->victims));
	p->nvictims = 0;
	dk_page_add(&p->pg, A_BOLD, "%s", _("Victims"));
	header = p->pg.n;
	dk_page_add(&p->pg, A_BOLD, "  %s", dk_tui_columns(victim_widths, head, 8));
	if (dk_app_victim_list(t->app, p->ref, &by_code, case_victim, p) != DK_OK)
		dk_tui_say(t, true, "%s", dk_app_errmsg(t->app));
	if (p->pg.n == header + 1) {
		/* None: no column titles either. */
		dk_page_truncate(&p->pg, header);
		dk_page_add(&p->pg, A_NORMAL, "  %s", _("none"));
	}
	if (p->nvictims > 0)
		dk_page_add(&p->pg, A_DIM, "  %s",
		            dk_tui_hints(t, DK_VIEW_DETAIL, victim_hints, NHINTS(victim_hints)));
	else if (dk_tui_may(t, DK_ACT_VICTIM_ADD))
		dk_page_add(
		    &p->pg, A_DIM, "  %s",
		    dk_tui_hints(t, DK_VIEW_DETAIL, victim_hints + 1, NHINTS(victim_hints) - 1));
}

/* One subject: its row, its identity when the app shows it to the role, its actions. */
static bool
case_subject(const struct dk_subject_view *s, void *ctx)
{
	struct detail *p = ctx;
	struct dk_page *sp = &p->subjects;
	char added[DK_DATE_STRLEN];
	const char *cells[4] = {s->code, dk_tui_vocab_label(DK_VOCAB_PERSONNEL, s->personnel),
	                        s->nationality != NULL && s->nationality[0] ? s->nationality : "-",
	                        added};
	const struct {
		const char *label;
		const char *value;
	} identity[] = {
	    {_("Name"), s->name},
	    {_("Index or service number"), s->index},
	    {_("Unit"), s->unit},
	};
	struct dk_buf b = DK_BUF_INIT;

	dk_date_show(s->added_on, added);
	dk_page_add(sp, A_NORMAL, "  %s", dk_tui_columns(subject_widths, cells, 4));
	/* Only what the app returned: it withholds identities from the roles that may not see them.
	 */
	for (size_t i = 0; i < sizeof(identity) / sizeof(identity[0]); i++)
		if (identity[i].value != NULL)
			dk_buf_printf(&b, "%s%s: %s", b.len ? "   " : "", identity[i].label,
			              identity[i].value);
	if (b.len > 0)
		dk_page_add(sp, A_NORMAL, "      %s", dk_buf_str(&b));
	dk_buf_free(&b);
	for (size_t i = 0; i < s->nactions; i++) {
		const struct dk_subject_action_view *a = &s->actions[i];
		char on[DK_DATE_STRLEN];

		dk_date_show(a->on, on);
		dk_page_add(
		    sp, A_NORMAL, "      %s  %s%s", on,
		    dk_tui_vocab_label(a->interim ? DK_VOCAB_INTERIM_ACTION : DK_VOCAB_FINAL_ACTION,
		                       a->action),
		    a->interim ? _(" (interim)") : "");
	}
	if (p->nsubjects < DK_TUI_MAX_CODES) {
		struct dk_code_choice *ch = &p->subject_choices[p->nsubjects++];

		snprintf(ch->code, sizeof(ch->code), "%s", s->code);
		snprintf(ch->label, sizeof(ch->label), "%s  %s  %s", s->code, cells[1], cells[2]);
	}
	return true;
}

/* Reads the subjects into their panel (the app audits it when it shows identities). */
static void
load_subjects(struct dk_tui *t, struct detail *p)
{
	const char *head[4] = {_("SUBJECT"), _("PERSONNEL"), _("NATIONALITY"), _("ADDED")};

	dk_page_clear(&p->subjects);
	explicit_bzero(p->subject_choices, sizeof(p->subject_choices));
	p->nsubjects = 0;
	p->subjects.wrap_indent = 6;
	dk_page_add(&p->subjects, A_BOLD, "  %s", dk_tui_columns(subject_widths, head, 4));
	p->subjects_loaded = true;
	p->subjects_at = t->subject_changes;
	if (dk_app_case_subjects(t->app, p->ref, case_subject, p) != DK_OK) {
		dk_tui_say(t, true, "%s", dk_app_errmsg(t->app));
		p->subjects_loaded = false;
	}
	if (p->subjects.n == 1) {
		dk_page_clear(&p->subjects);
		dk_page_add(&p->subjects, A_NORMAL, "  %s", _("none"));
	}
}

static void
add_subjects(struct dk_tui *t, struct detail *p)
{
	const char *hints;

	if (!p->subjects_loaded || p->subjects_at != t->subject_changes)
		load_subjects(t, p);
	dk_page_add(&p->pg, A_BOLD, "%s", _("Subjects"));
	dk_page_append(&p->pg, &p->subjects);
	hints = dk_tui_hints(t, DK_VIEW_DETAIL, subject_hints,
	                     p->nsubjects > 0 ? NHINTS(subject_hints) : NHINTS(subject_hints) - 1);
	if (hints[0] != '\0')
		dk_page_add(&p->pg, A_DIM, "  %s", hints);
}

static void
detail_reload(struct dk_tui *t, struct dk_view *v)
{
	struct detail *p = v->data;
	struct dk_page *pg = &p->pg;
	const struct dk_case *c = &p->c;
	char reported[DK_DATE_STRLEN], incident[DK_DATE_STRLEN] = "-", since[DK_DATE_STRLEN];
	char state[160];

	dk_page_clear(pg);
	clear_deadlines(p);
	dk_case_clear(&p->c);
	if (dk_app_case_get(t->app, p->ref, &p->c, detail_deadline, p) != DK_OK) {
		detail_forget(v);
		dk_tui_say(t, true, "%s", dk_app_errmsg(t->app));
		return;
	}
	/* A case altered outside docket (its seals, issue 16) is shown, and said. */
	if (dk_app_warning(t->app)[0] != '\0')
		dk_tui_say(t, true, _("Warning: %s"), dk_app_warning(t->app));
	dk_date_show(c->reported, reported);
	dk_date_show(c->state_since, since);
	if (c->incident != DK_DATE_NONE)
		dk_date_show(c->incident, incident);
	dk_page_add(pg, A_BOLD, "%s   %s  %s", c->ref, _(dk_state_label(c->state)),
	            c->urgent ? _("URGENT") : "");
	dk_page_add(pg, A_NORMAL, "%s", "");
	dk_page_field(pg, _("Mission"), c->mission);
	snprintf(state, sizeof(state), "%s (%s %s)", _(dk_state_label(c->state)), _("since"),
	         since);
	dk_page_field(pg, _("State"), state);
	dk_page_field(pg, _("Category"), dk_tui_vocab_label(DK_VOCAB_CATEGORY, c->category));
	dk_page_field(pg, _("Type"), dk_tui_vocab_label(DK_VOCAB_TYPE, c->type));
	dk_page_field(pg, _("Reported"), reported);
	dk_page_field(pg, _("Incident"), incident);
	dk_page_field(pg, _("Personnel"), dk_tui_vocab_label(DK_VOCAB_PERSONNEL, c->personnel));
	dk_page_field(pg, _("Nationality"), c->nationality[0] ? c->nationality : "-");
	dk_page_field(pg, _("Source"), dk_tui_vocab_label(DK_VOCAB_SOURCE, c->source));
	dk_page_field(pg, _("Investigating entity"),
	              dk_tui_vocab_label(DK_VOCAB_ENTITY, c->entity));
	dk_page_field(pg, _("Outcome"), dk_tui_vocab_label(DK_VOCAB_OUTCOME, c->outcome));
	dk_page_field(pg, _("Closure"), dk_tui_vocab_label(DK_VOCAB_CLOSURE, c->closure));
	dk_page_add(pg, A_NORMAL, "%s", "");
	dk_page_add(pg, A_BOLD, "%s", _("Summary"));
	if (c->summary != NULL)
		dk_page_add_text(pg, "  ", c->summary);
	else
		dk_page_add(pg, A_NORMAL, "  -");
	dk_page_add(pg, A_NORMAL, "%s", "");
	dk_page_add(pg, A_BOLD, "%s", _("Deadlines"));
	if (p->deadlines.n == 0 && p->ended.n == 0)
		dk_page_add(pg, A_NORMAL, "  %s", _("none"));
	append_deadlines(pg, p);
	dk_page_clear(&p->deadlines);
	dk_page_clear(&p->ended);
	dk_page_add(pg, A_NORMAL, "%s", "");
	add_victims(t, p);
	dk_page_add(pg, A_NORMAL, "%s", "");
	add_subjects(t, p);
	snprintf(p->title, sizeof(p->title), "%s — %s", _("docket — case"), p->ref);
}

/* Lets the user pick one of the codes (none: says so; one: no question). */
static const char *
choose_code(struct dk_tui *t, const char *title, const struct dk_code_choice *codes, int n,
            const char *none)
{
	const char *labels[DK_TUI_MAX_CODES];
	int k;

	if (n == 0) {
		dk_tui_say(t, true, "%s", none);
		return NULL;
	}
	if (n == 1)
		return codes[0].code;
	for (int i = 0; i < n; i++)
		labels[i] = codes[i].label;
	k = dk_tui_choose(t, title, labels, n);
	return k >= 0 ? codes[k].code : NULL;
}

static void
detail_action(struct dk_tui *t, struct dk_view *v, enum dk_tui_action a)
{
	struct detail *p = v->data;
	const char *rules[8], *code;
	char none[DK_REF_MAX + 64];

	if (dk_page_scroll(t, &p->pg, a))
		return;
	switch (a) {
	case DK_ACT_MOVE:
		dk_tui_open(t, DK_OPEN_FORM_MOVE, &(struct dk_open_arg){.id = p->ref, .c = &p->c});
		break;
	case DK_ACT_SET_FIELD:
		dk_tui_open_id(t, DK_OPEN_FORM_SET, p->ref);
		break;
	case DK_ACT_EXTEND:
		if (p->nlive == 0) {
			dk_tui_say(t, true, _("%s has no live deadline to extend"), p->ref);
			break;
		}
		for (int i = 0; i < p->nlive; i++)
			rules[i] = p->live_rules[i];
		dk_tui_open(
		    t, DK_OPEN_FORM_EXTEND,
		    &(struct dk_open_arg){.id = p->ref, .rules = rules, .nrules = p->nlive});
		break;
	case DK_ACT_NOTE:
		dk_tui_open_id(t, DK_OPEN_FORM_NOTE, p->ref);
		break;
	case DK_ACT_TIMELINE:
		dk_tui_open_id(t, DK_OPEN_TIMELINE, p->ref);
		break;
	case DK_ACT_CASE_VICTIM:
		snprintf(none, sizeof(none), _("%s names no victim."), p->ref);
		code = choose_code(t, _("Open which victim?"), p->victims, p->nvictims, none);
		if (code != NULL)
			dk_tui_open_id(t, DK_OPEN_VICTIM, code);
		break;
	case DK_ACT_VICTIM_ADD:
		dk_tui_open_id(t, DK_OPEN_FORM_VICTIM_ADD, p->ref);
		break;
	case DK_ACT_SUBJECT_ADD:
		dk_tui_open_id(t, DK_OPEN_FORM_SUBJECT_ADD, p->ref);
		break;
	case DK_ACT_SUBJECT_ACTION:
		if (p->nsubjects == 0) {
			dk_tui_say(t, true, _("%s has no subject yet."), p->ref);
			break;
		}
		dk_tui_open(t, DK_OPEN_FORM_SUBJECT_ACTION,
		            &(struct dk_open_arg){.id = p->ref,
		                                  .subjects = p->subject_choices,
		                                  .nsubjects = p->nsubjects});
		break;
	case DK_ACT_REFRESH:
		p->subjects_loaded = false;
		detail_reload(t, v);
		clearok(curscr, TRUE);
		break;
	default:
		break;
	}
}

/* The page, and the case's keys on the last row, whatever the scroll. */
static void
detail_draw(struct dk_tui *t, struct dk_view *v, int top, int rows, int cols)
{
	dk_page_draw(&((struct detail *)v->data)->pg, top, rows - 1, cols);
	dk_tui_put(top + rows - 1, 1, cols - 2,
	           dk_tui_hints(t, DK_VIEW_DETAIL, detail_hints, NHINTS(detail_hints)), A_DIM);
}

static const struct dk_view_ops detail_ops = {
    .kind = DK_VIEW_DETAIL,
    .title = detail_title,
    .draw = detail_draw,
    .action = detail_action,
    .reload = detail_reload,
    .free = detail_free,
};

struct dk_view *
dk_view_detail_new(struct dk_tui *t, const char *ref)
{
	struct dk_view *v = dk_xcalloc(1, sizeof(*v));
	struct detail *p = dk_xcalloc(1, sizeof(*p));

	v->ops = &detail_ops;
	v->data = p;
	p->pg.wrap_indent = 8;
	snprintf(p->ref, sizeof(p->ref), "%s", ref);
	detail_reload(t, v);
	return v;
}
