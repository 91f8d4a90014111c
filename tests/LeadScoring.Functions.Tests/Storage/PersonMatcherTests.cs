using LeadScoring.Functions.Tests.Support;
using LeadScoring.Scoring.Imports;
using LeadScoring.Scoring.Leads;
using LeadScoring.Scoring.Storage;

namespace LeadScoring.Functions.Tests.Storage;

/// <summary>The identity index on Azurite: imports that save over each other, and versions of uploads that no longer count.</summary>
public sealed class PersonMatcherTests(AzuriteFixture azurite)
{
    private const string UploadA = "20261201000000000-aaaaaa";
    private const string UploadB = "20261201000000001-bbbbbb";

    // One group ("abc"): every save below meets the others on the same index row.
    private const string Shared = "abc00000000000000001";
    private const string OnlyA = "abc00000000000000002";
    private const string OnlyB = "abc00000000000000003";

    [Fact]
    public async Task An_import_saving_after_another_reads_the_group_again_and_the_index_keeps_both_imports_people()
    {
        await using var app = await TestApp.StartAsync(azurite);
        var a = Matcher(app, UploadA);
        var b = Matcher(app, UploadB);
        await a.LoadAsync([Shared, OnlyA], wholePartitions: false, TestApp.Cancellation);
        await b.LoadAsync([Shared, OnlyB], wholePartitions: true, TestApp.Cancellation);

        // Neither has seen the other: both take their people for new.
        Assert.Equal([PersonMatchOutcome.Inserted, PersonMatchOutcome.Inserted], new[] { Match(a, Version(Shared, UploadA, 2, "aaaa")), Match(a, Version(OnlyA, UploadA, 3, "a2a2")) });
        Assert.Equal([PersonMatchOutcome.Inserted, PersonMatchOutcome.Inserted], new[] { Match(b, Version(Shared, UploadB, 2, "bbbb")), Match(b, Version(OnlyB, UploadB, 3, "b3b3")) });
        await a.SaveAsync(TestApp.Cancellation);
        await b.SaveAsync(TestApp.Cancellation); // the group changed under it (409): read again and applied over

        var next = Matcher(app, UploadA, UploadB);
        await next.LoadAsync([Shared, OnlyA, OnlyB], wholePartitions: false, TestApp.Cancellation);
        Assert.Equal(PersonMatchOutcome.Unchanged, Match(next, Version(Shared, "20261201000000002-cccccc", 2, "bbbb"))); // the later save wins
        Assert.Equal(PersonMatchOutcome.Unchanged, Match(next, Version(OnlyA, "20261201000000002-cccccc", 3, "a2a2")));
        Assert.Equal(PersonMatchOutcome.Unchanged, Match(next, Version(OnlyB, "20261201000000002-cccccc", 4, "b3b3")));
    }

    [Fact]
    public async Task A_version_matched_again_after_its_index_was_saved_is_what_it_was_then_not_unchanged()
    {
        await using var app = await TestApp.StartAsync(azurite);
        var a = Matcher(app, UploadA);
        await a.LoadAsync([Shared], wholePartitions: false, TestApp.Cancellation);
        Match(a, Version(Shared, UploadA, 2, "aaaa"));
        await a.SaveAsync(TestApp.Cancellation);
        var b = Matcher(app, UploadA, UploadB);
        await b.LoadAsync([Shared, OnlyB], wholePartitions: false, TestApp.Cancellation);
        Match(b, Version(Shared, UploadB, 2, "bbbb"));
        Match(b, Version(OnlyB, UploadB, 3, "b3b3"));
        await b.SaveAsync(TestApp.Cancellation);

        // B's last step saved the index, then its host died before the commit: the step runs again, from a fresh read.
        var again = Matcher(app, UploadA, UploadB);
        await again.LoadAsync([Shared, OnlyB], wholePartitions: false, TestApp.Cancellation);

        Assert.Equal(PersonMatchOutcome.Updated, Match(again, Version(Shared, UploadB, 2, "bbbb")));
        Assert.Equal(PersonMatchOutcome.Inserted, Match(again, Version(OnlyB, UploadB, 3, "b3b3")));
        await again.SaveAsync(TestApp.Cancellation);
        // And what it fell back on is kept: with B gone, A's version counts again.
        var withoutB = Matcher(app, UploadA);
        await withoutB.LoadAsync([Shared], wholePartitions: false, TestApp.Cancellation);
        Assert.Equal(PersonMatchOutcome.Unchanged, Match(withoutB, Version(Shared, "20261201000000002-cccccc", 2, "aaaa")));
    }

    [Fact]
    public async Task A_version_whose_upload_no_longer_counts_is_passed_over_for_the_one_before_it()
    {
        await using var app = await TestApp.StartAsync(azurite);
        var a = Matcher(app, UploadA);
        await a.LoadAsync([Shared], wholePartitions: false, TestApp.Cancellation);
        Match(a, Version(Shared, UploadA, 2, "aaaa"));
        await a.SaveAsync(TestApp.Cancellation);
        var b = Matcher(app, UploadA, UploadB);
        await b.LoadAsync([Shared, OnlyB], wholePartitions: true, TestApp.Cancellation);
        Assert.Equal(PersonMatchOutcome.Updated, Match(b, Version(Shared, UploadB, 2, "bbbb")));
        Match(b, Version(OnlyB, UploadB, 3, "b3b3"));
        await b.SaveAsync(TestApp.Cancellation);

        // Upload B was deleted (or never committed): only A counts.
        var next = Matcher(app, UploadA);
        await next.LoadAsync([Shared, OnlyB], wholePartitions: true, TestApp.Cancellation);

        Assert.Equal(PersonMatchOutcome.Unchanged, Match(next, Version(Shared, "20261201000000002-cccccc", 2, "aaaa")));
        Assert.Equal(PersonMatchOutcome.Inserted, Match(next, Version(OnlyB, "20261201000000002-cccccc", 3, "b3b3")));
    }

    [Fact]
    public async Task An_import_touching_every_group_of_a_partition_saves_them_all_in_transactions_of_at_most_100()
    {
        await using var app = await TestApp.StartAsync(azurite);
        // 256 groups in partition "a" ("a00" to "aff"), three times what one transaction may carry.
        var ids = Enumerable.Range(0, 256).Select(i => "a" + i.ToString("x2", System.Globalization.CultureInfo.InvariantCulture) + "00000000000000001").ToList();
        var first = Matcher(app, UploadA);
        await first.LoadAsync(ids, wholePartitions: true, TestApp.Cancellation);
        Assert.All(ids, id => Assert.Equal(PersonMatchOutcome.Inserted, Match(first, Version(id, UploadA, 2, "aaaa"))));

        await first.SaveAsync(TestApp.Cancellation);

        Assert.Equal(256, await app.CountEntitiesAsync(StorageNames.People));
        var next = Matcher(app, UploadA);
        await next.LoadAsync(ids, wholePartitions: true, TestApp.Cancellation);
        Assert.All(ids, id => Assert.Equal(PersonMatchOutcome.Unchanged, Match(next, Version(id, UploadB, 2, "aaaa"))));
    }

    private static PersonMatcher Matcher(TestApp app, params string[] live) =>
        new(app.Get<PersonTable>(), app.Get<ConflictRetry>(), live.Append("20261201000000002-cccccc").ToHashSet(StringComparer.Ordinal), new HashSet<string>());

    /// <summary>Matches a version as a row with a strong identity (an email) of that person id would be.</summary>
    private static PersonMatchOutcome Match(PersonMatcher matcher, PersonVersion version) =>
        matcher.Match(new PersonIdentity(IdentityKind.Email, "", version.PersonId), version.LeadId, version.FieldsHash).Outcome;

    private static PersonVersion Version(string personId, string uploadId, long line, string hash) => new(personId, LeadTable.LeadId(uploadId, line), hash);
}
