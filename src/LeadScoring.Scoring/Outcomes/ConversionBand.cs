namespace LeadScoring.Scoring.Outcomes;

/// <summary>The labelled leads of one intent or one score band, and how many of them converted.</summary>
public sealed record ConversionBand(string Band, int MinScore, int MaxScore, int Leads, int Converted)
{
    public double Rate => Leads == 0 ? 0 : (double)Converted / Leads;
}
