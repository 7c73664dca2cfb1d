namespace Orkestra.Hooks;

/// <summary>Records Kubernetes events on the CR being reconciled.</summary>
public interface IEventRecorder
{
    /// <summary>An informational event (<c>type: Normal</c>); <paramref name="reason"/> is UpperCamelCase, such as <c>BackupTaken</c>.</summary>
    void Normal(string reason, string message);

    /// <summary>A warning event (<c>type: Warning</c>); <paramref name="reason"/> is UpperCamelCase, such as <c>BackupFailed</c>.</summary>
    void Warning(string reason, string message);
}
