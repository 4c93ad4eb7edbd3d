using Sibyl.Data.Model;
using Sibyl.Data.Partitioning;
using Sibyl.Storage.CommitLog;
using CommitLogService = Sibyl.Storage.CommitLog.CommitLog;

namespace Sibyl.Storage.Tests.CommitLog;

/// <summary>Freezes the bytes of a small segment: header, framing and mutation layout (docs/formats/commitlog.md).</summary>
public class CommitLogGoldenTests
{
    private const string Golden =
        // header: magic "SBCL", version 1, segment id 1700000000000, CRC32C of the 16 bytes before it
        // (CRCs computed by an independent bitwise CRC-32C)
        "5342434C" + "00000001" + "0000018BCFE56800" + "{headerCrc}"
        // record: length 46, CRC32C of the length, the mutation, CRC32C of the mutation
        + "0000002E" + "{lengthCrc}"
        + "01" + "026B73" + "0000000000000007" + "0101" + "01"
        + "00112233445566778899AABBCCDDEEFF" + "8000000000000000" + "7FFFFFFF" + "00" + "00" + "00"
        + "{payloadCrc}";

    [Fact]
    public async Task A_small_segment_has_exactly_these_bytes()
    {
        var dir = new MemoryCommitLogDirectory();
        var log = new CommitLogService(new CommitLogOptions { Directory = "unused" }, new ListLogger(), dir,
            new FixedClock(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000)));
        log.Start();
        var mutation = new Mutation("ks", new DecoratedKey(new Token(7), [0x01]));
        mutation.GetOrAdd(new Guid("00112233-4455-6677-8899-aabbccddeeff"));
        var position = log.Append(mutation).Position;
        await log.StopAsync();

        Assert.Equal(["CommitLog-1-1700000000000.log"], dir.List());
        string hex = Convert.ToHexString(dir.ReadAll("CommitLog-1-1700000000000.log"));
        string expected = Golden
            .Replace("{headerCrc}", "DF586B97", StringComparison.Ordinal)
            .Replace("{lengthCrc}", "C4A27A3E", StringComparison.Ordinal)
            .Replace("{payloadCrc}", "3A74084F", StringComparison.Ordinal);
        Assert.Equal(expected, hex);
        Assert.Equal(new CommitLogPosition(1_700_000_000_000, hex.Length / 2), position);
    }
}
