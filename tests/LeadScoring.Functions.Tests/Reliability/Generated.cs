using System.Globalization;
using System.Text;

namespace LeadScoring.Functions.Tests.Reliability;

/// <summary>Lead files of any size with names a stand-in can route by ("Lead 007"), and polling without timing.</summary>
internal static class Generated
{
    public static string Csv(int leads, string prefix = "Lead")
    {
        var csv = new StringBuilder("name,role,company,industry,location,linkedin_bio\n");
        for (var i = 1; i <= leads; i++) csv.Append(CultureInfo.InvariantCulture, $"{prefix} {i:D3},CTO,Company {i},saas,Oslo,Builds things\n");
        return csv.ToString();
    }

    /// <summary>Polls until the condition holds; only the test's cancellation (its timeout) ends a wait that never does.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, CancellationToken cancellationToken)
    {
        while (!await condition()) await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
    }
}
