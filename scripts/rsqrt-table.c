// Prints Sources/Optimizers/TorchSqrt+Table.swift's table from this CPU's
// rsqrtps, after checking that the table reproduces the instruction for every
// positive normal float. Run on the kind of host whose torch numbers optnb
// reproduces (the recorded fixtures come from AMD family 25 hosts):
//     gcc -O2 -o /tmp/rsqrt-table scripts/rsqrt-table.c && /tmp/rsqrt-table
// It prints one line per 8 entries; the generated file wraps them.
#include <immintrin.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static float rsqrt_estimate(float x) { return _mm_cvtss_f32(_mm_rsqrt_ss(_mm_set_ss(x))); }
static uint32_t bits(float f) { uint32_t u; memcpy(&u, &f, 4); return u; }
static float from_bits(uint32_t u) { float f; memcpy(&f, &u, 4); return f; }

int main(void) {
    static uint32_t table[8192];
    for (uint32_t i = 0; i < 8192; i++) {
        uint32_t parity = i >> 12, top = i & 4095;
        table[i] = bits(rsqrt_estimate(from_bits(((127 + parity) << 23) | (top << 11))));
    }
    for (uint32_t b = 0x00800000; b < 0x7f800000; b++) {
        int e = (int)(b >> 23) - 127, parity = e & 1, k = (e - parity) / 2;
        uint32_t estimate = table[(parity << 12) | ((b >> 11) & 4095)] - (uint32_t)(k << 23);
        if (estimate != bits(rsqrt_estimate(from_bits(b)))) {
            fprintf(stderr, "rsqrtps is not a 12-bit table here (input %08x)\n", b);
            return 1;
        }
    }
    for (int i = 0; i < 8192; i++)
        printf(i % 8 == 0 ? "    0x%08x," : i % 8 == 7 ? " 0x%08x,\n" : " 0x%08x,", table[i]);
    return 0;
}
