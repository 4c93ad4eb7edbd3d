using Sibyl.Data.Model;

namespace Sibyl.Replica.Paxos;

/// <summary>
/// A Paxos proposal or commit: a ballot (a serialized time UUID; its time orders ballots) and the mutation it
/// carries. An empty mutation is a proposal that only advances the ballot.
/// </summary>
public sealed record Commit(byte[] Ballot, Mutation Update);

/// <summary>The acceptor's answer to PREPARE: whether it promised, and what it had accepted and committed.</summary>
public sealed record PrepareResponse(bool Promised, Commit? InProgress, Commit? MostRecentCommit, byte[]? PromisedBallot);
