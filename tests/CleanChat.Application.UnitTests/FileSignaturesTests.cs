using System.Text;
using CleanChat.Application.Uploads;

namespace CleanChat.Application.UnitTests;

public class FileSignaturesTests
{
    public static TheoryData<string, byte[]> Known => new()
    {
        { "image/jpeg", new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F' } },
        { "image/png", new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13 } },
        { "image/gif", Encoding.ASCII.GetBytes("GIF89a\x01\x00\x01\x00") },
        { "image/webp", Encoding.ASCII.GetBytes("RIFF\x24\x00\x00\x00WEBPVP8 ") },
        { "audio/wav", Encoding.ASCII.GetBytes("RIFF\x24\x00\x00\x00WAVEfmt ") },
        { "audio/webm", new byte[] { 0x1A, 0x45, 0xDF, 0xA3, 0x9F, 0x42, 0x86, 0x81 } },
        { "audio/ogg", Encoding.ASCII.GetBytes("OggS\x00\x02\x00\x00") },
        { "audio/mpeg", Encoding.ASCII.GetBytes("ID3\x04\x00\x00\x00\x00") },
        { "audio/mpeg", new byte[] { 0xFF, 0xFB, 0x90, 0x64, 0, 0 } },
        { "audio/mp4", Encoding.ASCII.GetBytes("\x00\x00\x00\x0020ftypM4A \x00\x00\x00\x00") },
        { "application/pdf", Encoding.ASCII.GetBytes("%PDF-1.7\n%\xE2\xE3") },
        { "text/plain", Encoding.UTF8.GetBytes("Bonjour, à demain 👋\r\n\tline two") },
    };

    public static TheoryData<string, byte[]> Refused => new()
    {
        { "Windows executable", Encoding.ASCII.GetBytes("MZ\x90\x00\x03\x00\x00\x00") },
        { "ELF executable", new byte[] { 0x7F, 0x45, 0x4C, 0x46, 2, 1, 1, 0 } },
        { "zip archive", new byte[] { 0x50, 0x4B, 0x03, 0x04, 0x14, 0, 0, 0 } },
        { "video mp4 brand", Encoding.ASCII.GetBytes("\x00\x00\x00\x0020ftypqt  \x00\x00\x00\x00") },
        { "RIFF of another form", Encoding.ASCII.GetBytes("RIFF\x24\x00\x00\x0000AVI LIST") },
        { "binary with NUL", new byte[] { (byte)'a', (byte)'b', 0, (byte)'c' } },
        { "invalid UTF-8", new byte[] { (byte)'a', 0xC3, 0x28, (byte)'b' } },
        { "empty", Array.Empty<byte>() },
        { "HTML page", Encoding.UTF8.GetBytes("<!DOCTYPE html><html><body>hi</body></html>") },
        { "HTML fragment", Encoding.UTF8.GetBytes("<p onclick=alert(1)>hi</p>") },
        { "SVG image", Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>") },
        { "XML with a BOM and leading blank lines", Encoding.UTF8.GetBytes("\uFEFF\r\n  <?xml version=\"1.0\"?><x:script xmlns:x=\"http://www.w3.org/1999/xhtml\"/>") },
        { "script after some text", Encoding.UTF8.GetBytes("Opening hours below.\n\n<SCRIPT src=//evil.example></SCRIPT>") },
        { "SVG after some text", Encoding.UTF8.GetBytes("see this:\n<svg\tonload=alert(1)>") },
    };

    public static TheoryData<string> TextWithAngleBrackets => new()
    {
        "a < b and b > c",
        "I <3 this salon",
        "<<< look here >>>",
        "prices: <20 EUR",
        "the <scripted> menu is not an element",
    };

    [Theory]
    [MemberData(nameof(Known))]
    public void Known_formats_are_recognised_by_their_bytes(string mediaType, byte[] head) =>
        FileSignatures.Detect(head)!.MediaType.ShouldBe(mediaType);

    [Theory]
    [MemberData(nameof(Refused))]
    public void Anything_else_is_not_recognised(string what, byte[] head) =>
        FileSignatures.Detect(head).ShouldBeNull(what);

    [Theory]
    [MemberData(nameof(TextWithAngleBrackets))]
    public void Text_with_angle_brackets_that_are_not_markup_is_still_text(string text) =>
        FileSignatures.Detect(Encoding.UTF8.GetBytes(text)).ShouldBe(FileSignatures.PlainText);

    [Fact]
    public void Text_cut_inside_a_multibyte_character_at_the_sample_end_is_still_text()
    {
        var bytes = Encoding.UTF8.GetBytes("ok é");
        FileSignatures.Detect(bytes.AsSpan(0, bytes.Length - 1)).ShouldBe(FileSignatures.PlainText);
    }
}
