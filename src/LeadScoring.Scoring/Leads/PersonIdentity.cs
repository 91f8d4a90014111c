using System.Buffers;
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

    /// <summary>Name and company, nothing stronger: merged only with the same row, re-identified only when unambiguous.</summary>
    NameAndCompany,

    /// <summary>Neither a strong identity nor both a name and a company: the row is its own lead.</summary>
    Row,
}

/// <summary>
/// Who a lead is, whichever file it came in. A strong identity (the email when there is one, else the LinkedIn profile
/// URL, else the source's record id), normalised so that spelling noise ("Jane.Doe@X.com ",
/// "https://www.linkedin.com/in/jane-doe/") does not make two people of one, is the person. A row with none of them
/// is only itself: its id hashes every field of the row, so only the very same row (after normalisation) is the same
/// lead; with a name and a company the id starts with <see cref="NameKey"/>, so every stored person of that name and
/// company shares one index group, where a later upload can re-identify the one of them when there is only one
/// (<c>PersonMatcher</c>). <see cref="PersonId"/> is a hash: fixed-length, safe as a table key, and it says nothing
/// of the person.
/// </summary>
public sealed record PersonIdentity(IdentityKind Kind, string Key, string PersonId)
{
    /// <summary>Hex digits of <see cref="NameKey"/>: the head of a name-and-company person's id.</summary>
    public const int NameKeyDigits = 12;

    private const int IdDigits = 20;

    private static readonly string[] CompanySuffixes =
        ["inc", "incorporated", "llc", "ltd", "limited", "gmbh", "ag", "sa", "sas", "bv", "nv", "plc", "corp", "corporation", "co", "company", "pty", "srl", "spa", "oy", "ab", "as"];

    /// <summary>The head of a name-and-company person's id, shared by every row of that name and company (see <see cref="NameKeyOf"/>).</summary>
    public string? NameKey { get; init; }

    /// <summary>An email, LinkedIn URL or record id: the same one is the same person, in a file and across files.</summary>
    public bool IsStrong => Kind is IdentityKind.Email or IdentityKind.LinkedinUrl or IdentityKind.RecordId;

    /// <summary>
    /// The identity of a lead's row; every lead has one. <see cref="NameKey"/> is set for a name-and-company row only
    /// (a strong identity does not need it; <see cref="NameKeyOf"/> gives any row's).
    /// </summary>
    public static PersonIdentity Of(Lead lead)
    {
        if (Email(lead.Email) is { } email) return Create(IdentityKind.Email, "email:" + email);
        if (LinkedinProfile(lead.LinkedinUrl) is { } profile) return Create(IdentityKind.LinkedinUrl, "linkedin:" + profile);
        if (lead.RecordId.Trim() is { Length: > 0 } recordId) return Create(IdentityKind.RecordId, "record:" + recordId);
        var row = "row:" + NormalizedRow(lead);
        return NameKeyOf(lead) is not { } nameKey
            ? Create(IdentityKind.Row, row)
            : new PersonIdentity(IdentityKind.NameAndCompany, row, nameKey + Hash(row, IdDigits - NameKeyDigits)) { NameKey = nameKey };
    }

    /// <summary>
    /// The first hex digits of the hash of the normalised name and company, when the lead has both (else null): rows
    /// that share it may be one person. Before ids were kept per row, a name-and-company person's id was that whole
    /// hash, so it starts with this key too.
    /// </summary>
    public static string? NameKeyOf(Lead lead)
    {
        var (name, company) = (Words(lead.Name), Company(lead.Company));
        return name.Length == 0 || company.Length == 0 ? null : Hash("name:" + name + "|" + company, NameKeyDigits);
    }

    /// <summary>
    /// The id a lead stored before ids were kept with it was scored under: its strong identity, else the hash of its
    /// name and company, else the lead's own id. Only for rows and messages that carry no person id.
    /// </summary>
    public static string PersonIdBefore(Lead lead)
    {
        var identity = Of(lead);
        if (identity.IsStrong) return identity.PersonId;
        var (name, company) = (Words(lead.Name), Company(lead.Company));
        return name.Length == 0 && company.Length == 0 ? lead.Id : Hash("name:" + name + "|" + company, IdDigits);
    }

    /// <summary>A digest of every stored field (64 bits), so a re-upload can tell an unchanged person from an updated one.</summary>
    public static string FieldsHash(Lead lead)
    {
        var fields = string.Join('\u001f', LeadFields.All.Select(field => field.Of(lead)));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(fields)).AsSpan(0, 8));
    }

    /// <summary>How a duplicate row is explained: "the same email", "the same row"...</summary>
    public string Describe() => Kind switch
    {
        IdentityKind.Email => "the same email",
        IdentityKind.LinkedinUrl => "the same LinkedIn URL",
        IdentityKind.RecordId => "the same record id",
        _ => "the same row: every field is equal",
    };

    /// <summary>
    /// Every field but the record id (a row with one has a strong identity) normalised as names are ("Acme, Inc." and
    /// "acme inc" are equal): name and company first, as person ids made from it always had them.
    /// </summary>
    private static string NormalizedRow(Lead lead) => string.Join('\u001f',
        [Words(lead.Name), Company(lead.Company),
         .. LeadFields.All.Where(field => field != LeadFields.Name && field != LeadFields.Company && field != LeadFields.RecordId).Select(field => Words(field.Of(lead)))]);

    /// <summary>The first <paramref name="digits"/> hex digits of the key's SHA-256 (an even number of them).</summary>
    private static string Hash(string key, int digits)
    {
        var max = Encoding.UTF8.GetMaxByteCount(key.Length);
        var rented = max > 1024 ? ArrayPool<byte>.Shared.Rent(max) : null;
        var bytes = rented ?? stackalloc byte[1024];
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(bytes[..Encoding.UTF8.GetBytes(key, bytes)], hash);
        if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        return Convert.ToHexStringLower(hash[..(digits / 2)]);
    }

    private static PersonIdentity Create(IdentityKind kind, string key) =>
        // 80 bits: a collision among a billion people is about one in a million.
        new(kind, key, Hash(key, IdDigits));

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
        // ASCII is in normal form already; most names are, and normalising costs more than the rest.
        foreach (var c in Ascii.IsValid(text) ? text : text.Normalize(NormalizationForm.FormC))
        {
            if (char.IsLetterOrDigit(c)) builder.Append(char.ToLower(c, CultureInfo.InvariantCulture));
            else if (builder.Length > 0 && builder[^1] != ' ') builder.Append(' ');
        }

        return builder.ToString().TrimEnd();
    }
}
