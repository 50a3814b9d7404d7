/* The identifier lists of domain.md: one table each, labels translated at display. */
#include <stdio.h>
#include <string.h>

#include "docket/i18n.h"
#include "docket/vocab.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const struct dk_vocab_entry categories[] = {
    {"sexual_exploitation", N_("Sexual exploitation")},
    {"sexual_abuse", N_("Sexual abuse")},
    {"other_serious", N_("Other serious misconduct")},
    {"other", N_("Other misconduct")},
};

static const struct dk_vocab_entry types[] = {
    {"rape", N_("Rape")},
    {"sexual_assault", N_("Sexual assault")},
    {"transactional_sex", N_("Transactional sex")},
    {"solicitation", N_("Solicitation of transactional sex")},
    {"exploitative_relationship", N_("Exploitative relationship")},
    {"other", N_("Other")},
    {"unknown", N_("Unknown")},
};

static const struct dk_vocab_entry personnel[] = {
    {"civilian_int", N_("International civilian staff")},
    {"civilian_ns", N_("National civilian staff")},
    {"civilian_unv", N_("UN Volunteer")},
    {"military_mc", N_("Military contingent member")},
    {"military_mo", N_("Military observer")},
    {"police_unpol", N_("Individual police officer")},
    {"police_fpu", N_("Formed police unit")},
    {"contractor", N_("Contractor")},
    {"unknown", N_("Unknown")},
};

static const struct dk_vocab_entry entities[] = {
    {"oios", N_("OIOS")},
    {"tcc", N_("Troop-contributing country")},
    {"pcc", N_("Police-contributing country")},
    {"mission", N_("Mission")},
    {"other_un", N_("Other UN entity")},
};

static const struct dk_vocab_entry sources[] = {
    {"victim", N_("Victim")},      {"witness", N_("Witness")},
    {"staff", N_("Staff member")}, {"community_network", N_("Community-based complaint network")},
    {"hotline", N_("Hotline")},    {"anonymous", N_("Anonymous")},
    {"media", N_("Media")},        {"other", N_("Other")},
};

static const struct dk_vocab_entry sexes[] = {
    {"female", N_("Female")},
    {"male", N_("Male")},
    {"unknown", N_("Unknown")},
};

static const struct dk_vocab_entry ages[] = {
    {"adult", N_("Adult")},
    {"child", N_("Child (under 18 at the incident)")},
    {"unknown", N_("Unknown")},
};

static const struct dk_vocab_entry assistance[] = {
    {"safety", N_("Safety and protection")},      {"medical", N_("Medical care")},
    {"psychosocial", N_("Psychosocial support")}, {"legal", N_("Legal services")},
    {"material", N_("Material assistance")},      {"education", N_("Education")},
    {"livelihood", N_("Livelihood support")},     {"paternity", N_("Paternity support")},
    {"child_support", N_("Child support")},
};

static const struct dk_vocab_entry assistance_status[] = {
    {"referred", N_("Referred to a provider")},
    {"provided", N_("Provided")},
    {"declined", N_("Declined")},
};

static const struct dk_vocab_entry outcomes[] = {
    {"substantiated", N_("Substantiated")},
    {"not_substantiated", N_("Not substantiated")},
};

static const struct dk_vocab_entry closures[] = {
    {"actions_completed", N_("Actions completed")},
    {"not_substantiated", N_("Not substantiated")},
    {"not_sea", N_("Not SEA (passed elsewhere)")},
    {"other_circumstances", N_("Other circumstances")},
};

static const struct dk_vocab_entry interim_actions[] = {
    {"payments_suspended", N_("Payments suspended")},
    {"repatriated", N_("Repatriated")},
    {"administrative_leave", N_("Administrative leave")},
    {"placed_on_hold", N_("Placed on hold")},
};

static const struct dk_vocab_entry final_actions[] = {
    {"dismissal", N_("Dismissal")},
    {"separation", N_("Separation")},
    {"demotion", N_("Demotion")},
    {"reprimand", N_("Reprimand")},
    {"repatriation_ban", N_("Repatriation and ban")},
    {"imprisonment", N_("Imprisonment")},
    {"other_sanction", N_("Other sanction")},
    {"none", N_("None")},
};

static const struct dk_vocab_entry paternity[] = {
    {"none", N_("No claim")},
    {"claimed", N_("Claimed")},
    {"dna_pending", N_("DNA test pending")},
    {"established", N_("Paternity established")},
    {"support_ordered", N_("Support ordered")},
    {"closed", N_("Claim closed")},
};

/* From the most privileged to the least (the TUI offers them the other way round). */
static const struct dk_vocab_entry roles[] = {
    {"admin", N_("Administrator")},
    {"officer", N_("Conduct and Discipline officer")},
    {"advocate", N_("Victims' Rights Advocate")},
    {"auditor", N_("Auditor")},
};

#define VOCAB(kind, name, table) [kind] = {name, table, COUNT(table)}

static const struct dk_vocab vocabs[DK_VOCAB_COUNT] = {
    VOCAB(DK_VOCAB_CATEGORY, "category", categories),
    VOCAB(DK_VOCAB_TYPE, "type", types),
    VOCAB(DK_VOCAB_PERSONNEL, "personnel", personnel),
    VOCAB(DK_VOCAB_ENTITY, "entity", entities),
    VOCAB(DK_VOCAB_SOURCE, "source", sources),
    VOCAB(DK_VOCAB_SEX, "sex", sexes),
    VOCAB(DK_VOCAB_AGE, "age", ages),
    VOCAB(DK_VOCAB_ASSISTANCE, "assistance", assistance),
    VOCAB(DK_VOCAB_ASSISTANCE_STATUS, "status", assistance_status),
    VOCAB(DK_VOCAB_OUTCOME, "outcome", outcomes),
    VOCAB(DK_VOCAB_CLOSURE, "closure", closures),
    VOCAB(DK_VOCAB_INTERIM_ACTION, "interim action", interim_actions),
    VOCAB(DK_VOCAB_FINAL_ACTION, "final action", final_actions),
    VOCAB(DK_VOCAB_PATERNITY, "paternity", paternity),
    VOCAB(DK_VOCAB_ROLE, "role", roles),
};

const struct dk_vocab *
dk_vocab_get(enum dk_vocab_kind kind)
{
	return (unsigned)kind < DK_VOCAB_COUNT ? &vocabs[kind] : NULL;
}

int
dk_vocab_find(enum dk_vocab_kind kind, const char *id)
{
	const struct dk_vocab *v = dk_vocab_get(kind);

	if (v == NULL || id == NULL)
		return -1;
	for (size_t i = 0; i < v->count; i++)
		if (strcmp(v->entries[i].id, id) == 0)
			return (int)i;
	return -1;
}

void
dk_vocab_list_ids(enum dk_vocab_kind kind, char *out, size_t size)
{
	const struct dk_vocab *v = dk_vocab_get(kind);
	size_t used = 0;

	if (size == 0)
		return;
	out[0] = '\0';
	for (size_t i = 0; v != NULL && i < v->count && used < size; i++) {
		int n = snprintf(out + used, size - used, "%s%s", i ? ", " : "", v->entries[i].id);
		if (n < 0)
			break;
		used += (size_t)n;
	}
}
