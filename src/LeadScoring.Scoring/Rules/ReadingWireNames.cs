using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json.Serialization;

namespace LeadScoring.Scoring.Rules;

/// <summary>
/// The wire spelling of a title's reading ("c_level", "customer_success"), from the enums'
/// <see cref="JsonStringEnumMemberNameAttribute"/>, so the API, the stored results, the export and the breakdown agree.
/// </summary>
public static class ReadingWireNames
{
    private static readonly FrozenDictionary<TitleSeniority, string> Levels = Names<TitleSeniority>();
    private static readonly FrozenDictionary<Department, string> Departments = Names<Department>();

    public static string WireName(this TitleSeniority seniority) => Levels[seniority];

    public static string WireName(this Department department) => Departments[department];

    /// <summary>The level a wire name stands for; unknown for null or a name it does not know.</summary>
    public static TitleSeniority ParseSeniority(string? name) => Levels.FirstOrDefault(pair => pair.Value == name).Key;

    /// <summary>The department a wire name stands for; unknown for null or a name it does not know.</summary>
    public static Department ParseDepartment(string? name) => Departments.FirstOrDefault(pair => pair.Value == name).Key;

    private static FrozenDictionary<T, string> Names<T>() where T : struct, Enum =>
        Enum.GetValues<T>().ToFrozenDictionary(value => value, value =>
            typeof(T).GetField(value.ToString())!.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()!.Name);
}
