namespace Sibyl.Client;

/// <summary>The ring as the client sees it: sorted tokens, each owned by one host; a token belongs to the first ring token at or after it.</summary>
internal sealed class TokenMap
{
    private readonly long[] _tokens;
    private readonly HostPool[] _owners;

    private TokenMap(long[] tokens, HostPool[] owners)
    {
        _tokens = tokens;
        _owners = owners;
    }

    public int Count => _tokens.Length;

    /// <summary>Builds the map from each host's token strings; returns null when no host reported tokens.</summary>
    public static TokenMap? Build(IReadOnlyList<(HostPool Host, IReadOnlyList<string> Tokens)> hosts)
    {
        var entries = new List<(long Token, HostPool Host)>();
        foreach (var (host, tokens) in hosts)
        {
            foreach (string text in tokens)
            {
                if (long.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out long token))
                    entries.Add((token, host));
            }
        }
        if (entries.Count == 0)
            return null;
        entries.Sort(static (a, b) => a.Token.CompareTo(b.Token));
        var sortedTokens = new long[entries.Count];
        var owners = new HostPool[entries.Count];
        for (int i = 0; i < entries.Count; i++)
        {
            sortedTokens[i] = entries[i].Token;
            owners[i] = entries[i].Host;
        }
        return new TokenMap(sortedTokens, owners);
    }

    /// <summary>The host whose range contains <paramref name="token"/> (wrapping past the last token to the first).</summary>
    public HostPool Owner(long token)
    {
        int index = Array.BinarySearch(_tokens, token);
        if (index < 0)
            index = ~index;
        if (index == _tokens.Length)
            index = 0;
        return _owners[index];
    }
}
