using System.Buffers.Text;
using System.Text;

namespace LeadScoring.Scoring.Storage;

/// <summary>
/// The opaque <c>X-Continuation-Token</c> of <c>GET /results</c>: base64url of the offer id, the order (for the
/// likelihood order) and the storage continuation, so a token names its own offer and order and is checked before it
/// reaches a query.
/// </summary>
public sealed record ResultContinuation(string OfferId, string StorageToken)
{
    private const int MaxStorageTokenLength = 2048;
    private const string LikelihoodOrder = "likelihood\n";

    /// <summary>The order of the pages the token continues.</summary>
    public ResultOrder Order { get; init; } = ResultOrder.Score;

    public string Encode() => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(
        OfferId + "\n" + (Order == ResultOrder.Likelihood ? LikelihoodOrder : "") + StorageToken));

    public static bool TryDecode(string? token, out ResultContinuation? continuation)
    {
        continuation = null;
        if (string.IsNullOrEmpty(token) || token.Length > 4 * MaxStorageTokenLength) return false;

        var bytes = new byte[Base64Url.GetMaxDecodedLength(token.Length)];
        if (Base64Url.DecodeFromChars(token, bytes, out _, out var written) != System.Buffers.OperationStatus.Done) return false;

        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes, 0, written);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }

        var newline = text.IndexOf('\n');
        if (newline <= 0) return false;
        var offerId = text[..newline];
        var storageToken = text[(newline + 1)..];
        var order = ResultOrder.Score;
        if (storageToken.StartsWith(LikelihoodOrder, StringComparison.Ordinal))
        {
            (order, storageToken) = (ResultOrder.Likelihood, storageToken[LikelihoodOrder.Length..]);
        }

        if (!TableKey.IsValidId(offerId) || storageToken.Length is 0 or > MaxStorageTokenLength || storageToken.Any(char.IsControl)) return false;

        continuation = new ResultContinuation(offerId, storageToken) { Order = order };
        return true;
    }
}
