namespace Orkestra.Templating.Conditions;

/// <summary>
/// Answers the <c>unique</c> operator: whether no other instance of the CRD under evaluation has the same value for a
/// field. The reconciler provides a live one, the admission webhook a cached one; without a checker <c>unique</c>
/// passes, as upstream's does.
/// </summary>
public interface IUniquenessChecker
{
    /// <summary>
    /// Whether no other object of the kind has <paramref name="field"/> equal to <paramref name="value"/>; the object
    /// identified by <paramref name="selfNamespace"/>/<paramref name="selfName"/> (the one evaluated) does not count.
    /// </summary>
    bool IsUnique(string field, string value, string selfNamespace, string selfName);
}
