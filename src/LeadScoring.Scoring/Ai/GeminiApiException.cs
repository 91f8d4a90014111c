using System.Net;

namespace LeadScoring.Scoring.Ai;

/// <summary>Gemini answered with an error status; <see cref="Error"/> is what its body said (no free text).</summary>
internal sealed class GeminiApiException(HttpStatusCode status, GeminiError error)
    : HttpRequestException($"Gemini generateContent failed: {(int)status} {error.Status ?? status.ToString()}.", inner: null, status)
{
    public GeminiError Error { get; } = error;
}
