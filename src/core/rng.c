/* splitmix64: reproducible demo data from a seed. Never used for keys or ids. */
#include "docket/rng.h"

void
dk_rng_seed(struct dk_rng *r, uint64_t seed)
{
	r->state = seed;
}

uint64_t
dk_rng_next(struct dk_rng *r)
{
	uint64_t z = (r->state += UINT64_C(0x9E3779B97F4A7C15));

	z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
	return z ^ (z >> 31);
}

uint32_t
dk_rng_below(struct dk_rng *r, uint32_t n)
{
	/* Multiply-shift keeps it unbiased enough for synthetic data. */
	return (uint32_t)(((dk_rng_next(r) >> 32) * (uint64_t)n) >> 32);
}
