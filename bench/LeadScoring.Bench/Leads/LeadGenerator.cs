using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace LeadScoring.Bench.Leads;

/// <summary>
/// Writes a leads CSV that looks like a real export: a spread of roles and industries across every rule tier, bios of
/// varying length, quoted commas, quotes and line breaks, blank optional fields, blank lines, and a few rows the
/// service must reject (a wrong field count: too few, one short, or too many). The same seed and size always give the same bytes.
/// </summary>
/// <remarks>
/// <paramref name="leads"/> counts the valid leads only: the rejected rows come on top (one in every
/// <see cref="RejectEvery"/> rows), so a size of 1,000 stores exactly 1,000 leads. Fields go through CsvHelper's writer
/// (RFC 4180 quoting); the bad rows are bad in field count or content, never in quoting, so one of them cannot swallow
/// the rows after it.
/// </remarks>
internal sealed class LeadGenerator(int seed = LeadGenerator.DefaultSeed)
{
    public const int DefaultSeed = 20261124;
    public const string Header = "name,role,company,industry,location,linkedin_bio,email";
    private const int RejectEvery = 100;
    private const int BlankLineEvery = 500;

    // Each pool mixes the rule tiers (decision maker / senior / influencer / none; target / adjacent / neutral / none).
    private static readonly string[] Roles =
    [
        "CEO", "Co-Founder", "Founder & CEO", "CTO", "CFO", "COO", "Chief Revenue Officer", "Owner",
        "VP Sales", "VP of Marketing", "Vice President, Engineering", "Head of Growth", "Head of Operations",
        "Director of IT", "Director of Procurement", "Sales Director",
        "Senior Engineer", "Engineering Manager", "HR Manager", "Product Manager", "Lead Data Scientist",
        "Principal Architect", "Marketing Manager", "Team Lead, Customer Support",
        "Coordinator", "Sales Associate", "Analyst", "Intern", "Account Executive", "Office Administrator",
        "Customer Success Specialist", "Recruiter",
    ];

    private static readonly string[] Industries =
    [
        "SaaS", "Software", "Technology", "Tech", "FinTech", "Healthcare Tech", "EdTech", "Consulting", "Professional Services",
        "Healthcare", "Finance", "Education", "Manufacturing", "Retail", "E-commerce", "Logistics", "Media", "Real Estate",
        "Non-profit", "Government", "Energy",
    ];

    private static readonly string[] FirstNames =
    [
        "John", "Sarah", "Mike", "Priya", "Wei", "Fatima", "Carlos", "Anna", "José", "Zoë", "Søren", "Aoife", "Kwame",
        "Yuki", "Olga", "Ahmed", "Laura", "David", "Mei", "Lucas", "Chloé", "Ravi", "Emma", "Noah", "Ingrid", "Tomás",
        "Amara", "Hiroshi", "Elena", "Omar",
    ];

    private static readonly string[] LastNames =
    [
        "Smith", "Johnson", "Chen", "Patel", "García", "Müller", "O'Brien", "van der Berg", "Nguyen", "Kowalski", "Rossi",
        "Okafor", "Tanaka", "Ivanova", "Hassan", "Dubois", "Silva", "Kim", "Andersson", "Murphy", "Singh", "Lopez",
        "Schmidt", "Cohen", "Haddad", "Novak", "Brown", "Moreau", "Sato", "Fischer",
    ];

    private static readonly string[] CompanyStems =
    [
        "Acme", "Globex", "Initech", "Umbrella", "Stark", "Hooli", "Vandelay", "Soylent", "Cyberdyne", "Tyrell", "Wonka",
        "Pied Piper", "Massive Dynamic", "Aperture", "Blue Sun", "Northwind", "Contoso", "Fabrikam", "Adatum", "Tailspin",
    ];

    private static readonly string[] CompanySuffixes =
        ["", " Labs", " Systems", " Inc.", ", Inc.", " GmbH", " Ltd", " Analytics", " Health", " & Co", " Group, LLC"];

    private static readonly string[] Locations =
    [
        "Austin, TX", "Berlin", "London", "São Paulo", "Bangalore", "New York, NY", "Toronto", "Sydney", "Paris", "Remote",
        "Lagos", "Tokyo", "Dublin", "Warsaw", "Singapore",
    ];

    private static readonly string[] Areas =
        ["B2B sales", "cloud infrastructure", "payments", "clinical operations", "supply chain", "growth marketing", "data platforms", "people operations"];

    private static readonly string[] Topics =
        ["AI automation", "pipeline efficiency", "revenue operations", "developer productivity", "customer retention", "security compliance"];

    /// <param name="bios">False: no bios, locations or industries, so rows are short (a million fit in 100 MB).</param>
    public GeneratedLeads Write(string path, int leads, bool bios = true)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(leads);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var random = new Random(seed);
        var rejectedLines = new List<long>();
        // line: the physical line the next row starts on (the header is line 1).
        var (written, rows, line) = (0, 0, 2L);

        using (var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)))
        using (var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture) { NewLine = "\n" }))
        {
            foreach (var column in Header.Split(',')) csv.WriteField(column);
            csv.NextRecord();
            while (written < leads)
            {
                rows++;
                if (rows % BlankLineEvery == 0)
                {
                    // Empty lines are skipped by the reader: neither a lead nor a rejection.
                    csv.NextRecord();
                    line++;
                    continue;
                }

                string[] fields;
                if (rows % RejectEvery == 0)
                {
                    fields = RejectedRow(random, rows / RejectEvery, written);
                    rejectedLines.Add(line);
                }
                else
                {
                    fields = Lead(random, written);
                    if (!bios) fields[3] = fields[4] = fields[5] = "";
                    written++;
                }

                foreach (var field in fields) csv.WriteField(field);
                csv.NextRecord();
                line += 1 + fields.Sum(field => field.Count(c => c == '\n'));
            }
        }

        return new GeneratedLeads(path, written, rejectedLines, new FileInfo(path).Length);
    }

    /// <summary>Valid lead rows only (name, role, company, industry, location, linkedin_bio, email), for loops that skip the CSV.</summary>
    public IEnumerable<string[]> Leads(int count)
    {
        var random = new Random(seed);
        for (var i = 0; i < count; i++) yield return Lead(random, i);
    }

    /// <remarks>
    /// Names and companies repeat across a large file, so each lead has its own email, as CRM exports do: the service
    /// takes people with the same name and company and no email for one person.
    /// </remarks>
    private static string[] Lead(Random random, int index)
    {
        var name = $"{Pick(random, FirstNames)} {Pick(random, LastNames)}";
        var role = Chance(random, 0.02) ? "" : Pick(random, Roles);
        var company = Chance(random, 0.02) ? "" : Pick(random, CompanyStems) + Pick(random, CompanySuffixes);
        var industry = Chance(random, 0.03) ? "" : Pick(random, Industries);
        var location = Chance(random, 0.15) ? "" : Pick(random, Locations);
        var bio = Chance(random, 0.10) ? "" : Bio(random, role, company);
        var email = string.Create(CultureInfo.InvariantCulture, $"lead{index:D7}@{Pick(random, CompanyStems).Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant()}.example");
        return [name, role, company, industry, location, bio, email];
    }

    private static string Bio(Random random, string role, string company)
    {
        var sentences = new List<string>
        {
            $"{random.Next(2, 25)} years in {Pick(random, Areas)}.",
            role.Length > 0 && company.Length > 0 ? $"{role} at {company}." : $"Previously at {Pick(random, CompanyStems)}.",
        };
        if (Chance(random, 0.5)) sentences.Add($"Passionate about {Pick(random, Topics)}, mentoring, and shipping.");
        if (Chance(random, 0.2)) sentences.Add($"Speaker on \"{Pick(random, Topics)}\" at industry events.");
        if (Chance(random, 0.3)) sentences.Add($"Currently evaluating tools for {Pick(random, Topics)} across a team of {random.Next(3, 400)}.");
        // A few bios span lines, as pasted profile text does.
        return string.Join(Chance(random, 0.04) ? "\n" : " ", sentences);
    }

    private static string[] RejectedRow(Random random, int index, int written)
    {
        var lead = Lead(random, written);
        return (index % 3) switch
        {
            0 => lead[..4],                                 // too few fields
            1 => [.. lead, "unexpected extra column"],      // too many fields
            _ => lead[..6],                                 // one field short, as a row cut off by hand
        };
    }

    private static string Pick(Random random, string[] pool) => pool[random.Next(pool.Length)];

    private static bool Chance(Random random, double probability) => random.NextDouble() < probability;
}

/// <summary>A generated file: how many valid leads it holds and the physical lines of the rows the service must reject.</summary>
internal sealed record GeneratedLeads(string Path, int Leads, IReadOnlyList<long> RejectedLines, long Bytes);
