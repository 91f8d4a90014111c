using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace LeadScoring.Scoring.Leads;

/// <summary>What a person is recognised by, strongest first.</summary>
public enum IdentityKind
{
    Email,
    LinkedinUrl,
    RecordId,
    NameAndCompany,
}

/// <summary>
/// Who a lead is, whichever file it came in: the email when there is one, else the LinkedIn profile URL, else the
/// source's record id, else the name and company, each normalised so that spelling noise ("Jane.Doe@X.com ",
/// "https://www.linkedin.com/in/jane-doe/", "Acme, Inc.") does not make two people of one.
/// <see cref="PersonId"/> is a hash of that key: fixed-length, safe as a table key, and it says nothing of the person.
/// </summary>
public sealed record PersonIdentity(IdentityKind Kind, string Key, string PersonId)
{
    private static readonly string[] CompanySuffixes =
        ["inc", "incorporated", "llc", "ltd", "limited", "gmbh", "ag", "sa", "sas", "bv", "nv", "plc", "corp", "corporation", "co", "company", "pty", "srl", "spa", "oy", "ab", "as"];

    /// <summary>The identity of a lead, or null when it has nothing to be recognised by (the importer rejects such rows).</summary>
    public static PersonIdentity? Of(Lead lead)
    {
        if (Email(lead.Email) is { } email) return Create(IdentityKind.Email, "email:" + email);
        if (LinkedinProfile(lead.LinkedinUrl) is { } profile) return Create(IdentityKind.LinkedinUrl, "linkedin:" + profile);
        if (lead.RecordId.Trim() is { Length: > 0 } recordId) return Create(IdentityKind.RecordId, "record:" + recordId);
        var (name, company) = (Words(lead.Name), Company(lead.Company));
        return name.Length == 0 && company.Length == 0 ? null : Create(IdentityKind.NameAndCompany, "name:" + name + "|" + company);
    }

    /// <summary>A digest of every stored field (64 bits), so a re-upload can tell an unchanged person from an updated one.</summary>
    public static string FieldsHash(Lead lead)
    {
        var fields = string.Join('\u001f',
            lead.Name, lead.Role, lead.Company, lead.Industry, lead.Location, lead.LinkedinBio,
            lead.Email, lead.Phone, lead.LinkedinUrl, lead.Website, lead.Seniority, lead.Department, lead.RecordId);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(fields)).AsSpan(0, 8));
    }

    /// <summary>How a duplicate row is explained: "the same email", "the same name and company"...</summary>
    public string Describe() => Kind switch
    {
        IdentityKind.Email => "the same email",
        IdentityKind.LinkedinUrl => "the same LinkedIn URL",
        IdentityKind.RecordId => "the same record id",
        _ => "the same name and company",
    };

    private static PersonIdentity Create(IdentityKind kind, string key) =>
        // 80 bits: a collision among a billion people is about one in a million.
        new(kind, key, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)).AsSpan(0, 10)));

    private static string? Email(string email)
    {
        var trimmed = email.Trim().Trim('<', '>').Trim();
        if (trimmed.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase)) trimmed = trimmed[7..];
        // Only something shaped like an address: "n/a" or "-" in an email column identifies nobody.
        var at = trimmed.IndexOf('@');
        return at > 0 && at < trimmed.Length - 1 && !trimmed.Contains(' ') ? trimmed.ToLowerInvariant() : null;
    }

    /// <summary>"linkedin.com/in/jane-doe" from any spelling of the profile's URL; null when it is not a LinkedIn URL.</summary>
    private static string? LinkedinProfile(string url)
    {
        var text = url.Trim().ToLowerInvariant();
        var at = text.IndexOf("linkedin.com/", StringComparison.Ordinal);
        if (at < 0) return null;
        var path = text[(at + "linkedin.com/".Length)..];
        var end = path.IndexOfAny(['?', '#']);
        if (end >= 0) path = path[..end];
        path = Uri.UnescapeDataString(path).Trim('/');
        return path.Length == 0 ? null : "linkedin.com/" + path;
    }

    private static string Company(string company)
    {
        var words = Words(company).Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        // "Acme, Inc." and "Acme" are one company; "Inc" alone is still a name.
        while (words.Count > 1 && CompanySuffixes.Contains(words[^1])) words.RemoveAt(words.Count - 1);
        return string.Join(' ', words);
    }

    /// <summary>Lower-case letters and digits, accents kept, every run of anything else one space.</summary>
    private static string Words(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormC))
        {
            if (char.IsLetterOrDigit(c)) builder.Append(char.ToLower(c, CultureInfo.InvariantCulture));
            else if (builder.Length > 0 && builder[^1] != ' ') builder.Append(' ');
        }

        return builder.ToString().TrimEnd();
    }
}
