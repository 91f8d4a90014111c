namespace LeadScoring.Scoring.Rules;

/// <summary>
/// What a job title says of its holder: their own <see cref="Seniority"/> (the words that said it, folded, in
/// <see cref="SeniorityWords"/>), the <see cref="Department"/> they work in, and <see cref="HolderTitle"/>, the title
/// without another person's role it names ("Executive Assistant to the CEO" → "executive assistant"), which the
/// keyword tables are matched against.
/// </summary>
public sealed record TitleReading(TitleSeniority Seniority, Department Department, string HolderTitle)
{
    public static TitleReading None { get; } = new(TitleSeniority.Unknown, Department.Unknown, "");

    public string? SeniorityWords { get; init; }

    /// <summary>The title names someone else's role (an assistant to, the office of): that role is not the holder's.</summary>
    public bool NamesAnotherRole { get; init; }
}
