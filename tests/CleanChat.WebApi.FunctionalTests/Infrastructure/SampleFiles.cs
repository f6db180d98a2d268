using System.IO.Compression;
using System.Text;

namespace CleanChat.WebApi.FunctionalTests.Infrastructure;

/// <summary>Small files of each accepted type, made in code (the images are real, decodable pictures).</summary>
public static class SampleFiles
{
    public static byte[] Jpeg => Padded(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0 });

    public static byte[] Gif => Padded(Encoding.ASCII.GetBytes("GIF89a\x01\x00\x01\x00"));

    public static byte[] WebP => Padded(Encoding.ASCII.GetBytes("RIFF\x24\x00\x00\x00WEBPVP8 "));

    public static byte[] WebM => Padded(new byte[] { 0x1A, 0x45, 0xDF, 0xA3, 0x9F, 0x42, 0x86, 0x81, 0x01 });

    public static byte[] Ogg => Padded(Encoding.ASCII.GetBytes("OggS\x00\x02\x00\x00"));

    public static byte[] Mp3 => Padded(Encoding.ASCII.GetBytes("ID3\x04\x00\x00\x00\x00\x00\x00"));

    public static byte[] M4a => Padded(Encoding.ASCII.GetBytes("\x00\x00\x00\x0020ftypM4A \x00\x00\x00\x00"));

    public static byte[] Wav => Padded(Encoding.ASCII.GetBytes("RIFF\x24\x00\x00\x00WAVEfmt "));

    public static byte[] Pdf => Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    public static byte[] Text => Encoding.UTF8.GetBytes("Opening hours: Mon–Fri 9:00–18:00\n");

    /// <summary>A Windows executable's first bytes, to be sent under an image name.</summary>
    public static byte[] Executable => Padded(Encoding.ASCII.GetBytes("MZ\x90\x00\x03\x00\x00\x00\x04\x00"));

    /// <summary>A real PNG picture (a colour gradient) of the given size, big enough that a thumbnail is smaller.</summary>
    public static byte[] Png(int width = 640, int height = 480)
    {
        var raw = new MemoryStream();
        for (var y = 0; y < height; y++)
        {
            raw.WriteByte(0); // filter: none
            for (var x = 0; x < width; x++)
            {
                raw.WriteByte((byte)(x * 255 / width));
                raw.WriteByte((byte)(y * 255 / height));
                raw.WriteByte((byte)((x ^ y) & 0xFF));
            }
        }

        var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
            zlib.Write(raw.ToArray());

        var png = new MemoryStream();
        png.Write(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A });
        var header = new byte[13];
        WriteBigEndian(header, 0, (uint)width);
        WriteBigEndian(header, 4, (uint)height);
        header[8] = 8; // bits per channel
        header[9] = 2; // RGB
        Chunk(png, "IHDR", header);
        Chunk(png, "IDAT", compressed.ToArray());
        Chunk(png, "IEND", Array.Empty<byte>());
        return png.ToArray();
    }

    private static byte[] Padded(byte[] head) => head.Concat(Enumerable.Repeat((byte)0x42, 2048)).ToArray();

    private static void Chunk(Stream png, string type, byte[] data)
    {
        var length = new byte[4];
        WriteBigEndian(length, 0, (uint)data.Length);
        png.Write(length);
        var typeAndData = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        png.Write(typeAndData);
        var crc = new byte[4];
        WriteBigEndian(crc, 0, Crc32(typeAndData));
        png.Write(crc);
    }

    private static void WriteBigEndian(byte[] buffer, int offset, uint value)
    {
        buffer[offset] = (byte)(value >> 24);
        buffer[offset + 1] = (byte)(value >> 16);
        buffer[offset + 2] = (byte)(value >> 8);
        buffer[offset + 3] = (byte)value;
    }

    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var i = 0; i < 8; i++)
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }

        return ~crc;
    }
}
