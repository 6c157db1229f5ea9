/* Reference runs of liblbfgs 1.10's OWL-QN (orthant-wise mode) for the L1 tests.
 *
 * Build and run from this folder (Debian's liblbfgs-dev):
 *     cc -O2 -o /tmp/make_owlqn_fixtures make_owlqn_fixtures.c -llbfgs -lm && /tmp/make_owlqn_fixtures > owlqn_liblbfgs.json
 * Problems: L1-regularised logistic regression F(w) = (1/N)·Σ[log(1 + e^zᵢ) − yᵢzᵢ] + C·Σ_{j<d}|wⱼ|, z = Xw_features + b,
 * intercept b last and not penalised (orthantwise_start = 0, orthantwise_end = d), w₀ = 0, on
 *   - the breast-cancer data (../logreg/breast_cancer_std.csv, 569 × 30), C = 0.001, 0.01, 0.05;
 *   - a synthetic sparse set (1000 × 200) from SplitMix64 (seed 42): each entry is (k − 8)/8 with k uniform in 0..16
 *     with probability 1/4 (two draws: r1 % 4 == 0, then r2 % 17), else 0; true weights ±1.5 on every 20th feature;
 *     labels drawn by a third stream and written to the fixture (so the test needs no libm agreement), C = 0.002, 0.01.
 * Settings: liblbfgs defaults (m = 6, backtracking ftol 1e-4, max_linesearch 40) with epsilon = 1e-6 ("default" run)
 * and epsilon = 1e-10 ("tight" run, for f and the sparsity pattern; it ends on a line-search error once no step
 * decreases F, status -998 or similar). Evaluations are counted in the objective, iterations by the progress callback;
 * f is recomputed at the returned w. */
#include <lbfgs.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct { int n_rows, d; double *x; int *y; int evaluations; } data_t;

static lbfgsfloatval_t evaluate(void *instance, const lbfgsfloatval_t *w, lbfgsfloatval_t *g, const int n, const lbfgsfloatval_t step)
{
    data_t *data = instance;
    int d = data->d, rows = data->n_rows;
    double f = 0;
    (void)step;
    data->evaluations++;
    for (int j = 0; j < n; j++) g[j] = 0;
    for (int i = 0; i < rows; i++) {
        const double *row = data->x + (size_t)i * d;
        double z = w[d];
        for (int j = 0; j < d; j++) z += row[j] * w[j];
        double softplus = z > 0 ? z + log(1 + exp(-z)) : log(1 + exp(z));
        f += softplus - data->y[i] * z;
        double r = 1 / (1 + exp(-z)) - data->y[i];
        for (int j = 0; j < d; j++) g[j] += r * row[j];
        g[d] += r;
    }
    for (int j = 0; j <= d; j++) g[j] /= rows;
    return f / rows;
}

static uint64_t splitmix(uint64_t *state)
{
    uint64_t z = (*state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

static void synthetic(data_t *data, int rows, int d)
{
    uint64_t features = 42, labels = 4242;
    data->n_rows = rows; data->d = d;
    data->x = calloc((size_t)rows * d, sizeof(double));
    data->y = calloc(rows, sizeof(int));
    for (int i = 0; i < rows; i++) {
        double z = 0;
        for (int j = 0; j < d; j++) {
            uint64_t r1 = splitmix(&features), r2 = splitmix(&features);
            double v = r1 % 4 == 0 ? ((double)(r2 % 17) - 8) / 8 : 0;
            data->x[(size_t)i * d + j] = v;
            if (j % 20 == 0) z += v * ((j / 20) % 2 ? 1.5 : -1.5);
        }
        double u = (double)(splitmix(&labels) >> 11) * 0x1.0p-53;
        data->y[i] = u < 1 / (1 + exp(-z)) ? 1 : 0;
    }
}

static void breast_cancer(data_t *data)
{
    FILE *file = fopen("../logreg/breast_cancer_std.csv", "r");
    char line[8192];
    if (!file) { perror("breast_cancer_std.csv"); exit(1); }
    data->n_rows = 569; data->d = 30;
    data->x = calloc(569 * 30, sizeof(double));
    data->y = calloc(569, sizeof(int));
    if (!fgets(line, sizeof line, file)) exit(1);
    for (int i = 0; i < 569; i++) {
        if (!fgets(line, sizeof line, file)) exit(1);
        char *p = line;
        for (int j = 0; j < 30; j++) data->x[i * 30 + j] = strtod(p, &p), p++;
        data->y[i] = (int)strtod(p, &p);
    }
    fclose(file);
}


static int progress_iterations;
static int progress(void *instance, const lbfgsfloatval_t *x, const lbfgsfloatval_t *g, const lbfgsfloatval_t fx,
                    const lbfgsfloatval_t xnorm, const lbfgsfloatval_t gnorm, const lbfgsfloatval_t step, int n, int k, int ls)
{
    (void)instance; (void)x; (void)g; (void)fx; (void)xnorm; (void)gnorm; (void)step; (void)n; (void)ls;
    progress_iterations = k;
    return 0;
}

static void problem(const char *name, data_t *data, double c, int labels, int last)
{
    int n = data->d + 1;
    printf("  {\"name\": \"%s\", \"c\": %.17g, \"rows\": %d, \"features\": %d,\n", name, c, data->n_rows, data->d);
    if (labels) {
        printf("   \"labels\": [");
        for (int i = 0; i < data->n_rows; i++) printf("%s%d", i ? "," : "", data->y[i]);
        printf("],\n");
    }
    /* Iterations come from the progress callback: a second identical run with it attached. */
    for (int pass = 0; pass < 2; pass++) {
        double epsilon = pass == 0 ? 1e-6 : 1e-10;
        lbfgsfloatval_t *w = lbfgs_malloc(n), f = 0;
        lbfgs_parameter_t param;
        for (int j = 0; j < n; j++) w[j] = 0;
        lbfgs_parameter_init(&param);
        param.orthantwise_c = c;
        param.orthantwise_start = 0;
        param.orthantwise_end = data->d;
        param.linesearch = LBFGS_LINESEARCH_BACKTRACKING;
        param.epsilon = epsilon;
        data->evaluations = 0;
        progress_iterations = 0;
        int status = lbfgs(n, w, &f, evaluate, progress, data, &param);
        int evaluations = data->evaluations;
        /* F at the returned point, recomputed: liblbfgs leaves f unset when a run ends on a line-search error. */
        lbfgsfloatval_t *g = lbfgs_malloc(n);
        f = evaluate(data, w, g, n, 0);
        for (int j = 0; j < data->d; j++) f += c * fabs(w[j]);
        lbfgs_free(g);
        data->evaluations = evaluations;
        printf("   \"%s\": {\"status\": %d, \"iterations\": %d, \"evaluations\": %d, \"f\": %.17g, \"w\": [",
               pass == 0 ? "default" : "tight", status, progress_iterations, data->evaluations, f);
        for (int j = 0; j < n; j++) printf("%s%.17g", j ? ", " : "", w[j]);
        printf("]}%s\n", pass == 0 ? "," : "");
        lbfgs_free(w);
    }
    printf("  }%s\n", last ? "" : ",");
}

int main(void)
{
    data_t cancer, sparse;
    breast_cancer(&cancer);
    synthetic(&sparse, 1000, 200);
    printf("{\"tool\": \"liblbfgs 1.10 OWL-QN (Debian liblbfgs-dev)\", \"problems\": [\n");
    problem("breast_cancer_c0.001", &cancer, 0.001, 0, 0);
    problem("breast_cancer_c0.01", &cancer, 0.01, 0, 0);
    problem("breast_cancer_c0.05", &cancer, 0.05, 0, 0);
    problem("synthetic_sparse_c0.002", &sparse, 0.002, 1, 0);
    problem("synthetic_sparse_c0.01", &sparse, 0.01, 1, 1);
    printf("]}\n");
    return 0;
}
