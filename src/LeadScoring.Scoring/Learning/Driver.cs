namespace LeadScoring.Scoring.Learning;

/// <summary>
/// A group of leads the model rates well above or below the rest, in words a sales manager reads ("Directors in
/// Healthcare convert at 3.1× the base rate"): its size among the labelled leads, the model's mean likelihood for it,
/// and that as a multiple of the mean over all labelled leads.
/// </summary>
public sealed record Driver(string Text, int Leads, double Likelihood, double TimesBaseRate);
