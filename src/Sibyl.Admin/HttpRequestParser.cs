using System.Text;

namespace Sibyl.Admin;

public enum HttpParseStatus { Incomplete, Complete, Invalid, TooLarge }

/// <summary>The parts of an HTTP/1.1 request the admin routes use.</summary>
public sealed record AdminHttpRequest(string Method, string Path, string Query, byte[] Body);

/// <summary>
/// Parses one HTTP/1.1 request from the front of a buffer: request line, headers (only
/// Content-Length matters here) and body. Chunked bodies are refused: nodetool never sends them.
/// </summary>
public static class HttpRequestParser
{
    public const int MaxHeaderBytes = 16 * 1024;
    public const int MaxBodyBytes = 1024 * 1024;

    private static ReadOnlySpan<byte> HeaderEnd => "\r\n\r\n"u8;
    private static ReadOnlySpan<byte> ContentLength => "content-length"u8;
    private static ReadOnlySpan<byte> TransferEncoding => "transfer-encoding"u8;

    public static HttpParseStatus TryParse(ReadOnlySpan<byte> buffer, out AdminHttpRequest? request, out int consumed)
    {
        request = null;
        consumed = 0;
        int headerEnd = buffer.IndexOf(HeaderEnd);
        if (headerEnd < 0)
            return buffer.Length > MaxHeaderBytes ? HttpParseStatus.TooLarge : HttpParseStatus.Incomplete;
        if (headerEnd > MaxHeaderBytes)
            return HttpParseStatus.TooLarge;

        ReadOnlySpan<byte> head = buffer[..headerEnd];
        int lineEnd = head.IndexOf("\r\n"u8);
        ReadOnlySpan<byte> requestLine = lineEnd < 0 ? head : head[..lineEnd];
        ReadOnlySpan<byte> headers = lineEnd < 0 ? default : head[(lineEnd + 2)..];

        int sp1 = requestLine.IndexOf((byte)' ');
        if (sp1 <= 0)
            return HttpParseStatus.Invalid;
        ReadOnlySpan<byte> rest = requestLine[(sp1 + 1)..];
        int sp2 = rest.IndexOf((byte)' ');
        if (sp2 <= 0 || !rest[(sp2 + 1)..].StartsWith("HTTP/1."u8))
            return HttpParseStatus.Invalid;
        string method = Encoding.ASCII.GetString(requestLine[..sp1]);
        string target = Encoding.ASCII.GetString(rest[..sp2]);
        if (target.Length == 0 || target[0] != '/')
            return HttpParseStatus.Invalid;

        long contentLength = 0;
        while (!headers.IsEmpty)
        {
            int end = headers.IndexOf("\r\n"u8);
            ReadOnlySpan<byte> line = end < 0 ? headers : headers[..end];
            headers = end < 0 ? default : headers[(end + 2)..];
            int colon = line.IndexOf((byte)':');
            if (colon <= 0)
                return HttpParseStatus.Invalid;
            ReadOnlySpan<byte> name = line[..colon].Trim((byte)' ');
            ReadOnlySpan<byte> value = line[(colon + 1)..].Trim((byte)' ');
            if (Ascii.EqualsIgnoreCase(name, ContentLength))
            {
                if (!System.Buffers.Text.Utf8Parser.TryParse(value, out contentLength, out int used) || used != value.Length || contentLength < 0)
                    return HttpParseStatus.Invalid;
            }
            else if (Ascii.EqualsIgnoreCase(name, TransferEncoding))
            {
                return HttpParseStatus.Invalid;
            }
        }

        if (contentLength > MaxBodyBytes)
            return HttpParseStatus.TooLarge;
        int bodyStart = headerEnd + HeaderEnd.Length;
        if (buffer.Length - bodyStart < contentLength)
            return HttpParseStatus.Incomplete;

        int q = target.IndexOf('?', StringComparison.Ordinal);
        string path = q < 0 ? target : target[..q];
        string query = q < 0 ? "" : target[(q + 1)..];
        request = new AdminHttpRequest(method, Uri.UnescapeDataString(path), query,
            buffer.Slice(bodyStart, (int)contentLength).ToArray());
        consumed = bodyStart + (int)contentLength;
        return HttpParseStatus.Complete;
    }
}
