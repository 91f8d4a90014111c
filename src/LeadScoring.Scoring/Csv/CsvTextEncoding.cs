using System.Text.Json.Serialization;

namespace LeadScoring.Scoring.Csv;

/// <summary>The encoding an uploaded file was read in; the upload answer names it.</summary>
public enum CsvTextEncoding
{
    /// <summary>UTF-8, with or without a byte order mark (the default).</summary>
    [JsonStringEnumMemberName("utf-8")]
    Utf8,

    /// <summary>Not UTF-8 and no byte order mark, but clean Windows-1252: what Excel writes in Western locales.</summary>
    [JsonStringEnumMemberName("windows-1252")]
    Windows1252,

    /// <summary>UTF-16 little-endian with its byte order mark (Excel's "Unicode text").</summary>
    [JsonStringEnumMemberName("utf-16le")]
    Utf16LittleEndian,

    /// <summary>UTF-16 big-endian with its byte order mark.</summary>
    [JsonStringEnumMemberName("utf-16be")]
    Utf16BigEndian,
}
