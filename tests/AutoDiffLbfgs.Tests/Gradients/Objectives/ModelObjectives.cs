namespace AutoDiffLbfgs.Tests.Gradients.Objectives;

/// <summary>
/// Model code written the way ports of public benchmarks write it (issue 13): scratch arrays declared once and
/// rewritten for every data point and component, packed triangles read with a running index. The benchmarks compile
/// this file too, so what is timed is what is tested.
/// </summary>
public static partial class ModelObjectives
{
    /// <summary>
    /// ADBench's Gaussian mixture objective (Šrajer, Kukelova, Fitzgibbon 2018, the C++ reference <c>gmm_objective</c>)
    /// with its Wishart prior, ported line by line: <paramref name="x"/> holds the K log-weights α, the K·d means and
    /// the K packed inverse-covariance factors (d log-diagonal entries, then the strict lower triangle column by
    /// column); <paramref name="points"/> holds n points of dimension <paramref name="d"/>.
    /// </summary>
    [Objective]
    public static double GaussianMixture(ReadOnlySpan<double> x, double[] points, int d, int k, double gamma, int m)
    {
        int n = points.Length / d;
        int icfSize = d * (d + 1) / 2;
        double constant = -n * d * 0.5 * Math.Log(2 * Math.PI);
        double[] qDiags = new double[d * k];
        double[] sumQs = new double[k];
        double[] xCentered = new double[d];
        double[] qxCentered = new double[d];
        double[] mainTerm = new double[k];

        // preprocess_qs
        for (int ik = 0; ik < k; ik++)
        {
            sumQs[ik] = 0.0;
            for (int id = 0; id < d; id++)
            {
                double q = x[k + k * d + ik * icfSize + id];
                sumQs[ik] += q;
                qDiags[ik * d + id] = Math.Exp(q);
            }
        }

        double slse = 0.0;
        for (int ix = 0; ix < n; ix++)
        {
            for (int ik = 0; ik < k; ik++)
            {
                // subtract
                for (int id = 0; id < d; id++) xCentered[id] = points[ix * d + id] - x[k + ik * d + id];
                // Qtimesx
                for (int id = 0; id < d; id++) qxCentered[id] = qDiags[ik * d + id] * xCentered[id];
                int lp = k + k * d + ik * icfSize + d;
                for (int i = 0; i < d; i++)
                {
                    for (int j = i + 1; j < d; j++)
                    {
                        qxCentered[j] = qxCentered[j] + x[lp] * xCentered[i];
                        lp++;
                    }
                }
                // sqnorm
                double sq = 0.0;
                for (int id = 0; id < d; id++) sq += qxCentered[id] * qxCentered[id];
                mainTerm[ik] = x[ik] + sumQs[ik] - 0.5 * sq;
            }
            // logsumexp
            double mx = mainTerm[0];
            for (int ik = 1; ik < k; ik++) mx = Math.Max(mx, mainTerm[ik]);
            double semx = 0.0;
            for (int ik = 0; ik < k; ik++) semx += Math.Exp(mainTerm[ik] - mx);
            slse += Math.Log(semx) + mx;
        }

        // logsumexp of the weights
        double amx = x[0];
        for (int ik = 1; ik < k; ik++) amx = Math.Max(amx, x[ik]);
        double asemx = 0.0;
        for (int ik = 0; ik < k; ik++) asemx += Math.Exp(x[ik] - amx);
        double lseAlphas = Math.Log(asemx) + amx;

        // log_wishart_prior (its constant C, which has no derivative, is left out as in ADBench's gradient checks)
        double prior = 0.0;
        for (int ik = 0; ik < k; ik++)
        {
            double frobenius = 0.0;
            for (int id = 0; id < d; id++) frobenius += qDiags[ik * d + id] * qDiags[ik * d + id];
            for (int t = d; t < icfSize; t++) frobenius += x[k + k * d + ik * icfSize + t] * x[k + k * d + ik * icfSize + t];
            prior += 0.5 * gamma * gamma * frobenius - m * sumQs[ik];
        }

        return constant + slse - n * lseAlphas + prior;
    }

    /// <summary>
    /// Scratch arrays in the shapes <c>ScratchArrays</c> must tell apart: <c>z</c> is rewritten for every row, then
    /// updated in place (per-iteration, overwritten within a pass); <c>w</c> is filled by a while loop's passes and
    /// read once more after the loop (not per-iteration: its last pass is live after the loop); <c>h</c> is read
    /// before the pass rewrites it (carried from the pass before: not per-iteration either).
    /// </summary>
    [Objective]
    public static double ScratchRows(ReadOnlySpan<double> x, double[] rows, int width)
    {
        double[] z = new double[width];
        double[] w = new double[width];
        Span<double> h = stackalloc double[width];
        double s = 0.0;
        for (int r = 0; r < rows.Length / width; r++)
        {
            for (int c = 0; c < width; c++) z[c] = rows[r * width + c] * x[c] + x[width + c];
            for (int c = 1; c < width; c++) z[c] = z[c] + Math.Tanh(z[c - 1]);
            double q = 0.0;
            for (int c = 0; c < width; c++) q += z[c] * z[c];
            s += Math.Log(1.0 + q);
            double carried = h[0];
            for (int c = 0; c < width; c++) h[c] = Math.Sin(z[c] + carried);
            s += h[width - 1];
        }
        int pass = 0;
        while (pass < 3)
        {
            for (int c = 0; c < width; c++) w[c] = x[c] * (pass + 1) - x[width + c];
            s += w[0] * w[width - 1];
            pass++;
        }
        return s + w[1] * w[1];
    }
}
