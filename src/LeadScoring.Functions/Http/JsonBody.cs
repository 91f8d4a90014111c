using Microsoft.AspNetCore.Http;

namespace LeadScoring.Functions.Http;

/// <summary>A parsed JSON request body, or the problem that answers the request instead.</summary>
public sealed record JsonBody<T>(T? Value, IResult? Problem) where T : class;
