using LeadScoring.Scoring.Outcomes;

namespace LeadScoring.Functions.Http.Responses;

/// <summary>The labelled leads of one intent or one score band, how many of them converted, and the rate.</summary>
public sealed record ConversionBandResponse(string Band, int MinScore, int MaxScore, int Leads, int Converted, double Rate)
{
    public static ConversionBandResponse From(ConversionBand band) => new(band.Band, band.MinScore, band.MaxScore, band.Leads, band.Converted, band.Rate);
}
