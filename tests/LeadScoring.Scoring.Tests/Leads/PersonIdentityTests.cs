using LeadScoring.Scoring.Leads;

namespace LeadScoring.Scoring.Tests.Leads;

public sealed class PersonIdentityTests
{
    private static Lead Lead(string name = "Ada Lovelace", string company = "Analytical Engines", string email = "", string linkedin = "", string recordId = "") =>
        new("", name, "CTO", company, "software", "London", "bio") { Email = email, LinkedinUrl = linkedin, RecordId = recordId };

    [Fact]
    public void The_email_identifies_a_person_whatever_its_case_spaces_or_mailto_and_whatever_else_changed()
    {
        var a = PersonIdentity.Of(Lead(email: "Ada.Lovelace@Engines.TEST"));
        var b = PersonIdentity.Of(Lead(name: "A. Lovelace", company: "Babbage & Co", email: "  mailto:ada.lovelace@engines.test "));

        Assert.Equal((IdentityKind.Email, a.PersonId), (b.Kind, b.PersonId));
        Assert.NotEqual(a.PersonId, PersonIdentity.Of(Lead(email: "grace@navy.test")).PersonId);
    }

    [Theory]
    [InlineData("https://www.linkedin.com/in/ada-lovelace/")]
    [InlineData("http://uk.linkedin.com/in/Ada-Lovelace?trk=profile")]
    [InlineData("linkedin.com/in/ada-lovelace#about")]
    [InlineData("https://www.linkedin.com/in/ada%2Dlovelace")]
    public void Without_an_email_the_linkedin_profile_identifies_a_person_however_its_url_is_written(string url)
    {
        var identity = PersonIdentity.Of(Lead(linkedin: url));

        Assert.Equal((IdentityKind.LinkedinUrl, "linkedin:linkedin.com/in/ada-lovelace"), (identity.Kind, identity.Key));
    }

    [Fact]
    public void Without_email_or_linkedin_the_record_id_identifies_then_the_very_same_row_under_its_name_and_company()
    {
        Assert.Equal(IdentityKind.RecordId, PersonIdentity.Of(Lead(recordId: "00Q5e00000AbCdE", email: "n/a", linkedin: "https://example.com/ada")).Kind);

        var plain = PersonIdentity.Of(Lead(name: "Ada  Lovelace", company: "Analytical Engines, Inc."));
        var spelled = PersonIdentity.Of(Lead(name: "ada lovelace", company: "ANALYTICAL ENGINES"));
        var otherTitle = PersonIdentity.Of(Lead(name: "Ada Lovelace", company: "Analytical Engines") with { Role = "Intern" });
        Assert.Equal(IdentityKind.NameAndCompany, plain.Kind);
        Assert.Equal(plain.PersonId, spelled.PersonId); // the same row, spelled otherwise
        Assert.NotEqual(plain.PersonId, otherTitle.PersonId); // another row: another lead
        Assert.Equal((plain.NameKey, plain.NameKey), (otherTitle.NameKey, plain.PersonId[..PersonIdentity.NameKeyDigits]));
        Assert.NotEqual(plain.NameKey, PersonIdentity.Of(Lead(company: "Difference Engines")).NameKey);
    }

    [Fact]
    public void A_name_and_company_person_stored_before_ids_were_kept_is_found_under_the_same_name_key()
    {
        var lead = Lead(name: "Ada Lovelace", company: "Analytical Engines");

        Assert.StartsWith(PersonIdentity.Of(lead).NameKey!, PersonIdentity.PersonIdBefore(lead), StringComparison.Ordinal);
        Assert.Equal(PersonIdentity.Of(lead with { Email = "ada@engines.test" }).PersonId, PersonIdentity.PersonIdBefore(lead with { Email = "ada@engines.test" }));
    }

    [Fact]
    public void A_row_without_both_a_name_and_a_company_is_only_itself()
    {
        var companyOnly = PersonIdentity.Of(Lead(name: "", company: "Inc."));
        var nothing = PersonIdentity.Of(Lead(name: " ", company: "", email: "-"));

        Assert.Equal((IdentityKind.Row, (string?)null), (companyOnly.Kind, companyOnly.NameKey));
        Assert.Equal(IdentityKind.Row, nothing.Kind);
        Assert.Equal(nothing.PersonId, PersonIdentity.Of(Lead(name: "", company: "", email: "-")).PersonId);
        Assert.NotEqual(nothing.PersonId, PersonIdentity.Of(Lead(name: "", company: "", email: "-") with { Role = "CEO" }).PersonId);
    }

    [Fact]
    public void The_person_id_is_a_short_hex_key_that_does_not_show_the_email()
    {
        var identity = PersonIdentity.Of(Lead(email: "ada@engines.test"));

        Assert.Matches("^[0-9a-f]{20}$", identity.PersonId);
        Assert.DoesNotContain("ada", identity.PersonId, StringComparison.Ordinal);
    }

    [Fact]
    public void The_fields_hash_changes_with_any_stored_field_and_only_then()
    {
        var lead = Lead(email: "ada@engines.test");

        Assert.Equal(PersonIdentity.FieldsHash(lead), PersonIdentity.FieldsHash(lead with { Id = "other-00000002" }));
        Assert.NotEqual(PersonIdentity.FieldsHash(lead), PersonIdentity.FieldsHash(lead with { Role = "CEO" }));
        Assert.NotEqual(PersonIdentity.FieldsHash(lead), PersonIdentity.FieldsHash(lead with { Phone = "+44" }));
        // Fields are separated, so moving a word from one field to the next is a change.
        Assert.NotEqual(PersonIdentity.FieldsHash(lead with { Name = "A", Role = "B C" }), PersonIdentity.FieldsHash(lead with { Name = "A B", Role = "C" }));
    }
}
