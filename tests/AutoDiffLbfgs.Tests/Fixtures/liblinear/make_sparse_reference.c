/* Reference runs of LIBLINEAR 2.3's primal trust-region Newton (-s 0, L2-regularised logistic regression, -B 1) on a
 * sparse synthetic data set that the C# side regenerates bit for bit (SparseLogisticData.cs); no data file is kept.
 *
 * Build and run from this folder (Debian's liblinear-dev):
 *     cc -O2 -o /tmp/make_sparse_reference make_sparse_reference.c -llinear -lm
 *     /tmp/make_sparse_reference ROWS FEATURES DENSITY LEVELS SEED C REPEATS [DUMP_PREFIX] > OUT.json
 * make_sparse_reference.py runs it for both fixtures and polishes the optimum with scipy.
 *
 * The data (SplitMix64 from SEED, one stream, draws in this order):
 *   - true weights: for j < FEATURES, ((next % 33) - 16) / 16;
 *   - row i: for each feature j in order, if next % DENSITY == 0 the entry is m / 16 / 2^(j % LEVELS) with
 *     m = (next % 32) - 16, moved to m + 1 when m >= 0 (so m is in -16..-1, 1..16; LEVELS = 1 scales nothing, 8 gives
 *     columns from 1 down to 1/128 of the others, as unnormalised features are); then noise = ((next % 513) - 256) / 64; the label is +1
 *     when sum(entry * true weight) + noise > 0, else -1.
 * Every value is a dyadic rational of a few bits, so the sums are exact in double and any summation order gives the same
 * labels (no libm is involved).
 *
 * LIBLINEAR minimises f(w) = C * sum_i log(1 + exp(-y_i w.[x_i, 1])) + 0.5 * ||w||^2 (the bias weight last and
 * regularised). For each eps in 1e-1 .. 1e-12 the harness trains from w = 0 REPEATS times and records the shortest
 * wall time of train() alone (CLOCK_MONOTONIC; no file reading), the Newton and CG iterations from LIBLINEAR's log and
 * f at the returned weights (summed in long double). The json lists every run; with DUMP_PREFIX it also writes the data (CSR, int32 and
 * float64, little-endian) and the tightest weights for the scipy polish. */
#include <linear.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static uint64_t state;

static uint64_t next(void)
{
    uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

static int newton_iterations, cg_iterations;

/* LIBLINEAR prints "iter  k act ... CG  c ..." once per Newton iteration. */
static void count_iterations(const char *line)
{
    const char *cg = strstr(line, "CG");
    if (strncmp(line, "iter", 4) == 0 && cg != NULL)
    {
        newton_iterations++;
        cg_iterations += atoi(cg + 2);
    }
}

int main(int argc, char **argv)
{
    if (argc < 8)
    {
        fprintf(stderr, "usage: %s ROWS FEATURES DENSITY LEVELS SEED C REPEATS [DUMP_PREFIX]\n", argv[0]);
        return 2;
    }
    int rows = atoi(argv[1]), d = atoi(argv[2]), density = atoi(argv[3]), levels = atoi(argv[4]);
    uint64_t seed = strtoull(argv[5], NULL, 10);
    double c = atof(argv[6]);
    int repeats = atoi(argv[7]);
    const char *dump = argc > 8 ? argv[8] : NULL;

    state = seed;
    double *truth = malloc(sizeof(double) * d);
    for (int j = 0; j < d; j++) truth[j] = ((double)(next() % 33) - 16) / 16;

    size_t capacity = (size_t)rows * (d / density + 16), nnz = 0;
    struct feature_node *space = malloc(sizeof(struct feature_node) * (capacity + 2 * (size_t)rows));
    struct feature_node **x = malloc(sizeof(*x) * rows);
    int *row_start = malloc(sizeof(int) * (rows + 1)), *columns = malloc(sizeof(int) * capacity);
    double *values = malloc(sizeof(double) * capacity), *y = malloc(sizeof(double) * rows);
    size_t slot = 0;
    int positives = 0;
    for (int i = 0; i < rows; i++)
    {
        x[i] = &space[slot];
        row_start[i] = (int)nnz;
        double z = 0;
        for (int j = 0; j < d; j++)
        {
            if (next() % (uint64_t)density != 0) continue;
            int m = (int)(next() % 32) - 16;
            if (m >= 0) m++;
            double v = ldexp(m / 16.0, -(j % levels));
            if (nnz == capacity) { fprintf(stderr, "capacity\n"); return 1; }
            columns[nnz] = j;
            values[nnz++] = v;
            space[slot].index = j + 1;
            space[slot++].value = v;
            z += v * truth[j];
        }
        z += ((double)(next() % 513) - 256) / 64;
        y[i] = z > 0 ? 1 : -1;
        positives += z > 0;
        space[slot].index = d + 1; /* the bias feature, as liblinear-train -B 1 appends it */
        space[slot++].value = 1;
        space[slot++].index = -1;
    }
    row_start[rows] = (int)nnz;

    /* A fingerprint the C# generator must reproduce: the count, the labels and sum (j + 1) * value, exact. */
    double checksum = 0;
    for (size_t k = 0; k < nnz; k++) checksum += (columns[k] + 1) * values[k];

    struct problem prob = { .l = rows, .n = d + 1, .y = y, .x = x, .bias = 1 };
    set_print_string_function(count_iterations);
    printf("{\n \"rows\": %d, \"features\": %d, \"density\": %d, \"levels\": %d, \"seed\": %llu, \"C\": %.17g, \"bias\": 1, \"repeats\": %d,\n",
        rows, d, density, levels, (unsigned long long)seed, c, repeats);
    printf(" \"nonzeros\": %zu, \"positives\": %d, \"checksum\": %.17g,\n \"runs\": [\n", nnz, positives, checksum);
    double *tightest = malloc(sizeof(double) * (d + 1));
    for (int e = 1; e <= 12; e++)
    {
        struct parameter param = { .solver_type = L2R_LR, .eps = pow(10, -e), .C = c };
        struct model *model = NULL;
        double seconds = INFINITY;
        for (int r = 0; r < repeats; r++)
        {
            if (model != NULL) free_and_destroy_model(&model);
            newton_iterations = cg_iterations = 0;
            struct timespec t0, t1;
            clock_gettime(CLOCK_MONOTONIC, &t0);
            model = train(&prob, &param);
            clock_gettime(CLOCK_MONOTONIC, &t1);
            seconds = fmin(seconds, (t1.tv_sec - t0.tv_sec) + 1e-9 * (t1.tv_nsec - t0.tv_nsec));
        }
        /* LIBLINEAR's w scores its first label, the first one in the data. */
        double sign = model->label[0] == 1 ? 1 : -1;
        long double f = 0, norm = 0;
        for (int j = 0; j <= d; j++) norm += (long double)model->w[j] * model->w[j];
        for (int i = 0; i < rows; i++)
        {
            double z = model->w[d];
            for (int k = row_start[i]; k < row_start[i + 1]; k++) z += values[k] * model->w[columns[k]];
            double margin = -y[i] * sign * z;
            f += margin > 0 ? margin + log1p(exp(-margin)) : log1p(exp(margin));
        }
        f = c * f + norm / 2;
        for (int j = 0; j <= d; j++) tightest[j] = sign * model->w[j];
        printf("  {\"eps\": %.0e, \"iterations\": %d, \"cg_iterations\": %d, \"seconds\": %.6f, \"f\": %.17g}%s\n", param.eps,
            newton_iterations, cg_iterations, seconds, (double)f, e < 12 ? "," : "");
        free_and_destroy_model(&model);
    }
    printf(" ]\n}\n");

    if (dump != NULL)
    {
        char path[4096];
        struct { const char *suffix; const void *data; size_t size; } parts[] = {
            { "row_start.i32", row_start, sizeof(int) * (rows + 1) }, { "columns.i32", columns, sizeof(int) * nnz },
            { "values.f64", values, sizeof(double) * nnz }, { "signs.f64", y, sizeof(double) * rows },
            { "w.f64", tightest, sizeof(double) * (d + 1) } };
        for (size_t p = 0; p < sizeof(parts) / sizeof(parts[0]); p++)
        {
            snprintf(path, sizeof(path), "%s%s", dump, parts[p].suffix);
            FILE *file = fopen(path, "wb");
            fwrite(parts[p].data, 1, parts[p].size, file);
            fclose(file);
        }
    }
    return 0;
}
