/*
 * Roles and mission scopes at the app layer (issue 5): every use case against
 * every role, in and out of the account's missions, with each refusal audited.
 * One database and one session per account for the whole suite: Argon2id is
 * the slow part, far more so under valgrind.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "docket/app.h"
#include "docket/crypto.h"
#include "docket/error.h"
#include "docket/xmalloc.h"

#define assert_rc(expr, want) assert_string_equal(dk_rc_name(expr), dk_rc_name(want))

#define SUMMARY_MARK "Summary-Marker-Zebra"
#define NOTE_MARK "Note-Marker-Okapi"
#define VICTIM_NAME "Victim-Name-Quokka"
#define SUBJECT_NAME "Subject-Name-Narwhal"

enum who { ADMIN, OFFICER, OFFICER2, ADVOCATE, AUDITOR, NWHO };

static const struct {
	const char *name;
	const char *role;
	const char *missions;
} accounts[NWHO] = {
    [ADMIN] = {"root", "admin", NULL},           [OFFICER] = {"olga", "officer", "MINUSCA"},
    [OFFICER2] = {"omar", "officer", "MONUSCO"}, [ADVOCATE] = {"ada", "advocate", "MINUSCA"},
    [AUDITOR] = {"aude", "auditor", NULL},
};

static char dir[PATH_MAX - 64], db[PATH_MAX];
static struct dk_app *session[NWHO];
static char own_ref[DK_REF_MAX];   /* MINUSCA: OFFICER's and ADVOCATE's mission */
static char other_ref[DK_REF_MAX]; /* MONUSCO: OFFICER2's */
static char own_victim[DK_CODE_MAX], other_victim[DK_CODE_MAX]; /* named in own_ref, other_ref */
static dk_date today;

static struct dk_secret *
pass_of(enum who w)
{
	char text[64];

	snprintf(text, sizeof(text), "passphrase of %s", accounts[w].name);
	return dk_secret_from(text, strlen(text));
}

static void
add_case(const char *mission, char ref[DK_REF_MAX])
{
	struct dk_case_input in = {.mission = mission,
	                           .reported = "2026-10-01",
	                           .category = "sexual_abuse",
	                           .summary = SUMMARY_MARK};

	assert_rc(dk_app_case_add(session[ADMIN], &in, ref), DK_OK);
	assert_rc(dk_app_case_note(session[ADMIN], ref, NOTE_MARK, "2026-10-02"), DK_OK);
}

static int
setup(void **state)
{
	struct dk_secret *pass;

	(void)state;
	if (!dk_crypto_init())
		return -1;
	snprintf(dir, sizeof(dir), "%s/docket-app-XXXXXX",
	         getenv("TMPDIR") != NULL ? getenv("TMPDIR") : "/tmp");
	if (mkdtemp(dir) == NULL)
		return -1;
	snprintf(db, sizeof(db), "%s/case.db", dir);
	dk_date_parse("2026-11-27", &today);
	for (int w = 0; w < NWHO; w++)
		session[w] = dk_app_new(db, today);
	pass = pass_of(ADMIN);
	if (dk_app_init(session[ADMIN], accounts[ADMIN].name, pass, "interactive") != DK_OK ||
	    dk_app_unlock(session[ADMIN], accounts[ADMIN].name, pass) != DK_OK)
		return -1;
	dk_secret_free(&pass);
	for (int w = ADMIN + 1; w < NWHO; w++) {
		struct dk_account_input in = {accounts[w].name, accounts[w].role,
		                              accounts[w].missions, "interactive"};

		pass = pass_of((enum who)w);
		if (dk_app_user_add(session[ADMIN], &in, pass) != DK_OK ||
		    dk_app_unlock(session[w], accounts[w].name, pass) != DK_OK)
			return -1;
		dk_secret_free(&pass);
	}
	add_case("MINUSCA", own_ref);
	add_case("MONUSCO", other_ref);
	{
		struct dk_victim_input v = {
		    .ref = own_ref, .name = VICTIM_NAME, .on = "2026-10-02"};
		struct dk_subject_input s = {.ref = own_ref,
		                             .personnel = "military_mc",
		                             .name = SUBJECT_NAME,
		                             .index = "UN-777",
		                             .on = "2026-10-02"};
		char code[DK_CODE_MAX];

		if (dk_app_victim_add(session[ADMIN], &v, own_victim) != DK_OK)
			return -1;
		v.ref = other_ref;
		if (dk_app_victim_add(session[ADMIN], &v, other_victim) != DK_OK ||
		    dk_app_subject_add(session[ADMIN], &s, code) != DK_OK)
			return -1;
	}
	return 0;
}

static int
teardown(void **state)
{
	char cmd[PATH_MAX + 16];

	(void)state;
	for (int w = 0; w < NWHO; w++)
		dk_app_free(&session[w]);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

/* ---- the last audit entry, as the administrator reads it ---- */

struct last_entry {
	char account[64], action[32], ref[DK_REF_MAX], detail[128];
	long long id;
};

static bool
keep_last(const struct dk_audit_view *e, void *ctx)
{
	struct last_entry *l = ctx;

	l->id = e->id;
	snprintf(l->account, sizeof(l->account), "%s", e->account);
	snprintf(l->action, sizeof(l->action), "%s", e->action);
	snprintf(l->ref, sizeof(l->ref), "%s", e->ref);
	snprintf(l->detail, sizeof(l->detail), "%s", e->detail);
	return false; /* newest first: the first one is the last written */
}

static struct last_entry
last_entry(void)
{
	struct dk_audit_filter f = {.limit = 1, .newest_first = true};
	struct last_entry l;

	memset(&l, 0, sizeof(l));
	assert_rc(dk_app_audit_log(session[ADMIN], &f, keep_last, &l), DK_OK);
	return l;
}

/* ---- the operations of the matrix: each one call, on a case of a mission ---- */

static enum dk_rc
op_case_get(struct dk_app *app, const char *ref)
{
	struct dk_case c;
	enum dk_rc rc;

	memset(&c, 0, sizeof(c));
	rc = dk_app_case_get(app, ref, &c, NULL, NULL);
	dk_case_clear(&c);
	return rc;
}

static bool
ignore_entry(const struct dk_timeline_entry *e, void *ctx)
{
	(void)e;
	(void)ctx;
	return true;
}

static enum dk_rc
op_timeline(struct dk_app *app, const char *ref)
{
	return dk_app_timeline(app, ref, ignore_entry, NULL);
}

static enum dk_rc
op_case_note(struct dk_app *app, const char *ref)
{
	return dk_app_case_note(app, ref, "checked", "2026-11-01");
}

static enum dk_rc
op_case_set(struct dk_app *app, const char *ref)
{
	return dk_app_case_set(app, ref, "type", "rape", "2026-11-01");
}

/* A move that is always legal from where the case stands: it goes back and forth. */
static enum dk_rc
op_case_move(struct dk_app *app, const char *ref)
{
	struct dk_move_input in = {.ref = ref, .on = "2026-11-27"};
	struct dk_case c;

	memset(&c, 0, sizeof(c));
	assert_rc(dk_app_case_get(session[ADMIN], ref, &c, NULL, NULL), DK_OK);
	if (c.state == DK_STATE_ASSESSMENT) {
		in.state = "limited_info";
		in.note = "waiting for the report";
	} else {
		in.state = "assessment";
	}
	dk_case_clear(&c);
	return dk_app_case_move(app, &in);
}

static void
mission_of(const char *ref, char *out)
{
	size_t n = strcspn(ref, "-");

	memcpy(out, ref, n);
	out[n] = '\0';
}

static enum dk_rc
op_case_add(struct dk_app *app, const char *ref)
{
	char mission[16], new_ref[DK_REF_MAX];
	struct dk_case_input in = {.reported = "2026-11-01", .category = "other"};

	mission_of(ref, mission);
	in.mission = mission;
	return dk_app_case_add(app, &in, new_ref);
}

static enum dk_rc
op_holiday_add(struct dk_app *app, const char *ref)
{
	char mission[16];
	enum dk_rc rc;

	mission_of(ref, mission);
	rc = dk_app_holiday_add(app, mission, "2026-12-25", NULL);
	if (rc == DK_OK) /* leave the table as it was for the next role */
		assert_rc(dk_app_holiday_remove(app, mission, "2026-12-25"), DK_OK);
	return rc;
}

static enum dk_rc
op_rule_set(struct dk_app *app, const char *ref)
{
	(void)ref;
	return dk_app_rule_set(app, "investigation_6m", NULL, "30");
}

static bool
ignore_account(const struct dk_account_view *a, void *ctx)
{
	(void)a;
	(void)ctx;
	return true;
}

static enum dk_rc
op_user_list(struct dk_app *app, const char *ref)
{
	(void)ref;
	return dk_app_user_list(app, true, ignore_account, NULL);
}

static enum dk_rc
op_audit_verify(struct dk_app *app, const char *ref)
{
	long n;

	(void)ref;
	return dk_app_audit_verify(app, &n);
}

static void
ignore_finding(const char *what, bool ok, const char *detail, void *ctx)
{
	(void)what;
	(void)ok;
	(void)detail;
	(void)ctx;
}

static enum dk_rc
op_check(struct dk_app *app, const char *ref)
{
	(void)ref;
	return dk_app_check(app, ignore_finding, NULL);
}

static enum dk_rc
op_backup(struct dk_app *app, const char *ref)
{
	static int n;
	char path[PATH_MAX];

	(void)ref;
	snprintf(path, sizeof(path), "%s/backup-%d.db", dir, n++);
	return dk_app_backup(app, path);
}

static enum dk_rc
op_user_add(struct dk_app *app, const char *ref)
{
	static int n;
	struct dk_secret *pass = dk_secret_from("a long enough passphrase", 24);
	char name[32];
	struct dk_account_input in = {name, "auditor", NULL, "interactive"};
	enum dk_rc rc;

	(void)ref;
	snprintf(name, sizeof(name), "extra%d", n++);
	rc = dk_app_user_add(app, &in, pass);
	dk_secret_free(&pass);
	return rc;
}

static const char *
victim_of(const char *ref)
{
	return strcmp(ref, own_ref) == 0 ? own_victim : other_victim;
}

static enum dk_rc
op_victim_add(struct dk_app *app, const char *ref)
{
	struct dk_victim_input in = {.ref = ref, .sex = "female"};
	char code[DK_CODE_MAX];

	return dk_app_victim_add(app, &in, code);
}

static enum dk_rc
op_victim_inform(struct dk_app *app, const char *ref)
{
	return dk_app_victim_inform(app, victim_of(ref), "2026-11-27", NULL);
}

static enum dk_rc
op_victim_show(struct dk_app *app, const char *ref)
{
	return dk_app_victim_show(app, victim_of(ref), NULL, NULL, NULL);
}

static enum dk_rc
op_subject_add(struct dk_app *app, const char *ref)
{
	struct dk_subject_input in = {.ref = ref, .personnel = "police_fpu"};
	char code[DK_CODE_MAX];

	return dk_app_subject_add(app, &in, code);
}

static bool
ignore_vet(const struct dk_vet_view *r, void *ctx)
{
	(void)r;
	(void)ctx;
	return true;
}

static enum dk_rc
op_vet(struct dk_app *app, const char *ref)
{
	(void)ref;
	return dk_app_vet(app, SUBJECT_NAME, ignore_vet, NULL);
}

/*
 * Expected results, per operation: for each role, on a case of the
 * account's own mission (MINUSCA for scoped roles) and of another one.
 * O = DK_OK, D = DK_DENIED, N = DK_NOTFOUND (out of scope looks missing).
 */
#define O DK_OK
#define D DK_DENIED
#define N DK_NOTFOUND

static const struct {
	const char *name;
	enum dk_rc (*run)(struct dk_app *app, const char *ref);
	enum dk_rc want[NWHO][2]; /* [who][own, other] */
	enum dk_action action;    /* what a refusal names */
} matrix[] = {
    /*                        admin   officer officer2 advocate auditor */
    {"case_get", op_case_get, {{O, O}, {O, N}, {O, N}, {O, N}, {O, O}}, DK_ACTION_CASE_READ},
    {"timeline", op_timeline, {{O, O}, {O, N}, {O, N}, {O, N}, {O, O}}, DK_ACTION_CASE_READ},
    {"case_note", op_case_note, {{O, O}, {O, N}, {O, N}, {D, D}, {D, D}}, DK_ACTION_CASE_CHANGE},
    {"case_set", op_case_set, {{O, O}, {O, N}, {O, N}, {D, D}, {D, D}}, DK_ACTION_CASE_CHANGE},
    {"case_move", op_case_move, {{O, O}, {O, N}, {O, N}, {D, D}, {D, D}}, DK_ACTION_CASE_CHANGE},
    {"case_add", op_case_add, {{O, O}, {O, D}, {O, D}, {D, D}, {D, D}}, DK_ACTION_CASE_ADD},
    {"holiday_add",
     op_holiday_add,
     {{O, O}, {O, D}, {O, D}, {D, D}, {D, D}},
     DK_ACTION_HOLIDAY_CHANGE},
    {"rule_set", op_rule_set, {{O, O}, {D, D}, {D, D}, {D, D}, {D, D}}, DK_ACTION_SETTINGS_CHANGE},
    {"user_list", op_user_list, {{O, O}, {D, D}, {D, D}, {D, D}, {O, O}}, DK_ACTION_ACCOUNT_LIST},
    {"user_add", op_user_add, {{O, O}, {D, D}, {D, D}, {D, D}, {D, D}}, DK_ACTION_ACCOUNT_MANAGE},
    {"audit_verify",
     op_audit_verify,
     {{O, O}, {D, D}, {D, D}, {D, D}, {O, O}},
     DK_ACTION_AUDIT_READ},
    {"check", op_check, {{O, O}, {D, D}, {D, D}, {D, D}, {O, O}}, DK_ACTION_CHECK},
    {"backup", op_backup, {{O, O}, {D, D}, {D, D}, {D, D}, {D, D}}, DK_ACTION_BACKUP},
    {"victim_add", op_victim_add, {{O, O}, {O, N}, {O, N}, {O, N}, {D, D}}, DK_ACTION_VICTIM_ADD},
    {"victim_inform",
     op_victim_inform,
     {{O, O}, {O, N}, {O, N}, {O, N}, {D, D}},
     DK_ACTION_VICTIM_SUPPORT},
    {"victim_show", op_victim_show, {{O, O}, {O, N}, {O, N}, {O, N}, {O, O}}, DK_ACTION_CASE_READ},
    {"subject_add",
     op_subject_add,
     {{O, O}, {O, N}, {O, N}, {D, D}, {D, D}},
     DK_ACTION_SUBJECT_CHANGE},
    {"vet", op_vet, {{O, O}, {O, O}, {O, O}, {D, D}, {D, D}}, DK_ACTION_VET},
};

#undef O
#undef D
#undef N

/* A refusal's audit detail: the action, then whether the role or the mission stood in the way. */
static void
refusal_detail(char *out, size_t size, enum dk_action a, enum who w)
{
	snprintf(out, size, "%s %s", dk_action_id(a),
	         dk_role_may(accounts[w].role, a) ? "outside_scope" : "role");
}

static void
roles__every_operation__allowed_refused_or_hidden_and_refusals_audited(void **state)
{
	char what[128], detail[96];

	(void)state;
	for (size_t i = 0; i < sizeof(matrix) / sizeof(matrix[0]); i++) {
		for (int w = 0; w < NWHO; w++) {
			for (int side = 0; side < 2; side++) {
				/* Scoped roles own MINUSCA, but OFFICER2 owns MONUSCO. */
				const char *ref =
				    (w == OFFICER2) == (side == 0) ? other_ref : own_ref;
				enum dk_rc want = matrix[i].want[w][side], got;
				struct last_entry before = last_entry(), after;

				snprintf(what, sizeof(what), "%s as %s on %s", matrix[i].name,
				         accounts[w].name, ref);
				got = matrix[i].run(session[w], ref);
				if (got != want)
					fail_msg("%s: got %s, wanted %s (%s)", what,
					         dk_rc_name(got), dk_rc_name(want),
					         dk_app_errmsg(session[w]));
				after = last_entry();
				if (want == DK_OK) {
					if (strcmp(after.action, "denied") == 0 &&
					    after.id != before.id)
						fail_msg("%s: allowed but audited as denied", what);
					continue;
				}
				refusal_detail(detail, sizeof(detail), matrix[i].action,
				               (enum who)w);
				if (after.id == before.id || strcmp(after.action, "denied") != 0 ||
				    strcmp(after.account, accounts[w].name) != 0 ||
				    strcmp(after.detail, detail) != 0)
					fail_msg("%s: last audit entry is %s/%s/'%s', wanted "
					         "%s/denied/'%s'",
					         what, after.account, after.action, after.detail,
					         accounts[w].name, detail);
				if (want == DK_NOTFOUND && strcmp(after.ref, ref) != 0)
					fail_msg("%s: the refusal names case '%s'", what,
					         after.ref);
			}
		}
	}
}

static void
out_of_scope__message__same_as_a_missing_case(void **state)
{
	char missing[DK_REF_MAX], hidden[512];

	(void)state;
	snprintf(missing, sizeof(missing), "MONUSCO-2026-0999");
	assert_rc(op_case_get(session[OFFICER], other_ref), DK_NOTFOUND);
	snprintf(hidden, sizeof(hidden), "%s", dk_app_errmsg(session[OFFICER]));
	assert_rc(op_case_get(session[OFFICER], missing), DK_NOTFOUND);
	assert_non_null(strstr(hidden, other_ref));
	/* The same words, the reference aside. */
	assert_int_equal(strlen(hidden) - strlen(other_ref),
	                 strlen(dk_app_errmsg(session[OFFICER])) - strlen(missing));
	assert_memory_equal(hidden, dk_app_errmsg(session[OFFICER]),
	                    (size_t)(strstr(hidden, other_ref) - hidden));
}

struct refs {
	int own, other;
};

static bool
count_refs(const struct dk_case *c, void *ctx)
{
	struct refs *r = ctx;

	r->own += strcmp(c->ref, own_ref) == 0;
	r->other += strcmp(c->mission, "MONUSCO") == 0;
	return true;
}

static void
case_list__scoped_roles__see_only_their_missions(void **state)
{
	struct dk_case_filter f = {.urgent = -1};
	struct dk_case_page p = {.filter = {.urgent = -1}, .limit = 100};
	struct refs seen[NWHO];

	(void)state;
	for (int w = 0; w < NWHO; w++) {
		memset(&seen[w], 0, sizeof(seen[w]));
		assert_rc(dk_app_case_list(session[w], &f, count_refs, &seen[w]), DK_OK);
	}
	assert_int_equal(seen[OFFICER].own, 1);
	assert_int_equal(seen[OFFICER].other, 0);
	assert_int_equal(seen[ADVOCATE].other, 0);
	assert_int_equal(seen[OFFICER2].own, 0);
	assert_true(seen[OFFICER2].other > 0);
	assert_true(seen[AUDITOR].own == 1 && seen[AUDITOR].other > 0);
	assert_true(seen[ADMIN].own == 1 && seen[ADMIN].other > 0);
	/* The paged list the TUI scrolls keeps to them too. */
	memset(&seen[OFFICER], 0, sizeof(seen[OFFICER]));
	assert_rc(dk_app_case_page(session[OFFICER], &p, count_refs, &seen[OFFICER]), DK_OK);
	assert_int_equal(seen[OFFICER].own, 1);
	assert_int_equal(seen[OFFICER].other, 0);
}

static bool
count_other_deadlines(const struct dk_deadline_view *d, void *ctx)
{
	*(int *)ctx += strncmp(d->ref, "MONUSCO-", 8) == 0;
	return true;
}

static void
deadlines__scoped_roles__see_only_their_missions(void **state)
{
	struct dk_deadline_filter f = {-1, true};
	struct dk_move_input assess = {.state = "assessment", .on = "2026-10-03"};
	struct dk_move_input refer = {.state = "referred", .on = "2026-10-04", .entity = "oios"};
	char referred[DK_REF_MAX];
	int officer = 0, admin = 0;

	(void)state;
	add_case("MONUSCO", referred);
	assess.ref = refer.ref = referred;
	assert_rc(dk_app_case_move(session[ADMIN], &assess), DK_OK);
	assert_rc(dk_app_case_move(session[ADMIN], &refer), DK_OK);
	assert_rc(dk_app_deadlines(session[ADMIN], &f, count_other_deadlines, &admin), DK_OK);
	assert_rc(dk_app_deadlines(session[OFFICER], &f, count_other_deadlines, &officer), DK_OK);
	assert_true(admin > 0);
	assert_int_equal(officer, 0);
}

static bool
find_summary(const struct dk_case *c, void *ctx)
{
	*(int *)ctx += c->summary != NULL && strstr(c->summary, SUMMARY_MARK) != NULL;
	return true;
}

static bool
find_note(const struct dk_timeline_entry *e, void *ctx)
{
	*(int *)ctx += strstr(e->detail, NOTE_MARK) != NULL;
	return true;
}

static void
free_text__auditor__never_sees_summaries_or_notes(void **state)
{
	struct dk_case_filter f = {.urgent = -1};
	struct dk_case_page p = {.filter = {.urgent = -1, .text = "Zebra"}, .limit = 10};
	struct dk_case c;
	int seen;

	(void)state;
	memset(&c, 0, sizeof(c));
	assert_rc(dk_app_case_get(session[AUDITOR], own_ref, &c, NULL, NULL), DK_OK);
	assert_null(c.summary);
	dk_case_clear(&c);
	assert_rc(dk_app_case_get(session[ADVOCATE], own_ref, &c, NULL, NULL), DK_OK);
	assert_string_equal(c.summary, SUMMARY_MARK);
	dk_case_clear(&c);
	seen = 0;
	assert_rc(dk_app_case_list(session[AUDITOR], &f, find_summary, &seen), DK_OK);
	assert_int_equal(seen, 0);
	/* Searching for words of a summary would tell them apart: no match at all. */
	seen = 0;
	assert_rc(dk_app_case_page(session[AUDITOR], &p, find_summary, &seen), DK_OK);
	assert_rc(dk_app_case_page(session[AUDITOR], &p, count_refs, &(struct refs){0, 0}), DK_OK);
	assert_int_equal(seen, 0);
	seen = 0;
	assert_rc(dk_app_case_page(session[ADVOCATE], &p, find_summary, &seen), DK_OK);
	assert_int_equal(seen, 1);
	seen = 0;
	assert_rc(dk_app_timeline(session[AUDITOR], own_ref, find_note, &seen), DK_OK);
	assert_int_equal(seen, 0);
	assert_rc(dk_app_timeline(session[ADVOCATE], own_ref, find_note, &seen), DK_OK);
	assert_int_equal(seen, 1);
}

static bool
keep_victim_name(const struct dk_victim_view *v, void *ctx)
{
	snprintf(ctx, 64, "%s", v->name != NULL ? v->name : "");
	return true;
}

static bool
keep_subject_name(const struct dk_subject_view *s, void *ctx)
{
	if (s->name != NULL || s->index != NULL)
		snprintf(ctx, 64, "%s|%s", s->name != NULL ? s->name : "",
		         s->index != NULL ? s->index : "");
	return true;
}

static void
identities__roles__see_only_theirs_and_each_view_is_audited(void **state)
{
	static const struct {
		enum who w;
		bool victim, subject;
	} who_sees[] = {
	    {ADMIN, true, true},
	    {OFFICER, true, true},
	    {ADVOCATE, true, false},
	    {AUDITOR, false, false},
	};
	char seen[64];
	struct last_entry before, after;

	(void)state;
	for (size_t i = 0; i < sizeof(who_sees) / sizeof(who_sees[0]); i++) {
		enum who w = who_sees[i].w;

		seen[0] = '\0';
		before = last_entry();
		assert_rc(dk_app_victim_show(session[w], own_victim, keep_victim_name, NULL, seen),
		          DK_OK);
		after = last_entry();
		if (who_sees[i].victim) {
			assert_string_equal(seen, VICTIM_NAME);
			assert_string_equal(after.action, "victim_identity_view");
			assert_string_equal(after.account, accounts[w].name);
			assert_string_equal(after.detail, own_victim);
			assert_string_equal(after.ref, own_ref);
		} else {
			assert_string_equal(seen, "");
			assert_true(after.id == before.id);
		}
		seen[0] = '\0';
		before = last_entry();
		assert_rc(dk_app_case_subjects(session[w], own_ref, keep_subject_name, seen),
		          DK_OK);
		after = last_entry();
		if (who_sees[i].subject) {
			assert_string_equal(seen, SUBJECT_NAME "|UN-777");
			assert_string_equal(after.action, "subject_identity_view");
			assert_string_equal(after.account, accounts[w].name);
		} else {
			assert_string_equal(seen, "");
			assert_true(after.id == before.id);
		}
	}
}

/* Victims as a list gives them: code and next update due. */
struct dated_row {
	char code[DK_CODE_MAX];
	dk_date due;
};

struct dated {
	struct dated_row rows[512];
	int n;
	const char *search; /* keeps only codes and references starting with it */
};

static bool
append_dated(const struct dk_victim_view *v, void *ctx)
{
	struct dated *d = ctx;
	size_t len = strlen(d->search != NULL ? d->search : "");

	if (len > 0 && strncasecmp(v->code, d->search, len) != 0 &&
	    strncasecmp(v->refs, d->search, len) != 0)
		return true;
	assert_true(d->n < (int)(sizeof(d->rows) / sizeof(d->rows[0])));
	snprintf(d->rows[d->n].code, DK_CODE_MAX, "%s", v->code);
	d->rows[d->n++].due = v->update_due;
	return true;
}

/* Earliest update first, those with none after; by code among equals. */
static int
by_due_then_code(const void *a, const void *b)
{
	const struct dated_row *x = a, *y = b;
	long kx = x->due == DK_DATE_NONE ? LONG_MAX : x->due;
	long ky = y->due == DK_DATE_NONE ? LONG_MAX : y->due;

	return kx != ky ? (kx < ky ? -1 : 1) : strcmp(x->code, y->code);
}

static void
join_codes(const struct dated *d, char *out, size_t size)
{
	out[0] = '\0';
	for (int i = 0; i < d->n; i++) {
		size_t len = strlen(out);

		snprintf(out + len, size - len, "%s,", d->rows[i].code);
	}
}

/* Every page, small or large, of the list, joined: the same as the whole list in that order. */
static void
assert_pages_equal_list(enum who w, int limit, const struct dk_victim_query *q)
{
	struct dated whole = {.search = q->search}, paged = {.n = 0};
	const struct dk_victim_query every = {false, q->awaiting, NULL};
	struct dk_victim_cursor cursor;
	char expected[8192], got[8192];
	bool more = true;
	int pages = 0;

	memset(&cursor, 0, sizeof(cursor));
	assert_rc(dk_app_victim_list(session[w], NULL, &every, append_dated, &whole), DK_OK);
	if (q->by_due)
		qsort(whole.rows, (size_t)whole.n, sizeof(whole.rows[0]), by_due_then_code);
	while (more) {
		int before = paged.n;

		assert_rc(
		    dk_app_victim_page(session[w], q, &cursor, limit, append_dated, &paged, &more),
		    DK_OK);
		assert_true(paged.n - before <= limit);
		if (paged.n == before)
			break;
		assert_true(++pages < 1000);
	}
	join_codes(&whole, expected, sizeof(expected));
	join_codes(&paged, got, sizeof(got));
	assert_string_equal(got, expected);
}

static void
victim_page__pages__join_into_the_whole_list_in_scope(void **state)
{
	struct dk_victim_input in = {.ref = own_ref, .sex = "female", .on = "2026-10-05"};
	const struct dk_victim_query by_code = {false, false, NULL}, awaiting = {false, true, NULL};
	char code[DK_CODE_MAX];

	(void)state;
	/* More victims than one read batch, so pages cross batches. */
	for (int i = 0; i < 70; i++)
		assert_rc(dk_app_victim_add(session[ADMIN], &in, code), DK_OK);
	for (int w = 0; w < NWHO; w++) {
		assert_pages_equal_list((enum who)w, 1, &by_code);
		assert_pages_equal_list((enum who)w, 7, &by_code);
		assert_pages_equal_list((enum who)w, 100, &by_code);
		assert_pages_equal_list((enum who)w, 5, &awaiting);
	}
}

static void
victim_page__by_due__most_overdue_first_across_pages_in_scope(void **state)
{
	struct dk_victim_input in = {.sex = "male", .on = "2026-10-05"};
	struct dk_victim_query q = {true, false, NULL};
	char code[DK_CODE_MAX], day[DK_DATE_STRLEN], search[8];
	dk_date first;

	(void)state;
	dk_date_parse("2026-10-06", &first);
	/* Told on different days, in both missions: dues spread, codes in another order. */
	for (int i = 0; i < 24; i++) {
		in.ref = i % 3 == 0 ? other_ref : own_ref;
		assert_rc(dk_app_victim_add(session[ADMIN], &in, code), DK_OK);
		dk_date_format(first + (i * 7) % 25, day); /* before the later tests' events */
		if (i % 4 != 0)
			assert_rc(dk_app_victim_inform(session[ADMIN], code, day, NULL), DK_OK);
	}
	/* Named in both missions, due earlier in MINUSCA: each scope sees its own case's due. */
	in.ref = own_ref;
	assert_rc(dk_app_victim_add(session[ADMIN], &in, code), DK_OK);
	assert_rc(dk_app_victim_inform(session[ADMIN], code, "2026-10-20", NULL), DK_OK);
	in = (struct dk_victim_input){.ref = other_ref, .code = code, .on = "2026-10-28"};
	assert_rc(dk_app_victim_add(session[ADMIN], &in, code), DK_OK);
	for (int w = 0; w < NWHO; w++) {
		q.awaiting = false;
		q.search = NULL;
		assert_pages_equal_list((enum who)w, 1, &q);
		assert_pages_equal_list((enum who)w, 2, &q);
		assert_pages_equal_list((enum who)w, 100, &q);
		q.awaiting = true;
		assert_pages_equal_list((enum who)w, 2, &q);
		q.awaiting = false;
		snprintf(search, sizeof(search), "%.4s", code);
		q.search = search;
		assert_pages_equal_list((enum who)w, 1, &q);
		q.search = "MINUSCA";
		assert_pages_equal_list((enum who)w, 3, &q);
	}
}

static void
role_table__rows__match_the_documented_roles(void **state)
{
	(void)state;
	assert_true(dk_role_may("admin", DK_ACTION_CASE_REOPEN));
	assert_false(dk_role_may("officer", DK_ACTION_CASE_REOPEN));
	assert_true(dk_role_may("advocate", DK_ACTION_FREE_TEXT_READ));
	assert_false(dk_role_may("auditor", DK_ACTION_FREE_TEXT_READ));
	assert_false(dk_role_may("advocate", DK_ACTION_SUBJECT_IDENTITY_READ));
	assert_true(dk_role_may("advocate", DK_ACTION_VICTIM_IDENTITY_READ));
	assert_false(dk_role_may("auditor", DK_ACTION_VICTIM_IDENTITY_READ));
	assert_false(dk_role_may("nobody", DK_ACTION_CASE_READ));
	assert_true(dk_role_scoped("officer") && dk_role_scoped("advocate"));
	assert_false(dk_role_scoped("admin") || dk_role_scoped("auditor"));
	assert_true(dk_role_scoped("nobody"));
	for (int a = 0; a < DK_ACTION_COUNT; a++) {
		assert_true(dk_role_may("admin", (enum dk_action)a));
		assert_true(dk_action_id((enum dk_action)a)[0] != '\0');
	}
}

static void
user_remove__removed_account__cannot_unlock(void **state)
{
	struct dk_secret *pass = pass_of(OFFICER2);
	struct dk_app *again = dk_app_new(db, today);

	(void)state;
	assert_rc(dk_app_user_remove(session[ADMIN], accounts[OFFICER2].name), DK_OK);
	assert_rc(dk_app_unlock(again, accounts[OFFICER2].name, pass), DK_AUTH);
	/* The last administrator and one's own account stay. */
	assert_rc(dk_app_user_remove(session[ADMIN], accounts[ADMIN].name), DK_INVALID);
	assert_rc(dk_app_user_remove(session[OFFICER], accounts[ADVOCATE].name), DK_DENIED);
	dk_app_free(&again);
	dk_secret_free(&pass);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(role_table__rows__match_the_documented_roles),
	    cmocka_unit_test(out_of_scope__message__same_as_a_missing_case),
	    cmocka_unit_test(case_list__scoped_roles__see_only_their_missions),
	    cmocka_unit_test(deadlines__scoped_roles__see_only_their_missions),
	    cmocka_unit_test(free_text__auditor__never_sees_summaries_or_notes),
	    cmocka_unit_test(identities__roles__see_only_theirs_and_each_view_is_audited),
	    cmocka_unit_test(victim_page__pages__join_into_the_whole_list_in_scope),
	    cmocka_unit_test(victim_page__by_due__most_overdue_first_across_pages_in_scope),
	    cmocka_unit_test(
	        roles__every_operation__allowed_refused_or_hidden_and_refusals_audited),
	    cmocka_unit_test(user_remove__removed_account__cannot_unlock),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
