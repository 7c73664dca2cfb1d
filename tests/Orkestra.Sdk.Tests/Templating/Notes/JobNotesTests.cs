using static Orkestra.Sdk.Tests.Templating.Notes.NoteTestSupport;

namespace Orkestra.Sdk.Tests.Templating.Notes;

/// <summary>The enriched job notes (<c>_pods</c>) and the CronJob notes (status, <c>_lastJob</c>, <c>_lastSuccessfulJob</c>).</summary>
public class JobNotesTests
{
    private const string Data = """
        {
          "job": { "_pods": [
            { "name": "job-a", "phase": "Failed", "exitCode": -1 },
            { "name": "job-b", "phase": "Failed", "exitCode": 2 },
            { "name": "job-c", "phase": "Succeeded", "exitCode": 0 },
            { "name": "job-d", "phase": "Running", "exitCode": -1 },
            { "name": "job-e" },
            { "name": "", "phase": "Failed" }
          ] },
          "running": { "_pods": [ { "name": "r", "phase": "Running", "exitCode": -1 } ] },
          "noExitCode": { "_pods": [ 7, { "name": "p", "phase": "Pending" } ] },
          "textExitCode": { "_pods": [ { "exitCode": "3" } ] },
          "cronjob": {
            "status": { "active": [ { "name": "a" }, { "name": "b" } ], "lastScheduleTime": "2026-05-19T10:00:00Z", "lastSuccessfulTime": "2026-05-19T09:00:00Z", "nextScheduleTime": "2026-05-19T11:00:00Z" },
            "_lastJob": { "metadata": { "name": "cj-2" }, "status": { "succeeded": 1 } },
            "_lastSuccessfulJob": { "metadata": { "name": "cj-1" } }
          },
          "fresh": { "status": { "active": "x", "lastScheduleTime": 5 }, "_lastJob": { "status": { "succeeded": "0" } }, "_lastSuccessfulJob": "cj-0" }
        }
        """;

    [Theory]
    [InlineData("{{ jobFirstExitCode .job }} {{ jobFirstExitCode .running }} {{ jobFirstExitCode .noExitCode }} {{ jobFirstExitCode .textExitCode }}", "2 -1 0 3")]
    [InlineData("{{ jobFailedPodNames .job }} | {{ jobSucceededPodNames .job }} | {{ jobActivePodNames .job }}", "job-a, job-b | job-c | job-d, job-e")]
    [InlineData("{{ jobActivePodNames .noExitCode }} [{{ jobFailedPodNames .running }}]", "p []")]
    [InlineData("{{ cronJobActiveCount .cronjob }} {{ cronJobLastScheduleTime .cronjob }} {{ cronJobLastSuccessTime .cronjob }} {{ cronJobNextScheduleTime .cronjob }}", "2 2026-05-19T10:00:00Z 2026-05-19T09:00:00Z 2026-05-19T11:00:00Z")]
    [InlineData("{{ cronJobLastJobName .cronjob }} {{ cronJobLastJobSucceeded .cronjob }} {{ cronJobLastSuccessfulJobName .cronjob }}", "cj-2 true cj-1")]
    [InlineData("{{ cronJobActiveCount .fresh }} [{{ cronJobLastScheduleTime .fresh }}] {{ cronJobLastJobSucceeded .fresh }} [{{ cronJobLastJobName .fresh }}][{{ cronJobLastSuccessfulJobName .fresh }}]", "0 [] false [][]")]
    [InlineData("{{ printf \"%T %T\" (jobFirstExitCode .job) (cronJobActiveCount .cronjob) }}", "int int")]
    [InlineData("{{ jobFirstExitCode \"x\" }} [{{ jobActivePodNames 3 }}] {{ cronJobActiveCount .cronjob.status.active }} {{ cronJobLastJobSucceeded \"cj\" }}", "-1 [] 0 false")]
    public void Renders(string template, string expected) => Assert.Equal(expected, Render(template, Data));

    [Theory]
    [InlineData("{{ jobFirstExitCode .missing }} [{{ jobActivePodNames .missing }}][{{ jobSucceededPodNames .missing }}][{{ jobFailedPodNames .missing }}]", "-1 [][][]")]
    [InlineData("{{ cronJobActiveCount .missing }} [{{ cronJobLastScheduleTime .missing }}][{{ cronJobNextScheduleTime .missing }}][{{ cronJobLastSuccessTime .missing }}]", "0 [][][]")]
    [InlineData("[{{ cronJobLastJobName .missing }}] {{ cronJobLastJobSucceeded .missing }} [{{ cronJobLastSuccessfulJobName .missing }}]", "[] false []")]
    public void Missing_values_give_zero_values(string template, string expected) => Assert.Equal(expected, Render(template, Data));

    [Theory]
    [InlineData("{{ jobFirstExitCode .job .job }}", "wrong number of args for jobFirstExitCode")]
    [InlineData("{{ cronJobLastJobName }}", "wrong number of args for cronJobLastJobName")]
    public void Fails(string template, string message) => Assert.Contains(message, Error(template, Data), StringComparison.Ordinal);
}
