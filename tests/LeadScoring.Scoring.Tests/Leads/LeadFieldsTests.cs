using LeadScoring.Scoring.Csv;
using LeadScoring.Scoring.Leads;
using LeadScoring.Scoring.Storage.Rows;
using LeadScoring.Scoring.Tests.Csv;

namespace LeadScoring.Scoring.Tests.Leads;

/// <summary>
/// Every mapping of a lead walks <see cref="LeadFields.All"/>, so each test here sets every field to a value of its
/// own: a field some mapping drops or mixes up fails by name.
/// </summary>
public sealed class LeadFieldsTests
{
    private static readonly Lead EveryField = LeadFields.Create("upload-1-00000002", field => "value of " + field.WireName);

    [Fact]
    public void Create_sets_each_field_from_its_own_value()
    {
        Assert.All(LeadFields.All, field => Assert.Equal("value of " + field.WireName, field.Of(EveryField)));
        Assert.Equal("upload-1-00000002", EveryField.Id);
    }

    [Fact]
    public void Fields_have_distinct_names_and_positions_in_order()
    {
        Assert.Equal(Enumerable.Range(0, LeadFields.All.Count), LeadFields.All.Select(field => field.Index));
        Assert.Equal(LeadFields.All.Count, LeadFields.All.Select(field => field.Name).Distinct().Count());
        Assert.Equal(LeadFields.All.Count, LeadFields.All.Select(field => field.WireName).Distinct().Count());
        Assert.Equal(LeadFields.All.Count, typeof(Lead).GetProperties().Count(property => property.PropertyType == typeof(string)
            && property.Name is not nameof(Lead.Id) and not nameof(Lead.PersonId)));
    }

    [Fact]
    public void Seed_fields_are_the_original_services_six_in_its_order()
    {
        Assert.Equal(["name", "role", "company", "industry", "location", "linkedin_bio"], LeadFields.All.Where(field => field.IsSeed).Select(field => field.WireName));
        Assert.Equal("record_id", LeadFields.Kept[0].WireName);
    }

    [Fact]
    public void Wire_form_round_trips_every_field_and_leaves_blank_ones_out()
    {
        Assert.Equal(EveryField, LeadFields.FromWire(EveryField.Id, LeadFields.ToWire(EveryField)));

        var sparse = new Lead("x", "Ada", "", "Acme", "", "", "") { Email = "ada@acme.test" };
        Assert.Equal(["name", "company", "email"], LeadFields.ToWire(sparse).Keys);
        Assert.Equal(sparse, LeadFields.FromWire("x", LeadFields.ToWire(sparse)));
    }

    [Fact]
    public void Table_row_round_trips_every_field_and_the_person()
    {
        var lead = EveryField with { PersonId = "email:ada" };
        var row = new LeadRow();

        row.SetLead(lead);

        Assert.Equal(lead, row.ToLead(lead.Id));
        var written = LeadFieldsRow.WrittenEntity("upload-1", "00000002", lead);
        Assert.Equal(LeadFields.All.Count + 1, written.Count(pair => pair.Key is not "PartitionKey" and not "RowKey" and not "odata.etag" and not "Timestamp"));
        Assert.All(LeadFields.All, field => Assert.Equal(field.Of(lead), written.GetString(field.Name)));
    }

    [Fact]
    public void Every_field_is_read_from_a_file_column_of_its_wire_name()
    {
        Assert.All(LeadFields.All, field => Assert.Equal(field.WireName, LeadCsvColumns.WireName(LeadCsvColumns.ColumnOf(field))));
    }

    [Fact]
    public async Task Every_field_is_read_from_a_file_and_into_a_queue_message()
    {
        var header = string.Join(',', LeadFields.All.Select(field => field.WireName));
        var line = string.Join(',', LeadFields.All.Select(field => "value of " + field.WireName));
        var row = Assert.Single(await CsvTestStreams.ReadAllAsync(header + "\n" + line + "\n"));

        Assert.Equal(EveryField with { Id = "" }, row.Lead);
        var message = Runs.ScoreLeadMessage.For("run", "offer", EveryField);
        Assert.Equal(EveryField, message.CarriedLead());
    }

    [Fact]
    public void Export_lists_every_kept_field_after_the_seeds_columns()
    {
        Assert.Equal(LeadFields.Kept.Select(field => field.WireName), ResultCsvWriter.Columns.TakeLast(LeadFields.Kept.Count));
        Assert.Equal(LeadFields.All.Count(field => !field.IsSeed), LeadFields.Kept.Count);
    }

    [Fact]
    public void Digests_and_prompt_content_are_what_they_were_before_the_fields_were_defined_once()
    {
        // Stored person ids, fields digests and judgement-cache keys come from these; the expected values were computed
        // from the code before LeadFields (SHA-256 over the fields joined in their old, hand-written order).
        var lead = new Lead("upload-1-00000002", "ada lovelace", "", "acme", "software", "london", "builds engines")
        {
            Website = "acme test",
            Seniority = "c suite",
            Department = "engineering",
        };

        Assert.Equal("6af53b4f42910d5b", PersonIdentity.FieldsHash(lead with { Role = "cto" }));
        Assert.Equal("1a88f34ea12de788542b", PersonIdentity.Of(lead with { Role = "cto" }).PersonId);
        var offer = new Offers.Offer("offer-1", "Outreach", "More meetings", "SaaS teams", new Offers.KeywordOverrides(), DateTimeOffset.UnixEpoch);
        Assert.Equal(
            """{"offer":{"name":"Outreach","value_props":"More meetings","ideal_use_cases":"SaaS teams"},"prospect":{"lead_id":"","name":"ada lovelace","role":"","company":"acme","industry":"software","location":"london","linkedin_bio":"builds engines"}}""",
            System.Text.Encoding.UTF8.GetString(Scoring.Ai.ClassificationPrompt.ContentOf(offer, lead)));
    }

    [Fact]
    public void Identity_digest_changes_with_every_field()
    {
        var digest = PersonIdentity.FieldsHash(EveryField);

        Assert.All(LeadFields.All, field =>
            Assert.NotEqual(digest, PersonIdentity.FieldsHash(LeadFields.Create(EveryField.Id, other => other == field ? "changed" : other.Of(EveryField)))));
    }
}
