using System.Text.Json.Serialization;
using LeadScoring.Functions.Http.Requests;
using LeadScoring.Functions.Http.Responses;

namespace LeadScoring.Functions.Http;

/// <summary>The HTTP wire format: snake_case, as the seed's API. Both hosts configure their serializers from it.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, UseStringEnumConverter = true)]
[JsonSerializable(typeof(CreateOfferRequest))]
[JsonSerializable(typeof(StartScoringRequest))]
[JsonSerializable(typeof(OfferCreatedResponse))]
[JsonSerializable(typeof(OfferResponse))]
[JsonSerializable(typeof(IAsyncEnumerable<OfferResponse>))]
[JsonSerializable(typeof(UploadResponse))]
[JsonSerializable(typeof(UploadPreviewResponse))]
[JsonSerializable(typeof(UploadRecordResponse))]
[JsonSerializable(typeof(IReadOnlyList<UploadRecordResponse>))]
[JsonSerializable(typeof(UploadDeletedResponse))]
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(RunStartedResponse))]
[JsonSerializable(typeof(RunStatusResponse))]
[JsonSerializable(typeof(ResultResponse))]
[JsonSerializable(typeof(IEnumerable<ResultResponse>))]
[JsonSerializable(typeof(IAsyncEnumerable<ResultResponse>))]
[JsonSerializable(typeof(HealthResponse))]
[JsonSerializable(typeof(OutcomeItem[]))]
[JsonSerializable(typeof(OutcomesResponse))]
[JsonSerializable(typeof(OfferEvaluationResponse))]
[JsonSerializable(typeof(ModelResponse))]
internal sealed partial class LeadScoringJsonContext : JsonSerializerContext;
