using Microsoft.AspNetCore.Http.HttpResults;

namespace LeadScoring.Functions.Http.Requests;

/// <summary>A parsed JSON request body (null for an empty body), or the problem that answers the request instead.</summary>
public sealed record JsonBody<T>(T? Value, ProblemHttpResult? Problem) where T : class;
