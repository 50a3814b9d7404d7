/* libFuzzer target: dk_date_parse on arbitrary bytes, then date arithmetic invariants. */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "docket/date.h"

#include "fuzz_check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* An independent statement of what parse must accept, to compare against. */
static bool
ref_accepts(const char *s)
{
	static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int y, m, d, last;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (int i = 0; i < 10; i++) {
		if (i != 4 && i != 7 && !(s[i] >= '0' && s[i] <= '9'))
			return false;
	}
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	m = (s[5] - '0') * 10 + (s[6] - '0');
	d = (s[8] - '0') * 10 + (s[9] - '0');
	if (y < 1900 || m < 1 || m > 12)
		return false;
	last = mdays[m - 1] + (m == 2 && y % 4 == 0 && (y % 100 != 0 || y % 400 == 0));
	return d >= 1 && d <= last;
}

static void
check_parse(const char *s)
{
	char back[DK_DATE_STRLEN];
	dk_date d = 424242;
	int y, m, day;

	if (!dk_date_parse(s, &d)) {
		CHECK(d == 424242);
		CHECK(!ref_accepts(s));
		return;
	}
	CHECK(ref_accepts(s));
	/* Accepted means exactly the canonical form: formatting gives the input back. */
	CHECK(strlen(s) == 10);
	dk_date_format(d, back);
	CHECK(strcmp(back, s) == 0);
	dk_date_to_ymd(d, &y, &m, &day);
	CHECK(dk_date_valid_ymd(y, m, day));
	CHECK(dk_date_from_ymd(y, m, day) == d);
}

static int32_t
read_i32(const uint8_t *p)
{
	return (int32_t)((uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	                 (uint32_t)p[3] << 24);
}

static void
check_arithmetic(const uint8_t *data, size_t size)
{
	dk_date lo = dk_date_from_ymd(DK_DATE_MIN_YEAR, 1, 1);
	dk_date hi = dk_date_from_ymd(DK_DATE_MAX_YEAR, 12, 31);
	dk_date d, r, hol[8];
	int32_t span = hi - lo + 1;
	int n, y, m, day, ry, rm, rd, idx, ty, tm, w, count;
	size_t nhol = 0;

	if (size < 8)
		return;
	d = lo + (dk_date)(((uint32_t)read_i32(data)) % (uint32_t)span);
	n = read_i32(data + 4) % 1200;

	dk_date_to_ymd(d, &y, &m, &day);
	r = dk_date_add_months(d, n);
	dk_date_to_ymd(r, &ry, &rm, &rd);
	idx = y * 12 + (m - 1) + n;
	ty = idx / 12;
	tm = idx % 12 + 1;
	CHECK(ry == ty && rm == tm);
	CHECK(rd == (day <= dk_date_days_in_month(ty, tm) ? day : dk_date_days_in_month(ty, tm)));

	r = dk_date_add_days(d, n);
	CHECK(dk_date_diff(r, d) == n);
	w = dk_date_weekday(d);
	CHECK(w >= 1 && w <= 7);
	CHECK(dk_date_weekday(dk_date_add_days(d, 1)) == w % 7 + 1);

	/* Holidays from the remaining bytes: offsets after d, sorted by construction. */
	for (size_t i = 8; i < size && nhol < sizeof(hol) / sizeof(hol[0]); i++) {
		hol[nhol] = (nhol ? hol[nhol - 1] : d) + data[i] % 4;
		nhol++;
	}
	n = (n < 0 ? -n : n) % 40;
	r = dk_date_add_working_days(d, n, hol, nhol);
	count = 0;
	for (dk_date x = d + 1; x <= r; x++) {
		bool holiday = false;

		for (size_t i = 0; i < nhol; i++)
			holiday = holiday || hol[i] == x;
		count += dk_date_weekday(x) <= 5 && !holiday;
	}
	CHECK(count == n);
	CHECK(n == 0 || dk_date_weekday(r) <= 5);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* Raw bytes, then the same bytes read as date-ish characters so real dates turn up. */
	static const char alphabet[] = "0123456789-+ /x";
	char s[32];
	size_t n = size < sizeof(s) - 1 ? size : sizeof(s) - 1;

	memcpy(s, data, n);
	s[n] = '\0';
	check_parse(s);
	for (size_t i = 0; i < n; i++)
		s[i] = alphabet[data[i] % (sizeof(alphabet) - 1)];
	check_parse(s);
	check_arithmetic(data, size);
	return 0;
}
