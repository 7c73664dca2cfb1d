using BenchmarkDotNet.Running;
using Orkestra.Benchmarks;

// `apiserver` runs the embedded API server's end-to-end harness; anything else goes to BenchmarkDotNet.
return args is ["apiserver"]
    ? await ApiServerHarness.RunAsync()
    : RunBenchmarks(args);

static int RunBenchmarks(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(ApiServerHarness).Assembly).Run(args);
    return 0;
}
