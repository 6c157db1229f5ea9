namespace AutoDiffLbfgs;

/// <summary>
/// Direct solvers for the small (at most 2m × 2m) dense systems of L-BFGS-B, row-major in caller-owned arrays, so
/// nothing is allocated. Cholesky for the symmetric positive definite θSᵀS + LD⁻¹Lᵀ (the paper's J Jᵀ, L-BFGS-B's
/// <c>formt</c>), Gaussian elimination with partial pivoting for the symmetric indefinite reduced matrix.
/// </summary>
internal static class SmallDenseSystems
{
    /// <summary>In place: the lower triangle of <paramref name="a"/> (k × k, row-major, stride <paramref name="stride"/>) becomes L with A = LLᵀ; false when A is not positive definite.</summary>
    public static bool CholeskyFactor(Span<double> a, int k, int stride)
    {
        for (int j = 0; j < k; j++)
        {
            double diagonal = a[j * stride + j];
            for (int p = 0; p < j; p++) diagonal -= a[j * stride + p] * a[j * stride + p];
            if (!(diagonal > 0)) return false;
            double root = Math.Sqrt(diagonal);
            a[j * stride + j] = root;
            for (int i = j + 1; i < k; i++)
            {
                double sum = a[i * stride + j];
                for (int p = 0; p < j; p++) sum -= a[i * stride + p] * a[j * stride + p];
                a[i * stride + j] = sum / root;
            }
        }
        return true;
    }

    /// <summary>b ← A⁻¹b for A = LLᵀ factored by <see cref="CholeskyFactor"/>.</summary>
    public static void CholeskySolve(ReadOnlySpan<double> l, int k, int stride, Span<double> b)
    {
        for (int i = 0; i < k; i++)
        {
            double sum = b[i];
            for (int p = 0; p < i; p++) sum -= l[i * stride + p] * b[p];
            b[i] = sum / l[i * stride + i];
        }
        for (int i = k - 1; i >= 0; i--)
        {
            double sum = b[i];
            for (int p = i + 1; p < k; p++) sum -= l[p * stride + i] * b[p];
            b[i] = sum / l[i * stride + i];
        }
    }

    /// <summary>b ← A⁻¹b by Gaussian elimination with partial pivoting; A (k × k, row-major) is overwritten. False when A is singular.</summary>
    public static bool LuSolve(Span<double> a, int k, Span<double> b)
    {
        for (int col = 0; col < k; col++)
        {
            int pivot = col;
            for (int row = col + 1; row < k; row++)
            {
                if (Math.Abs(a[row * k + col]) > Math.Abs(a[pivot * k + col])) pivot = row;
            }
            if (!(a[pivot * k + col] != 0) || !double.IsFinite(a[pivot * k + col])) return false;
            if (pivot != col)
            {
                for (int j = 0; j < k; j++) (a[col * k + j], a[pivot * k + j]) = (a[pivot * k + j], a[col * k + j]);
                (b[col], b[pivot]) = (b[pivot], b[col]);
            }
            double inverse = 1 / a[col * k + col];
            for (int row = col + 1; row < k; row++)
            {
                double factor = a[row * k + col] * inverse;
                if (factor == 0) continue;
                for (int j = col + 1; j < k; j++) a[row * k + j] -= factor * a[col * k + j];
                b[row] -= factor * b[col];
            }
        }
        for (int row = k - 1; row >= 0; row--)
        {
            double sum = b[row];
            for (int j = row + 1; j < k; j++) sum -= a[row * k + j] * b[j];
            b[row] = sum / a[row * k + row];
        }
        return true;
    }
}
