using System.Text;
using Sibyl.Admin;

namespace Sibyl.Host.Tests;

public class HttpRequestParserTests
{
    private static HttpParseStatus Parse(string text, out AdminHttpRequest? request, out int consumed) =>
        HttpRequestParser.TryParse(Encoding.ASCII.GetBytes(text), out request, out consumed);

    [Fact]
    public void ParsesAGetWithoutBody()
    {
        const string text = "GET /status?verbose=1 HTTP/1.1\r\nHost: x\r\n\r\n";
        Assert.Equal(HttpParseStatus.Complete, Parse(text, out AdminHttpRequest? r, out int consumed));
        Assert.Equal(("GET", "/status", "verbose=1"), (r!.Method, r.Path, r.Query));
        Assert.Empty(r.Body);
        Assert.Equal(text.Length, consumed);
    }

    [Fact]
    public void ParsesAPostBodyByContentLength()
    {
        const string text = "POST /op/flush HTTP/1.1\r\ncontent-LENGTH: 13\r\n\r\n{\"args\":[\"k\"]}extra";
        Assert.Equal(HttpParseStatus.Complete, Parse(text, out AdminHttpRequest? r, out int consumed));
        Assert.Equal("{\"args\":[\"k\"]", Encoding.ASCII.GetString(r!.Body));
        Assert.Equal(text.Length - "}extra".Length, consumed);
    }

    [Theory]
    [InlineData("GET /status HTTP/1.1\r\nHost: x\r\n")]
    [InlineData("POST /op/x HTTP/1.1\r\nContent-Length: 10\r\n\r\n12345")]
    [InlineData("")]
    public void WaitsForMoreBytes(string text)
    {
        Assert.Equal(HttpParseStatus.Incomplete, Parse(text, out AdminHttpRequest? request, out int consumed));
        Assert.Null(request);
        Assert.Equal(0, consumed);
    }

    [Theory]
    [InlineData("GARBAGE\r\n\r\n")]
    [InlineData("GET status HTTP/1.1\r\n\r\n")]
    [InlineData("GET /status SPDY/3\r\n\r\n")]
    [InlineData("POST /op/x HTTP/1.1\r\nContent-Length: -1\r\n\r\n")]
    [InlineData("POST /op/x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n")]
    [InlineData("GET /status HTTP/1.1\r\nno colon here\r\n\r\n")]
    public void RefusesMalformedRequests(string text) =>
        Assert.Equal(HttpParseStatus.Invalid, Parse(text, out _, out _));

    [Fact]
    public void RefusesOversizedHeadersAndBodies()
    {
        Assert.Equal(HttpParseStatus.TooLarge, Parse("GET /" + new string('a', HttpRequestParser.MaxHeaderBytes + 1), out _, out _));
        Assert.Equal(HttpParseStatus.TooLarge, Parse($"POST /op/x HTTP/1.1\r\nContent-Length: {HttpRequestParser.MaxBodyBytes + 1}\r\n\r\n", out _, out _));
    }
}
