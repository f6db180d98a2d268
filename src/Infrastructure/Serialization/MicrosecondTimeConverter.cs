using System.Text.Json;
using System.Text.Json.Serialization;

namespace CleanChat.Infrastructure.Serialization;

/// <summary>
/// Writes times to the microsecond, the finest a store keeps (PostgreSQL's timestamps; .NET's clock has
/// tenths of one): a message's <c>created_at</c> in the answer to its send, in its live frame and in
/// history is then the same text, whichever database holds it. Reads any ISO 8601 time.
/// </summary>
internal sealed class MicrosecondTimeConverter : JsonConverter<DateTime>
{
    private const long TicksPerMicrosecond = TimeSpan.TicksPerMillisecond / 1000;

    public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetDateTime();

    public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.AddTicks(-(value.Ticks % TicksPerMicrosecond)));
}
