using System.Collections.Frozen;

namespace LeadScoring.Scoring.Outcomes;

/// <summary>
/// The values CRMs write for what became of a lead, and what each counts as (docs/outcomes.md). Values are compared
/// by their letters and digits only, ignoring case: "Closed - Converted", "closedconverted" and "CLOSED_CONVERTED"
/// are one value. A lead-scoring positive is a lead that converted: into a customer, a won deal, an opportunity or a
/// sales-qualified lead (what Salesforce's lead conversion and HubSpot's lifecycle stages mean by it).
/// </summary>
public static class OutcomeValues
{
    private static readonly FrozenDictionary<string, OutcomeKind> Values = new Dictionary<string, OutcomeKind>
    {
        // Plain words, and an outcome column's own values.
        ["converted"] = OutcomeKind.Positive,
        ["won"] = OutcomeKind.Positive,
        ["customer"] = OutcomeKind.Positive,
        ["opportunity"] = OutcomeKind.Positive,
        ["qualified"] = OutcomeKind.Positive,
        ["client"] = OutcomeKind.Positive,
        ["positive"] = OutcomeKind.Positive,
        ["success"] = OutcomeKind.Positive,
        ["sale"] = OutcomeKind.Positive,
        ["lost"] = OutcomeKind.Negative,
        ["disqualified"] = OutcomeKind.Negative,
        ["unqualified"] = OutcomeKind.Negative,
        ["notqualified"] = OutcomeKind.Negative,
        ["rejected"] = OutcomeKind.Negative,
        ["junk"] = OutcomeKind.Negative,
        ["negative"] = OutcomeKind.Negative,
        ["notconverted"] = OutcomeKind.Negative,
        ["open"] = OutcomeKind.Open,
        ["pending"] = OutcomeKind.Open,
        ["new"] = OutcomeKind.Open,
        ["working"] = OutcomeKind.Open,
        ["contacted"] = OutcomeKind.Open,
        ["notcontacted"] = OutcomeKind.Open,
        ["nurture"] = OutcomeKind.Open,
        ["nurturing"] = OutcomeKind.Open,
        ["inprogress"] = OutcomeKind.Open,
        ["unknown"] = OutcomeKind.Open,

        // Salesforce lead Status (the default picklist) and opportunity StageName.
        ["closedconverted"] = OutcomeKind.Positive,
        ["closednotconverted"] = OutcomeKind.Negative,
        ["opennotcontacted"] = OutcomeKind.Open,
        ["workingcontacted"] = OutcomeKind.Open,
        ["closedwon"] = OutcomeKind.Positive,
        ["closedlost"] = OutcomeKind.Negative,
        ["prospecting"] = OutcomeKind.Open,
        ["qualification"] = OutcomeKind.Open,
        ["needsanalysis"] = OutcomeKind.Open,
        ["valueproposition"] = OutcomeKind.Open,
        ["iddecisionmakers"] = OutcomeKind.Open,
        ["perceptionanalysis"] = OutcomeKind.Open,
        ["proposalpricequote"] = OutcomeKind.Open,
        ["negotiationreview"] = OutcomeKind.Open,
        ["identifydecisionmakers"] = OutcomeKind.Open, // Zoho's spelling of the same stage

        // HubSpot lifecycle stage (labels and internal values), lead status, deal stage.
        ["subscriber"] = OutcomeKind.Open,
        ["lead"] = OutcomeKind.Open,
        ["marketingqualifiedlead"] = OutcomeKind.Open,
        ["mql"] = OutcomeKind.Open,
        ["salesqualifiedlead"] = OutcomeKind.Positive,
        ["sql"] = OutcomeKind.Positive,
        ["evangelist"] = OutcomeKind.Positive,
        ["other"] = OutcomeKind.Open,
        ["opendeal"] = OutcomeKind.Positive,
        ["attemptedtocontact"] = OutcomeKind.Open,
        ["connected"] = OutcomeKind.Open,
        ["badtiming"] = OutcomeKind.Open, // not now: nurtured, not lost
        ["attempting"] = OutcomeKind.Open, // the Leads object's stages, and their internal ids
        ["newstageid"] = OutcomeKind.Open,
        ["attemptingstageid"] = OutcomeKind.Open,
        ["connectedstageid"] = OutcomeKind.Open,
        ["qualifiedstageid"] = OutcomeKind.Positive,
        ["unqualifiedstageid"] = OutcomeKind.Negative,
        ["appointmentscheduled"] = OutcomeKind.Open,
        ["qualifiedtobuy"] = OutcomeKind.Open,
        ["presentationscheduled"] = OutcomeKind.Open,
        ["decisionmakerboughtin"] = OutcomeKind.Open,
        ["contractsent"] = OutcomeKind.Open,

        // Pipedrive's default pipeline stages (its deal status is open, won or lost), Zoho lead status and deal stage.
        ["contactmade"] = OutcomeKind.Open,
        ["demoscheduled"] = OutcomeKind.Open,
        ["meetingscheduled"] = OutcomeKind.Open,
        ["proposalmade"] = OutcomeKind.Open,
        ["negotiationsstarted"] = OutcomeKind.Open,
        ["junklead"] = OutcomeKind.Negative,
        ["lostlead"] = OutcomeKind.Negative,
        ["contactinfuture"] = OutcomeKind.Open,
        ["prequalified"] = OutcomeKind.Open,
        ["closedlosttocompetition"] = OutcomeKind.Negative,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenSet<string> True = new[] { "true", "yes", "y", "1", "x" }.ToFrozenSet(StringComparer.Ordinal);
    private static readonly FrozenSet<string> False = new[] { "false", "no", "n", "0", "" }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>
    /// Whether a value says there is nothing to record, like a blank cell: Pipedrive's status of a deleted deal (its API
    /// leaves deleted deals out), which must not replace what was recorded for the person before.
    /// </summary>
    public static bool IsNoOutcome(string value) => Key(value) == "deleted";

    /// <summary>Every value read, by what it counts as (for the documentation and its test).</summary>
    public static IReadOnlyDictionary<string, OutcomeKind> All => Values;

    /// <summary>
    /// What a value of an outcome column counts as; null for a value it does not know (the row is then reported).
    /// A "converted" column (Salesforce's IsConverted) is true or false: false is a lead not converted yet, so open.
    /// </summary>
    public static OutcomeKind? Read(string value, bool convertedColumn)
    {
        var key = Key(value);
        if (convertedColumn)
        {
            if (True.Contains(key)) return OutcomeKind.Positive;
            if (False.Contains(key)) return OutcomeKind.Open;
        }

        return Values.TryGetValue(key, out var kind) ? kind : null;
    }

    private static string Key(string value) => string.Concat(value.Where(char.IsLetterOrDigit)).ToLowerInvariant();
}
