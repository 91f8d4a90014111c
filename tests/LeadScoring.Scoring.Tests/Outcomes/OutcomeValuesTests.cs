using LeadScoring.Scoring.Outcomes;

namespace LeadScoring.Scoring.Tests.Outcomes;

/// <summary>Outcome values as each CRM writes them, read as converted, not converted or still open.</summary>
public sealed class OutcomeValuesTests
{
    [Theory]
    // Plain outcome columns.
    [InlineData("converted", OutcomeKind.Positive)]
    [InlineData("Won", OutcomeKind.Positive)]
    [InlineData("customer", OutcomeKind.Positive)]
    [InlineData("opportunity", OutcomeKind.Positive)]
    [InlineData("lost", OutcomeKind.Negative)]
    [InlineData("disqualified", OutcomeKind.Negative)]
    [InlineData("Unqualified", OutcomeKind.Negative)]
    [InlineData("open", OutcomeKind.Open)]
    // Salesforce lead Status (default picklist) and opportunity StageName.
    [InlineData("Closed - Converted", OutcomeKind.Positive)]
    [InlineData("Closed - Not Converted", OutcomeKind.Negative)]
    [InlineData("Open - Not Contacted", OutcomeKind.Open)]
    [InlineData("Working - Contacted", OutcomeKind.Open)]
    [InlineData("Closed Won", OutcomeKind.Positive)]
    [InlineData("Closed Lost", OutcomeKind.Negative)]
    [InlineData("Negotiation/Review", OutcomeKind.Open)]
    [InlineData("Id. Decision Makers", OutcomeKind.Open)]
    // HubSpot lifecycle stage (label and internal value), lead status, deal stage.
    [InlineData("Customer", OutcomeKind.Positive)]
    [InlineData("salesqualifiedlead", OutcomeKind.Positive)]
    [InlineData("Sales Qualified Lead", OutcomeKind.Positive)]
    [InlineData("marketingqualifiedlead", OutcomeKind.Open)]
    [InlineData("Subscriber", OutcomeKind.Open)]
    [InlineData("UNQUALIFIED", OutcomeKind.Negative)]
    [InlineData("OPEN_DEAL", OutcomeKind.Positive)]
    [InlineData("ATTEMPTED_TO_CONTACT", OutcomeKind.Open)]
    [InlineData("BAD_TIMING", OutcomeKind.Open)] // nurtured, not lost
    [InlineData("closedwon", OutcomeKind.Positive)]
    [InlineData("appointmentscheduled", OutcomeKind.Open)]
    // Zoho.
    [InlineData("Junk Lead", OutcomeKind.Negative)]
    [InlineData("Closed-Lost to Competition", OutcomeKind.Negative)]
    [InlineData("Identify Decision Makers", OutcomeKind.Open)]
    // Pipedrive's default pipeline; HubSpot's Leads object.
    [InlineData("Contact Made", OutcomeKind.Open)]
    [InlineData("Negotiations Started", OutcomeKind.Open)]
    [InlineData("Attempting", OutcomeKind.Open)]
    [InlineData("qualified-stage-id", OutcomeKind.Positive)]
    [InlineData("unqualified-stage-id", OutcomeKind.Negative)]
    public void Each_crms_values_count_as_what_they_mean(string value, OutcomeKind kind) =>
        Assert.Equal(kind, OutcomeValues.Read(value, convertedColumn: false));

    [Theory]
    [InlineData("true", OutcomeKind.Positive)]
    [InlineData("TRUE", OutcomeKind.Positive)]
    [InlineData("1", OutcomeKind.Positive)]
    [InlineData("false", OutcomeKind.Open)] // IsConverted false: not converted yet
    [InlineData("", OutcomeKind.Open)]
    public void A_converted_column_is_true_or_not_yet(string value, OutcomeKind kind) =>
        Assert.Equal(kind, OutcomeValues.Read(value, convertedColumn: true));

    [Theory]
    [InlineData("Maybe")]
    [InlineData("Closed")]
    [InlineData("true")] // true means something only in a converted column
    public void A_value_no_crm_writes_is_not_guessed(string value) =>
        Assert.Null(OutcomeValues.Read(value, convertedColumn: false));

    [Fact]
    public void A_deleted_deal_records_nothing_rather_than_an_open_outcome()
    {
        Assert.True(OutcomeValues.IsNoOutcome("Deleted"));
        Assert.Null(OutcomeValues.Read("deleted", convertedColumn: false));
        Assert.False(OutcomeValues.IsNoOutcome("lost"));
    }
}
