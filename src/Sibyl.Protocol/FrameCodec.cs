using System.Buffers;
using Sibyl.Common.Errors;

namespace Sibyl.Protocol;

/// <summary>
/// Turns messages into envelopes and back. Encoding measures the whole body (envelope extras included) and writes
/// it once into the output; with a compressor the body is written to a pooled scratch buffer and compressed
/// straight into the output. STARTUP is never compressed, nor are empty bodies.
/// </summary>
public static class FrameCodec
{
    /// <summary>Writes <paramref name="message"/> as one frame; returns the frame's total size.</summary>
    public static int Write(IBufferWriter<byte> output, Message message, byte version, short stream, IFrameCompressor? compressor = null)
    {
        var flags = FrameFlags.None;
        int prefixSize = 0;
        var response = message as ResponseMessage;
        if (response?.TracingId is not null)
        {
            flags |= FrameFlags.Tracing;
            prefixSize += 16;
        }
        bool extras = version >= ProtocolVersions.V4;
        if (extras && response?.Warnings is { Count: > 0 } warnings)
        {
            flags |= FrameFlags.Warning;
            prefixSize += CqlWriter.SizeOfStringList(warnings);
        }
        if (extras && message.CustomPayload is { } payload)
        {
            flags |= FrameFlags.CustomPayload;
            prefixSize += CqlWriter.SizeOfBytesMap(payload);
        }
        if (message is RequestMessage { TracingRequested: true })
            flags |= FrameFlags.Tracing;

        int bodySize = prefixSize + message.ComputeBodySize(version);
        int headerSize = FrameHeader.SizeOf(version);
        bool isResponse = response is not null;

        if (compressor is null || bodySize == 0 || message.Opcode == Opcode.Startup)
        {
            var span = output.GetSpan(headerSize + bodySize);
            new FrameHeader(version, flags, stream, message.Opcode, bodySize, isResponse).Write(span);
            var writer = new CqlWriter(span.Slice(headerSize, bodySize));
            WriteBody(ref writer, message, version, flags);
            output.Advance(headerSize + bodySize);
            return headerSize + bodySize;
        }

        byte[] scratch = ArrayPool<byte>.Shared.Rent(bodySize);
        try
        {
            var writer = new CqlWriter(scratch.AsSpan(0, bodySize));
            WriteBody(ref writer, message, version, flags);
            var span = output.GetSpan(headerSize + compressor.MaxCompressedLength(bodySize));
            int compressed = compressor.Compress(scratch.AsSpan(0, bodySize), span[headerSize..]);
            new FrameHeader(version, flags | FrameFlags.Compression, stream, message.Opcode, compressed, isResponse).Write(span);
            output.Advance(headerSize + compressed);
            return headerSize + compressed;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }

    private static void WriteBody(ref CqlWriter writer, Message message, byte version, FrameFlags flags)
    {
        if (message is ResponseMessage response)
        {
            if (response.TracingId is { } tracingId)
                writer.WriteUuid(tracingId);
            if ((flags & FrameFlags.Warning) != 0)
                writer.WriteStringList(response.Warnings!);
        }
        if ((flags & FrameFlags.CustomPayload) != 0)
            writer.WriteBytesMap(message.CustomPayload!);
        message.WriteBody(ref writer, version);
    }

    /// <summary>
    /// Decodes the body of a frame read by <see cref="FrameReader"/>. Throws <see cref="ProtocolException"/> for
    /// malformed bodies, a message sent in the wrong direction, or a compressed body without a compressor.
    /// </summary>
    public static Message Decode(in FrameHeader header, in ReadOnlySequence<byte> body, IFrameCompressor? compressor, int maxBodyLength)
    {
        var entry = OpcodeTable.Find(header.Opcode)
            ?? throw new ProtocolException($"Unknown opcode {(int)header.Opcode}");
        var direction = header.IsResponse ? MessageDirection.Response : MessageDirection.Request;
        if (entry.Direction != direction)
            throw new ProtocolException(
                $"Wrong protocol direction (expected {entry.Direction.ToString().ToUpperInvariant()}, got {direction.ToString().ToUpperInvariant()}) for opcode {(int)header.Opcode} ({entry.Name})");

        byte[]? rented = null;
        try
        {
            ReadOnlySpan<byte> span;
            if (body.IsSingleSegment)
            {
                span = body.FirstSpan;
            }
            else
            {
                rented = ArrayPool<byte>.Shared.Rent((int)body.Length);
                body.CopyTo(rented);
                span = rented.AsSpan(0, (int)body.Length);
            }
            if ((header.Flags & FrameFlags.Compression) != 0)
            {
                if (compressor is null)
                    throw new ProtocolException("Received a compressed message but no compression was negotiated");
                span = compressor.Decompress(span, maxBodyLength);
            }
            var reader = new CqlReader(span);
            return DecodeBody(ref reader, header, entry);
        }
        finally
        {
            if (rented is not null)
                ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static Message DecodeBody(ref CqlReader reader, in FrameHeader header, OpcodeEntry entry)
    {
        Guid? tracingId = null;
        IReadOnlyList<string>? warnings = null;
        IReadOnlyDictionary<string, byte[]?>? payload = null;
        if (header.IsResponse)
        {
            if ((header.Flags & FrameFlags.Tracing) != 0)
                tracingId = reader.ReadUuid();
            if ((header.Flags & FrameFlags.Warning) != 0)
                warnings = reader.ReadStringList();
        }
        if ((header.Flags & FrameFlags.CustomPayload) != 0)
            payload = reader.ReadBytesMap();

        var message = entry.Decode(ref reader, header.Version);
        message.CustomPayload = payload;
        switch (message)
        {
            case ResponseMessage response:
                response.TracingId = tracingId;
                response.Warnings = warnings;
                break;
            case RequestMessage request:
                request.TracingRequested = (header.Flags & FrameFlags.Tracing) != 0;
                break;
        }
        return message;
    }
}
