namespace CurveFit;

/// <summary>Inverse of a small symmetric positive-definite matrix through its Cholesky factor A = L·Lᵀ.</summary>
public static class Cholesky
{
    /// <summary>
    /// Computes A⁻¹ for a symmetric n×n matrix A (only its lower triangle is read). Returns false when A is not
    /// positive definite, which at a least-squares solution means the parameters are not all determined by the data.
    /// </summary>
    public static bool TryInvert(double[,] a, out double[,] inverse)
    {
        int n = a.GetLength(0);
        if (a.GetLength(1) != n) throw new ArgumentException("The matrix must be square.", nameof(a));

        // Cholesky–Banachiewicz, row by row (Golub & Van Loan, Matrix Computations, 4th ed., §4.2).
        var l = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                double sum = a[i, j];
                for (int k = 0; k < j; k++) sum -= l[i, k] * l[j, k];
                if (i == j)
                {
                    // A non-positive pivot (or NaN, hence the negated test) means A is not positive definite.
                    if (!(sum > 0))
                    {
                        inverse = new double[n, n];
                        return false;
                    }
                    l[i, i] = Math.Sqrt(sum);
                }
                else
                {
                    l[i, j] = sum / l[j, j];
                }
            }
        }

        // Column j of A⁻¹ solves L·Lᵀ·x = eⱼ: forward substitution for L·z = eⱼ, then back substitution for Lᵀ·x = z.
        inverse = new double[n, n];
        var z = new double[n];
        for (int j = 0; j < n; j++)
        {
            for (int i = 0; i < n; i++)
            {
                double sum = i == j ? 1.0 : 0.0;
                for (int k = 0; k < i; k++) sum -= l[i, k] * z[k];
                z[i] = sum / l[i, i];
            }
            for (int i = n - 1; i >= 0; i--)
            {
                double sum = z[i];
                for (int k = i + 1; k < n; k++) sum -= l[k, i] * inverse[k, j];
                inverse[i, j] = sum / l[i, i];
            }
        }
        return true;
    }
}
