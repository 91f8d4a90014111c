using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using CsvHelper;
using CsvHelper.Configuration;

namespace LeadScoring.Bench.EndToEnd;

/// <summary>The calls the harness makes to the local host, as a client would make them.</summary>
internal sealed class LeadScoringApi(Uri baseAddress) : IDisposable
{
    private const string ContinuationHeader = "X-Continuation-Token";
    private readonly HttpClient http = new() { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(30) };

    public async Task<string> CreateOfferAsync(CancellationToken cancellationToken)
    {
        var body = new CreateOfferBody(
            "AI Outreach Automation", "24/7 outreach, 6x more meetings", "B2B SaaS mid-market teams with outbound sales");
        using var response = await http.PostAsJsonAsync("offer", body, ApiJsonContext.Default.CreateOfferBody, cancellationToken);
        return (await ReadAsync(response, ApiJsonContext.Default.OfferCreated, cancellationToken)).Id;
    }

    /// <summary>
    /// Uploads the file as multipart field "file", streamed from disk. A large file is answered 202 and imported in
    /// the background: this follows it (GET /uploads/{id}) until it is imported, as a client would.
    /// </summary>
    public async Task<UploadReply> UploadAsync(string path, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        await using var file = File.OpenRead(path);
        using var content = new MultipartFormDataContent();
        var csv = new StreamContent(file, 81920);
        csv.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(csv, "file", Path.GetFileName(path));
        using var response = await http.PostAsync("leads/upload", content, cancellationToken);
        var reply = await ReadAsync(response, ApiJsonContext.Default.UploadReply, cancellationToken) with { AnsweredAfter = Stopwatch.GetElapsedTime(started) };
        if (response.StatusCode != HttpStatusCode.Accepted || reply.UploadId is not { } uploadId) return reply;

        while (true)
        {
            // The phase ends at the first poll that sees the import done: poll finely enough not to time the poll.
            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
            using var poll = await http.GetAsync($"uploads/{Uri.EscapeDataString(uploadId)}", cancellationToken);
            var status = await ReadAsync(poll, ApiJsonContext.Default.UploadStatusReply, cancellationToken);
            if (status.Status == "failed") throw new InvalidOperationException($"The background import of {uploadId} failed: {status.Failure}");
            if (status.Status == "imported") return reply with { Inserted = status.Inserted, Status = status.Status, Staged = true };
        }
    }

    public async Task<RunStartedReply> StartScoringAsync(string offerId, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync("score", new StartScoringBody(offerId), ApiJsonContext.Default.StartScoringBody, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Accepted) throw await FailureAsync(response, cancellationToken);
        return await ReadAsync(response, ApiJsonContext.Default.RunStartedReply, cancellationToken);
    }

    /// <summary>The storage requests the local host has sent so far, by kind (its /_localhost/storage-requests).</summary>
    public async Task<Dictionary<string, long>> GetStorageRequestsAsync(CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(new Uri(http.BaseAddress!, "/_localhost/storage-requests"), cancellationToken);
        return await ReadAsync(response, ApiJsonContext.Default.DictionaryStringInt64, cancellationToken);
    }

    public async Task<RunStatusReply> GetRunAsync(string runId, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync($"score/runs/{Uri.EscapeDataString(runId)}", cancellationToken);
        return await ReadAsync(response, ApiJsonContext.Default.RunStatusReply, cancellationToken);
    }

    /// <summary>Reads every result page by page (limit 1..1000), following X-Continuation-Token, and tallies them.</summary>
    public async Task<ResultTally> ReadResultsAsync(string offerId, int limit, CancellationToken cancellationToken)
    {
        var tally = new ResultTally();
        string? continuation = null;
        do
        {
            var query = $"results?offer_id={Uri.EscapeDataString(offerId)}&limit={limit.ToString(CultureInfo.InvariantCulture)}"
                + (continuation is null ? "" : "&continuation=" + Uri.EscapeDataString(continuation));
            using var response = await http.GetAsync(query, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var page = await ReadAsync(response, ApiJsonContext.Default.ListResultReply, cancellationToken);
            tally.AddPage(page);
            continuation = response.Headers.TryGetValues(ContinuationHeader, out var values) ? values.FirstOrDefault() : null;
        }
        while (continuation is not null);
        return tally;
    }

    /// <summary>Streams GET /results/export through a CSV parser (bios hold line breaks), counting records and bytes.</summary>
    public async Task<(int Rows, long Bytes)> ExportAsync(string offerId, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(
            $"results/export?offer_id={Uri.EscapeDataString(offerId)}", HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode) throw await FailureAsync(response, cancellationToken);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        var counted = new CountingStream(body);
        using var reader = new StreamReader(counted);
        using var parser = new CsvParser(reader, new CsvConfiguration(CultureInfo.InvariantCulture));
        var rows = -1; // the header
        while (await parser.ReadAsync()) rows++;
        return (Math.Max(rows, 0), counted.BytesRead);
    }

    public void Dispose() => http.Dispose();

    private static async Task<T> ReadAsync<T>(
        HttpResponseMessage response, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode) throw await FailureAsync(response, cancellationToken);
        return await response.Content.ReadFromJsonAsync(type, cancellationToken)
            ?? throw new InvalidOperationException($"{response.RequestMessage?.RequestUri} answered an empty body.");
    }

    private static async Task<Exception> FailureAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        return new HttpRequestException(
            $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery} answered {(int)response.StatusCode}: {body[..Math.Min(body.Length, 500)]}",
            null,
            response.StatusCode);
    }

    private sealed class CountingStream(Stream inner) : Stream
    {
        public long BytesRead { get; private set; }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));

        public override void Flush() => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Count(int read)
        {
            BytesRead += read;
            return read;
        }
    }
}

/// <summary>What GET /results returned: rows, distinct leads, sources and fallback reasons, pages.</summary>
internal sealed class ResultTally
{
    private readonly HashSet<string> leads = [];
    private readonly Dictionary<string, int> sources = [];
    private readonly Dictionary<string, int> fallbackReasons = [];
    private readonly Dictionary<string, (int Score, string Intent)> byLead = [];
    private int previousScore = int.MaxValue;

    public int Rows { get; private set; }
    public int Pages { get; private set; }
    public int DistinctLeads => leads.Count;

    /// <summary>Rows that came out of order (GET /results promises score descending).</summary>
    public int OutOfOrder { get; private set; }

    public IReadOnlyDictionary<string, int> Sources => sources;
    public IReadOnlyDictionary<string, int> FallbackReasons => fallbackReasons;

    /// <summary>Each lead's score and intent, to compare two runs of the same file lead by lead.</summary>
    public IReadOnlyDictionary<string, (int Score, string Intent)> ByLead => byLead;

    /// <summary>The earliest and latest scored_at of the results read (null before any).</summary>
    public DateTimeOffset? FirstScoredAt { get; private set; }

    public DateTimeOffset? LastScoredAt { get; private set; }

    public int Count(string source) => sources.GetValueOrDefault(source);

    public int CountReason(string reason) => fallbackReasons.GetValueOrDefault(reason);

    public void AddPage(IReadOnlyList<ResultReply> page)
    {
        Pages++;
        foreach (var row in page)
        {
            Rows++;
            leads.Add(row.LeadId);
            byLead[row.LeadId] = (row.Score, row.Intent);
            sources[row.Source] = sources.GetValueOrDefault(row.Source) + 1;
            if (row.FallbackReason is { } reason) fallbackReasons[reason] = fallbackReasons.GetValueOrDefault(reason) + 1;
            if (FirstScoredAt is null || row.ScoredAt < FirstScoredAt) FirstScoredAt = row.ScoredAt;
            if (LastScoredAt is null || row.ScoredAt > LastScoredAt) LastScoredAt = row.ScoredAt;
            if (row.Score > previousScore) OutOfOrder++;
            previousScore = row.Score;
        }
    }
}
