using static Orkestra.Templating.NoteValues;

namespace Orkestra.Templating;

/// <summary>
/// The math notes (upstream <c>pkg/note/math.go</c>): arguments are numbers, numeric strings or booleans (nil is 0);
/// results are integers when whole, floats otherwise, so <c>{{ add .spec.replicas 1 }}</c> prints <c>4</c>.
/// </summary>
internal static class MathNotes
{
    public static void Register(NoteRegistry notes)
    {
        notes.Add("add", c => Native(Number("add", c.Arguments[0]) + Number("add", c.Arguments[1])));
        notes.Add("sub", c => Native(Number("sub", c.Arguments[0]) - Number("sub", c.Arguments[1])));
        notes.Add("mul", c => Native(Number("mul", c.Arguments[0]) * Number("mul", c.Arguments[1])));
        notes.Add("div", c =>
        {
            var a = Number("div", c.Arguments[0]);
            var b = Number("div", c.Arguments[1]);
            return b == 0 ? throw new TemplateFunctionException("div: division by zero") : Native(a / b);
        });
        notes.Add("mod", c =>
        {
            var a = Truncate(Number("mod", c.Arguments[0]));
            var b = Truncate(Number("mod", c.Arguments[1]));
            return b == 0 ? throw new TemplateFunctionException("mod: division by zero") : b == -1 ? 0L : a % b;
        });
        notes.Add("min", c =>
        {
            var a = Number("min", c.Arguments[0]);
            var b = Number("min", c.Arguments[1]);
            return Native(a < b ? a : b);
        });
        notes.Add("max", c =>
        {
            var a = Number("max", c.Arguments[0]);
            var b = Number("max", c.Arguments[1]);
            return Native(a > b ? a : b);
        });
        notes.Add("clamp", c =>
        {
            var value = Number("clamp", c.Arguments[0]);
            var low = Number("clamp", c.Arguments[1]);
            var high = Number("clamp", c.Arguments[2]);
            return Native(value < low ? low : value > high ? high : value);
        });
        notes.Add("abs", c => Native(System.Math.Abs(Number("abs", c.Arguments[0]))));
    }

    // Go's int64(f): toward zero; out of range and NaN saturate here instead of being undefined.
    private static long Truncate(double value) =>
        double.IsNaN(value) ? 0 : value >= 9.2233720368547758E18 ? long.MaxValue : value <= -9.2233720368547758E18 ? long.MinValue : (long)value;
}
