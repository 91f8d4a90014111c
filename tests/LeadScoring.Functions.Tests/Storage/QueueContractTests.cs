using System.Text;
using System.Text.Json;
using Azure.Storage.Queues;
using LeadScoring.Functions.Tests.Support;
using LeadScoring.Scoring.Leads;
using LeadScoring.Scoring.Runs;
using LeadScoring.Scoring.Storage;

namespace LeadScoring.Functions.Tests.Storage;

/// <summary>
/// The producer and host.json must agree on base64: the Functions trigger decodes every message body as base64
/// and binds the JSON with the worker's serializer; plain text would poison every message in Azure.
/// </summary>
public sealed class QueueContractTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Score_message_on_the_queue_is_base64_of_json_the_trigger_binds()
    {
        await using var app = await TestApp.StartAsync(azurite);
        var lead = new Lead("upload-1-00000002", "Ada", "CTO", "Acme", "saas", "", "Builds \"things\"") { RecordId = "00Q1", PersonId = "email:ada" };
        var sent = ScoreLeadMessage.For("run-1", "offer-1", lead);

        await app.Get<ScoreQueue>().SendAsync(sent, TestApp.Cancellation);

        Assert.Equal("base64", HostJson.Load().MessageEncoding);
        var json = await ReceiveJsonAsync(app);
        Assert.Equal(
            """{"run_id":"run-1","offer_id":"offer-1","lead_id":"upload-1-00000002","lead":{"name":"Ada","role":"CTO","company":"Acme","industry":"saas","linkedin_bio":"Builds \u0022things\u0022","record_id":"00Q1","person_id":"email:ada"}}""",
            json);
        var bound = (ScoreLeadMessage?)await TestApp.WorkerSerializer().DeserializeAsync(new MemoryStream(Encoding.UTF8.GetBytes(json)), typeof(ScoreLeadMessage), TestApp.Cancellation);
        Assert.Equal(lead, bound!.CarriedLead());
    }

    [Fact]
    public void Score_message_queued_before_blank_fields_were_left_out_binds_to_the_same_lead()
    {
        const string json = """{"run_id":"run-1","offer_id":"offer-1","lead_id":"upload-1-00000002","lead":{"name":"Ada","role":"CTO","company":"Acme","industry":"saas","location":"","linkedin_bio":"","email":"ada@acme.test","person_id":"email:ada@acme.test"}}""";

        var bound = JsonSerializer.Deserialize(json, StorageJsonContext.Default.ScoreLeadMessage);

        Assert.Equal(
            new Lead("upload-1-00000002", "Ada", "CTO", "Acme", "saas", "", "") { Email = "ada@acme.test", PersonId = "email:ada@acme.test" },
            bound!.CarriedLead());
    }

    [Fact]
    public async Task Score_message_without_a_lead_has_no_lead_property_and_binds_with_none()
    {
        await using var app = await TestApp.StartAsync(azurite);
        var sent = new ScoreLeadMessage("run-1", "offer-1", "upload-1-00000002");

        await app.Get<ScoreQueue>().SendAsync(sent, TestApp.Cancellation);

        var json = await ReceiveJsonAsync(app);
        Assert.Equal("""{"run_id":"run-1","offer_id":"offer-1","lead_id":"upload-1-00000002"}""", json);
        var bound = (ScoreLeadMessage?)await TestApp.WorkerSerializer().DeserializeAsync(new MemoryStream(Encoding.UTF8.GetBytes(json)), typeof(ScoreLeadMessage), TestApp.Cancellation);
        Assert.Null(bound!.Lead);
    }

    [Fact]
    public async Task Score_message_for_a_lead_too_large_for_the_queue_goes_without_its_fields()
    {
        await using var app = await TestApp.StartAsync(azurite);
        var bio = new string('x', 32_000);
        var sent = ScoreLeadMessage.For("run-1", "offer-1", new Lead("upload-1-00000002", "Ada", "CTO", "Acme", "saas", bio, bio));

        await app.Get<ScoreQueue>().SendAsync(sent, TestApp.Cancellation);

        var json = await ReceiveJsonAsync(app);
        Assert.Equal("""{"run_id":"run-1","offer_id":"offer-1","lead_id":"upload-1-00000002"}""", json);
    }

    private static async Task<string> ReceiveJsonAsync(TestApp app)
    {
        var raw = (await new QueueClient(app.ConnectionString, StorageNames.ScoreLeads).ReceiveMessageAsync(cancellationToken: TestApp.Cancellation)).Value;
        return Encoding.UTF8.GetString(Convert.FromBase64String(raw.Body.ToString()));
    }

    [Fact]
    public async Task Plan_message_on_the_queue_is_base64_of_json_the_trigger_binds()
    {
        await using var app = await TestApp.StartAsync(azurite);
        var sent = new PlanLeadsMessage("run-1", "offer-1", "upload-1", 1001, 2000, Waits: 3);

        await app.Get<PlanQueue>().SendAsync(sent, TestApp.Cancellation);

        var raw = (await new QueueClient(app.ConnectionString, StorageNames.PlanLeads).ReceiveMessageAsync(cancellationToken: TestApp.Cancellation)).Value;
        var json = Convert.FromBase64String(raw.Body.ToString());
        var bound = await TestApp.WorkerSerializer().DeserializeAsync(new MemoryStream(json), typeof(PlanLeadsMessage), TestApp.Cancellation);
        Assert.Equal(sent, bound);
    }
}
