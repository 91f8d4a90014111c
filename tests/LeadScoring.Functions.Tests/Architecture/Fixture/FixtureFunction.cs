using LeadScoring.Scoring.Storage.Rows;

namespace ArchFixture.Functions;

/// <summary>A function that reaches past the scoring project's public surface: it uses an internal table row.</summary>
internal sealed class FixtureFunction
{
    public LeadRow? Row { get; set; }
}
