namespace LeadScoring.Functions.Http.Responses;

/// <summary>GET /health: storage is fine (else 503); <see cref="Ai"/> says whether the AI half works.</summary>
public sealed record HealthResponse(string Status, AiHealthResponse Ai);
