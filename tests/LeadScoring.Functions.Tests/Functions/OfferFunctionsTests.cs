using LeadScoring.Functions.Functions;
using LeadScoring.Functions.Tests.Support;
using LeadScoring.Testing;
using Microsoft.AspNetCore.Http;

namespace LeadScoring.Functions.Tests.Functions;

public sealed class OfferFunctionsTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task CreateOffer_returns_201_with_id_and_location()
    {
        await using var app = await TestApp.StartAsync(azurite);

        var response = await app.CreateOfferAsync();

        response.AssertStatus(StatusCodes.Status201Created);
        var id = response.Json().GetProperty("id").GetString();
        Assert.Equal($"/offer/{id}", response.Headers.Location.ToString());
    }

    [Fact]
    public async Task CreateOffer_takes_value_props_and_use_cases_as_arrays_stores_them_joined_and_returns_them_as_sent()
    {
        await using var app = await TestApp.StartAsync(azurite);

        var id = await app.CreateOfferIdAsync("""
            {"name": "CRM", "value_props": ["Advanced analytics", " Automation "], "ideal_use_cases": "Sales teams 50+"}
            """);
        var offer = (await app.HttpAsync<GetOffer>(Requests.Get(), async (f, r, ct) => await f.Run(r, id, ct))).AssertStatus(StatusCodes.Status200OK).Json();
        var stored = await app.Get<LeadScoring.Scoring.Storage.OfferTable>().GetAsync(id, TestApp.Cancellation);

        Assert.Equal(["Advanced analytics", "Automation"], offer.GetProperty("value_props").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal("Sales teams 50+", offer.GetProperty("ideal_use_cases").GetString());
        // The model reads the items joined.
        Assert.Equal("Advanced analytics; Automation", stored!.ValueProps);
    }

    [Theory]
    [InlineData("""{"name": "CRM", "value_props": [], "ideal_use_cases": "x"}""", "value_props")]
    [InlineData("""{"name": "CRM", "value_props": ["ok", " "], "ideal_use_cases": "x"}""", "value_props")]
    [InlineData("""{"name": "CRM", "value_props": "ok", "ideal_use_cases": [1, 2]}""", "ideal_use_cases")]
    [InlineData("""{"name": "CRM", "value_props": 42, "ideal_use_cases": "x"}""", "value_props")]
    public async Task CreateOffer_refuses_an_empty_or_blank_or_non_text_list_naming_the_field(string json, string field)
    {
        await using var app = await TestApp.StartAsync(azurite);

        var response = await app.CreateOfferAsync(json);

        var problem = ProblemAssert.Problem(response, StatusCodes.Status400BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.GetRawText());
        Assert.Equal(0, await app.CountEntitiesAsync("offers"));
    }

    [Fact]
    public async Task CreateOffer_rejects_malformed_json_with_its_position()
    {
        await using var app = await TestApp.StartAsync(azurite);

        var response = await app.CreateOfferAsync("{\n  \"name\": \"CRM\",\n  \"value_props\": }");

        var problem = ProblemAssert.Problem(response, StatusCodes.Status400BadRequest);
        Assert.Equal("Malformed JSON", problem.GetProperty("title").GetString());
        Assert.Contains("line 3", problem.GetProperty("detail").GetString());
        Assert.Equal(0, await app.CountEntitiesAsync("offers"));
    }

    [Fact]
    public async Task CreateOffer_names_every_missing_field()
    {
        await using var app = await TestApp.StartAsync(azurite);

        var response = await app.CreateOfferAsync("""{"name": "CRM", "value_props": "  "}""");

        var problem = ProblemAssert.Fields(response, "ideal_use_cases", "value_props");
        Assert.Contains("ideal_use_cases", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task CreateOffer_rejects_a_field_of_the_wrong_type_by_name()
    {
        await using var app = await TestApp.StartAsync(azurite);

        var response = await app.CreateOfferAsync("""{"name": 42, "value_props": "v", "ideal_use_cases": "u"}""");

        ProblemAssert.Fields(response, "name");
    }

    [Fact]
    public async Task CreateOffer_rejects_a_json_array_body()
    {
        await using var app = await TestApp.StartAsync(azurite);

        var response = await app.CreateOfferAsync("""["name"]""");

        var problem = ProblemAssert.Problem(response, StatusCodes.Status400BadRequest);
        Assert.Contains("JSON object", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task CreateOffer_ignores_unknown_fields()
    {
        await using var app = await TestApp.StartAsync(azurite);

        var response = await app.CreateOfferAsync("""{"name": "CRM", "value_props": "v", "ideal_use_cases": "u", "colour": "blue"}""");

        response.AssertStatus(StatusCodes.Status201Created);
    }

    [Fact]
    public async Task CreateOffer_rejects_form_content_type_with_415()
    {
        await using var app = await TestApp.StartAsync(azurite);

        var response = await app.HttpAsync<CreateOffer>(
            Requests.Json("name=CRM", "application/x-www-form-urlencoded"), async (f, r, ct) => await f.Run(r, ct));

        var problem = ProblemAssert.Problem(response, StatusCodes.Status415UnsupportedMediaType);
        Assert.Contains("application/json", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task CreateOffer_rejects_a_body_over_64_KB_with_413()
    {
        await using var app = await TestApp.StartAsync(azurite);
        var huge = $$"""{"name": "CRM", "value_props": "{{new string('x', 70_000)}}", "ideal_use_cases": "u"}""";

        var response = await app.CreateOfferAsync(huge);

        ProblemAssert.Problem(response, StatusCodes.Status413PayloadTooLarge);
        Assert.Equal(0, await app.CountEntitiesAsync("offers"));
    }

    [Fact]
    public async Task GetOffer_returns_the_offer_with_its_keyword_overrides_only()
    {
        await using var app = await TestApp.StartAsync(azurite);
        var id = await app.CreateOfferIdAsync(
            """{"name": "Hospital CRM", "value_props": "v", "ideal_use_cases": "u", "target_industries": ["healthcare", " hospitals "]}""");

        var response = await app.HttpAsync<GetOffer>(Requests.Get(), async (f, r, ct) => await f.Run(r, id, ct));

        var offer = response.AssertStatus(StatusCodes.Status200OK).Json();
        Assert.Equal(id, offer.GetProperty("id").GetString());
        Assert.Equal("Hospital CRM", offer.GetProperty("name").GetString());
        Assert.Equal("v", offer.GetProperty("value_props").GetString());
        Assert.Equal("u", offer.GetProperty("ideal_use_cases").GetString());
        Assert.True(offer.TryGetProperty("created_at", out _));
        var keywords = offer.GetProperty("keywords");
        Assert.Equal(["target_industries"], keywords.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["healthcare", "hospitals"], keywords.GetProperty("target_industries").EnumerateArray().Select(k => k.GetString()));
    }

    [Fact]
    public async Task GetOffer_returns_404_problem_for_an_unknown_id()
    {
        await using var app = await TestApp.StartAsync(azurite);

        var response = await app.HttpAsync<GetOffer>(Requests.Get(), async (f, r, ct) => await f.Run(r, "nope", ct));

        var problem = ProblemAssert.Problem(response, StatusCodes.Status404NotFound);
        Assert.Contains("'nope'", problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("a#b")]
    [InlineData("a/b")]
    [InlineData("a?b")]
    [InlineData("a\\b")]
    [InlineData("a\u0001b")]
    public async Task GetOffer_rejects_ids_with_characters_keys_cannot_hold(string id)
    {
        await using var app = await TestApp.StartAsync(azurite);

        var response = await app.HttpAsync<GetOffer>(Requests.Get(), async (f, r, ct) => await f.Run(r, id, ct));

        ProblemAssert.Fields(response, "id");
    }

    [Fact]
    public async Task ListOffers_returns_offers_newest_first()
    {
        await using var app = await TestApp.StartAsync(azurite);
        var first = await app.CreateOfferIdAsync("""{"name": "First", "value_props": "v", "ideal_use_cases": "u"}""");
        var second = await app.CreateOfferIdAsync("""{"name": "Second", "value_props": "v", "ideal_use_cases": "u"}""");

        var response = await app.HttpAsync<ListOffers>(Requests.Get(), (f, r, ct) => Task.FromResult<IResult>(f.Run(r, ct)));

        var offers = TestApp.Array(response.AssertStatus(StatusCodes.Status200OK));
        Assert.Equal([second, first], offers.Select(o => o.GetProperty("id").GetString()));
    }
}
