using System.Globalization;
using System.Text.Json.Serialization;

namespace Orkestra.Kubernetes;

/// <summary>
/// A Kubernetes int-or-string value (<c>intstr.IntOrString</c>): either a 32-bit integer such as a port number
/// (<c>8080</c>) or a string such as a named port or a percentage (<c>"http"</c>, <c>"25%"</c>). In JSON it is a number
/// or a string, and it is written back in the form it was read in. The default value is the integer 0.
/// </summary>
[JsonConverter(typeof(IntOrStringJsonConverter))]
public readonly struct IntOrString : IEquatable<IntOrString>
{
    private readonly int _intValue;
    private readonly string? _stringValue;

    /// <summary>Creates an integer value.</summary>
    /// <param name="value">The integer.</param>
    public IntOrString(int value)
    {
        _intValue = value;
        _stringValue = null;
    }

    /// <summary>Creates a string value.</summary>
    /// <param name="value">The string; not null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public IntOrString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        _intValue = 0;
        _stringValue = value;
    }

    /// <summary>Whether the value is an integer (otherwise it is a string).</summary>
    public bool IsInt => _stringValue is null;

    /// <summary>The integer value.</summary>
    /// <exception cref="InvalidOperationException">The value is a string.</exception>
    public int IntValue => IsInt
        ? _intValue
        : throw new InvalidOperationException($"The int-or-string value is the string \"{_stringValue}\", not an integer.");

    /// <summary>The string value.</summary>
    /// <exception cref="InvalidOperationException">The value is an integer.</exception>
    public string StringValue => _stringValue
        ?? throw new InvalidOperationException($"The int-or-string value is the integer {_intValue.ToString(CultureInfo.InvariantCulture)}, not a string.");

    /// <summary>Converts an integer to an int-or-string holding it.</summary>
    /// <param name="value">The integer.</param>
    public static implicit operator IntOrString(int value) => new(value);

    /// <summary>Converts a string to an int-or-string holding it.</summary>
    /// <param name="value">The string; not null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public static implicit operator IntOrString(string value) => new(value);

    /// <summary>Whether two values are equal: the same form and the same integer or (ordinal) string.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    public static bool operator ==(IntOrString left, IntOrString right) => left.Equals(right);

    /// <summary>Whether two values differ in form or value.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    public static bool operator !=(IntOrString left, IntOrString right) => !left.Equals(right);

    /// <summary>Creates an integer value (the named alternative to the implicit conversion).</summary>
    /// <param name="value">The integer.</param>
    public static IntOrString FromInt32(int value) => new(value);

    /// <summary>Creates a string value (the named alternative to the implicit conversion).</summary>
    /// <param name="value">The string; not null.</param>
    public static IntOrString FromString(string value) => new(value);

    /// <summary>
    /// Whether this value equals <paramref name="other"/>: the same form and the same value. The integer 8080 and the
    /// string "8080" are not equal.
    /// </summary>
    /// <param name="other">The value to compare with.</param>
    public bool Equals(IntOrString other) =>
        IsInt ? other.IsInt && _intValue == other._intValue : string.Equals(_stringValue, other._stringValue, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is IntOrString other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() =>
        IsInt ? HashCode.Combine(true, _intValue) : HashCode.Combine(false, StringComparer.Ordinal.GetHashCode(_stringValue!));

    /// <summary>The integer in invariant culture, or the string.</summary>
    public override string ToString() => _stringValue ?? _intValue.ToString(CultureInfo.InvariantCulture);
}
