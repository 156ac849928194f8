using System.Text;

namespace Rongtong.Web.Features.Registry.Search;

/// <summary>
/// Chinese substring search without a full scan (docs/adr/0007-enterprise-search.md): an enterprise's name is indexed
/// as its distinct characters and character pairs (uni- and bigrams, the usual CJK approach); a query becomes the
/// AND of its bigrams — found through SQLite FTS5 or a PostgreSQL GIN index — and the candidates are then checked
/// for the exact substring.
/// </summary>
public static class SearchGrams
{
    /// <summary>Space-separated distinct unigrams and bigrams of the upper-cased name (letters, digits, CJK only).</summary>
    public static string Of(string name)
    {
        var chars = Clean(name);
        // grams as numbers (one char, or two chars packed) so that finding repeats allocates no strings
        var seen = new HashSet<int>(chars.Length * 2);
        var sb = new StringBuilder(chars.Length * 6);
        for (var i = 0; i < chars.Length; i++)
        {
            if (seen.Add(chars[i]))
            {
                if (sb.Length > 0) sb.Append(' ');
                sb.Append(chars[i]);
            }
            if (i + 1 < chars.Length && seen.Add(Key(chars.AsSpan(i, 2))))
            {
                sb.Append(' ');
                sb.Append(chars[i]).Append(chars[i + 1]);
            }
        }
        return sb.ToString();
    }

    /// <summary>A gram of one or two characters as a number (the two packed); grams are letters and digits, never U+0000.</summary>
    public static int Key(ReadOnlySpan<char> gram) => gram.Length == 1 ? gram[0] : (gram[0] << 16) | gram[1];

    /// <summary>The grams of <see cref="Of"/> as <see cref="Key"/>s, repeats included, into <paramref name="keys"/> — without a string each.</summary>
    public static void Keys(string name, List<int> keys)
    {
        keys.Clear();
        var chars = name.Length <= 256 ? stackalloc char[name.Length] : new char[name.Length];
        var length = Clean(name, chars);
        for (var c = 0; c < length; c++)
        {
            keys.Add(chars[c]);
            if (c + 1 < length) keys.Add(Key(chars.Slice(c, 2)));
        }
    }

    /// <summary>The grams a query must match: its bigrams (or its single character).</summary>
    public static IReadOnlyList<string> ForQuery(string query)
    {
        var chars = Clean(query);
        if (chars.Length <= 1) return chars.Length == 0 ? [] : [chars];
        var grams = new List<string>();
        for (var i = 0; i + 1 < chars.Length; i++)
        {
            var g = chars.Substring(i, 2);
            if (!grams.Contains(g)) grams.Add(g);
        }
        return grams;
    }

    /// <summary>Upper-case letters, digits and CJK ideographs only (the same normalisation both sides).</summary>
    public static string Clean(string s)
    {
        var buffer = s.Length <= 256 ? stackalloc char[s.Length] : new char[s.Length];
        return new string(buffer[..Clean(s, buffer)]);
    }

    /// <summary><see cref="Clean(string)"/> into <paramref name="into"/> (at least as long as <paramref name="s"/>); returns the length written.</summary>
    public static int Clean(ReadOnlySpan<char> s, Span<char> into)
    {
        var n = 0;
        foreach (var ch in s)
        {
            var c = ch is >= '\uFF01' and <= '\uFF5E' ? (char)(ch - 0xFEE0) : ch;
            if (char.IsLetterOrDigit(c)) into[n++] = char.ToUpperInvariant(c);
        }
        return n;
    }
}
