using System.Text.Json;
using System.Text.Json.Serialization;

namespace CleanChat.WebApi.Infrastructure;

/// <summary>The wire format of the guides: snake_case names, enums as snake_case strings (never numbers).</summary>
public static class SnakeCaseJson
{
    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.DictionaryKeyPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        options.MaxDepth = 32;
    }
}
