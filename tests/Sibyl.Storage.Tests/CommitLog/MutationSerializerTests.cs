using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;
using Sibyl.Data.Model;
using Sibyl.Storage.Serialization;

namespace Sibyl.Storage.Tests.CommitLog;

public class MutationSerializerTests
{
    private static Config Seeded(ulong seed) =>
        Config.QuickThrowOnFailure.WithMaxTest(500)
            .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(seed, 0x9E3779B97F4A7C15UL), FSharpOption<int>.None)));

    [Fact]
    public void Random_mutations_round_trip_exactly() =>
        Prop.ForAll<int>(seed =>
        {
            var mutation = MutationFactory.Random(new Random(seed));
            int size = MutationSerializer.ComputeSize(mutation);
            var buffer = new byte[size + 7];
            int written = MutationSerializer.Serialize(mutation, buffer);
            Assert.Equal(size, written);
            MutationFactory.AssertEqual(mutation, MutationSerializer.Deserialize(buffer.AsSpan(0, size)));
        }).Check(Seeded(801));

    [Fact]
    public void Every_truncation_is_rejected_as_invalid_data() =>
        Prop.ForAll<int>(seed =>
        {
            byte[] bytes = MutationSerializer.Serialize(MutationFactory.Random(new Random(seed)));
            for (int cut = 0; cut < bytes.Length; cut++)
                Assert.Throws<InvalidDataException>(() => MutationSerializer.Deserialize(bytes.AsSpan(0, cut)));
        }).Check(Seeded(802));

    [Fact]
    public void Trailing_bytes_and_unknown_versions_are_rejected()
    {
        byte[] bytes = MutationSerializer.Serialize(MutationFactory.Simple(1, "a"));
        Assert.Throws<InvalidDataException>(() => MutationSerializer.Deserialize([.. bytes, 0]));
        bytes[0] = 3;
        Assert.Throws<InvalidDataException>(() => MutationSerializer.Deserialize(bytes));
    }

    [Fact]
    public void Excluded_tables_are_read_past_and_left_out()
    {
        var mutation = MutationFactory.Simple(1, "a");
        mutation.GetOrAdd(MutationFactory.TableB).Add(Row.Create(Clustering.Empty, LivenessInfo.Create(5, 0, 0), DeletionTime.Live,
            [Cell.Live("w", [1, 2], 5)]));
        var read = MutationSerializer.Deserialize(MutationSerializer.Serialize(mutation), t => t == MutationFactory.TableB);
        Assert.Equal([MutationFactory.TableB], read.Updates.Select(u => u.TableId));
        Assert.Equal(new byte[] { 1, 2 }, read.Updates.Single().Rows.Single().Cells.Single().Value);
    }

    [Fact]
    public void Layout_of_a_small_mutation_is_frozen()
    {
        var key = new Data.Partitioning.DecoratedKey(new Data.Partitioning.Token(0x0102030405060708), [0xAB]);
        var mutation = new Mutation("ks", key);
        var update = mutation.GetOrAdd(new Guid("00112233-4455-6677-8899-aabbccddeeff"));
        update.Add(new Row(new Clustering([[0x07]]), LivenessInfo.Create(2, 0, 0), DeletionTime.Live,
            [Cell.Live("v", [0x2A], 2)]));
        Assert.Equal(
            "01" + "026B73" + "0102030405060708" + "01AB" + "01"
            + "00112233445566778899AABBCCDDEEFF" + "8000000000000000" + "7FFFFFFF" + "00" + "00"
            + "01" + "01" + "0107" + "01" + "0000000000000002" + "00000000" + "7FFFFFFF"
            + "01" + "00" + "0176" + "012A" + "0000000000000002",
            Convert.ToHexString(MutationSerializer.Serialize(mutation)));
    }

    [Fact]
    public void A_mutation_with_a_complex_deletion_is_version_2_and_its_layout_is_frozen()
    {
        var key = new Data.Partitioning.DecoratedKey(new Data.Partitioning.Token(0x0102030405060708), [0xAB]);
        var mutation = new Mutation("ks", key);
        var update = mutation.GetOrAdd(new Guid("00112233-4455-6677-8899-aabbccddeeff"));
        update.Add(new Row(Clustering.Empty, LivenessInfo.Empty, DeletionTime.Live,
            [Cell.Live("s", [], 2, path: [0x2A])], [new ComplexDeletion("s", new DeletionTime(1, 3))]));
        byte[] bytes = MutationSerializer.Serialize(mutation);
        Assert.Equal(
            "02" + "026B73" + "0102030405060708" + "01AB" + "01"
            + "00112233445566778899AABBCCDDEEFF" + "8000000000000000" + "7FFFFFFF" + "00" + "00"
            + "01" + "00" + "04" + "01" + "0173" + "0000000000000001" + "00000003"
            + "01" + "01" + "0173" + "012A" + "00" + "0000000000000002",
            Convert.ToHexString(bytes));
        var row = MutationSerializer.Deserialize(bytes).Updates.Single().Rows.Single();
        Assert.Equal([new ComplexDeletion("s", new DeletionTime(1, 3))], row.ComplexDeletions);
    }
}
