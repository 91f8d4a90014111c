using LeadScoring.Scoring.Learning;

namespace LeadScoring.Functions.Http.Responses;

/// <summary>A group of leads the model rates well above or below the rest, in words, with its size, mean likelihood and multiple of the base rate.</summary>
public sealed record DriverResponse(string Text, int Leads, double Likelihood, double TimesBaseRate)
{
    public static DriverResponse From(Driver driver) => new(driver.Text, driver.Leads, driver.Likelihood, driver.TimesBaseRate);
}
