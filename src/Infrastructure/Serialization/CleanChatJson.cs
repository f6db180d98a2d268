using System.Text.Json;
using System.Text.Json.Serialization;

namespace CleanChat.Infrastructure.Serialization;

/// <summary>
/// The wire format of the guides for REST and WebSocket alike: snake_case names, enums as snake_case
/// strings, times to the microsecond.
/// </summary>
public static class CleanChatJson
{
    public static readonly JsonSerializerOptions Options = Configure(new JsonSerializerOptions());

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.DictionaryKeyPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        options.Converters.Add(new MicrosecondTimeConverter());
        options.MaxDepth = 32;
        return options;
    }
}
