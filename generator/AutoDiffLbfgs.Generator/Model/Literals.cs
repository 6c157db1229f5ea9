using System.Globalization;

namespace AutoDiffLbfgs.Generator.Model;

/// <summary>Builds literal nodes with invariant-culture, round-trip text (a locale minus sign must never reach a literal).</summary>
internal static class Literals
{
    public static ConstExpr Of(ScalarType type, double value)
    {
        string text = type switch
        {
            ScalarType.Double => Floating(value, suffix: ""),
            ScalarType.Single => Floating((float)value, "f"),
            ScalarType.Int32 => ((long)value).ToString(CultureInfo.InvariantCulture),
            ScalarType.Int64 => ((long)value).ToString(CultureInfo.InvariantCulture) + "L",
            _ => value != 0 ? "true" : "false",
        };
        return new ConstExpr(type, text, value);
    }

    public static ConstExpr Integer(ScalarType type, long value)
    {
        string text = value.ToString(CultureInfo.InvariantCulture) + (type == ScalarType.Int64 ? "L" : "");
        return new ConstExpr(type, text, value);
    }

    public static ConstExpr Boolean(bool value) => new(ScalarType.Boolean, value ? "true" : "false", value ? 1 : 0);

    public static ConstExpr Zero(ScalarType type) => Of(type, 0);

    public static ConstExpr One(ScalarType type) => Of(type, 1);

    private static string Floating(double value, string suffix)
    {
        string keyword = suffix == "f" ? "float" : "double";
        if (double.IsNaN(value)) return keyword + ".NaN";
        if (double.IsPositiveInfinity(value)) return keyword + ".PositiveInfinity";
        if (double.IsNegativeInfinity(value)) return keyword + ".NegativeInfinity";
        string text = suffix == "f"
            ? ((float)value).ToString("R", CultureInfo.InvariantCulture)
            : value.ToString("R", CultureInfo.InvariantCulture);
        if (suffix.Length == 0 && text.IndexOfAny(new[] { '.', 'E', 'e' }) < 0) text += ".0";
        return text + suffix;
    }
}
