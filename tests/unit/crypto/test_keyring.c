/* Key slots, guarded secrets, hashing and KDF profiles (security.md 1-4, 8). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "docket/crypto.h"
#include "docket/error.h"
#include "docket/secret.h"
#include "docket/xmalloc.h"

#define assert_rc(expr, want) assert_string_equal(dk_rc_name(expr), dk_rc_name(want))

#define NAME_A "amina.diallo"
#define NAME_B "kofi.mensah"
#define PASS_A "blue heron over the lake 42"
#define PASS_B "seven quiet stones in Goma"
#define PASS_A2 "a new passphrase for amina"
#define AUTH_MSG "wrong passphrase or unknown user"
#define MAX_FILE (8u << 20)
#define HEAD_HEX "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"
#define SHORT_HEX "00112233445566778899aabbccddeeff00112233445566778899aabbccddee"
#define MAX_SLOTS 10000

/*
 * One keyring for the whole suite: NAME_A then NAME_B, both wrapping key
 * under INTERACTIVE, saved once to base_path. Argon2id is the slow part
 * (~0.2 s each, far more under valgrind), so tests reuse it and count
 * their derivations.
 */
static char dir[PATH_MAX];
static char base_path[PATH_MAX];
static char *base_text;
static size_t base_len;
static struct dk_secret *key, *pass_a, *pass_b, *pass_a2;

static void
tpath(char out[PATH_MAX], const char *name)
{
	int n = snprintf(out, PATH_MAX, "%s/%s", dir, name);

	assert_true(n > 0 && n < PATH_MAX);
}

static char *
read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *p;
	long n;

	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	assert_true(n >= 0);
	rewind(f);
	p = dk_xmalloc((size_t)n + 1);
	assert_int_equal(fread(p, 1, (size_t)n, f), (size_t)n);
	p[n] = '\0';
	fclose(f);
	*len = (size_t)n;
	return p;
}

static void
write_file(const char *path, const void *data, size_t len)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	if (len > 0)
		assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

static int
contains(const void *hay, size_t hlen, const void *needle, size_t nlen)
{
	size_t i;

	for (i = 0; nlen <= hlen && i <= hlen - nlen; i++)
		if (memcmp((const char *)hay + i, needle, nlen) == 0)
			return 1;
	return 0;
}

static void
remove_tree(const char *path)
{
	char sub[PATH_MAX];
	struct dirent *de;
	DIR *d = opendir(path);

	if (d != NULL) {
		while ((de = readdir(d)) != NULL) {
			if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
				continue;
			snprintf(sub, sizeof(sub), "%s/%s", path, de->d_name);
			remove_tree(sub);
		}
		closedir(d);
	}
	remove(path);
}

/* Names in directory path, sorted and joined with '|', so a test can compare the whole listing. */
static void
list_dir(const char *path, char *out, size_t cap)
{
	char names[16][256];
	size_t n = 0, i, j;
	struct dirent *de;
	DIR *d = opendir(path);
	char tmp[256];

	assert_non_null(d);
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		assert_true(n < 16);
		snprintf(names[n++], sizeof(names[0]), "%s", de->d_name);
	}
	closedir(d);
	for (i = 1; i < n; i++)
		for (j = i; j > 0 && strcmp(names[j - 1], names[j]) > 0; j--) {
			memcpy(tmp, names[j], sizeof(tmp));
			memcpy(names[j], names[j - 1], sizeof(tmp));
			memcpy(names[j - 1], tmp, sizeof(tmp));
		}
	out[0] = '\0';
	for (i = 0; i < n; i++) {
		if (i > 0)
			strncat(out, "|", cap - strlen(out) - 1);
		strncat(out, names[i], cap - strlen(out) - 1);
	}
}

/* Where field `field` (0 = key) of the first line starting with prefix lies in text. */
static void
field_span(const char *text, const char *prefix, int field, size_t *off, size_t *len)
{
	const char *line = text, *p;
	int i;

	while (strncmp(line, prefix, strlen(prefix)) != 0) {
		line = strchr(line, '\n');
		assert_non_null(line);
		line++;
	}
	p = line;
	for (i = 0; i < field; i++) {
		p = strchr(p, ' ');
		assert_non_null(p);
		p++;
	}
	*off = (size_t)(p - text);
	*len = strcspn(p, " \n");
}

/* text with [off, off + cut) replaced by ins[0..inslen). */
static char *
splice(const char *text, size_t tlen, size_t off, size_t cut, const char *ins, size_t inslen,
       size_t *outlen)
{
	char *p = dk_xmalloc(tlen - cut + inslen + 1);

	memcpy(p, text, off);
	memcpy(p + off, ins, inslen);
	memcpy(p + off + inslen, text + off + cut, tlen - off - cut);
	*outlen = tlen - cut + inslen;
	p[*outlen] = '\0';
	return p;
}

/* Loads bytes written to a scratch file; the keyring must be refused as DK_CORRUPT. */
static void
assert_load_corrupt(const char *what, const char *data, size_t len)
{
	char path[PATH_MAX];
	struct dk_keyring *kr = (struct dk_keyring *)&kr; /* not NULL, so the reset shows */
	struct dk_err err;
	enum dk_rc rc;

	tpath(path, "damaged.keys");
	write_file(path, data, len);
	dk_err_clear(&err);
	rc = dk_keyring_load(path, &kr, &err);
	if (rc != DK_CORRUPT)
		fail_msg("%s: expected CORRUPT, got %s (%s)", what, dk_rc_name(rc), err.msg);
	assert_null(kr);
	assert_rc(err.rc, DK_CORRUPT);
	assert_true(strlen(err.msg) > 0);
}

static struct dk_keyring *
load_ok(const char *path)
{
	struct dk_keyring *kr = NULL;
	struct dk_err err;

	dk_err_clear(&err);
	if (dk_keyring_load(path, &kr, &err) != DK_OK)
		fail_msg("loading %s: %s", path, err.msg);
	assert_non_null(kr);
	return kr;
}

static struct dk_keyring *
load_text(const char *name, const char *text, size_t len)
{
	char path[PATH_MAX];

	tpath(path, name);
	write_file(path, text, len);
	return load_ok(path);
}

static void
assert_unlocks(const struct dk_keyring *kr, const char *name, const struct dk_secret *pass)
{
	struct dk_secret *out = NULL;
	struct dk_err err;

	dk_err_clear(&err);
	if (dk_keyring_unlock(kr, name, pass, &out, NULL, &err) != DK_OK)
		fail_msg("unlocking %s: %s", name, err.msg);
	assert_non_null(out);
	assert_int_equal(out->len, DK_DATA_KEY_BYTES);
	assert_memory_equal(out->bytes, key->bytes, DK_DATA_KEY_BYTES);
	dk_secret_free(&out);
}

static void
assert_auth_fails(const struct dk_keyring *kr, const char *name, const struct dk_secret *pass)
{
	struct dk_secret *out = (struct dk_secret *)&out;
	struct dk_err err;

	dk_err_clear(&err);
	assert_rc(dk_keyring_unlock(kr, name, pass, &out, NULL, &err), DK_AUTH);
	assert_null(out);
	/* One message for both causes: it must not tell which names exist. */
	assert_string_equal(err.msg, AUTH_MSG);
}

static int
group_setup(void **state)
{
	const char *base = getenv("TMPDIR");
	struct dk_keyring *kr;
	struct dk_err err;

	(void)state;
	assert_true(dk_crypto_init());
	snprintf(dir, sizeof(dir), "%s/docket-test-keyring-XXXXXX",
	         base != NULL && base[0] != '\0' ? base : "/tmp");
	assert_non_null(mkdtemp(dir));
	tpath(base_path, "base.keys");

	key = dk_secret_new(DK_DATA_KEY_BYTES);
	dk_crypto_random(key->bytes, DK_DATA_KEY_BYTES);
	key->len = DK_DATA_KEY_BYTES;
	pass_a = dk_secret_from(PASS_A, strlen(PASS_A));
	pass_b = dk_secret_from(PASS_B, strlen(PASS_B));
	pass_a2 = dk_secret_from(PASS_A2, strlen(PASS_A2));

	kr = dk_keyring_new();
	assert_rc(dk_keyring_set(kr, NAME_A, pass_a, DK_KDF_INTERACTIVE, key, NULL, &err), DK_OK);
	assert_rc(dk_keyring_set(kr, NAME_B, pass_b, DK_KDF_INTERACTIVE, key, NULL, &err), DK_OK);
	assert_rc(dk_keyring_save(kr, base_path, &err), DK_OK);
	dk_keyring_free(&kr);
	assert_null(kr);
	base_text = read_file(base_path, &base_len);
	return 0;
}

static int
group_teardown(void **state)
{
	(void)state;
	remove_tree(dir);
	free(base_text);
	dk_secret_free(&key);
	dk_secret_free(&pass_a);
	dk_secret_free(&pass_b);
	dk_secret_free(&pass_a2);
	return 0;
}

/* ---- unlocking ---- */

static void
keyring_save_load__round_trip__same_data_key(void **state)
{
	struct dk_keyring *kr = load_ok(base_path);

	(void)state;
	assert_int_equal(dk_keyring_count(kr), 2);
	assert_unlocks(kr, NAME_A, pass_a);
	dk_keyring_free(&kr);
}

static void
keyring_unlock__wrong_passphrase__is_auth(void **state)
{
	struct dk_keyring *kr = load_ok(base_path);

	(void)state;
	/* Another account's real passphrase is still the wrong one. */
	assert_auth_fails(kr, NAME_A, pass_b);
	dk_keyring_free(&kr);
}

static void
keyring_unlock__unknown_name__is_auth(void **state)
{
	struct dk_keyring *kr = load_ok(base_path);

	(void)state;
	assert_auth_fails(kr, "nobody.at.all", pass_a);
	dk_keyring_free(&kr);
}

static void
keyring_unlock__empty_keyring__is_auth(void **state)
{
	struct dk_keyring *kr = dk_keyring_new();

	(void)state;
	assert_int_equal(dk_keyring_count(kr), 0);
	assert_auth_fails(kr, NAME_A, pass_a);
	dk_keyring_free(&kr);
}

static void
keyring_set__new_passphrase__other_account_unaffected(void **state)
{
	char path[PATH_MAX];
	struct dk_keyring *kr = load_ok(base_path);
	struct dk_err err;
	size_t off_a, len_a, off_b, len_b, off2, len2, n;
	char *text;

	(void)state;
	assert_rc(dk_keyring_set(kr, NAME_A, pass_a2, DK_KDF_INTERACTIVE, key, NULL, &err), DK_OK);
	assert_int_equal(dk_keyring_count(kr), 2);
	assert_unlocks(kr, NAME_B, pass_b);
	assert_unlocks(kr, NAME_A, pass_a2);
	assert_auth_fails(kr, NAME_A, pass_a);

	/* On disk only the changed account's slot line differs (security.md 2). */
	tpath(path, "changed.keys");
	assert_rc(dk_keyring_save(kr, path, &err), DK_OK);
	text = read_file(path, &n);
	assert_int_equal(n, base_len);
	field_span(base_text, "slot ", 6, &off_a, &len_a);
	field_span(text, "slot ", 6, &off2, &len2);
	assert_int_equal(off_a, off2);
	assert_memory_not_equal(base_text + off_a, text + off2, len_a);
	off_b = off_a + len_a + 1;
	len_b = strcspn(base_text + off_b, "\n");
	assert_memory_equal(base_text + off_b, text + off_b, len_b);
	free(text);
	dk_keyring_free(&kr);
}

static void
keyring_remove__slot__unlock_is_auth(void **state)
{
	char path[PATH_MAX];
	struct dk_keyring *kr = load_ok(base_path);
	struct dk_err err;

	(void)state;
	assert_true(dk_keyring_remove(kr, NAME_A));
	assert_false(dk_keyring_remove(kr, NAME_A));
	assert_false(dk_keyring_has(kr, NAME_A));
	assert_true(dk_keyring_has(kr, NAME_B));
	assert_int_equal(dk_keyring_count(kr), 1);
	assert_auth_fails(kr, NAME_A, pass_a);

	tpath(path, "removed.keys");
	assert_rc(dk_keyring_save(kr, path, &err), DK_OK);
	dk_keyring_free(&kr);
	kr = load_ok(path);
	assert_int_equal(dk_keyring_count(kr), 1);
	assert_false(dk_keyring_has(kr, NAME_A));
	assert_true(dk_keyring_has(kr, NAME_B));
	dk_keyring_free(&kr);
}

static void
keyring_unlock__flipped_sealed_byte__only_that_slot_fails(void **state)
{
	struct dk_keyring *kr;
	size_t off, len, n;
	char *text;
	char c;

	(void)state;
	field_span(base_text, "slot ", 6, &off, &len); /* NAME_A's sealed key */
	c = base_text[off + len / 2] == '0' ? '1' : '0';
	text = splice(base_text, base_len, off + len / 2, 1, &c, 1, &n);
	kr = load_text("flipped.keys", text, n);
	assert_auth_fails(kr, NAME_A, pass_a);
	assert_unlocks(kr, NAME_B, pass_b);
	dk_keyring_free(&kr);
	free(text);
}

static void
keyring_unlock__weakened_opslimit__is_auth(void **state)
{
	struct dk_keyring *kr;
	size_t off, len, n;
	char *text;

	(void)state;
	/* Costs are bound into the AEAD: editing them (even to a legal value) breaks the slot. */
	field_span(base_text, "slot ", 2, &off, &len);
	assert_memory_equal(base_text + off, "2", len);
	text = splice(base_text, base_len, off, len, "3", 1, &n);
	kr = load_text("ops.keys", text, n);
	assert_auth_fails(kr, NAME_A, pass_a);
	dk_keyring_free(&kr);
	free(text);
}

static void
keyring_set__moderate_profile__round_trip(void **state)
{
	char path[PATH_MAX];
	struct dk_keyring *kr = dk_keyring_new();
	struct dk_err err;
	char *text;
	size_t n;

	(void)state;
	/* The default profile keeps its real cost exercised (platform.md). */
	assert_rc(dk_keyring_set(kr, NAME_A, pass_a, DK_KDF_MODERATE, key, NULL, &err), DK_OK);
	tpath(path, "moderate.keys");
	assert_rc(dk_keyring_save(kr, path, &err), DK_OK);
	dk_keyring_free(&kr);
	text = read_file(path, &n);
	assert_true(contains(text, n, " 3 268435456 ", 13));
	free(text);
	kr = load_ok(path);
	assert_unlocks(kr, NAME_A, pass_a);
	dk_keyring_free(&kr);
}

static void
keyring_set__bad_arguments__are_invalid(void **state)
{
	struct dk_keyring *kr = dk_keyring_new();
	struct dk_secret *short_key = dk_secret_from(key->bytes, DK_DATA_KEY_BYTES - 1);
	struct dk_err err;

	(void)state;
	assert_rc(dk_keyring_set(kr, NAME_A, pass_a, DK_KDF_INTERACTIVE, short_key, NULL, &err),
	          DK_INVALID);
	assert_rc(dk_keyring_set(kr, "", pass_a, DK_KDF_INTERACTIVE, key, NULL, &err), DK_INVALID);
	assert_rc(dk_keyring_set(kr, NAME_A, pass_a, (enum dk_kdf)7, key, NULL, &err), DK_INVALID);
	assert_int_equal(dk_keyring_count(kr), 0);
	dk_secret_free(&short_key);
	dk_keyring_free(&kr);
}

/* ---- the file ---- */

static void
keyring_save__file__holds_no_names_passphrases_or_key(void **state)
{
	static const char *const plain[] = {NAME_A, NAME_B, PASS_A, PASS_B, "amina", "kofi"};
	char hex[2 * DK_DATA_KEY_BYTES + 1];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(plain) / sizeof(plain[0]); i++)
		if (contains(base_text, base_len, plain[i], strlen(plain[i])))
			fail_msg("the sidecar holds '%s'", plain[i]);
	assert_false(contains(base_text, base_len, key->bytes, DK_DATA_KEY_BYTES));
	for (i = 0; i < DK_DATA_KEY_BYTES; i++)
		snprintf(hex + 2 * i, 3, "%02x", key->bytes[i]);
	assert_false(contains(base_text, base_len, hex, 2 * DK_DATA_KEY_BYTES));
	/* Any 8 bytes of the key, too: a partial leak is a leak. */
	for (i = 0; i + 16 <= 2 * DK_DATA_KEY_BYTES; i += 2)
		assert_false(contains(base_text, base_len, hex + i, 16));
	for (i = 0; i < 2 * DK_DATA_KEY_BYTES; i++)
		if (hex[i] >= 'a')
			hex[i] = (char)(hex[i] - 'a' + 'A');
	assert_false(contains(base_text, base_len, hex, 2 * DK_DATA_KEY_BYTES));
}

static void
keyring_save__file__has_documented_shape(void **state)
{
	const char *p;
	size_t lines = 0;

	(void)state;
	assert_true(strncmp(base_text, "docket-keyring 1\nlookup-salt ", 29) == 0);
	assert_true(contains(base_text, base_len, "\nfailures 0\nslot ", 17));
	assert_true(base_len > 6 && strcmp(base_text + base_len - 7, "\nend 2\n") == 0);
	for (p = base_text; *p != '\0'; p++)
		lines += *p == '\n';
	assert_int_equal(lines, 6);
}

static void
keyring_save__load_then_save__rewrites_identical_bytes(void **state)
{
	char path[PATH_MAX];
	struct dk_keyring *kr = load_ok(base_path);
	struct dk_err err;
	char *text;
	size_t n;

	(void)state;
	tpath(path, "resaved.keys");
	assert_rc(dk_keyring_save(kr, path, &err), DK_OK);
	text = read_file(path, &n);
	assert_int_equal(n, base_len);
	assert_memory_equal(text, base_text, n);
	free(text);
	dk_keyring_free(&kr);
}

static void
keyring_save__existing_file__mode_0600(void **state)
{
	char path[PATH_MAX];
	struct dk_keyring *kr = load_ok(base_path);
	struct dk_err err;
	struct stat st;
	mode_t old;

	(void)state;
	assert_int_equal(stat(base_path, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0600);

	/* Replacing a world-readable file must not keep its mode, whatever the umask. */
	tpath(path, "mode.keys");
	write_file(path, "old", 3);
	assert_int_equal(chmod(path, 0644), 0);
	old = umask(0);
	assert_rc(dk_keyring_save(kr, path, &err), DK_OK);
	umask(old);
	assert_int_equal(stat(path, &st), 0);
	assert_true(S_ISREG(st.st_mode));
	assert_int_equal(st.st_mode & 07777, 0600);
	dk_keyring_free(&kr);
}

static void
keyring_save__success_and_failure__leave_no_temp_files(void **state)
{
	char sub[PATH_MAX], path[PATH_MAX], blocked[PATH_MAX], listing[1024];
	struct dk_keyring *kr = load_ok(base_path);
	struct dk_err err;

	(void)state;
	tpath(sub, "clean");
	assert_int_equal(mkdir(sub, 0700), 0);
	tpath(path, "clean/k.keys");
	assert_rc(dk_keyring_save(kr, path, &err), DK_OK);
	assert_rc(dk_keyring_save(kr, path, &err), DK_OK);
	list_dir(sub, listing, sizeof(listing));
	assert_string_equal(listing, "k.keys");

	/* A directory in the way makes the rename fail after the temp file was written. */
	tpath(blocked, "clean/blocked.keys");
	assert_int_equal(mkdir(blocked, 0700), 0);
	assert_rc(dk_keyring_save(kr, blocked, &err), DK_IO);
	assert_rc(err.rc, DK_IO);
	list_dir(sub, listing, sizeof(listing));
	assert_string_equal(listing, "blocked.keys|k.keys");
	dk_keyring_free(&kr);
	remove_tree(sub);
}

static void
keyring_save__missing_directory__is_io(void **state)
{
	char path[PATH_MAX];
	struct dk_keyring *kr = dk_keyring_new();
	struct dk_err err;

	(void)state;
	tpath(path, "no-such-dir/k.keys");
	assert_rc(dk_keyring_save(kr, path, &err), DK_IO);
	assert_non_null(strstr(err.msg, strerror(ENOENT)));
	dk_keyring_free(&kr);
}

static void
keyring_load__missing_file__is_notfound(void **state)
{
	char path[PATH_MAX];
	struct dk_keyring *kr = (struct dk_keyring *)&kr;
	struct dk_err err;

	(void)state;
	tpath(path, "absent.keys");
	assert_rc(dk_keyring_load(path, &kr, &err), DK_NOTFOUND);
	assert_null(kr);
	assert_rc(err.rc, DK_NOTFOUND);
}

static void
keyring_load__directory__is_io(void **state)
{
	struct dk_keyring *kr = NULL;
	struct dk_err err;

	(void)state;
	assert_rc(dk_keyring_load(dir, &kr, &err), DK_IO);
	assert_null(kr);
}

static void
keyring_load__damaged_fields__are_corrupt(void **state)
{
	static const struct {
		const char *what, *prefix;
		int field;
		const char *value;
	} cases[] = {
	    {"wrong magic", "docket-keyring", 0, "docket-keyrinG"},
	    {"newer version", "docket-keyring", 1, "2"},
	    {"version 0", "docket-keyring", 1, "0"},
	    {"non-canonical version", "docket-keyring", 1, "01"},
	    {"upper-case hex", "lookup-salt", 1,
	     "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"},
	    {"short salt", "lookup-salt", 1,
	     "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"},
	    {"long salt", "lookup-salt", 1,
	     "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"},
	    {"non-hex salt", "lookup-salt", 1,
	     "gaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"},
	    {"negative failures", "failures", 1, "-1"},
	    {"leading zero", "failures", 1, "00"},
	    {"failures over UINT_MAX", "failures", 1, "4294967296"},
	    {"failures not a number", "failures", 1, "1e3"},
	    {"short slot id", "slot", 1, "abc"},
	    {"opslimit below interactive", "slot", 2, "1"},
	    {"opslimit above sensitive", "slot", 2, "5"},
	    {"opslimit zero", "slot", 2, "0"},
	    {"opslimit overflows 64 bits", "slot", 2, "18446744073709551616"},
	    {"memlimit 100 GiB", "slot", 3, "107374182400"},
	    {"memlimit just above sensitive", "slot", 3, "1073741825"},
	    {"memlimit below interactive", "slot", 3, "8192"},
	    {"memlimit in hex", "slot", 3, "0x4000000"},
	    {"short salt in slot", "slot", 4, "00"},
	    {"non-hex nonce", "slot", 5, "zz0000000000000000000000000000000000000000000000"},
	    {"short sealed key", "slot", 6, "00"},
	    {"end count too high", "end", 1, "3"},
	    {"end count too low", "end", 1, "1"},
	    {"end count not canonical", "end", 1, "02"},
	};
	size_t i, off, len, n;
	char *text;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		field_span(base_text, cases[i].prefix, cases[i].field, &off, &len);
		text = splice(base_text, base_len, off, len, cases[i].value, strlen(cases[i].value),
		              &n);
		assert_load_corrupt(cases[i].what, text, n);
		free(text);
	}
}

static void
keyring_load__damaged_lines__are_corrupt(void **state)
{
	static const struct {
		const char *what, *find, *repl;
		size_t repl_len;
	} cases[] = {
	    {"too many fields in a slot", "\nend ", " ff\nend ", 8},
	    {"too few fields in a slot", " 2 67108864 ", " 67108864 ", 10},
	    {"unknown entry", "failures 0\n", "failures 0\ncolour blue\n", 23},
	    {"repeated entry", "failures 0\n", "failures 0\nfailures 0\n", 22},
	    {"renamed entry", "lookup-salt ", "lookup-pepper ", 14},
	    {"missing header", "docket-keyring 1\n", "", 0},
	    {"CRLF", "failures 0\n", "failures 0\r\n", 12},
	    {"NUL byte", "failures 0\n", "failures 0\0\n", 12},
	    {"tab", "failures 0", "failures\t0", 10},
	    {"double space", "failures 0", "failures  0", 11},
	    {"trailing space", "failures 0\n", "failures 0 \n", 12},
	    {"leading space", "\nfailures", "\n failures", 10},
	    {"empty line", "failures 0\n", "failures 0\n\n", 12},
	    {"non-ASCII", "failures 0",
	     "failures\xc2\xa0"
	     "0",
	     11},
	    {"DEL", "failures 0", "failures 0\x7f", 11},
	    {"missing end line", "end 2\n", "", 0},
	    {"end line with extra field", "end 2\n", "end 2 2\n", 8},
	    {"data after the end line", "end 2\n", "end 2\nslot\n", 11},
	    {"blank line after the end", "end 2\n", "end 2\n\n", 7},
	    {"audit head with id 0", "failures 0\n", "failures 0\naudit-head 0 " HEAD_HEX "\n",
	     11 + 13 + 64 + 1},
	    {"audit head with a short hash", "failures 0\n",
	     "failures 0\naudit-head 7 " SHORT_HEX "\n", 11 + 13 + 62 + 1},
	    {"audit head without a hash", "failures 0\n", "failures 0\naudit-head 7\n", 24},
	    {"audit head after the slots", "end 2\n", "audit-head 7 " HEAD_HEX "\nend 2\n",
	     13 + 64 + 1 + 6},
	    {"two audit heads", "failures 0\n",
	     "failures 0\naudit-head 7 " HEAD_HEX "\naudit-head 7 " HEAD_HEX "\n",
	     11 + 2 * (13 + 64 + 1)},
	};
	size_t i, n;
	const char *at;
	char *text;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		at = strstr(base_text, cases[i].find);
		assert_non_null(at);
		text = splice(base_text, base_len, (size_t)(at - base_text), strlen(cases[i].find),
		              cases[i].repl, cases[i].repl_len, &n);
		assert_load_corrupt(cases[i].what, text, n);
		free(text);
	}
}

static void
keyring_load__every_truncation__is_corrupt(void **state)
{
	char what[64];
	size_t n;

	(void)state;
	/* Cut anywhere, including at a line boundary that drops whole slots. */
	for (n = 0; n < base_len; n++) {
		snprintf(what, sizeof(what), "first %zu bytes", n);
		assert_load_corrupt(what, base_text, n);
	}
}

static void
keyring_load__duplicate_slot__is_corrupt(void **state)
{
	size_t off, len, n, n2;
	char *text, *text2;
	const char *at;

	(void)state;
	field_span(base_text, "slot ", 0, &off, &len);
	len = strcspn(base_text + off, "\n") + 1;
	text = splice(base_text, base_len, off, 0, base_text + off, len, &n);
	at = strstr(text, "end 2\n");
	assert_non_null(at);
	text2 = splice(text, n, (size_t)(at - text), 6, "end 3\n", 6, &n2);
	assert_load_corrupt("one account twice", text2, n2);
	free(text);
	free(text2);
}

/* A file of n well-formed (never unlockable) slots with distinct ids, of version 1 or 2. */
static char *
many_slots(size_t n, int version, size_t *len)
{
	static const char zeros[] = "000000000000000000000000000000000000000000000000"
	                            "000000000000000000000000000000000000000000000000"
	                            "000000000000000000000000000000000000000000000000"
	                            "000000000000000000000000000000000000000000000000"
	                            "000000000000000000000000000000000000000000000000"
	                            "000000000000000000000000000000000000000000000000";
	int sealed_hex = version == 2 ? 288 : 96;
	size_t cap = 200 + n * 470, i;
	char *p = dk_xmalloc(cap);
	int w;

	*len = (size_t)snprintf(p, cap, "docket-keyring 1\nlookup-salt %.64s\nfailures 0\n", zeros);
	for (i = 0; i < n; i++) {
		w = snprintf(p + *len, cap - *len, "slot %064zx 2 67108864 %.32s %.48s %.*s\n", i,
		             zeros, zeros, sealed_hex, zeros);
		*len += (size_t)w;
	}
	*len += (size_t)snprintf(p + *len, cap - *len, "end %zu\n", n);
	assert_true(*len < cap);
	return p;
}

static void
keyring_load__slot_and_size_limits__enforced(void **state)
{
	struct dk_keyring *kr;
	char *text;
	size_t n;

	(void)state;
	/* The largest legal file: every slot a version-2 one fits under the size limit. */
	text = many_slots(MAX_SLOTS, 2, &n);
	assert_true(n < MAX_FILE);
	kr = load_text("max.keys", text, n);
	assert_int_equal(dk_keyring_count(kr), MAX_SLOTS);
	dk_keyring_free(&kr);
	free(text);

	text = many_slots(MAX_SLOTS + 1, 1, &n);
	assert_load_corrupt("one slot over the limit", text, n);
	free(text);

	text = dk_xmalloc(MAX_FILE + 1);
	memset(text, 'x', MAX_FILE + 1);
	assert_load_corrupt("over the size limit", text, MAX_FILE + 1);
	free(text);
}

static void
keyring_failures__save_load__persist(void **state)
{
	static const unsigned values[] = {7, UINT_MAX, 0};
	char path[PATH_MAX];
	struct dk_keyring *kr = load_ok(base_path), *again;
	struct dk_err err;
	size_t i;

	(void)state;
	assert_int_equal(dk_keyring_failures(kr), 0);
	tpath(path, "failures.keys");
	for (i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
		dk_keyring_set_failures(kr, values[i]);
		assert_rc(dk_keyring_save(kr, path, &err), DK_OK);
		again = load_ok(path);
		assert_int_equal(dk_keyring_failures(again), values[i]);
		assert_int_equal(dk_keyring_count(again), 2);
		dk_keyring_free(&again);
	}
	dk_keyring_free(&kr);
}

static void
keyring_has__after_load__matches_exact_names(void **state)
{
	struct dk_keyring *kr = load_ok(base_path);

	(void)state;
	assert_true(dk_keyring_has(kr, NAME_A));
	assert_true(dk_keyring_has(kr, NAME_B));
	assert_false(dk_keyring_has(kr, "Amina.diallo"));
	assert_false(dk_keyring_has(kr, NAME_A " "));
	assert_false(dk_keyring_has(kr, ""));
	dk_keyring_free(&kr);
	dk_keyring_free(&kr); /* NULL is accepted */
}

/* A staged sidecar leaves the current one alone; its hash is the file's; publishing renames it. */
static void
keyring_stage__pending_file__hashed_then_published(void **state)
{
	char path[PATH_MAX], pending[PATH_MAX];
	unsigned char staged[DK_HASH_BYTES], read_back[DK_HASH_BYTES];
	struct dk_keyring *kr = load_ok(base_path);
	struct dk_err err;
	char *before, *after;
	size_t n_before, n_after;

	(void)state;
	tpath(path, "stage.keys");
	tpath(pending, "stage.keys.pending");
	write_file(path, base_text, base_len);
	dk_keyring_set_failures(kr, 7);
	assert_rc(dk_keyring_pending_hash(path, read_back, &err), DK_NOTFOUND);
	assert_rc(dk_keyring_stage(kr, path, staged, &err), DK_OK);
	before = read_file(path, &n_before);
	assert_int_equal(n_before, base_len);
	assert_memory_equal(before, base_text, base_len);
	assert_rc(dk_keyring_pending_hash(path, read_back, &err), DK_OK);
	assert_memory_equal(staged, read_back, DK_HASH_BYTES);
	assert_rc(dk_keyring_publish(path, &err), DK_OK);
	assert_int_equal(access(pending, F_OK), -1);
	dk_keyring_free(&kr);
	kr = load_ok(path);
	assert_int_equal(dk_keyring_failures(kr), 7);
	after = read_file(path, &n_after);
	assert_memory_not_equal(after, before, n_after < n_before ? n_after : n_before);
	dk_keyring_discard(path); /* nothing pending: no harm */
	dk_keyring_free(&kr);
	free(before);
	free(after);
	unlink(path);
}

/* A pending file changed after staging no longer has the staged hash. */
static void
keyring_pending_hash__edited_file__differs(void **state)
{
	char path[PATH_MAX], pending[PATH_MAX];
	unsigned char staged[DK_HASH_BYTES], read_back[DK_HASH_BYTES];
	struct dk_keyring *kr = load_ok(base_path);
	struct dk_err err;
	char *text;
	size_t n;

	(void)state;
	tpath(path, "edited.keys");
	tpath(pending, "edited.keys.pending");
	assert_rc(dk_keyring_stage(kr, path, staged, &err), DK_OK);
	text = read_file(pending, &n);
	text[n - 2] = text[n - 2] == '2' ? '3' : '2'; /* the end line's count */
	write_file(pending, text, n);
	assert_rc(dk_keyring_pending_hash(path, read_back, &err), DK_OK);
	assert_memory_not_equal(staged, read_back, DK_HASH_BYTES);
	dk_keyring_discard(path);
	assert_int_equal(access(pending, F_OK), -1);
	dk_keyring_free(&kr);
	free(text);
}

static void
count_orphan(size_t pos, const char *id_hex, void *ctx)
{
	size_t *seen = ctx;

	assert_int_equal(strlen(id_hex), 8);
	seen[seen[0] + 1] = pos;
	seen[0]++;
}

/* Orphans are told by position; pruning keeps exactly the named slots, in order. */
static void
keyring_prune__unnamed_slots__removed_named_kept(void **state)
{
	const char *const only_b[] = {NAME_B, "nobody"};
	const char *const both[] = {NAME_A, NAME_B};
	struct dk_keyring *kr = load_ok(base_path);
	size_t seen[4] = {0};

	(void)state;
	assert_int_equal(dk_keyring_orphans(kr, both, 2, count_orphan, seen), 0);
	assert_int_equal(dk_keyring_orphans(kr, only_b, 2, count_orphan, seen), 1);
	assert_int_equal(seen[0], 1);
	assert_int_equal(seen[1], 1); /* NAME_A was written first */
	assert_int_equal(dk_keyring_prune(kr, only_b, 2), 1);
	assert_int_equal(dk_keyring_count(kr), 1);
	assert_false(dk_keyring_has(kr, NAME_A));
	assert_true(dk_keyring_has(kr, NAME_B));
	assert_int_equal(dk_keyring_prune(kr, only_b, 2), 0);
	dk_keyring_free(&kr);
}

static void
keyring_new__two_keyrings__have_different_lookup_salts(void **state)
{
	char p1[PATH_MAX], p2[PATH_MAX];
	struct dk_keyring *a = dk_keyring_new(), *b = dk_keyring_new();
	struct dk_err err;
	char *t1, *t2;
	size_t n1, n2;

	(void)state;
	tpath(p1, "new1.keys");
	tpath(p2, "new2.keys");
	assert_rc(dk_keyring_save(a, p1, &err), DK_OK);
	assert_rc(dk_keyring_save(b, p2, &err), DK_OK);
	t1 = read_file(p1, &n1);
	t2 = read_file(p2, &n2);
	/* Otherwise one name would have the same slot id in every office's file. */
	assert_int_equal(n1, n2);
	assert_string_not_equal(t1, t2);
	assert_string_equal(t1 + n1 - 18, "\nfailures 0\nend 0\n");
	free(t1);
	free(t2);
	dk_keyring_free(&a);
	dk_keyring_free(&b);
}

/* ---- hashing, randomness, profiles, secrets ---- */

static void
crypto_hash__known_vector__matches_blake2b(void **state)
{
	/* Computed independently: hashlib.blake2b(b"dom\0data", digest_size=32) in python3. */
	static const unsigned char want[DK_HASH_BYTES] = {
	    0xfb, 0xd2, 0xfd, 0x0e, 0xda, 0x6c, 0x27, 0x9c, 0x5b, 0xb5, 0xff,
	    0x64, 0xc5, 0xc0, 0x22, 0x01, 0xa1, 0x5f, 0xd5, 0xe3, 0x81, 0x57,
	    0x08, 0x01, 0x49, 0x13, 0x22, 0x77, 0x0b, 0x29, 0x48, 0x52,
	};
	/* hashlib.blake2b(b"docket test\0", digest_size=32): empty data is allowed. */
	static const unsigned char want_empty[DK_HASH_BYTES] = {
	    0x49, 0x0e, 0x04, 0x0c, 0xbf, 0x93, 0x44, 0xb1, 0x50, 0xab, 0xbe,
	    0x78, 0x74, 0xae, 0xc8, 0xd2, 0x51, 0x03, 0xc0, 0xdd, 0x22, 0x89,
	    0xe4, 0x74, 0x84, 0x89, 0xdf, 0x52, 0x97, 0x6e, 0x49, 0xae,
	};
	unsigned char out[DK_HASH_BYTES];

	(void)state;
	dk_crypto_hash(out, "dom", "data", 4);
	assert_memory_equal(out, want, DK_HASH_BYTES);
	dk_crypto_hash(out, "docket test", NULL, 0);
	assert_memory_equal(out, want_empty, DK_HASH_BYTES);
}

static void
crypto_hash__domains__differ(void **state)
{
	unsigned char a[DK_HASH_BYTES], b[DK_HASH_BYTES], c[DK_HASH_BYTES];

	(void)state;
	dk_crypto_hash(a, "audit", "entry", 5);
	dk_crypto_hash(b, "export", "entry", 5);
	assert_memory_not_equal(a, b, DK_HASH_BYTES);
	/* The NUL separator: moving bytes between domain and data changes the hash. */
	dk_crypto_hash(c, "audi", "tentry", 6);
	assert_memory_not_equal(a, c, DK_HASH_BYTES);
	dk_crypto_hash(b, "audit", "entry", 5);
	assert_memory_equal(a, b, DK_HASH_BYTES);
}

static void
crypto_random__two_draws__differ(void **state)
{
	unsigned char a[32], b[32], zero[32] = {0};

	(void)state;
	dk_crypto_random(a, sizeof(a));
	dk_crypto_random(b, sizeof(b));
	assert_memory_not_equal(a, b, sizeof(a));
	assert_memory_not_equal(a, zero, sizeof(a));
}

static void
kdf_parse__names__accepted_others_refused(void **state)
{
	static const char *const bad[] = {"",     "Moderate",   "MODERATE",  "moderate ",
	                                  "fast", "interactiv", "sensitive2"};
	enum dk_kdf k = DK_KDF_SENSITIVE;
	size_t i;

	(void)state;
	assert_true(dk_kdf_parse("interactive", &k));
	assert_int_equal(k, DK_KDF_INTERACTIVE);
	assert_true(dk_kdf_parse("moderate", &k));
	assert_int_equal(k, DK_KDF_MODERATE);
	assert_true(dk_kdf_parse("sensitive", &k));
	assert_int_equal(k, DK_KDF_SENSITIVE);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (dk_kdf_parse(bad[i], &k))
			fail_msg("'%s' accepted", bad[i]);
		assert_int_equal(k, DK_KDF_SENSITIVE);
	}
	assert_false(dk_kdf_parse(NULL, &k));
}

static void
secret_from__copy__is_independent_and_freed_to_null(void **state)
{
	char src[] = "passphrase";
	struct dk_secret *s = dk_secret_from(src, 10), *empty = dk_secret_new(0), *none = NULL;

	(void)state;
	src[0] = 'X';
	assert_int_equal(s->len, 10);
	assert_int_equal(s->cap, 10);
	assert_memory_equal(s->bytes, "passphrase", 10);
	assert_non_null(empty->bytes);
	assert_int_equal(empty->len, 0);
	dk_secret_free(&s);
	assert_null(s);
	dk_secret_free(&empty);
	dk_secret_free(&none);
	dk_secret_free(NULL);
}

static void
keyring_audit_head__new_keyring__is_absent(void **state)
{
	struct dk_keyring *kr = load_ok(base_path);
	struct dk_audit_head h;

	(void)state;
	memset(&h, 0xee, sizeof(h));
	assert_false(dk_keyring_audit_head(kr, &h));
	assert_int_equal(h.id, 0);
	assert_false(h.is_signed);
	dk_keyring_free(&kr);
}

static void
keyring_audit_head__saved__round_trips_between_failures_and_slots(void **state)
{
	struct dk_audit_head h = {0}, back;
	struct dk_keyring *kr = load_ok(base_path);
	char path[PATH_MAX];
	struct dk_err err;
	size_t n;
	char *text;

	(void)state;
	h.id = 4242;
	for (size_t i = 0; i < sizeof(h.hash); i++)
		h.hash[i] = (unsigned char)(0xa0 + i);
	dk_keyring_set_audit_head(kr, &h);
	tpath(path, "head.keys");
	assert_rc(dk_keyring_save(kr, path, &err), DK_OK);
	dk_keyring_free(&kr);
	text = read_file(path, &n);
	assert_non_null(strstr(text, "\nfailures 0\naudit-head 4242 a0a1a2a3"));
	assert_non_null(strstr(text, "bebf\nslot "));
	free(text);
	kr = load_ok(path);
	assert_true(dk_keyring_audit_head(kr, &back));
	assert_int_equal(back.id, 4242);
	assert_memory_equal(back.hash, h.hash, sizeof(h.hash));
	assert_false(back.is_signed);
	/* Setting id 0 takes the line out again. */
	h.id = 0;
	dk_keyring_set_audit_head(kr, &h);
	assert_rc(dk_keyring_save(kr, path, &err), DK_OK);
	text = read_file(path, &n);
	assert_null(strstr(text, "audit-head"));
	free(text);
	dk_keyring_free(&kr);
	unlink(path);
}

/* ---- version-2 slots (issue 16) ---- */

/* A root pin and a signing key pair for the version-2 tests; the caller clears keys. */
static void
v2_keys(struct dk_slot_keys *keys)
{
	unsigned char pk[DK_SIGN_PK_BYTES];

	memset(keys, 0, sizeof(*keys));
	dk_crypto_random(keys->root_pk, sizeof(keys->root_pk));
	dk_sign_keypair_new(pk, &keys->sign_sk);
}

static void
assert_unlocks_v2(const struct dk_keyring *kr, const char *name, const struct dk_secret *pass,
                  const struct dk_slot_keys *want)
{
	struct dk_slot_keys got;
	struct dk_secret *out = NULL;
	struct dk_err err;

	dk_err_clear(&err);
	if (dk_keyring_unlock(kr, name, pass, &out, &got, &err) != DK_OK)
		fail_msg("unlocking %s: %s", name, err.msg);
	assert_memory_equal(out->bytes, key->bytes, DK_DATA_KEY_BYTES);
	assert_int_equal(out->len, DK_DATA_KEY_BYTES);
	assert_memory_equal(got.root_pk, want->root_pk, DK_SIGN_PK_BYTES);
	assert_non_null(got.sign_sk);
	assert_int_equal(got.sign_sk->len, DK_SIGN_SK_BYTES);
	assert_memory_equal(got.sign_sk->bytes, want->sign_sk->bytes, DK_SIGN_SK_BYTES);
	dk_slot_keys_clear(&got);
	assert_null(got.sign_sk);
	dk_secret_free(&out);
}

static void
keyring_set_v2__round_trip__root_pin_and_secret_key_come_back(void **state)
{
	char path[PATH_MAX];
	struct dk_keyring *kr = load_ok(base_path);
	struct dk_slot_keys keys, got;
	struct dk_secret *out = (struct dk_secret *)&out;
	char again[PATH_MAX];
	struct dk_err err;
	size_t off, len, n, n2;
	char *text, *resaved;

	(void)state;
	v2_keys(&keys);
	/* NAME_A's slot becomes version 2 in place; NAME_B's stays version 1. */
	assert_rc(dk_keyring_set(kr, NAME_A, pass_a, DK_KDF_INTERACTIVE, key, &keys, &err), DK_OK);
	assert_int_equal(dk_keyring_count(kr), 2);
	tpath(path, "v2.keys");
	assert_rc(dk_keyring_save(kr, path, &err), DK_OK);
	dk_keyring_free(&kr);
	text = read_file(path, &n);
	field_span(text, "slot ", 6, &off, &len);
	assert_int_equal(len, 2 * 144);
	field_span(base_text, "slot ", 6, &off, &len);
	assert_memory_equal(text + n - 2 * len - 1 - 6, base_text + base_len - 2 * len - 1 - 6,
	                    2 * len); /* NAME_B's nonce and sealed key, untouched */
	kr = load_ok(path);
	/* One spelling: what was loaded saves back to the same bytes. */
	tpath(again, "v2-again.keys");
	assert_rc(dk_keyring_save(kr, again, &err), DK_OK);
	resaved = read_file(again, &n2);
	assert_int_equal(n2, n);
	assert_memory_equal(resaved, text, n);
	free(resaved);
	assert_unlocks_v2(kr, NAME_A, pass_a, &keys);
	assert_unlocks(kr, NAME_A, pass_a); /* keys NULL: the data key alone */
	assert_unlocks(kr, NAME_B, pass_b);

	/* A refusal hands out nothing; an unknown name in a version-2 file is the same refusal. */
	memset(&got, 0xee, sizeof(got));
	assert_rc(dk_keyring_unlock(kr, NAME_A, pass_b, &out, &got, &err), DK_AUTH);
	assert_null(out);
	assert_null(got.sign_sk);
	assert_auth_fails(kr, "nobody.at.all", pass_a);
	dk_keyring_free(&kr);
	free(text);
	dk_slot_keys_clear(&keys);
	dk_slot_keys_clear(NULL);
}

static void
keyring_unlock_v1__asked_for_keys__gives_no_secret_key(void **state)
{
	static const unsigned char zeros[DK_SIGN_PK_BYTES];
	struct dk_keyring *kr = load_ok(base_path);
	struct dk_slot_keys got;
	struct dk_secret *out = NULL;
	struct dk_err err;

	(void)state;
	memset(&got, 0xee, sizeof(got));
	assert_rc(dk_keyring_unlock(kr, NAME_B, pass_b, &out, &got, &err), DK_OK);
	assert_memory_equal(out->bytes, key->bytes, DK_DATA_KEY_BYTES);
	assert_null(got.sign_sk);
	assert_memory_equal(got.root_pk, zeros, sizeof(zeros));
	dk_secret_free(&out);
	dk_keyring_free(&kr);
}

static void
keyring_set__bad_slot_keys__are_invalid(void **state)
{
	struct dk_keyring *kr = load_ok(base_path);
	struct dk_slot_keys keys;
	struct dk_err err;

	(void)state;
	memset(&keys, 0, sizeof(keys));
	assert_rc(dk_keyring_set(kr, NAME_A, pass_a, DK_KDF_INTERACTIVE, key, &keys, &err),
	          DK_INVALID);
	keys.sign_sk = dk_secret_from(key->bytes, DK_SIGN_SK_BYTES - 1 - 31); /* 32 bytes */
	assert_rc(dk_keyring_set(kr, NAME_A, pass_a, DK_KDF_INTERACTIVE, key, &keys, &err),
	          DK_INVALID);
	assert_rc(err.rc, DK_INVALID);
	dk_slot_keys_clear(&keys);
	/* Nothing changed: NAME_A still unlocks with its version-1 slot. */
	assert_unlocks(kr, NAME_A, pass_a);
	dk_keyring_free(&kr);
}

/* NAME_A's slot sealed as version 2 with a fresh key pair: the file's text, malloc'd. */
static char *
v2_text(size_t *n)
{
	char path[PATH_MAX];
	struct dk_keyring *kr = load_ok(base_path);
	struct dk_slot_keys keys;
	struct dk_err err;

	v2_keys(&keys);
	assert_rc(dk_keyring_set(kr, NAME_A, pass_a, DK_KDF_INTERACTIVE, key, &keys, &err), DK_OK);
	tpath(path, "v2-cut.keys");
	assert_rc(dk_keyring_save(kr, path, &err), DK_OK);
	dk_keyring_free(&kr);
	dk_slot_keys_clear(&keys);
	return read_file(path, n);
}

static void
keyring_load_v2__sealed_field_cut_or_grown__refused_or_auth(void **state)
{
	size_t off, len, n, n2;
	char *text = v2_text(&n), *cut;
	struct dk_keyring *kr;

	(void)state;
	field_span(text, "slot ", 6, &off, &len);
	assert_int_equal(len, 288);
	/* Cut to a version-1 length: a well-formed line, but the tag (and the version's AD) fail.
	 */
	cut = splice(text, n, off + 96, len - 96, "", 0, &n2);
	kr = load_text("v2-cut48.keys", cut, n2);
	assert_auth_fails(kr, NAME_A, pass_a);
	assert_unlocks(kr, NAME_B, pass_b);
	dk_keyring_free(&kr);
	free(cut);
	/* Any other length is no slot at all. */
	cut = splice(text, n, off + len, 0, "00", 2, &n2);
	assert_load_corrupt("grown by a byte", cut, n2);
	free(cut);
	cut = splice(text, n, off + len - 2, 2, "", 0, &n2);
	assert_load_corrupt("cut by a byte", cut, n2);
	free(cut);
	cut = splice(text, n, off + 98, len - 98, "", 0, &n2);
	assert_load_corrupt("49 bytes", cut, n2);
	free(cut);
	cut = splice(text, n, off + len, 0, text + off, 96, &n2);
	assert_load_corrupt("192 bytes", cut, n2);
	free(cut);
	free(text);
}

/*
 * A slot line for NAME_A sealed by hand (as an insider holding its
 * passphrase could): plain[0..plain_len) under the AD of `domain`, with
 * the base file's id, costs, salt and nonce. Returns the file's text.
 */
static char *
forged(const char *domain, const unsigned char *plain, size_t plain_len, size_t *n)
{
	static unsigned char wrap[32];
	static bool have_wrap;
	unsigned char salt[16], nonce[24], id[32], ad[23 + 32 + 16 + 16], sealed[160];
	char hex[2 * sizeof(sealed) + 1];
	unsigned long long ops = 2, mem = 67108864;
	size_t off, len;

	field_span(base_text, "slot ", 1, &off, &len);
	assert_int_equal(sodium_hex2bin(id, 32, base_text + off, len, NULL, NULL, NULL), 0);
	field_span(base_text, "slot ", 4, &off, &len);
	assert_int_equal(sodium_hex2bin(salt, 16, base_text + off, len, NULL, NULL, NULL), 0);
	field_span(base_text, "slot ", 5, &off, &len);
	assert_int_equal(sodium_hex2bin(nonce, 24, base_text + off, len, NULL, NULL, NULL), 0);
	assert_int_equal(strlen(domain) + 1, 23);
	memcpy(ad, domain, 23);
	memcpy(ad + 23, id, 32);
	for (int i = 0; i < 8; i++) {
		ad[55 + i] = (unsigned char)(ops >> (8 * i));
		ad[63 + i] = (unsigned char)(mem >> (8 * i));
	}
	memcpy(ad + 71, salt, 16);
	/* base_text's slot never changes: its wrapping key is derived once (Argon2id is slow). */
	if (!have_wrap) {
		assert_int_equal(crypto_pwhash(wrap, sizeof(wrap), PASS_A, strlen(PASS_A), salt,
		                               ops, (size_t)mem, crypto_pwhash_ALG_ARGON2ID13),
		                 0);
		have_wrap = true;
	}
	crypto_aead_xchacha20poly1305_ietf_encrypt(sealed, NULL, plain, plain_len, ad, sizeof(ad),
	                                           NULL, nonce, wrap);
	sodium_bin2hex(hex, sizeof(hex), sealed, plain_len + 16);
	field_span(base_text, "slot ", 6, &off, &len);
	return splice(base_text, base_len, off, len, hex, strlen(hex), n);
}

/* data key || root pin || a secret key; tail_ok false spoils the key's public half. */
static void
v2_plain(unsigned char plain[128], struct dk_slot_keys *keys, bool tail_ok)
{
	v2_keys(keys);
	memcpy(plain, key->bytes, 32);
	memcpy(plain + 32, keys->root_pk, 32);
	memcpy(plain + 64, keys->sign_sk->bytes, 64);
	if (!tail_ok)
		plain[127] ^= 0x01;
}

static void
keyring_slot_ad__binds_the_version(void **state)
{
	unsigned char plain[128];
	struct dk_slot_keys keys;
	struct dk_keyring *kr;
	size_t n;
	char *text;

	(void)state;
	v2_plain(plain, &keys, true);
	/* The control: a payload sealed as the code does it unlocks, keys and all. */
	text = forged("docket keyring slot v2", plain, 128, &n);
	kr = load_text("forged-v2.keys", text, n);
	assert_unlocks_v2(kr, NAME_A, pass_a, &keys);
	dk_keyring_free(&kr);
	free(text);
	/* A version-2 payload under version 1's label is refused... */
	text = forged("docket keyring slot v1", plain, 128, &n);
	kr = load_text("forged-v2-as-v1.keys", text, n);
	assert_auth_fails(kr, NAME_A, pass_a);
	dk_keyring_free(&kr);
	free(text);
	/* ...and so is a version-1 payload under version 2's. */
	text = forged("docket keyring slot v2", plain, 32, &n);
	kr = load_text("forged-v1-as-v2.keys", text, n);
	assert_auth_fails(kr, NAME_A, pass_a);
	dk_keyring_free(&kr);
	free(text);
	dk_slot_keys_clear(&keys);
}

static void
keyring_unlock_v2__damaged_secret_key__is_corrupt(void **state)
{
	unsigned char plain[128];
	struct dk_slot_keys keys, got;
	struct dk_secret *out = NULL;
	struct dk_keyring *kr;
	struct dk_err err;
	size_t n;
	char *text;

	(void)state;
	/* Sealed properly, but its public half is not its seed's: signatures would never verify. */
	v2_plain(plain, &keys, false);
	text = forged("docket keyring slot v2", plain, 128, &n);
	kr = load_text("forged-bad-sk.keys", text, n);
	dk_err_clear(&err);
	assert_rc(dk_keyring_unlock(kr, NAME_A, pass_a, &out, &got, &err), DK_CORRUPT);
	assert_null(out);
	assert_null(got.sign_sk);
	assert_non_null(strstr(err.msg, "damaged signing key"));
	dk_keyring_free(&kr);
	free(text);
	dk_slot_keys_clear(&keys);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(keyring_save_load__round_trip__same_data_key),
	    cmocka_unit_test(keyring_unlock__wrong_passphrase__is_auth),
	    cmocka_unit_test(keyring_unlock__unknown_name__is_auth),
	    cmocka_unit_test(keyring_unlock__empty_keyring__is_auth),
	    cmocka_unit_test(keyring_set__new_passphrase__other_account_unaffected),
	    cmocka_unit_test(keyring_remove__slot__unlock_is_auth),
	    cmocka_unit_test(keyring_unlock__flipped_sealed_byte__only_that_slot_fails),
	    cmocka_unit_test(keyring_unlock__weakened_opslimit__is_auth),
	    cmocka_unit_test(keyring_set__moderate_profile__round_trip),
	    cmocka_unit_test(keyring_set__bad_arguments__are_invalid),
	    cmocka_unit_test(keyring_save__file__holds_no_names_passphrases_or_key),
	    cmocka_unit_test(keyring_save__file__has_documented_shape),
	    cmocka_unit_test(keyring_audit_head__new_keyring__is_absent),
	    cmocka_unit_test(keyring_audit_head__saved__round_trips_between_failures_and_slots),
	    cmocka_unit_test(keyring_save__load_then_save__rewrites_identical_bytes),
	    cmocka_unit_test(keyring_save__existing_file__mode_0600),
	    cmocka_unit_test(keyring_save__success_and_failure__leave_no_temp_files),
	    cmocka_unit_test(keyring_save__missing_directory__is_io),
	    cmocka_unit_test(keyring_load__missing_file__is_notfound),
	    cmocka_unit_test(keyring_load__directory__is_io),
	    cmocka_unit_test(keyring_load__damaged_fields__are_corrupt),
	    cmocka_unit_test(keyring_load__damaged_lines__are_corrupt),
	    cmocka_unit_test(keyring_load__every_truncation__is_corrupt),
	    cmocka_unit_test(keyring_load__duplicate_slot__is_corrupt),
	    cmocka_unit_test(keyring_load__slot_and_size_limits__enforced),
	    cmocka_unit_test(keyring_failures__save_load__persist),
	    cmocka_unit_test(keyring_has__after_load__matches_exact_names),
	    cmocka_unit_test(keyring_stage__pending_file__hashed_then_published),
	    cmocka_unit_test(keyring_pending_hash__edited_file__differs),
	    cmocka_unit_test(keyring_prune__unnamed_slots__removed_named_kept),
	    cmocka_unit_test(keyring_new__two_keyrings__have_different_lookup_salts),
	    cmocka_unit_test(crypto_hash__known_vector__matches_blake2b),
	    cmocka_unit_test(crypto_hash__domains__differ),
	    cmocka_unit_test(crypto_random__two_draws__differ),
	    cmocka_unit_test(kdf_parse__names__accepted_others_refused),
	    cmocka_unit_test(secret_from__copy__is_independent_and_freed_to_null),
	    cmocka_unit_test(keyring_set_v2__round_trip__root_pin_and_secret_key_come_back),
	    cmocka_unit_test(keyring_unlock_v1__asked_for_keys__gives_no_secret_key),
	    cmocka_unit_test(keyring_set__bad_slot_keys__are_invalid),
	    cmocka_unit_test(keyring_load_v2__sealed_field_cut_or_grown__refused_or_auth),
	    cmocka_unit_test(keyring_slot_ad__binds_the_version),
	    cmocka_unit_test(keyring_unlock_v2__damaged_secret_key__is_corrupt),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
