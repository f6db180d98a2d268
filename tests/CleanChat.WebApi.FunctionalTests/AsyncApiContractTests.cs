using System.Net;
using System.Text.Json.Nodes;
using CleanChat.Application.Chats;
using CleanChat.Application.Common.Notifications;
using CleanChat.Infrastructure.Realtime;
using CleanChat.Infrastructure.Realtime.Protocol;
using CleanChat.WebApi.FunctionalTests.Infrastructure;
using CleanChat.WebApi.Realtime;

namespace CleanChat.WebApi.FunctionalTests;

/// <summary>
/// The AsyncAPI document served at /asyncapi.json says exactly what the code does: every frame type the
/// dispatcher accepts and every frame type the codec writes, nothing else, and each written frame has the
/// fields its schema names.
/// </summary>
public class AsyncApiContractTests : IClassFixture<CleanChatApiFactory>
{
    private readonly CleanChatApiFactory _factory;

    public AsyncApiContractTests(CleanChatApiFactory factory) => _factory = factory;

    [Fact]
    public async Task The_document_is_served_as_AsyncAPI_3_with_both_endpoints()
    {
        var response = await _factory.CreateClient().GetAsync("/asyncapi.json");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        var document = await Document();
        document["asyncapi"]!.GetValue<string>().ShouldBe("3.0.0");
        document["channels"]!.AsObject().Select(c => c.Value!["address"]!.GetValue<string>())
            .ShouldBe(new[] { ChatSocketEndpoints.StaffPath, ChatSocketEndpoints.CustomerPath }, ignoreOrder: true);
    }

    [Fact]
    public async Task Client_frames_are_exactly_those_the_dispatcher_accepts()
    {
        var document = await Document();

        foreach (var channel in new[] { "staff", "customer" })
            FrameNames(document, $"{channel}ClientFrames").ShouldBe(FrameDispatcher.FrameTypes, ignoreOrder: true);
    }

    [Fact]
    public async Task Server_frames_are_exactly_those_the_codec_writes_with_the_fields_of_their_schemas()
    {
        var document = await Document();
        var written = SalonGuideCodecTests.Samples().Append(new ChatArchiveStateChangedNotification(7, false))
            .Select(n => SalonGuideCodec.Instance.Encode(n))
            .Concat(SalonGuideCodecTests.Replies().Append(new ErrorReply("server_busy", "Busy.", "send_message", 7, RetryAfter: TimeSpan.FromSeconds(1)))
                .Select(r => SalonGuideCodec.Instance.Encode(r)))
            .Select(bytes => JsonNode.Parse(bytes.Span)!.AsObject())
            .ToList();

        foreach (var channel in new[] { "staff", "customer" })
            FrameNames(document, $"{channel}ServerFrames").ShouldBe(written.Select(f => f["type"]!.GetValue<string>()).Distinct(), ignoreOrder: true);

        foreach (var frame in written)
        {
            var type = frame["type"]!.GetValue<string>();
            var schema = SchemaOf(document, "staffServerFrames", type);
            var properties = schema["properties"]!.AsObject().Select(p => p.Key).ToList();
            var required = schema["required"]!.AsArray().Select(r => r!.GetValue<string>()).ToList();
            var fields = frame.Select(f => f.Key).ToList();
            fields.ShouldBeSubsetOf(properties, $"{type}: a field the schema does not name");
            required.ShouldBeSubsetOf(fields, $"{type}: a required field the frame lacks");
        }
    }

    private async Task<JsonObject> Document() =>
        JsonNode.Parse(await _factory.CreateClient().GetStringAsync("/asyncapi.json"))!.AsObject();

    private static IEnumerable<string> FrameNames(JsonObject document, string operation) =>
        Messages(document, operation).Select(m => m["name"]!.GetValue<string>());

    private static JsonObject SchemaOf(JsonObject document, string operation, string type)
    {
        var message = Messages(document, operation).Single(m => m["name"]!.GetValue<string>() == type);
        return Resolve(document, message["payload"]!["$ref"]!.GetValue<string>());
    }

    // operation → channel message → component message, following each $ref.
    private static IEnumerable<JsonObject> Messages(JsonObject document, string operation) =>
        document["operations"]![operation]!["messages"]!.AsArray()
            .Select(m => Resolve(document, m!["$ref"]!.GetValue<string>()))
            .Select(m => m["$ref"] is { } inner ? Resolve(document, inner.GetValue<string>()) : m);

    private static JsonObject Resolve(JsonObject document, string reference)
    {
        JsonNode node = document;
        foreach (var part in reference.TrimStart('#', '/').Split('/'))
            node = node[part] ?? throw new ShouldAssertException($"{reference} does not resolve");
        return node.AsObject();
    }
}
