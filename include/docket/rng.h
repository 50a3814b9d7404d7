/* A small deterministic PRNG (splitmix64) for reproducible synthetic data; not for secrets. */
#ifndef DOCKET_RNG_H
#define DOCKET_RNG_H

#include <stdint.h>

struct dk_rng {
	uint64_t state;
};

void dk_rng_seed(struct dk_rng *r, uint64_t seed);
uint64_t dk_rng_next(struct dk_rng *r);
/* Uniform in [0, n), n > 0. */
uint32_t dk_rng_below(struct dk_rng *r, uint32_t n);

#endif
