using System.Runtime.InteropServices;
using AutoDiffLbfgs.Tests.Newton;

namespace AutoDiffLbfgs.Benchmarks;

/// <summary>
/// LIBLINEAR's C API (Debian's liblinear4, <c>linear.h</c> of 2.3) called in process, so its <c>-s 0</c> training is
/// timed in the same BenchmarkDotNet run and under the same machine load as our solvers. Only what the benchmark needs:
/// the problem built once from CSR rows (with the bias feature as <c>liblinear-train -B 1</c> appends it), one
/// <c>train</c> call per solve, LIBLINEAR's log silenced.
/// </summary>
internal sealed unsafe class LiblinearNative : IDisposable
{
    private const string Library = "liblinear.so.4";
    private const int L2RegularisedLogisticRegression = 0;

    [StructLayout(LayoutKind.Sequential)]
    private struct FeatureNode
    {
        public int Index;
        public double Value;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct Problem
    {
        public int Rows, Columns;
        public double* Labels;
        public FeatureNode** X;
        public double Bias;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct Parameter
    {
        public int SolverType;
        public double Eps, C;
        public int WeightCount;
        public int* WeightLabels;
        public double* Weights;
        public double P;
        public double* InitialSolution;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct Model
    {
        public Parameter Parameter;
        public int ClassCount, FeatureCount;
        public double* W;
        public int* Labels;
        public double Bias;
    }

    [DllImport(Library, EntryPoint = "train")]
    private static extern Model* Train(Problem* problem, Parameter* parameter);

    [DllImport(Library, EntryPoint = "free_and_destroy_model")]
    private static extern void FreeAndDestroyModel(Model** model);

    [DllImport(Library, EntryPoint = "set_print_string_function")]
    private static extern void SetPrintStringFunction(delegate* unmanaged<byte*, void> print);

    [UnmanagedCallersOnly]
    private static void Silent(byte* line)
    {
    }

    private readonly FeatureNode* _nodes;
    private readonly FeatureNode** _rows;
    private readonly double* _labels;
    private readonly int _features;
    private readonly Problem* _problem;

    /// <summary>Copies the rows into LIBLINEAR's layout (native memory, freed by <see cref="Dispose"/>).</summary>
    public LiblinearNative(SparseLogisticData data)
    {
        int rows = data.Rows;
        _features = data.Features;
        _nodes = (FeatureNode*)NativeMemory.Alloc((nuint)(data.Nonzeros + 2L * rows), (nuint)sizeof(FeatureNode));
        _rows = (FeatureNode**)NativeMemory.Alloc((nuint)rows, (nuint)sizeof(FeatureNode*));
        _labels = (double*)NativeMemory.Alloc((nuint)rows, sizeof(double));
        long slot = 0;
        for (int i = 0; i < rows; i++)
        {
            _rows[i] = &_nodes[slot];
            _labels[i] = data.Signs[i];
            for (int k = data.RowStart[i]; k < data.RowStart[i + 1]; k++) _nodes[slot++] = new FeatureNode { Index = data.Columns[k] + 1, Value = data.Values[k] };
            _nodes[slot++] = new FeatureNode { Index = _features + 1, Value = 1 };
            _nodes[slot++] = new FeatureNode { Index = -1 };
        }
        _problem = (Problem*)NativeMemory.Alloc(1, (nuint)sizeof(Problem));
        *_problem = new Problem { Rows = rows, Columns = _features + 1, Labels = _labels, X = _rows, Bias = 1 };
        SetPrintStringFunction(&Silent);
    }

    /// <summary>Trains <c>-s 0 -c <paramref name="c"/> -e <paramref name="eps"/></c> from w = 0 and writes its weights (for label +1, bias last) to <paramref name="w"/>.</summary>
    public void Train(double c, double eps, Span<double> w)
    {
        var parameter = new Parameter { SolverType = L2RegularisedLogisticRegression, Eps = eps, C = c };
        Model* model = Train(_problem, &parameter);
        double sign = model->Labels[0] == 1 ? 1 : -1;
        for (int j = 0; j <= _features; j++) w[j] = sign * model->W[j];
        FreeAndDestroyModel(&model);
    }

    /// <summary>Frees the native copy of the data.</summary>
    public void Dispose()
    {
        NativeMemory.Free(_nodes);
        NativeMemory.Free(_rows);
        NativeMemory.Free(_labels);
        NativeMemory.Free(_problem);
    }
}
