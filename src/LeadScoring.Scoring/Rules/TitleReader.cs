using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace LeadScoring.Scoring.Rules;

/// <summary>
/// Reads a job title as CRM exports write it: the holder's seniority and department, in English, German, French,
/// Spanish, Italian, Portuguese and Dutch, with abbreviations and punctuation ("SVP", "Sr.", "Mgr, IT", "V.P.",
/// "Founder/CEO", "Geschäftsführer", "Directeur Général", "Vertriebsleiterin"). The words are data,
/// <c>Rules/TitleWords.tsv</c>.
/// </summary>
/// <remarks>
/// <list type="number">
/// <item>The title is split into words as the keyword tables split it (<see cref="KeywordText"/>), then folded: accents
/// dropped and ß written ss, so "Geschäftsführer" and "Geschaftsfuhrer" are one word.</item>
/// <item>Seniority: every word or phrase of the table found in the title, and every compound word with a known ending
/// ("-leiter", "-manager"). Where phrases overlap the longest wins, so "Senior Vice President" is a VP, "Assistant
/// Director" a director and "Managing Director" C-level; of the rest, the level that takes precedence
/// (<see cref="TitleSeniority"/>): "Senior Director" is a director.</item>
/// <item>A title that names someone else's role takes its holder's own seniority: when an assistant (or "office",
/// or "chief of staff") comes first, whatever follows a mention word ("to the", "der", "de", "del"...) is the other
/// person's role, and without one, every more senior word is ("CEO Assistant"). <see cref="TitleReading.HolderTitle"/>
/// is the title without it, for the keyword tables.</item>
/// <item>Department: the longest department word or phrase, then the first; the start or end of a compound word counts
/// ("Vertriebsleiter" is sales, "Bedrijfsjurist" legal). A fallback word ("CEO", "Vorstand", "project") counts only
/// where no function is named ("President &amp; COO" is operations). An assistant to a chief, an owner or a partner
/// works in the executive office.</item>
/// </list>
/// </remarks>
public static class TitleReader
{
    private const string ResourceName = "LeadScoring.Scoring.Rules.TitleWords.tsv";

    /// <summary>The longest phrase of the table, in words.</summary>
    private const int MaxPhraseWords = 5;

    /// <summary>Longer than any phrase of the table, in characters.</summary>
    private const int MaxPhraseChars = 96;

    /// <summary>A compound ending counts only after at least this many letters of its own ("Vertriebs" + "leiter").</summary>
    private const int MinCompoundHead = 3;

    /// <summary>Distinct titles remembered: a file repeats a few hundred titles over thousands of rows.</summary>
    private const int MaxRemembered = 20_000;

    private static readonly Vocabulary Words = Vocabulary.Load();
    private static int remembered;
    private static readonly ConcurrentDictionary<string, TitleReading> Remembered = new(StringComparer.Ordinal);

    /// <summary>The higher of levels read as one of the seed's role tiers (owner, partner and C-level are decision makers...).</summary>
    public static RoleTier TierOf(TitleSeniority seniority) => seniority switch
    {
        TitleSeniority.Owner or TitleSeniority.Partner or TitleSeniority.CLevel => RoleTier.DecisionMaker,
        TitleSeniority.VP or TitleSeniority.Head or TitleSeniority.Director => RoleTier.Senior,
        TitleSeniority.Manager or TitleSeniority.Senior => RoleTier.Influencer,
        _ => RoleTier.None,
    };

    public static TitleReading Read(string? title)
    {
        if (title is null) return TitleReading.None;
        if (Remembered.TryGetValue(title, out var known)) return known;
        var read = ReadNew(title);
        // Full, it starts again, so a long-lived host keeps what its current files repeat. Counted apart:
        // ConcurrentDictionary.Count takes every lock.
        if (Volatile.Read(ref remembered) >= MaxRemembered)
        {
            Remembered.Clear();
            Interlocked.Exchange(ref remembered, 0);
        }

        if (Remembered.TryAdd(title, read)) Interlocked.Increment(ref remembered);
        return read;
    }

    private static TitleReading ReadNew(string title)
    {
        var original = KeywordText.Words(title);
        if (original.Length == 0) return TitleReading.None;
        var folded = Array.ConvertAll(original, Fold);

        var all = NonOverlapping(SeniorityMatches(folded, 0, folded.Length));
        var (holderEnd, mentionStart, namesAnother) = Holder(folded, all);
        var holder = holderEnd == folded.Length && !namesAnother
            ? all
            : all.Where(match => match.Start + match.Length <= holderEnd && (mentionStart is null || match.Start < mentionStart)).ToList();
        if (namesAnother && mentionStart is null)
        {
            // "CEO Assistant": the holder is the assistant; the more senior words are the other person's role.
            holder = [.. holder.Where(match => match.Level <= TitleSeniority.Assistant || Words.HolderWords.Contains(match.Text))];
        }

        var best = Best(holder);
        // The office of someone, with no level of its own: someone who works there.
        if (best is null && namesAnother) best = new Match(0, 0, TitleSeniority.Entry, "office");
        var holderTitle = namesAnother ? string.Join(' ', HolderWords(original, holder, holderEnd, mentionStart)) : title.Trim();
        // An assistant to a chief, an owner or a partner works in the executive office; to anyone else (or an office), in their function.
        var assistant = best?.Level == TitleSeniority.Assistant;
        var department = namesAnother && assistant && all.Except(holder).Any(match => match.Level >= TitleSeniority.Partner)
            ? Department.Executive
            : DepartmentOf(folded, best);
        // An assistant to someone whose function the title does not name ("Director's Assistant") supports management.
        if (department == Department.Unknown && namesAnother && assistant) department = Department.Executive;
        return new TitleReading(best?.Level ?? TitleSeniority.Unknown, department, holderTitle)
        {
            SeniorityWords = best?.Text,
            NamesAnotherRole = namesAnother,
        };
    }

    /// <summary>
    /// Where the holder's own words end: before a mention word that follows an assistant-like word, or at the end.
    /// Also whether the title names another person's role at all.
    /// </summary>
    private static (int HolderEnd, int? MentionStart, bool NamesAnother) Holder(string[] words, List<Match> matches)
    {
        var assistant = matches.Where(match => match.Level == TitleSeniority.Assistant || Words.HolderWords.Contains(match.Text))
            .OrderBy(match => match.Start).FirstOrDefault();
        var office = Array.IndexOf(words, "office");
        var holderStart = assistant?.Start ?? (office >= 0 ? office : -1);
        if (holderStart < 0) return (words.Length, null, false);
        var holderStop = assistant is null ? office + 1 : assistant.Start + assistant.Length;
        Span<char> buffer = stackalloc char[MaxPhraseChars];

        for (var start = holderStop; start < words.Length; start++)
        {
            for (var length = Math.Min(3, words.Length - start - 1); length >= 1; length--)
            {
                if (!Words.MentionLookup.Contains(Phrase(words, start, length, buffer))) continue;
                // Something must follow the mention: "Assistant to" alone names no one.
                return (start, start + length, true);
            }
        }

        // No mention word: another's role only where a more senior word stands beside the assistant ("CEO Assistant").
        var other = matches.Any(match => match.Level > TitleSeniority.Assistant && !Words.HolderWords.Contains(match.Text) &&
            (match.Start + match.Length <= (assistant?.Start ?? 0) || match.Start >= holderStop));
        return (words.Length, null, assistant is not null && other);
    }

    private static IEnumerable<string> HolderWords(string[] original, List<Match> holder, int holderEnd, int? mentionStart)
    {
        if (mentionStart is not null) return original[..holderEnd];
        // The assistant's own words, in order: the matched phrases kept, and every word no other role claims.
        var kept = new bool[original.Length];
        foreach (var match in holder)
        {
            for (var i = match.Start; i < match.Start + match.Length; i++) kept[i] = true;
        }

        return original.Where((_, i) => kept[i]);
    }

    /// <summary>Overlapping phrases give way to the longest, then the first: "assistant director" leaves no "assistant".</summary>
    private static List<Match> NonOverlapping(List<Match> matches)
    {
        if (matches.Count < 2) return matches;
        matches.Sort(static (a, b) => a.Length != b.Length ? b.Length.CompareTo(a.Length) : a.Start.CompareTo(b.Start));
        var kept = new List<Match>(matches.Count);
        foreach (var match in matches)
        {
            var overlaps = false;
            foreach (var other in kept) overlaps |= match.Start < other.Start + other.Length && other.Start < match.Start + match.Length;
            if (!overlaps) kept.Add(match);
        }

        kept.Sort(static (a, b) => a.Start.CompareTo(b.Start));
        return kept;
    }

    /// <summary>The level that takes precedence (<see cref="TitleSeniority"/>), then the first.</summary>
    private static Match? Best(List<Match> matches)
    {
        Match? best = null;
        foreach (var match in matches)
        {
            if (best is null || match.Level > best.Level) best = match;
        }

        return best;
    }

    private static List<Match> SeniorityMatches(string[] words, int from, int to)
    {
        Span<char> buffer = stackalloc char[MaxPhraseChars];
        var matches = new List<Match>();
        for (var start = from; start < to; start++)
        {
            var found = false;
            for (var length = Math.Min(MaxPhraseWords, to - start); length >= 1; length--)
            {
                if (!Words.SeniorityLookup.TryGetValue(Phrase(words, start, length, buffer), out var entry)) continue;
                matches.Add(new Match(start, length, entry.Level, entry.Phrase));
                found = true;
            }

            if (!found && Ending(words[start]) is { } suffix)
            {
                matches.Add(new Match(start, 1, Words.SenioritySuffixes[suffix], words[start]));
            }
        }

        return matches;
    }

    private static Department DepartmentOf(string[] words, Match? seniority)
    {
        // A fallback word ("CEO", "project") says the department only when the title names no function:
        // "Vorstand Finanzen" is finance, "Chef de projet marketing" marketing.
        Span<char> buffer = stackalloc char[MaxPhraseChars];
        var (best, bestLength, fallback) = (Department.Unknown, 0, Department.Unknown);
        for (var start = 0; start < words.Length; start++)
        {
            var found = false;
            for (var length = Math.Min(MaxPhraseWords, words.Length - start); length >= 1 && !found; length--)
            {
                var phrase = Phrase(words, start, length, buffer);
                if (Words.DepartmentLookup.TryGetValue(phrase, out var department))
                {
                    if (length > bestLength) (best, bestLength) = (department, length);
                    found = true;
                }
                else if (Words.FallbackLookup.TryGetValue(phrase, out var general))
                {
                    if (fallback == Department.Unknown) fallback = general;
                    found = true;
                }
            }

            if (found || Compound(words[start]) is not { } compound) continue;
            if (compound == Department.Executive) fallback = fallback == Department.Unknown ? compound : fallback;
            else if (bestLength == 0) (best, bestLength) = (compound, 1);
        }

        if (best != Department.Unknown) return best;
        if (fallback != Department.Unknown) return fallback;
        // A founder, owner, partner or chief with no function named runs the business.
        return seniority?.Level is TitleSeniority.Owner or TitleSeniority.Partner or TitleSeniority.CLevel ? Department.Executive : Department.Unknown;
    }

    /// <summary>The department the start or the end of a compound word names ("vertriebsleiter", "bedrijfsjurist").</summary>
    private static Department? Compound(string word)
    {
        foreach (var (prefix, department) in Words.DepartmentPrefixes)
        {
            if (word.Length >= prefix.Length + MinCompoundHead && word.StartsWith(prefix, StringComparison.Ordinal)) return department;
        }

        foreach (var (suffix, department) in Words.DepartmentSuffixes)
        {
            if (word.Length >= suffix.Length + MinCompoundHead && word.EndsWith(suffix, StringComparison.Ordinal)) return department;
        }

        return null;
    }

    /// <summary>The known seniority ending of a compound word ("vertriebsleiterin" → "leiterin"), longest first.</summary>
    private static string? Ending(string word)
    {
        foreach (var ending in Words.SuffixesLongestFirst)
        {
            if (word.Length >= ending.Length + MinCompoundHead && word.EndsWith(ending, StringComparison.Ordinal)) return ending;
        }

        return null;
    }

    /// <summary>
    /// Words <paramref name="start"/> to <paramref name="start"/> + <paramref name="length"/> joined by spaces, in a
    /// buffer, to look up without making a string; empty when longer than any phrase of the table.
    /// </summary>
    private static ReadOnlySpan<char> Phrase(string[] words, int start, int length, Span<char> buffer)
    {
        var at = 0;
        for (var i = start; i < start + length; i++)
        {
            if (at + words[i].Length + 1 > buffer.Length) return [];
            if (i > start) buffer[at++] = ' ';
            words[i].AsSpan().CopyTo(buffer[at..]);
            at += words[i].Length;
        }

        return buffer[..at];
    }

    /// <summary>Accents dropped, ß written ss: "geschäftsführer" → "geschaftsfuhrer".</summary>
    internal static string Fold(string word)
    {
        if (Ascii.IsValid(word)) return word;
        var builder = new StringBuilder(word.Length);
        foreach (var c in word.Normalize(NormalizationForm.FormD))
        {
            if (c == 'ß') builder.Append("ss");
            else if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark) builder.Append(c);
        }

        return builder.ToString().Normalize(NormalizationForm.FormC);
    }

    private sealed record Match(int Start, int Length, TitleSeniority Level, string Text);

    /// <summary>The table, loaded once.</summary>
    private sealed class Vocabulary
    {
        /// <summary>Each phrase with its level, and itself (to name it without building it again).</summary>
        public required FrozenDictionary<string, (TitleSeniority Level, string Phrase)> Seniority { get; init; }

        public required FrozenDictionary<string, TitleSeniority> SenioritySuffixes { get; init; }

        public required string[] SuffixesLongestFirst { get; init; }

        public required FrozenDictionary<string, Department> Departments { get; init; }

        public required FrozenDictionary<string, Department> FallbackDepartments { get; init; }

        public required (string Prefix, Department Department)[] DepartmentPrefixes { get; init; }

        public required (string Suffix, Department Department)[] DepartmentSuffixes { get; init; }

        public required FrozenSet<string> Mentions { get; init; }

        public required FrozenDictionary<string, (TitleSeniority Level, string Phrase)>.AlternateLookup<ReadOnlySpan<char>> SeniorityLookup { get; init; }

        public required FrozenDictionary<string, Department>.AlternateLookup<ReadOnlySpan<char>> DepartmentLookup { get; init; }

        public required FrozenDictionary<string, Department>.AlternateLookup<ReadOnlySpan<char>> FallbackLookup { get; init; }

        public required FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> MentionLookup { get; init; }

        /// <summary>Words whose holder serves someone else: "office", "chief of staff".</summary>
        public FrozenSet<string> HolderWords { get; } =
            new[] { "office", "chief of staff", "chef de cabinet", "jefe de gabinete", "capo di gabinetto", "chefe de gabinete" }.ToFrozenSet(StringComparer.Ordinal);

        public static Vocabulary Load()
        {
            var (seniority, suffixes, departments, fallbacks, mentions) = (new Dictionary<string, TitleSeniority>(), new Dictionary<string, TitleSeniority>(),
                new Dictionary<string, Department>(), new Dictionary<string, Department>(), new HashSet<string>());
            var (prefixes, departmentSuffixes) = (new List<(string, Department)>(), new List<(string, Department)>());
            foreach (var fields in TsvResource.Rows(ResourceName)) // phrase, kind, value
            {
                var phrase = string.Join(' ', KeywordText.Words(fields[0]).Select(Fold));
                switch (fields[1])
                {
                    case "seniority": seniority.TryAdd(phrase, Level(fields[2])); break;
                    case "seniority-suffix": suffixes.TryAdd(phrase, Level(fields[2])); break;
                    case "department": departments.TryAdd(phrase, DepartmentNamed(fields[2])); break;
                    case "department-prefix": prefixes.Add((phrase, DepartmentNamed(fields[2]))); break;
                    case "department-suffix": departmentSuffixes.Add((phrase, DepartmentNamed(fields[2]))); break;
                    case "department-fallback": fallbacks.TryAdd(phrase, DepartmentNamed(fields[2])); break;
                    case "mention": mentions.Add(phrase); break;
                    default: throw new InvalidDataException($"{ResourceName}: unknown kind '{fields[1]}' of '{fields[0]}'.");
                }
            }

            var frozenSeniority = seniority.ToFrozenDictionary(pair => pair.Key, pair => (pair.Value, pair.Key), StringComparer.Ordinal);
            var frozenDepartments = departments.ToFrozenDictionary(StringComparer.Ordinal);
            var frozenFallbacks = fallbacks.ToFrozenDictionary(StringComparer.Ordinal);
            var frozenMentions = mentions.ToFrozenSet(StringComparer.Ordinal);
            return new Vocabulary
            {
                Seniority = frozenSeniority,
                SeniorityLookup = frozenSeniority.GetAlternateLookup<ReadOnlySpan<char>>(),
                DepartmentLookup = frozenDepartments.GetAlternateLookup<ReadOnlySpan<char>>(),
                FallbackLookup = frozenFallbacks.GetAlternateLookup<ReadOnlySpan<char>>(),
                MentionLookup = frozenMentions.GetAlternateLookup<ReadOnlySpan<char>>(),
                SenioritySuffixes = suffixes.ToFrozenDictionary(StringComparer.Ordinal),
                SuffixesLongestFirst = [.. suffixes.Keys.OrderByDescending(suffix => suffix.Length)],
                Departments = frozenDepartments,
                FallbackDepartments = frozenFallbacks,
                DepartmentPrefixes = [.. prefixes.OrderByDescending(prefix => prefix.Item1.Length)],
                DepartmentSuffixes = [.. departmentSuffixes.OrderByDescending(suffix => suffix.Item1.Length)],
                Mentions = frozenMentions,
            };
        }

        private static TitleSeniority Level(string name) =>
            ReadingWireNames.ParseSeniority(name) is var level and not TitleSeniority.Unknown ? level : throw new InvalidDataException($"{ResourceName}: unknown level '{name}'.");

        private static Department DepartmentNamed(string name) =>
            ReadingWireNames.ParseDepartment(name) is var department and not Department.Unknown ? department : throw new InvalidDataException($"{ResourceName}: unknown department '{name}'.");
    }
}
