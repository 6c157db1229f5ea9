using System.Globalization;
using System.Text;

namespace AutoDiffLbfgs.Generator.Tests.Fuzz;

/// <summary>
/// Writes random, valid <c>[Objective]</c> bodies that mix every construct of the first tier: declarations and
/// reassignment, compound assignment, reduction loops and loops with carried non-linear state, while loops, nested
/// ifs, early returns, break and continue, ternaries and the Math functions; and of the control flow and helpers: foreach over
/// the variables, switch statements and expressions on integers, Math.Clamp, local arrays filled and then read, some
/// updated in place or by a recurrence first,
/// and calls of the helpers in <see cref="Helpers"/> (Bend inlined, Fold and Wave transformed once by the generator). Magnitudes stay bounded (carried state goes through Tanh/Cos),
/// and every function is used inside its domain, so values are finite everywhere.
/// </summary>
internal sealed class RandomObjective
{
    /// <summary>
    /// Helper methods the random bodies call, declared once in the class that holds them: an expression-bodied one,
    /// one with statements and an early return, and one over the variables as a span with a foreach.
    /// </summary>
    public const string Helpers = """
            private static double Bend(double z) => Math.Tanh(z) * z + 0.5 * z;

            private static double Fold(double a, double b)
            {
                double t = a * b;
                if (t > 0.25) return Math.Sin(t) + a;
                double u = t * t - 0.5 * b;
                return u;
            }

            private static double Wave(ReadOnlySpan<double> u, int k)
            {
                double s = 0.0;
                foreach (double e in u) s += Math.Cos(e + 0.1 * k);
                return s / u.Length;
            }

            private static (double Bent, double Half) Split(double z)
            {
                if (z > 1.0) return (Math.Tanh(z), 0.5);
                return (Math.Tanh(z) * z, 0.5 * z);
            }

            private static void Lift(double a, out double r)
            {
                r = Math.Sqrt(1.0 + a * a) - 1.0;
            }

        """;

    private readonly Random _random;
    private readonly StringBuilder _text = new();
    private readonly List<List<string>> _scopes = [[]];
    private readonly List<string> _readOnly = [];
    private readonly Stack<string> _loopCounters = new();
    private int _names;
    private int _indent = 2;
    private int _loopDepth;

    private RandomObjective(Random random) => _random = random;

    /// <summary>The source of a static method <c>public static double {name}(double[] x)</c>.</summary>
    public static string Write(string name, Random random)
    {
        var writer = new RandomObjective(random);
        writer._text.Append("    [Objective]\n    public static double ").Append(name).Append("(double[] x)\n    {\n");
        writer.Statements(count: random.Next(3, 7), depth: 0);
        writer.Line("return " + writer.Expression(3) + ";");
        writer._text.Append("    }\n");
        return writer._text.ToString();
    }

    private void Statements(int count, int depth)
    {
        for (int k = 0; k < count; k++) Statement(depth);
    }

    private void Statement(int depth)
    {
        int choice = _random.Next(depth >= 2 ? 4 : 14);
        var locals = Visible();
        switch (choice)
        {
            case 0 or 1:
                DeclareSeveral(Expression(3));
                break;
            case 2 when locals.Count > 0:
                Line($"{Pick(locals)} = {Expression(3)};");
                break;
            case 3 when locals.Count > 0:
                string target = Pick(locals);
                Line(_random.Next(3) switch
                {
                    0 => $"{target} += {Expression(2)};",
                    1 => $"{target} -= {Expression(2)};",
                    _ => $"{target} *= Math.Cos({Expression(2)});",
                });
                break;
            case 4 or 5:
                If(depth);
                break;
            case 6:
                ReductionLoop(depth);
                break;
            case 7:
                CarriedLoop(depth);
                break;
            case 8:
                WhileLoop(depth);
                break;
            case 9:
                Line($"if ({Condition()}) return {Expression(2)};");
                break;
            case 10:
                ForEachLoop(depth);
                break;
            case 11:
                Switch(depth);
                break;
            case 12:
                LocalArray();
                break;
            default:
                Declare(Expression(2));
                break;
        }
    }

    private void If(int depth)
    {
        Line($"if ({Condition()})");
        Block(() => Statements(_random.Next(1, 3), depth + 1));
        if (_random.Next(2) == 0)
        {
            Line("else");
            Block(() => Statements(_random.Next(1, 3), depth + 1));
        }
    }

    private void ReductionLoop(int depth)
    {
        string sum = Declare("0.0");
        string i = Counter();
        Line($"for (int {i} = 0; {i} < x.Length; {i}++)");
        Loop(i, () =>
        {
            string local = Declare(Expression(2));
            Line($"{sum} += {local} * {Expression(1)};");
            if (depth < 1 && _random.Next(3) == 0) Statement(depth + 1);
        });
    }

    private void CarriedLoop(int depth)
    {
        string state = Declare(Expression(1));
        string i = Counter();
        Line($"for (int {i} = 0; {i} < x.Length; {i}++)");
        Loop(i, () =>
        {
            Line($"{state} = Math.Tanh({state} * {Expression(1)} + {Expression(2)});");
            if (_random.Next(3) == 0) Line($"if ({Condition()}) {(_random.Next(2) == 0 ? "break" : "continue")};");
            if (depth < 1 && _random.Next(2) == 0) Statement(depth + 1);
        });
    }

    private void ForEachLoop(int depth)
    {
        string sum = Declare("0.0");
        string e = "e" + (_names++).ToString(CultureInfo.InvariantCulture);
        Line($"foreach (double {e} in x)");
        _readOnly.Add(e);
        Block(() =>
        {
            Line($"{sum} += {e} * {Expression(2)};");
            if (depth < 1 && _random.Next(3) == 0) Statement(depth + 1);
        });
        _readOnly.Remove(e);
    }

    private void LocalArray()
    {
        string array = "a" + (_names++).ToString(CultureInfo.InvariantCulture);
        Line(_random.Next(2) == 0 ? $"double[] {array} = new double[x.Length];" : $"Span<double> {array} = stackalloc double[x.Length];");
        string fill = Counter();
        Line($"for (int {fill} = 0; {fill} < {array}.Length; {fill}++)");
        Loop(fill, () => Line($"{array}[{fill}] = {Expression(2)};"));
        switch (_random.Next(4))
        {
            case 0:
                // updated in place: an accumulation, then an overwrite that reads the element it replaces
                string update = Counter();
                Line($"for (int {update} = 0; {update} < {array}.Length; {update}++)");
                Loop(update, () =>
                {
                    Line($"{array}[{update}] += {Expression(1)};");
                    Line($"{array}[{update}] = Math.Sin({array}[{update}]) * {Expression(1)};");
                });
                break;
            case 1:
                // a recurrence: each element reads the one before it, already updated
                string step = Counter();
                Line($"for (int {step} = 1; {step} < {array}.Length; {step}++)");
                Loop(step, () => Line($"{array}[{step}] *= 0.5 + 0.25 * Math.Tanh({array}[{step} - 1]);"));
                break;
            case 2:
                PerIterationScratch(array);
                break;
        }
        string sum = Declare("0.0");
        string read = Counter();
        Line($"for (int {read} = 0; {read} < {array}.Length; {read}++)");
        Loop(read, () => Line($"{sum} += {array}[{read}] * {array}[({read} + 1) % {array}.Length] * {Expression(1)};"));
    }

    /// <summary>
    /// A scratch array of model code (issue 13): declared once, rewritten at the start of every pass of a loop, updated
    /// in place by a recurrence and reduced, so the generator must treat it as a new array per pass. Drawn from no
    /// random numbers, so the seeds that reach it keep their program shape.
    /// </summary>
    private void PerIterationScratch(string array)
    {
        string scratch = "a" + (_names++).ToString(CultureInfo.InvariantCulture);
        Line($"double[] {scratch} = new double[x.Length];");
        string total = Declare("0.0");
        string pass = Counter();
        Line($"for (int {pass} = 0; {pass} < 3; {pass}++)");
        Loop(pass, () =>
        {
            string fill = Counter();
            Line($"for (int {fill} = 0; {fill} < {scratch}.Length; {fill}++)");
            Loop(fill, () => Line($"{scratch}[{fill}] = Math.Sin({array}[{fill}] * (0.5 + {pass})) * x[({fill} + {pass}) % x.Length];"));
            string step = Counter();
            Line($"for (int {step} = 1; {step} < {scratch}.Length; {step}++)");
            Loop(step, () => Line($"{scratch}[{step}] += 0.5 * Math.Tanh({scratch}[{step} - 1]);"));
            string read = Counter();
            Line($"for (int {read} = 0; {read} < {scratch}.Length; {read}++)");
            Loop(read, () => Line($"{total} += {scratch}[{read}] * {scratch}[{read}];"));
        });
        Line($"{array}[0] += 0.1 * Math.Tanh({total});");
    }

    private void Switch(int depth)
    {
        string selector = _loopCounters.Count > 0 && _random.Next(2) == 0 ? $"{_loopCounters.Peek()} % 3" : $"x.Length % {_random.Next(2, 5)}";
        Line($"switch ({selector})");
        Line("{");
        _indent++;
        int sections = _random.Next(1, 4);
        for (int k = 0; k < sections; k++)
        {
            Line(k == sections - 1 && _random.Next(2) == 0 ? "default:" : $"case {k}:");
            _indent++;
            _scopes.Add([]);
            Statements(_random.Next(1, 3), depth + 1);
            _scopes.RemoveAt(_scopes.Count - 1);
            Line("break;");
            _indent--;
        }
        _indent--;
        Line("}");
    }

    private void WhileLoop(int depth)
    {
        string w = Counter();
        Line($"int {w} = 0;");
        string state = Declare(Expression(1));
        Line($"while ({w} < {_random.Next(1, 4)})");
        Loop(w, () =>
        {
            Line($"{state} = {state} * Math.Cos({Expression(1)}) + {Expression(1)};");
            if (depth < 1 && _random.Next(2) == 0) Statement(depth + 1);
            Line($"{w}++;");
        });
    }

    private void Loop(string counter, Action body)
    {
        _loopCounters.Push(counter);
        _loopDepth++;
        Block(body);
        _loopDepth--;
        _loopCounters.Pop();
    }

    private void Block(Action body)
    {
        Line("{");
        _indent++;
        _scopes.Add([]);
        body();
        _scopes.RemoveAt(_scopes.Count - 1);
        _indent--;
        Line("}");
    }

    private string Condition()
    {
        string left = Expression(2), comparison = _random.Next(2) == 0 ? "<" : ">", right = Expression(1);
        // Every other condition carries the guard model code writes around a logarithm (a zero-derivative test).
        return Alternate() ? $"double.IsFinite({left}) && {left} {comparison} {right}" : $"{left} {comparison} {right}";
    }

    /// <summary>
    /// Alternates between two spellings of a construct without drawing from the random sequence, so a seed keeps
    /// giving the same program shape while the spellings the generator must accept (generic math, the inverse
    /// hyperbolic functions, Hypot, Log with a base, IsFinite) are covered.
    /// </summary>
    private bool Alternate() => _alternation++ % 2 == 1;

    private int _alternation;

    private string Expression(int depth)
    {
        if (depth <= 0 || _random.Next(4) == 0) return Leaf();
        int kind = _random.Next(27);
        if (kind is 19 or 26)
        {
            // Only one branch of ?: (one arm of a switch expression) runs. Fold and Wave, transformed once, are calls and
            // may appear there; an inlined helper with statements may not (ADL0111), and none is generated.
            string condition = Condition();
            string whenTrue = Expression(depth - 1), whenFalse = Expression(depth - 1), otherwise = Leaf();
            string selector = _loopCounters.Count > 0 ? _loopCounters.Peek() : "x.Length";
            return kind == 19
                ? $"({condition} ? {whenTrue} : {whenFalse})"
                : $"({selector} % 3) switch {{ 0 => {whenTrue}, 1 => {whenFalse}, _ => {otherwise} }}";
        }
        string a = Expression(depth - 1), b = Expression(depth - 1);
        return kind switch
        {
            22 => $"Math.Clamp({a}, {Constant(-1.5, -0.2)}, {Constant(0.2, 1.5)})",
            23 => $"Bend({a})",
            24 => $"Fold({a}, {b})",
            25 => $"Wave(x, {(_loopCounters.Count > 0 ? _loopCounters.Peek() : _random.Next(5).ToString(CultureInfo.InvariantCulture))})",
            0 or 1 => $"({a} + {b})",
            2 or 3 => $"({a} - {b})",
            4 or 5 or 6 => $"{a} * {b}",
            7 => $"{a} / (1.5 + {b} * {b})",
            8 => Alternate() ? $"double.Sin({a})" : $"Math.Sin({a})",
            9 => Alternate() ? $"double.Cos({a})" : $"Math.Cos({a})",
            10 => Alternate() ? $"Math.Atanh(0.9 * Math.Tanh({a}))" : $"Math.Tanh({a})",
            11 => Alternate() ? $"Math.Asinh({a})" : $"Math.Atan({a})",
            12 => Alternate() ? $"double.Exp(double.Tanh({a}))" : $"Math.Exp(Math.Tanh({a}))",
            13 => Alternate() ? $"Math.Log(1.0 + {a} * {a}, 2.5)" : $"Math.Log(1.0 + {a} * {a})",
            14 => Alternate() ? $"double.Hypot({a}, 1.0 + {b} * {b})" : $"Math.Sqrt(2.0 + Math.Sin({a} * {b}))",
            15 => $"Math.Max({a}, {b})",
            16 => $"Math.Min({a}, {b})",
            17 => $"Math.Abs({a})",
            18 => $"Math.Pow(1.5 + Math.Tanh({a}) * Math.Tanh({a}), {Constant(0.3, 1.7)})",
            20 => $"Math.Atan2({a}, 1.0 + {b} * {b})",
            21 => $"Math.FusedMultiplyAdd({a}, {b}, {Leaf()})",
            _ => $"({a} + {b})",
        };
    }

    private string Leaf()
    {
        var locals = Readable();
        int choice = _random.Next(locals.Count > 0 ? 5 : 3);
        if (choice == 0) return Constant(-2, 2);
        if (choice <= 2 || locals.Count == 0)
        {
            if (_loopCounters.Count > 0 && _random.Next(2) == 0)
            {
                string i = _loopCounters.Peek();
                return _random.Next(2) == 0 ? $"x[{i} % x.Length]" : $"x[({i} + 1) % x.Length]";
            }
            return $"x[{_random.Next(4)}]";
        }
        return Pick(locals);
    }

    private string Constant(double low, double high) =>
        Math.Round(low + _random.NextDouble() * (high - low), 3).ToString("0.0##", CultureInfo.InvariantCulture);

    /// <summary>
    /// A declaration of <paramref name="init"/> spelled, in turn, as a plain local, as a tuple deconstruction of
    /// <c>Split</c>, as an out argument of <c>Lift</c> (helpers that give back several values, issue 13) and with a
    /// slice of the variables passed to <c>Wave</c>, without
    /// drawing from the random sequence (see <see cref="Respell"/>).
    /// </summary>
    private void DeclareSeveral(string init)
    {
        switch (Respell() % 4)
        {
            case 3:
                // A slice of the variables passed to a helper: inlined, so only where a call may be hoisted.
                string sliced = "v" + (_names++).ToString(CultureInfo.InvariantCulture);
                Line($"double {sliced} = {init} + 0.5 * Wave(x[1..], {_names % 5});");
                _scopes[^1].Add(sliced);
                break;
            case 1:
                string bent = "v" + (_names++).ToString(CultureInfo.InvariantCulture), half = "v" + (_names++).ToString(CultureInfo.InvariantCulture);
                Line($"var ({bent}, {half}) = Split({init});");
                _scopes[^1].Add(bent);
                _scopes[^1].Add(half);
                break;
            case 2:
                string lifted = "v" + (_names++).ToString(CultureInfo.InvariantCulture);
                Line($"Lift({init}, out double {lifted});");
                _scopes[^1].Add(lifted);
                break;
            default:
                Declare(init);
                break;
        }
    }

    /// <summary>
    /// A counter of its own for the spellings added with issue 13's idioms (tuples, out arguments, slices), kept apart
    /// from <see cref="Alternate"/> so the spellings earlier seeds were hunted with do not move.
    /// </summary>
    private int Respell() => _respelling++;

    private int _respelling;

    private string Declare(string init)
    {
        string name = "v" + (_names++).ToString(CultureInfo.InvariantCulture);
        Line($"double {name} = {init};");
        _scopes[^1].Add(name);
        return name;
    }

    private string Counter() => "i" + (_names++).ToString(CultureInfo.InvariantCulture);

    private List<string> Visible() => [.. _scopes.SelectMany(s => s)];

    /// <summary>Locals a leaf may read: the assignable ones and the foreach variables in scope.</summary>
    private List<string> Readable() => [.. Visible(), .. _readOnly];

    private string Pick(List<string> items) => items[_random.Next(items.Count)];

    private void Line(string line) => _text.Append(' ', _indent * 4).Append(line).Append('\n');
}
