using System.Text;
using LeadScoring.Scoring.Csv;
using LeadScoring.Scoring.Leads;
using static LeadScoring.Scoring.Tests.Csv.CsvTestStreams;

namespace LeadScoring.Scoring.Tests.Csv;

public sealed class LeadCsvReaderTests
{
    private const string Header = "name,role,company,industry,location,linkedin_bio\n";

    [Fact]
    public async Task Reader_reads_the_seed_example_with_lines()
    {
        var csv = Header
            + "John Smith,CEO,TechCorp,saas,San Francisco,Scaling SaaS platforms for Fortune 500\n"
            + "Sarah Johnson,VP Marketing,DataTech,technology,Seattle,Growth marketing leader\n"
            + "Mike Chen,HR Manager,RetailCorp,retail,Chicago,Human resources professional\n";

        var rows = await ReadAllAsync(csv);

        Assert.Equal([2L, 3L, 4L], rows.Select(row => row.Line));
        Assert.All(rows, row => Assert.Null(row.Error));
        Assert.Equal(
            new Lead("", "John Smith", "CEO", "TechCorp", "saas", "San Francisco", "Scaling SaaS platforms for Fortune 500"),
            rows[0].Lead);
        Assert.Equal("Mike Chen", rows[2].Lead!.Name);
    }

    [Theory]
    [InlineData("linkedin_bio")]
    [InlineData("LinkedIn Bio")]
    [InlineData("LINKEDIN-BIO")]
    [InlineData("  Linkedin_Bio  ")]
    [InlineData("\"LinkedIn Bio\"")]
    [InlineData("linkedinbio")]
    public async Task Reader_matches_header_ignoring_case_spaces_underscores_and_hyphens(string bioHeader)
    {
        var csv = $"NAME, Role ,company,Industry,LOCATION,{bioHeader}\nAda,CTO,Acme,saas,London,Builds engines\n";

        var rows = await ReadAllAsync(csv);

        Assert.Equal("Builds engines", Assert.Single(rows).Lead!.LinkedinBio);
        Assert.Equal("CTO", rows[0].Lead!.Role);
    }

    [Fact]
    public async Task Reader_maps_columns_in_any_order_and_ignores_extra_columns()
    {
        var csv = "email,industry,Company,notes,role,name\nada@acme.test,saas,Acme,met at expo,CTO,Ada\n";

        var rows = await ReadAllAsync(csv);

        Assert.Equal(new Lead("", "Ada", "CTO", "Acme", "saas", "", "") { Email = "ada@acme.test" }, Assert.Single(rows).Lead);
    }

    [Theory]
    [InlineData("name,role,company,industry", "")]
    [InlineData("name;role;company;industry;location;linkedin_bio", ";")]
    [InlineData("name\trole\tcompany\tindustry\tlocation\tlinkedin_bio", "\t")]
    [InlineData("name,role,company,industry,location,linkedin_bio", ",")]
    public async Task Reader_detects_the_delimiter_from_the_header(string header, string delimiter)
    {
        var separator = delimiter.Length == 0 ? ',' : delimiter[0];
        var fields = new[] { "Ada", "CTO", "Acme", "saas", "London", "Builds engines" }.Take(header.Split(separator).Length);
        var csv = header + "\n" + string.Join(separator, fields) + "\n";

        await using var file = await OpenAsync(csv);
        var rows = await ReadAllAsync(file);

        Assert.Null(file.FileError);
        Assert.Equal(separator, file.Delimiter);
        Assert.Equal("Acme", Assert.Single(rows).Lead!.Company);
    }

    [Fact]
    public async Task Reader_lets_the_header_decide_the_delimiter_when_rows_hold_other_candidates()
    {
        var csv = "name;role;company;industry;linkedin_bio\nAda;CTO, founder;Acme, Inc;saas;a,b,c,d,e,f,g\n";

        await using var file = await OpenAsync(csv);
        var rows = await ReadAllAsync(file);

        Assert.Equal(';', file.Delimiter);
        Assert.Equal(new Lead("", "Ada", "CTO, founder", "Acme, Inc", "saas", "", "a,b,c,d,e,f,g"), Assert.Single(rows).Lead);
    }

    [Fact]
    public async Task Reader_ignores_delimiters_inside_quoted_header_names()
    {
        var csv = "name,role,company,industry,\"notes; a; b; c\"\nAda,CTO,Acme,saas,x\n";

        await using var file = await OpenAsync(csv);

        Assert.Equal(',', file.Delimiter);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Reader_accepts_utf8_with_or_without_bom(bool withBom)
    {
        var body = Encoding.UTF8.GetBytes(Header + "Zoë Ağaoğlu,Directrice générale,Société,saas,Zürich,北京\n");
        var bytes = withBom ? [.. Bom, .. body] : body;

        await using var file = await OpenAsync(bytes);
        var rows = await ReadAllAsync(file);

        Assert.Null(file.FileError);
        Assert.Equal(new Lead("", "Zoë Ağaoğlu", "Directrice générale", "Société", "saas", "Zürich", "北京"), Assert.Single(rows).Lead);
    }

    [Fact]
    public async Task Reader_reads_quoted_fields_with_delimiters_quotes_and_line_breaks()
    {
        var csv = Header + "\"Smith, John\",\"CEO \"\"The Boss\"\"\",Acme,saas,\"\",\"Line one\nLine two\r\nLine three\"\n";

        var rows = await ReadAllAsync(csv);

        var lead = Assert.Single(rows).Lead!;
        Assert.Equal("Smith, John", lead.Name);
        Assert.Equal("CEO \"The Boss\"", lead.Role);
        Assert.Equal("", lead.Location);
        Assert.Equal("Line one\nLine two\r\nLine three", lead.LinkedinBio);
    }

    [Fact]
    public async Task Reader_reports_physical_start_lines_after_multi_line_fields_and_blank_lines()
    {
        var csv = Header                                         // 1
            + "Ada,CTO,Acme,saas,London,\"line one\n"            // 2
            + "line two\n"                                       // 3
            + "line three\"\n"                                   // 4
            + "\n"                                               // 5
            + "Bob,CEO,Beta,saas,Paris,bio\n"                    // 6
            + "Carl,CEO\n"                                       // 7
            + "\"Dee\nDee\",CFO,Gamma,saas,Rome,\"x\n\ny\"\n"    // 8-11
            + "\r\n"                                             // 12
            + "Eve,COO,Delta,saas,Oslo,z";                       // 13

        var rows = await ReadAllAsync(csv);

        Assert.Equal([2L, 6L, 7L, 8L, 13L], rows.Select(row => row.Line));
        Assert.Equal("expected 6 fields, found 2", rows[2].Error);
        Assert.Equal("Eve", rows[4].Lead!.Name);
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    [InlineData("\r")]
    public async Task Reader_accepts_any_line_ending(string newline)
    {
        var csv = string.Join(newline, "name,role,company,industry", "Ada,CTO,Acme,saas", "", "Bob,CEO,\"Beta\nCorp\",saas", "Carl,CFO,Gamma,saas") + newline;

        var rows = await ReadAllAsync(csv);

        Assert.Equal(["Ada", "Bob", "Carl"], rows.Select(row => row.Lead!.Name));
        Assert.Equal([2L, 4L, 6L], rows.Select(row => row.Line));
    }

    [Fact]
    public async Task Reader_skips_blank_lines_and_rows_of_empty_fields()
    {
        var csv = "\n\n" + Header + "\n,,,,,\n  ,  , ,,,\n\r\nAda,CTO,Acme,saas,London,bio\n\n\n";

        var rows = await ReadAllAsync(csv);

        var row = Assert.Single(rows);
        Assert.Equal(8, row.Line);
        Assert.Equal("Ada", row.Lead!.Name);
    }

    [Fact]
    public async Task Reader_trims_fields_inside_and_outside_quotes()
    {
        var csv = Header + "  Ada  ,\t CTO ,  \" Acme \" ,saas , ,\n";

        var rows = await ReadAllAsync(csv);

        Assert.Equal(new Lead("", "Ada", "CTO", "Acme", "saas", "", ""), Assert.Single(rows).Lead);
    }

    [Fact]
    public async Task Reader_keeps_a_stray_quote_inside_an_unquoted_field_as_text()
    {
        var csv = Header + "Ada \"Ace\" Lovelace,CTO,Acme,saas,London,bio\n";

        var rows = await ReadAllAsync(csv);

        Assert.Equal("Ada \"Ace\" Lovelace", Assert.Single(rows).Lead!.Name);
    }

    [Fact]
    public async Task Reader_accepts_a_row_with_only_a_name()
    {
        var csv = Header + "Ada,,,,,\n";

        var rows = await ReadAllAsync(csv);

        Assert.Equal(new Lead("", "Ada", "", "", "", "", ""), Assert.Single(rows).Lead);
    }

    [Theory]
    [InlineData(",CTO,Acme,saas,London,bio")]
    [InlineData("   ,CTO,Acme,saas,London,bio")]
    [InlineData("\"  \",CTO,Acme,saas,London,bio")]
    public async Task Reader_accepts_a_row_with_a_blank_name_that_names_a_company_and_warns(string row)
    {
        var csv = Header + row + "\nBob,CEO,Beta,saas,Paris,bio\n";

        var rows = await ReadAllAsync(csv);

        Assert.Equal((2L, "", "Acme", (string?)null), (rows[0].Line, rows[0].Lead!.Name, rows[0].Lead!.Company, rows[0].Error));
        Assert.Equal("name is blank; the lead is scored with fewer completeness points", rows[0].Warning);
        Assert.Null(rows[1].Warning);
    }

    [Theory]
    [InlineData(",CTO,,saas,London,bio", "CTO")]
    [InlineData("  ,CEO,  ,software,,", "CEO")]
    public async Task Reader_keeps_a_row_that_identifies_no_one_as_a_lead_of_its_own_with_a_warning(string row, string role)
    {
        var csv = Header + row + "\nBob,CEO,Beta,saas,Paris,bio\n";

        var rows = await ReadAllAsync(csv);

        Assert.Equal((2L, role, IdentityKind.Row, (string?)null), (rows[0].Line, rows[0].Lead!.Role, rows[0].Identity!.Kind, rows[0].Error));
        Assert.StartsWith("the row has no name, company, email, LinkedIn URL or record id; it is stored as a lead of its own", rows[0].Warning);
        Assert.Equal("Bob", rows[1].Lead!.Name);
    }

    [Fact]
    public async Task Reader_rejects_a_row_whose_lead_fields_are_all_blank_though_another_column_is_not()
    {
        var rows = await ReadAllAsync("name,role,notes\n,,a note\nBob,CEO,x\n");

        Assert.Equal((2L, (Lead?)null), (rows[0].Line, rows[0].Lead));
        Assert.StartsWith("the row has none of the lead's fields", rows[0].Error);
        Assert.Equal("Bob", rows[1].Lead!.Name);
    }

    [Theory]
    [InlineData("Ada,CTO,Acme,saas", "expected 6 fields, found 4")]
    [InlineData("Ada,CTO,Acme,saas,London,bio,extra", "expected 6 fields, found 7")]
    [InlineData("Ada", "expected 6 fields, found 1")]
    [InlineData("Ada;CTO;Acme;saas;London;bio", "expected 6 fields, found 1")]
    public async Task Reader_rejects_a_row_with_the_wrong_field_count_and_continues(string badRow, string error)
    {
        var csv = Header + "Zed,CEO,Zeta,saas,Oslo,bio\n" + badRow + "\nBob,CEO,Beta,saas,Paris,bio\n";

        var rows = await ReadAllAsync(csv);

        Assert.Equal(3, rows.Count);
        Assert.Equal((3L, (Lead?)null, error), (rows[1].Line, rows[1].Lead, rows[1].Error));
        Assert.Equal(["Zed", "Bob"], new[] { rows[0], rows[2] }.Select(row => row.Lead!.Name));
    }

    [Theory]
    [InlineData(0, "name")]
    [InlineData(1, "role")]
    [InlineData(2, "company")]
    [InlineData(3, "industry")]
    [InlineData(4, "location")]
    [InlineData(5, "linkedin_bio")]
    public async Task Reader_rejects_a_row_with_a_field_over_32000_characters_naming_the_field(int column, string name)
    {
        var fields = new[] { "Ada", "CTO", "Acme", "saas", "London", "bio" };
        fields[column] = new string('x', 32_001);
        var csv = Header + string.Join(',', fields) + "\nBob,CEO,Beta,saas,Paris,bio\n";

        var rows = await ReadAllAsync(csv);

        Assert.Equal($"field '{name}' has 32,001 characters; the limit is 32,000", rows[0].Error);
        Assert.Null(rows[0].Lead);
        Assert.Equal("Bob", rows[1].Lead!.Name);
    }

    [Fact]
    public async Task Reader_accepts_a_field_of_exactly_32000_characters()
    {
        var bio = new string('x', 32_000);
        var csv = Header + $"Ada,CTO,Acme,saas,London,\"{bio}\"\n";

        var rows = await ReadAllAsync(csv);

        Assert.Equal(bio, Assert.Single(rows).Lead!.LinkedinBio);
    }

    [Fact]
    public async Task Reader_ignores_an_overlong_field_in_a_column_it_does_not_read()
    {
        var csv = "name,role,company,industry,notes\n" + $"Ada,CTO,Acme,saas,{new string('x', 40_000)}\n";

        var rows = await ReadAllAsync(csv);

        Assert.Equal("Ada", Assert.Single(rows).Lead!.Name);
    }

    [Theory]
    [InlineData("Ada,CTO,Acme,saas,London\n", "'Ada', 'CTO', 'Acme', 'saas', 'London'", "{\"name\": \"Ada\", \"role\": \"CTO\", \"company\": \"Acme\"}")]
    [InlineData("Contact,Job,Employer Org\nAda,CTO,Acme\n", "'Contact', 'Job', 'Employer Org'", "{\"name\": \"Contact\", \"role\": \"Job\", \"company\": \"Employer Org\"}")]
    public async Task Reader_fails_a_header_that_reads_no_lead_field_listing_its_columns_and_a_mapping(string csv, string columns, string mapping)
    {
        await using var file = await OpenAsync(csv);
        var rows = await ReadAllAsync(file);

        Assert.StartsWith("The header has no column the service reads as a lead field", file.FileError);
        Assert.Contains($"The file's columns are: {columns}.", file.FileError);
        Assert.Contains($"with a mapping, e.g. {mapping}", file.FileError);
        Assert.Contains("name,role,company,industry,location,linkedin_bio", file.FileError);
        Assert.Empty(rows);
    }

    [Fact]
    public async Task Reader_accepts_a_header_without_role_or_industry_leaving_them_blank_and_warns_of_both_once()
    {
        await using var file = await OpenAsync("name,company,location\nAda,Acme,London\n");
        var rows = await ReadAllAsync(file);

        Assert.Equal(new Lead("", "Ada", "", "Acme", "", "London", ""), Assert.Single(rows).Lead);
        Assert.Equal(["role", "industry"], file.FileWarnings.Select(warning => warning.Field));
        Assert.Null(rows[0].Warning);
    }

    [Fact]
    public async Task Reader_accepts_a_header_of_only_role_and_industry_and_suggests_a_column_for_the_name_and_company()
    {
        await using var file = await OpenAsync("role,industry,Contact Person,Employer Org\nCTO,saas,Ada,Acme\n");

        Assert.Null(file.FileError);
        Assert.Equal(
            [("name", "{\"name\": \"Contact Person\"}"), ("company", "{\"company\": \"Employer Org\"}")],
            file.FileWarnings.Select(warning => (warning.Field, warning.SuggestedMapping)));
    }

    [Theory]
    [InlineData("name,role,company,industry,Name\n", "'Name' (columns 1 and 5)")]
    [InlineData("name,role,company,industry,linkedin_bio,LinkedIn Bio\n", "'LinkedIn Bio' (columns 5 and 6)")]
    public async Task Reader_fails_the_file_when_a_known_column_appears_twice(string csv, string expected)
    {
        await using var file = await OpenAsync(csv + "Ada,CTO,Acme,saas,x,y\n");

        Assert.Equal($"The header names a column more than once: {expected}. Choose one with a mapping.", file.FileError);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\uFEFF")]
    [InlineData("\n\n\r\n")]
    [InlineData("   \n \t \n")]
    public async Task Reader_fails_an_empty_file(string content)
    {
        await using var file = await OpenAsync(content);
        var rows = await ReadAllAsync(file);

        Assert.Equal("The file is empty.", file.FileError);
        Assert.Empty(rows);
    }

    [Theory]
    [InlineData("name,role,company,industry")]
    [InlineData("name,role,company,industry\n")]
    [InlineData("name,role,company,industry\n\n\n,,,\n")]
    public async Task Reader_reads_zero_rows_from_a_header_only_file(string content)
    {
        await using var file = await OpenAsync(content);
        var rows = await ReadAllAsync(file);

        Assert.Null(file.FileError);
        Assert.Empty(rows);
    }

    [Fact]
    public async Task Reader_fails_a_binary_file()
    {
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52];

        await using var file = await OpenAsync(png);

        Assert.Equal("The file is not a CSV file: it contains binary data.", file.FileError);
    }

    [Fact]
    public async Task Reader_fails_a_text_file_with_a_nul_byte_in_its_first_chunk()
    {
        var bytes = Encoding.UTF8.GetBytes(Header + "Ada,CTO,Acme,saas,London,b\0io\n");

        await using var file = await OpenAsync(bytes);

        Assert.Equal("The file is not a CSV file: it contains binary data.", file.FileError);
    }

    [Theory]
    [InlineData(false, CsvTextEncoding.Utf16LittleEndian)]
    [InlineData(true, CsvTextEncoding.Utf16BigEndian)]
    public async Task Reader_reads_utf16_with_its_byte_order_mark(bool bigEndian, CsvTextEncoding expected)
    {
        // Excel's "Unicode text" is UTF-16 LE with a BOM, tab-delimited.
        var encoding = new UnicodeEncoding(bigEndian, byteOrderMark: true);
        byte[] bytes = [.. encoding.GetPreamble(), .. encoding.GetBytes("name\trole\tcompany\tindustry\nJosé Núñez\tCEO\tMünchen AG\tsaas\n")];

        await using var file = await OpenAsync(bytes);
        var rows = await ReadAllAsync(file);

        Assert.Null(file.FileError);
        Assert.Equal(("José Núñez", "München AG"), (Assert.Single(rows).Lead!.Name, rows[0].Lead!.Company));
        Assert.Equal(expected, file.Encoding);
    }

    [Fact]
    public async Task Reader_reads_a_windows_1252_file_as_excel_writes_it_in_western_locales()
    {
        // "José", "Müller & Söhne", "€" and the curly quotes Excel puts in text: bytes that are not UTF-8.
        var windows1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252)!;
        var bytes = windows1252.GetBytes(Header + "José,CEO,Müller & Söhne,saas,Zürich,“Grows” revenue by 10 €\r\n");

        await using var file = await OpenAsync(bytes);
        var rows = await ReadAllAsync(file);

        Assert.Equal(("José", "Müller & Söhne", "“Grows” revenue by 10 €"), (Assert.Single(rows).Lead!.Name, rows[0].Lead!.Company, rows[0].Lead!.LinkedinBio));
        Assert.Equal(CsvTextEncoding.Windows1252, file.Encoding);
    }

    [Fact]
    public async Task Reader_decodes_every_defined_windows_1252_byte_as_dot_net_does()
    {
        var windows1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback)!;
        var defined = Enumerable.Range(0x80, 0x80).Where(b => b is not (0x81 or 0x8D or 0x8F or 0x90 or 0x9D)).Select(b => (byte)b).ToArray();
        byte[] bytes = [.. Encoding.ASCII.GetBytes(Header + "Ada,CEO,Acme,saas,London,"), .. defined, (byte)'\n'];

        var rows = await ReadAllAsync(await OpenAsync(bytes));

        Assert.Equal(windows1252.GetString(defined), Assert.Single(rows).Lead!.LinkedinBio);
    }

    [Fact]
    public async Task Reader_switches_to_windows_1252_at_a_non_ascii_byte_past_the_first_chunk_keeping_the_rows_before()
    {
        var ascii = new StringBuilder(Header);
        while (ascii.Length < 100_000) ascii.Append("Ada,CTO,Acme,saas,London,bio\n");
        byte[] bytes = [.. Encoding.ASCII.GetBytes(ascii.ToString()), .. "Jos"u8, 0xE9, .. ",CEO,Beta,saas,Paris,bio\n"u8];
        await using var file = await OpenAsync(bytes);

        var rows = await ReadAllAsync(file);

        Assert.Equal("José", rows[^1].Lead!.Name);
        Assert.All(rows, row => Assert.NotNull(row.Lead));
        Assert.Equal(CsvTextEncoding.Windows1252, file.Encoding);
    }

    [Theory]
    [InlineData(new byte[] { 0x81 })]                   // undefined in Windows-1252
    [InlineData(new byte[] { 0xF4, 0x90, 0x80, 0x80 })] // above U+10FFFF in UTF-8, and 0x90 undefined in Windows-1252
    public async Task Reader_fails_a_file_that_is_neither_utf8_nor_windows_1252_giving_the_line(byte[] bad)
    {
        byte[] bytes = [.. Encoding.UTF8.GetBytes(Header + "Ada,CTO,Acme,saas,London,bio\r\nJos"), .. bad, .. "e,CEO,Beta,saas,Paris,bio\n"u8];

        await using var file = await OpenAsync(bytes);

        Assert.Equal("The file is neither UTF-8 nor Windows-1252 (line 3). Save it as \"CSV UTF-8\" and upload it again.", file.FileError);
    }

    [Theory]
    [InlineData(new byte[] { 0xE9 })]                   // Latin-1 é
    [InlineData(new byte[] { 0xC3 })]                   // truncated two-byte sequence
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })]       // UTF-16 surrogate encoded in UTF-8
    public async Task Reader_fails_invalid_utf8_after_valid_utf8_as_mixed_encodings_giving_the_line(byte[] bad)
    {
        byte[] bytes = [.. Encoding.UTF8.GetBytes(Header + "Zoë,CTO,Acme,saas,London,bio\r\nJos"), .. bad, .. "e,CEO,Beta,saas,Paris,bio\n"u8];

        await using var file = await OpenAsync(bytes);

        Assert.Equal("The file is not valid UTF-8 (line 3): it mixes encodings. Save it as \"CSV UTF-8\" and upload it again.", file.FileError);
    }

    [Fact]
    public async Task Reader_keeps_to_utf8_when_the_file_starts_with_its_byte_order_mark()
    {
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Header + "Ada,CTO,Acme,saas,London,bi"), 0xE9, (byte)'\n'];

        await using var file = await OpenAsync(bytes);

        Assert.Equal("The file is not valid UTF-8 (line 2) although it starts with a UTF-8 byte order mark. Save it as \"CSV UTF-8\" and upload it again.", file.FileError);
    }

    [Fact]
    public async Task Reader_reads_a_file_ending_in_a_truncated_utf8_sequence_as_windows_1252_when_the_rest_is_ascii()
    {
        byte[] bytes = [.. Encoding.UTF8.GetBytes(Header + "Ada,CTO,Acme,saas,London,bi"), 0xE2, 0x82];

        var rows = await ReadAllAsync(await OpenAsync(bytes));

        Assert.Equal("biâ‚", Assert.Single(rows).Lead!.LinkedinBio);
    }

    [Fact]
    public async Task Reader_returns_the_rows_before_invalid_utf8_past_the_first_chunk_then_throws_with_its_line()
    {
        // Valid UTF-8 beyond ASCII first ("Zoë"), so a later invalid byte cannot be read as Windows-1252.
        var good = new StringBuilder(Header + "Zoë,CTO,Acme,saas,London,bio\n");
        var lines = 2;
        while (good.Length < 100_000)
        {
            good.Append("Ada,CTO,Acme,saas,London,\"multi\nline\"\n");
            lines += 2;
        }

        byte[] bytes = [.. Encoding.UTF8.GetBytes(good.ToString()), .. "Jos"u8, 0xE9, .. ",CEO,Beta,saas,Paris,bio\nBob,CEO,Beta,saas,Paris,bio\n"u8];
        await using var file = await OpenAsync(bytes);
        var rows = new List<LeadCsvRow>();

        var exception = await Assert.ThrowsAsync<LeadCsvFormatException>(async () =>
        {
            await foreach (var row in file.ReadRowsAsync(TestContext.Current.CancellationToken))
            {
                rows.Add(row);
            }
        });

        Assert.Null(file.FileError);
        Assert.Equal((lines - 2) / 2 + 1, rows.Count);
        Assert.All(rows, row => Assert.NotNull(row.Lead));
        Assert.Equal(lines + 1, exception.Line);
        Assert.Contains($"not valid UTF-8 (line {lines + 1}): it mixes encodings", exception.Message);
    }

    [Fact]
    public async Task Reader_throws_with_the_line_of_a_nul_byte_past_the_first_chunk()
    {
        var good = new StringBuilder(Header);
        var lines = 1;
        while (good.Length < 70_000)
        {
            good.Append("Ada,CTO,Acme,saas,London,bio\r\n");
            lines++;
        }

        byte[] bytes = [.. Encoding.UTF8.GetBytes(good.ToString()), .. "Bob,CEO,Beta,saas,Paris,b"u8, 0x00, .. "io\n"u8];
        await using var file = await OpenAsync(bytes);

        var exception = await Assert.ThrowsAsync<LeadCsvFormatException>(() => ReadAllAsync(file));

        Assert.Equal(lines + 1, exception.Line);
        Assert.Equal($"Line {lines + 1} contains a NUL byte; the file is not plain-text CSV.", exception.Message);
    }

    [Theory]
    [InlineData("Bob,CEO,Beta,saas,Paris,\"never closed\nmore\nlines,with,commas\n")]
    [InlineData("Bob,CEO,Beta,saas,Paris,\"never closed")]
    [InlineData("Bob,CEO,Beta,saas,Paris,\"closed\"\"\n\"\"but reopened\n")]
    public async Task Reader_rejects_a_quote_left_open_to_the_end_of_the_file_naming_the_line_it_opened(string tail)
    {
        var csv = Header + "Ada,CTO,Acme,saas,London,\"a\nb\"\n\n" + tail;

        var rows = await ReadAllAsync(csv);

        Assert.Equal(2, rows.Count);
        Assert.Equal("Ada", rows[0].Lead!.Name);
        Assert.Equal(5, rows[1].Line);
        Assert.Null(rows[1].Lead);
        Assert.Equal("a quoted field opened on this line is never closed, so the rest of the file was read as one field", rows[1].Error);
    }

    [Fact]
    public async Task Reader_does_not_mistake_a_stray_quote_on_the_last_line_for_an_open_quote()
    {
        var csv = Header + "Ada \"Ace,CTO,Acme,saas,London,bio";

        var rows = await ReadAllAsync(csv);

        Assert.Equal("Ada \"Ace", Assert.Single(rows).Lead!.Name);
    }

    [Fact]
    public async Task Reader_stops_with_the_start_line_when_an_open_quote_swallows_more_than_the_record_limit()
    {
        var options = new LeadCsvOptions { MaxRecordLength = 4_096 };
        var csv = Header + "Ada,CTO,Acme,saas,London,bio\n" + "Bob,CEO,Beta,saas,Paris,\"runaway\n"
            + string.Concat(Enumerable.Repeat("Carl,CFO,Gamma,saas,Rome,bio\n", 1_000));
        await using var file = await OpenAsync(csv, options);
        var rows = new List<LeadCsvRow>();

        var exception = await Assert.ThrowsAsync<LeadCsvFormatException>(async () =>
        {
            await foreach (var row in file.ReadRowsAsync(TestContext.Current.CancellationToken))
            {
                rows.Add(row);
            }
        });

        Assert.Equal("Ada", Assert.Single(rows).Lead!.Name);
        Assert.Equal(3, exception.Line);
        Assert.StartsWith("The row starting on line 3 is longer than 4,096 characters", exception.Message);
    }

    [Fact]
    public async Task Reader_stops_on_a_line_of_endless_delimiters_instead_of_buffering_it()
    {
        var options = new LeadCsvOptions { MaxRecordLength = 4_096 };
        var csv = Header + "\n" + new string(',', 2_000_000) + "\nAda,CTO,Acme,saas,London,bio\n";
        await using var file = await OpenAsync(csv, options);

        var exception = await Assert.ThrowsAsync<LeadCsvFormatException>(() => ReadAllAsync(file));

        Assert.Equal(3, exception.Line);
    }

    [Fact]
    public async Task Reader_fails_the_file_when_the_header_itself_runs_past_the_record_limit()
    {
        var options = new LeadCsvOptions { MaxRecordLength = 4_096 };
        var csv = "name,role,company,industry,\"notes" + new string('x', 100_000) + "\n";

        await using var file = await OpenAsync(csv, options);

        Assert.StartsWith("The row starting on line 1 is longer than 4,096 characters", file.FileError);
    }

    [Fact]
    public async Task Reader_stops_after_the_row_limit()
    {
        var options = new LeadCsvOptions { MaxRows = 3 };
        var csv = Header + "A,r,c,i,l,b\n\nB,r,c,i,l,b\nC\nD,r,c,i,l,b\nE,r,c,i,l,b\n";
        await using var file = await OpenAsync(csv, options);
        var rows = new List<LeadCsvRow>();

        var exception = await Assert.ThrowsAsync<LeadCsvFormatException>(async () =>
        {
            await foreach (var row in file.ReadRowsAsync(TestContext.Current.CancellationToken))
            {
                rows.Add(row);
            }
        });

        Assert.Equal([2L, 4L, 5L], rows.Select(row => row.Line));
        Assert.Equal(6, exception.Line);
        Assert.StartsWith("The file has more than 3 data rows", exception.Message);
    }

    [Fact]
    public async Task Reader_refuses_to_read_the_rows_twice()
    {
        await using var file = await OpenAsync(Header + "Ada,CTO,Acme,saas,London,bio\n");
        await ReadAllAsync(file);

        await Assert.ThrowsAsync<InvalidOperationException>(() => ReadAllAsync(file));
    }

    [Fact]
    public async Task Reader_stops_when_cancelled()
    {
        await using var file = await OpenAsync(Header + "Ada,CTO,Acme,saas,London,bio\nBob,CEO,Beta,saas,Paris,bio\n");
        using var cancellation = new CancellationTokenSource();
        var read = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var row in file.ReadRowsAsync(cancellation.Token))
            {
                read++;
                await cancellation.CancelAsync();
            }
        });

        Assert.Equal(1, read);
    }

    [Theory]
    [InlineData("a,b;c;d", ';')]
    [InlineData("a\tb\tc,d", '\t')]
    [InlineData("a,b;c\td", ',')]
    [InlineData("a;b\tc", ';')]
    [InlineData("\n\nname", ',')]
    [InlineData("\"a,b,c\";d", ';')]
    [InlineData("a;b\nc,d,e,f,g", ';')]
    public void SniffDelimiter_counts_the_first_non_empty_line_outside_quotes(string text, char expected)
    {
        var delimiter = LeadCsvReader.SniffDelimiter(text);

        Assert.Equal(expected, delimiter);
    }
}
