using LeadScoring.Scoring.Leads;
using LeadScoring.Scoring.Rules;
using LeadScoring.Scoring.Tests.Rules;
using static LeadScoring.Scoring.Tests.Csv.CsvTestStreams;

namespace LeadScoring.Scoring.Tests.Csv;

/// <summary>
/// Files as the common sources export them, unchanged: each header line is the source's own (docs/csv.md, "Lead files",
/// says where each was taken from), with two rows. The same person is in every file, so every source must give the
/// same lead fields and the same rule score.
/// </summary>
public sealed class LeadFileSourcesTests
{
    private static readonly (string Source, string Header, string Row)[] Files =
    [
        (
            "HubSpot contacts",
            "Record ID,First Name,Last Name,Email,Phone Number,Lifecycle Stage,Contact owner,Job Title,Company Name,Industry,City,State/Region,Country/Region,LinkedIn Bio,Create Date",
            "501,Ada,Lovelace,ada@engines.test,+44 20 7946 0000,lead,owner@us.test,CTO,Analytical Engines,software,London,England,United Kingdom,Builds engines,2026-11-02 10:00"
        ),
        (
            "Salesforce leads report (Lightning and Classic)",
            "Lead Owner,First Name,Last Name,Title,Company / Account,Email,Phone,Lead Source,Lead Status,Industry,Street,City,State/Province,Zip/Postal Code,Country,Description,Lead ID",
            "Sam Seller,Ada,Lovelace,CTO,Analytical Engines,ada@engines.test,+44 20 7946 0000,Web,Open,software,1 Strand,London,England,WC2N,United Kingdom,Builds engines,501"
        ),
        (
            "Salesforce contacts report",
            "Contact Owner,Contact ID,First Name,Last Name,Title,Account Name,Email,Phone,Mailing City,Mailing State/Province,Mailing Country,Department,Description,Industry",
            "Sam Seller,501,Ada,Lovelace,CTO,Analytical Engines,ada@engines.test,+44 20 7946 0000,London,England,United Kingdom,Engineering,Builds engines,software"
        ),
        (
            "Salesforce Data Loader (API names)",
            "Id,FirstName,LastName,Title,Company,Email,Phone,Industry,City,State,Country,Description",
            "501,Ada,Lovelace,CTO,Analytical Engines,ada@engines.test,+44 20 7946 0000,software,London,England,United Kingdom,Builds engines"
        ),
        (
            "Apollo.io people export",
            "First Name,Last Name,Title,Company,Company Name for Emails,Email,Email Status,Seniority,Departments,Contact Owner,First Phone,Work Direct Phone,Mobile Phone,Corporate Phone,Stage,Lists,# Employees,Industry,Keywords,Person Linkedin Url,Website,Company Linkedin Url,City,State,Country,Company Address,Company City,Company State,Company Country,Apollo Contact Id,Apollo Account Id",
            "Ada,Lovelace,CTO,Analytical Engines,Analytical Engines,ada@engines.test,Verified,c_suite,Engineering,sam@us.test,+44 20 7946 0000,,,,Cold,Q4,120,software,\"engines, math\",https://www.linkedin.com/in/ada,engines.test,https://www.linkedin.com/company/engines,London,England,United Kingdom,1 Strand,London,England,United Kingdom,501,acc-9"
        ),
        (
            "Pipedrive people export",
            "Person - ID,Person - Name,Person - Label,Person - Organization,Person - Email - Work,Person - Phone - Work,Person - Job title,Person - Owner",
            "501,Ada Lovelace,Hot lead,Analytical Engines,ada@engines.test,+44 20 7946 0000,CTO,Sam Seller"
        ),
        (
            "Zoho CRM leads export",
            "Record Id,Lead Owner,Company,First Name,Last Name,Title,Email,Phone,Mobile,Website,Lead Source,Lead Status,Industry,City,State,Country,Description",
            "501,Sam Seller,Analytical Engines,Ada,Lovelace,CTO,ada@engines.test,+44 20 7946 0000,,engines.test,Web,Contacted,software,London,England,United Kingdom,Builds engines"
        ),
        (
            "LinkedIn Sales Navigator list (Phantombuster search export)",
            "profileUrl,fullName,firstName,lastName,companyName,title,companyId,companyUrl,regularCompanyUrl,summary,titleDescription,industry,companyLocation,location,durationInRole,durationInCompany,defaultProfileUrl,vmid,query,timestamp",
            "https://www.linkedin.com/sales/lead/ACw,Ada Lovelace,Ada,Lovelace,Analytical Engines,CTO,77,https://www.linkedin.com/sales/company/77,https://www.linkedin.com/company/engines,Builds engines,Leads engineering,software,London,\"London, England, United Kingdom\",2 years,5 years,https://www.linkedin.com/in/ada,ACw,q,2026-11-02T10:00:00Z"
        ),
        (
            "Google Sheets / Excel list with plain-English headers",
            "Full Name,Job Title,Company,Industry,Location,About,Email,Phone,LinkedIn",
            "Ada Lovelace,CTO,Analytical Engines,software,\"London, England, United Kingdom\",Builds engines,ada@engines.test,+44 20 7946 0000,https://www.linkedin.com/in/ada"
        ),
    ];

    public static TheoryData<string, string, string> Sources()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var (source, header, row) in Files) data.Add(source, header, row);
        return data;
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task A_file_as_the_source_exports_it_gives_the_same_lead_and_rule_score(string source, string header, string row)
    {
        var rows = await ReadAllAsync(header + "\r\n" + row + "\r\n");

        var lead = Assert.Single(rows).Lead;
        Assert.True(lead is not null, $"{source}: {rows[0].Error}");
        Assert.Equal(("Ada Lovelace", "CTO", "Analytical Engines"), (lead.Name, lead.Role, lead.Company));
        if (lead.Location.Length > 0) Assert.StartsWith("London", lead.Location);
        if (lead.Industry.Length > 0) Assert.Equal("software", lead.Industry);
        if (lead.Email.Length > 0) Assert.Equal("ada@engines.test", lead.Email);
        if (lead.RecordId.Length > 0) Assert.Equal("501", lead.RecordId);
        var score = RuleSamples.Scorer().Score(lead, RuleSamples.Offer());
        Assert.Equal((RoleTier.DecisionMaker, "cto"), (score.RoleTier, score.RoleKeyword));
    }

    [Fact]
    public async Task Hubspot_contacts_join_first_and_last_name_and_city_state_country_and_keep_the_extras()
    {
        var (header, row) = Of("HubSpot contacts");

        await using var file = await OpenAsync(header + "\n" + row + "\n");
        var lead = Assert.Single(await ReadAllAsync(file)).Lead!;

        Assert.Equal(
            new Lead("", "Ada Lovelace", "CTO", "Analytical Engines", "software", "London, England, United Kingdom", "Builds engines")
            {
                Email = "ada@engines.test",
                Phone = "+44 20 7946 0000",
                RecordId = "501",
            },
            lead);
        Assert.Equal("First Name + Last Name", file.Mapping["name"]);
        Assert.Equal("City, State/Region, Country/Region", file.Mapping["location"]);
        Assert.Equal("Record ID", file.Mapping["record_id"]);
    }

    [Fact]
    public async Task Apollo_keeps_the_person_columns_over_the_company_ones_and_its_seniority()
    {
        var (header, row) = Of("Apollo.io people export");

        var lead = Assert.Single(await ReadAllAsync(header + "\n" + row + "\n")).Lead!;

        Assert.Equal(("https://www.linkedin.com/in/ada", "engines.test", "c_suite", "Engineering", "501"), (lead.LinkedinUrl, lead.Website, lead.Seniority, lead.Department, lead.RecordId));
        // "First Phone" comes before the empty direct and mobile lines in Apollo's file, and is the one filled.
        Assert.Equal("London, England, United Kingdom", lead.Location);
    }

    [Fact]
    public async Task Sales_navigator_prefers_the_public_profile_url_and_the_summary_as_bio()
    {
        var (header, row) = Of("LinkedIn Sales Navigator list (Phantombuster search export)");

        var lead = Assert.Single(await ReadAllAsync(header + "\n" + row + "\n")).Lead!;

        Assert.Equal(("https://www.linkedin.com/in/ada", "Builds engines", "London, England, United Kingdom"), (lead.LinkedinUrl, lead.LinkedinBio, lead.Location));
    }

    [Fact]
    public async Task A_hubspot_companies_export_imports_each_company_as_a_lead_without_a_name()
    {
        const string header = "Record ID,Company name,Company Domain Name,Industry,City,State/Region,Country/Region,Phone Number,Description,Company owner,Create Date";

        var rows = await ReadAllAsync(header + "\n" + "9001,Analytical Engines,engines.test,software,London,England,United Kingdom,+44 20 7946 0000,Builds engines,Sam,2026-11-02\n");

        var row = Assert.Single(rows);
        Assert.Equal(("", "Analytical Engines", "engines.test", "Builds engines", "9001"), (row.Lead!.Name, row.Lead.Company, row.Lead.Website, row.Lead.LinkedinBio, row.Lead.RecordId));
        Assert.NotNull(row.Warning);
    }

    [Theory]
    [InlineData("c_suite", RoleTier.DecisionMaker, 20)]
    [InlineData("founder", RoleTier.DecisionMaker, 20)]
    [InlineData("vp", RoleTier.Senior, 15)]
    [InlineData("director", RoleTier.Senior, 15)]
    [InlineData("manager", RoleTier.Influencer, 10)]
    [InlineData("entry", RoleTier.None, 0)]
    [InlineData("astronaut", RoleTier.None, 0)]
    public void A_stated_seniority_gives_the_role_points_when_the_title_matches_no_keyword(string seniority, RoleTier tier, int points)
    {
        var lead = RuleSamples.Lead(role: "Growth Hacker") with { Seniority = seniority };

        var score = RuleSamples.Scorer().Score(lead, RuleSamples.Offer());

        Assert.Equal((tier, points), (score.RoleTier, score.RolePoints));
        Assert.Equal(tier == RoleTier.None && seniority != "entry" ? null : "seniority: " + seniority, score.RoleKeyword);
    }

    [Fact]
    public void A_title_keyword_wins_over_a_stated_seniority()
    {
        var lead = RuleSamples.Lead(role: "HR Manager") with { Seniority = "c_suite" };

        var score = RuleSamples.Scorer().Score(lead, RuleSamples.Offer());

        Assert.Equal((RoleTier.Influencer, "manager"), (score.RoleTier, score.RoleKeyword));
    }

    private static (string Header, string Row) Of(string source) =>
        Files.Single(file => file.Source == source) is var (_, header, row) ? (header, row) : default;
}
