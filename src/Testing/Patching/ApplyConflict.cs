namespace Orkestra.Testing.Patching;

/// <summary>
/// A field an apply would change that another manager owns: a cause of the 409 Conflict Status, with
/// <c>type: FieldManagerConflict</c>.
/// </summary>
/// <param name="Manager">The name of the manager that owns the field.</param>
/// <param name="Field">The field, as server-side apply prints paths: <c>.spec.replicas</c>, <c>.spec.containers[name="app"].image</c>.</param>
/// <param name="Message">The cause's message: <c>conflict with "kubectl-client-side-apply" using apps/v1</c>.</param>
public sealed record ApplyConflict(string Manager, string Field, string Message);
