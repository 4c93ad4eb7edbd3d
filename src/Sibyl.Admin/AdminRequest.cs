namespace Sibyl.Admin;

/// <summary>An operation posted to <c>/op/{command}</c>: nodetool's command name and its raw arguments.</summary>
public sealed record AdminRequest(string Command, IReadOnlyList<string> Arguments, CancellationToken CancellationToken);
