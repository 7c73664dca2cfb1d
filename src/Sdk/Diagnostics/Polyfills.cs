// Polyfills that let the shared reader compile for netstandard2.0 (the source generator's target).
#if !NET5_0_OR_GREATER
namespace System.Runtime.CompilerServices;

internal static class IsExternalInit
{
}
#endif
