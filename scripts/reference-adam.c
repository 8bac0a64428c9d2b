/* A plain C loop of Adam's float32 update, the yardstick for `optnb bench`.
 *
 * The same arithmetic as torch's single-tensor Adam (and optnb's kernel):
 * m ← m + (g − m)(1 − β₁), v ← β₂v + (1 − β₂)g², θ ← θ − s·m / (√v / c₂ + ε),
 * compiled as the reference was (gcc -O3 -march=native), with
 * -fno-math-errno so sqrt vectorizes and -ffp-contract=off so nothing is
 * fused, then split across threads by OpenMP's static schedule.
 *
 * One and two threads alternate sample by sample on the same arrays, as
 * `optnb bench --threads 1 --threads 2` does, so their ratio compares the
 * same seconds of the machine. Prints one JSON object.
 *
 * Build and run (scripts/bench-figures does this):
 *   cc -O3 -march=native -fno-math-errno -ffp-contract=off -fopenmp \
 *      scripts/reference-adam.c -o /tmp/reference-adam -lm
 *   /tmp/reference-adam 10000000 21
 */
#include <math.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static int ascending(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static void adam(float *restrict p, const float *restrict g, float *restrict m,
                 float *restrict v, long n) {
    const float w = 0.1f, beta2 = 0.999f, oneMinusBeta2 = 0.001f;
    const float negStep = -0.001f / 0.1f, c2 = 0.0316227766f, eps = 1e-8f;
#pragma omp parallel for schedule(static)
    for (long i = 0; i < n; i++) {
        float mi = m[i] + (g[i] - m[i]) * w;
        float vi = v[i] * beta2 + (oneMinusBeta2 * g[i]) * g[i];
        m[i] = mi;
        v[i] = vi;
        p[i] = p[i] + (negStep * mi) / (sqrtf(vi) / c2 + eps);
    }
}

int main(int argc, char **argv) {
    long n = argc > 1 ? atol(argv[1]) : 10000000;
    int reps = argc > 2 ? atoi(argv[2]) : 21;
    if (n < 1 || reps < 1 || reps > 1000) {
        fprintf(stderr, "usage: reference-adam [ELEMENTS] [SAMPLES (1-1000)]\n");
        return 2;
    }
    float *a[4];
    for (int k = 0; k < 4; k++) {
        a[k] = malloc(sizeof(float) * (size_t)n);
        if (!a[k]) { fprintf(stderr, "reference-adam: out of memory\n"); return 1; }
        for (long i = 0; i < n; i++) a[k][i] = k == 1 ? (float)((i % 2001) - 1000) / 1000.0f : 0.0f;
    }
    static double seconds[2][1000];
    adam(a[0], a[1], a[2], a[3], n);  /* warm-up: first touch of every page */
    for (int r = 0; r < reps; r++) {
        for (int t = 0; t < 2; t++) {
            omp_set_num_threads(t + 1);
            double start = now();
            adam(a[0], a[1], a[2], a[3], n);
            seconds[t][r] = now() - start;
        }
    }
    double median[2];
    for (int t = 0; t < 2; t++) {
        qsort(seconds[t], (size_t)reps, sizeof(double), ascending);
        median[t] = reps % 2 ? seconds[t][reps / 2] : (seconds[t][reps / 2 - 1] + seconds[t][reps / 2]) / 2;
    }
    printf("{\"size\": %ld, \"median_seconds\": [%.9g, %.9g], "
           "\"elements_per_second\": [%.6g, %.6g], \"speedup\": %.4f}\n",
           n, median[0], median[1], n / median[0], n / median[1], median[0] / median[1]);
    return 0;
}
