using System.Text;
using System.Text.Unicode;
using CleanChat.Domain.Uploads;

namespace CleanChat.Application.Uploads;

/// <summary>
/// Recognises a file from its first bytes (its "magic number"), never from the name or the Content-Type
/// the client sent: a renamed executable stays an executable. Only the formats CleanChat serves are known;
/// anything else is unrecognised and refused.
/// </summary>
public static class FileSignatures
{
    /// <summary>How many leading bytes detection looks at; plain text is judged on this much of the file.</summary>
    public const int SampleLength = 8192;

    public static readonly DetectedFileType Jpeg = new("image/jpeg", ".jpg", FileKind.Image);
    public static readonly DetectedFileType Png = new("image/png", ".png", FileKind.Image);
    public static readonly DetectedFileType Gif = new("image/gif", ".gif", FileKind.Image);
    public static readonly DetectedFileType WebP = new("image/webp", ".webp", FileKind.Image);
    public static readonly DetectedFileType WebM = new("audio/webm", ".webm", FileKind.Audio);
    public static readonly DetectedFileType Ogg = new("audio/ogg", ".ogg", FileKind.Audio);
    public static readonly DetectedFileType Mp3 = new("audio/mpeg", ".mp3", FileKind.Audio);
    public static readonly DetectedFileType M4a = new("audio/mp4", ".m4a", FileKind.Audio);
    public static readonly DetectedFileType Wav = new("audio/wav", ".wav", FileKind.Audio);
    public static readonly DetectedFileType Pdf = new("application/pdf", ".pdf", FileKind.Document);
    public static readonly DetectedFileType PlainText = new("text/plain", ".txt", FileKind.Document);

    public static IReadOnlyList<DetectedFileType> All { get; } = new[] { Jpeg, Png, Gif, WebP, WebM, Ogg, Mp3, M4a, Wav, Pdf, PlainText };

    // Elements that make a document active (script, frames, plug-ins, SVG) or make a browser treat it as a page.
    private static readonly byte[][] ActiveTags = new[] { "script", "svg", "html", "iframe", "object", "embed", "body", "?xml", "!doctype" }
        .Select(tag => Encoding.ASCII.GetBytes("<" + tag))
        .ToArray();

    // MP4 brands of audio-only files and of the general containers phones record voice notes in.
    private static readonly string[] AudioMp4Brands = { "M4A ", "M4B ", "mp42", "mp41", "isom", "iso2", "dash" };

    public static DetectedFileType? Detect(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith(new byte[] { 0xFF, 0xD8, 0xFF }))
            return Jpeg;
        if (head.StartsWith(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }))
            return Png;
        if (head.StartsWith("GIF87a"u8) || head.StartsWith("GIF89a"u8))
            return Gif;
        if (head.Length >= 12 && head.StartsWith("RIFF"u8))
        {
            var form = head.Slice(8, 4);
            return form.SequenceEqual("WEBP"u8) ? WebP : form.SequenceEqual("WAVE"u8) ? Wav : null;
        }

        if (head.StartsWith(new byte[] { 0x1A, 0x45, 0xDF, 0xA3 }))
            return WebM;
        if (head.StartsWith("OggS"u8))
            return Ogg;
        if (head.StartsWith("ID3"u8) || IsMpegAudioFrame(head))
            return Mp3;
        if (head.Length >= 12 && head.Slice(4, 4).SequenceEqual("ftyp"u8))
            return AudioMp4Brands.Contains(Encoding.ASCII.GetString(head.Slice(8, 4))) ? M4a : null;
        if (head.StartsWith("%PDF-"u8))
            return Pdf;
        return IsPlainText(head) && !LooksLikeMarkup(head) ? PlainText : null;
    }

    // An MPEG audio frame header: 11 set sync bits, then a version and layer that are not "reserved".
    private static bool IsMpegAudioFrame(ReadOnlySpan<byte> head) =>
        head.Length >= 2 && head[0] == 0xFF && (head[1] & 0xE0) == 0xE0 && (head[1] & 0x18) != 0x08 && (head[1] & 0x06) != 0;

    // HTML, SVG and XML are text too, but active content has no place in a chat upload: served inertly they are
    // still a page one browser setting or a careless proxy away from running. Text that opens with a tag or
    // declaration, or carries an active element anywhere in the sample, is refused like an unknown type.
    // "a < b" and "<3" stay text: a tag needs a letter, '!', '?' or '/' straight after the '<'.
    private static bool LooksLikeMarkup(ReadOnlySpan<byte> text)
    {
        var start = text.StartsWith(new byte[] { 0xEF, 0xBB, 0xBF }) ? text[3..] : text;
        start = start.TrimStart(" \t\r\n\f"u8);
        if (start.Length >= 2 && start[0] == (byte)'<' && (char.IsAsciiLetter((char)start[1]) || start[1] is (byte)'!' or (byte)'?' or (byte)'/'))
            return true;

        for (var at = text.IndexOf((byte)'<'); at >= 0; at = NextTag(text, at))
        {
            foreach (var tag in ActiveTags)
            {
                var rest = text[at..];
                if (rest.Length > tag.Length && Ascii.EqualsIgnoreCase(rest[..tag.Length], tag) && IsTagEnd(rest[tag.Length]))
                    return true;
            }
        }

        return false;
    }

    private static int NextTag(ReadOnlySpan<byte> text, int at)
    {
        var next = text[(at + 1)..].IndexOf((byte)'<');
        return next < 0 ? -1 : at + 1 + next;
    }

    private static bool IsTagEnd(byte b) => b is (byte)' ' or (byte)'>' or (byte)'/' or (byte)'\t' or (byte)'\r' or (byte)'\n' or (byte)'\f';

    // UTF-8 without NUL or other control characters than tab, line breaks and form feed. The sample may cut
    // a multi-byte character at its end, which is not held against it.
    private static bool IsPlainText(ReadOnlySpan<byte> head)
    {
        if (head.IsEmpty)
            return false;

        foreach (var b in head)
        {
            if (b < 0x20 && b is not ((byte)'\t' or (byte)'\n' or (byte)'\r' or 0x0C))
                return false;
            if (b == 0x7F)
                return false;
        }

        var complete = head;
        for (var i = 1; i <= 3 && i <= head.Length; i++)
        {
            var b = head[^i];
            if ((b & 0xC0) == 0xC0)
            {
                complete = head[..^i];
                break;
            }

            if ((b & 0x80) == 0)
                break;
        }

        return Utf8.IsValid(complete);
    }
}
