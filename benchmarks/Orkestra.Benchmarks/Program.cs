using BenchmarkDotNet.Running;
using Orkestra.Benchmarks;

// `apiserver` runs the embedded API server's end-to-end harness, `runtime` the operator runtime's (BENCHMARKS.md);
// anything else goes to BenchmarkDotNet.
return args switch
{
    ["apiserver"] => await ApiServerHarness.RunAsync(),
    ["runtime", .. var options] => await RuntimeHarness.RunAsync(options),
    ["runtime-server", .. var options] => await RuntimeHarness.ServeAsync(options),
    _ => RunBenchmarks(args),
};

static int RunBenchmarks(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(ApiServerHarness).Assembly).Run(args);
    return 0;
}
