using System.Diagnostics;
using LeadScoring.LocalHost.Configuration;

namespace LeadScoring.Functions.Tests.Architecture;

/// <summary>
/// The house style is the build's, not prose: a probe project under the repository's Directory.Build.props and
/// .editorconfig fails to build with a stray unused using, and builds without it.
/// </summary>
public sealed class HouseStyleBuildTests
{
    [Fact]
    public async Task Build_fails_on_a_stray_unused_using_and_passes_without_it()
    {
        var probe = Path.Combine(RepositoryPaths.Root, ".style-probe", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(probe);
        try
        {
            await File.WriteAllTextAsync(Path.Combine(probe, "Probe.csproj"), """<Project Sdk="Microsoft.NET.Sdk" />""", TestContext.Current.CancellationToken);
            const string Code = "namespace Probe;\n\npublic static class Greeting\n{\n    public static string Text => \"hello\";\n}\n";

            await File.WriteAllTextAsync(Path.Combine(probe, "Greeting.cs"), "using System.Text;\n\n" + Code, TestContext.Current.CancellationToken);
            var (stray, strayOutput) = await BuildAsync(probe);
            await File.WriteAllTextAsync(Path.Combine(probe, "Greeting.cs"), Code, TestContext.Current.CancellationToken);
            var (clean, cleanOutput) = await BuildAsync(probe);

            Assert.True(stray != 0, strayOutput);
            Assert.Contains("IDE0005", strayOutput, StringComparison.Ordinal);
            Assert.True(clean == 0, cleanOutput);
        }
        finally
        {
            Directory.Delete(probe, recursive: true);
        }
    }

    private static async Task<(int ExitCode, string Output)> BuildAsync(string directory)
    {
        var start = new ProcessStartInfo("dotnet", ["build", "--nologo", "-v", "q"])
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var build = Process.Start(start)!;
        var output = build.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = build.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await build.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (build.ExitCode, await output + await errors);
    }
}
