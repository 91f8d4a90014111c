namespace LeadScoring.Scoring.Leads;

/// <summary>
/// A step of a background import (queue <c>import-leads</c>): store staged part <see cref="Part"/> of the upload.
/// Steps run one after another; each sends the next. The file's outcomes are recorded for <see cref="OutcomesOfferId"/>
/// (null when it has none, or no offer exists).
/// </summary>
public sealed record ImportLeadsMessage(string UploadId, int Part, string? OutcomesOfferId = null);
