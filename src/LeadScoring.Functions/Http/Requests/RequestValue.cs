using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LeadScoring.Functions.Http.Requests;

/// <summary>
/// What a request gives (a body, a query, an offer it names), or the problem (RFC 9457) that answers the request
/// instead: the one shape every request reader of the HTTP edge returns. A function reads it with
/// <c>if (!read.TryGetValue(out var value, out var problem)) return problem;</c>.
/// </summary>
public sealed class RequestValue<T>
{
    private readonly T value;
    private readonly ProblemHttpResult? problem;

    public RequestValue(T value) => this.value = value;

    public RequestValue(ProblemHttpResult problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        this.problem = problem;
        value = default!;
    }

    /// <summary>The value when the request gave one (true), else the problem to answer with (false).</summary>
    public bool TryGetValue([MaybeNullWhen(false)] out T value, [NotNullWhen(false)] out ProblemHttpResult? problem)
    {
        value = this.value;
        problem = this.problem;
        return problem is null;
    }
}
