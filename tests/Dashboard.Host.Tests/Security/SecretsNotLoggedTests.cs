using Dashboard.Tests;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dashboard.Host.Tests.Security;

/// <summary>Secrets never logged: not in any log line at any level, not in the audit log, not in an API answer or a page.</summary>
public sealed class SecretsNotLoggedTests
{
    [Fact]
    public async Task No_secret_reaches_a_log_line_at_trace_the_audit_log_or_an_answer()
    {
        using var scenario = new SecretScenario();
        var logs = new CapturingLoggerProvider();
        IReadOnlyList<string> answers;
        await using (var host = DashboardHost.Start(scenario.Settings, builder => builder.ConfigureLogging(logging =>
        {
            logging.AddProvider(logs);
            // A rule for this provider outranks appsettings' per-category levels: every category at Trace.
            logging.AddFilter<CapturingLoggerProvider>(null, LogLevel.Trace);
            logging.SetMinimumLevel(LogLevel.Trace);
        }), File.ReadAllText(scenario.ConfigPath)))
        {
            answers = await scenario.ExerciseAsync(host.Client);
            SecretScenario.AssertMasked(await host.InstanceAsync("bearer"), "bearer_token");
            SecretScenario.AssertMasked(await host.InstanceAsync("basic"), "basic_auth", "password");
            SecretScenario.AssertMasked(await host.InstanceAsync("named"), "api_key");
        }

        var audit = await scenario.AuditTextAsync();
        Assert.Contains("config.bearer_token changed (secret)", audit, StringComparison.Ordinal);
        Assert.Contains("config.basic_auth.password changed (secret)", audit, StringComparison.Ordinal);
        Assert.Contains("refused: ", audit, StringComparison.Ordinal);
        Assert.Contains(logs.Lines, l => l.StartsWith("Trace ", StringComparison.Ordinal));
        Assert.Contains(logs.Lines, l => l.Contains("401", StringComparison.Ordinal));

        scenario.AssertNoSecretIn("log", logs.Lines);
        scenario.AssertNoSecretIn("audit", audit.Split('\n'));
        scenario.AssertNoSecretIn("answer", answers);
    }

    [Fact]
    public async Task No_secret_reaches_the_console_of_a_real_host_process_at_trace()
    {
        using var scenario = new SecretScenario();
        var settings = new Dictionary<string, string>(scenario.Settings)
        {
            ["Logging:LogLevel:Default"] = "Trace",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
        };
        string output;
        IReadOnlyList<string> answers;
        await using (var host = HostProcess.Start(settings))
        {
            await host.WaitReadyAsync();
            answers = await scenario.ExerciseAsync(host.Client);
            await host.StopAsync();
            output = host.Output;
        }

        Assert.Contains("trce:", output, StringComparison.Ordinal);
        scenario.AssertNoSecretIn("console", output.Split('\n'));
        scenario.AssertNoSecretIn("audit", (await scenario.AuditTextAsync()).Split('\n'));
        scenario.AssertNoSecretIn("answer", answers);
    }
}
