using System.Globalization;
using System.Text.Json;
using CleanChat.Application.Common.Notifications;
using CleanChat.Application.Messages;
using CleanChat.Application.Stays;
using CleanChat.Domain.Common;
using CleanChat.Infrastructure.Serialization;

namespace CleanChat.Infrastructure.Realtime.Protocol.Hotel;

/// <summary>
/// The hotel seed's socket protocol: client commands in a <c>command</c> field (or <c>type</c>) naming
/// conversations by their stay, server events <c>connected</c>, <c>subscribed</c>/<c>unsubscribed</c>,
/// <c>new_message</c>, <c>new_conversation</c> and <c>error</c>. A guest's socket follows their own stays
/// by itself; staff subscribe to the conversations they open. What the core announces beyond that
/// (typing, receipts, edits, membership) has no event here and is not sent.
/// </summary>
public sealed class HotelCodec : IRealtimeCodec
{
    public static HotelCodec Instance { get; } = new();

    public bool SetsOwnFrames => false;

    public string Dialect => "hotel";

    public bool CustomersFollowTheirStays => true;

    public ClientFrame Decode(ReadOnlySpan<byte> payload)
    {
        try
        {
            var reader = new Utf8JsonReader(payload);
            using var document = JsonDocument.ParseValue(ref reader);
            var frame = document.RootElement;
            if (frame.ValueKind != JsonValueKind.Object)
                throw Invalid("Send a JSON object with a 'command'.");

            var command = Text(frame, "command") ?? Text(frame, "type")
                ?? throw Invalid("The frame has no 'command'.");
            return command switch
            {
                "subscribe_to_conversation" => new ClientFrame { Type = "join_chat", StayId = StayId(frame) },
                "unsubscribe_from_conversation" => new ClientFrame { Type = "leave_chat", StayId = StayId(frame) },
                "send_message" => new ClientFrame { Type = "send_message", StayId = StayId(frame), Content = Text(frame, "text") ?? string.Empty },
                "ping" => new ClientFrame { Type = "ping" },
                _ => throw new RealtimeProtocolException("unknown_command", $"Unknown command '{command}'."),
            };
        }
        catch (JsonException)
        {
            throw Invalid("The frame is not valid JSON.");
        }
    }

    public ReadOnlyMemory<byte> Encode(ChatNotification notification, bool toActor) => notification switch
    {
        MessagePostedNotification n => Serialize(new NewMessageFrame("new_message", HotelShapes.ToMessage(n.Message))),
        MessageRepeatedNotification n => Serialize(new NewMessageFrame("new_message", HotelShapes.ToMessage(n.Message))),
        StayConversationOpenedNotification n => Serialize(new NewConversationFrame("new_conversation", HotelShapes.ToConversation(n.Conversation))),
        _ => ReadOnlyMemory<byte>.Empty,
    };

    public ReadOnlyMemory<byte> Encode(SocketReply reply) => reply switch
    {
        ConnectedReply r => Serialize(new ConnectedFrame("connected", r.Participant.Type, r.Participant.Id)),

        // Joins the client asked for by stay; a guest's own stays are followed without a word.
        JoinedReply { StayId: { } stayId } r => Serialize(new SubscriptionFrame("subscribed", stayId, r.ChatId)),
        LeftReply { StayId: { } stayId } r => Serialize(new SubscriptionFrame("unsubscribed", stayId, r.ChatId)),
        PongReply r => Serialize(new PongFrame("pong", r.Timestamp)),
        ErrorReply r => Serialize(new ErrorFrame("error", r.Error, r.Code)),
        _ => ReadOnlyMemory<byte>.Empty,
    };

    private static string? Text(JsonElement frame, string field) =>
        frame.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    // The dashboard keeps ids as numbers; a numeric string is taken too.
    private static long StayId(JsonElement frame)
    {
        if (frame.TryGetProperty("stay_id", out var id))
        {
            if (id.ValueKind == JsonValueKind.Number && id.TryGetInt64(out var number) && number > 0)
                return number;
            if (id.ValueKind == JsonValueKind.String && long.TryParse(id.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed > 0)
                return parsed;
        }

        throw Invalid("This command needs a numeric 'stay_id'.");
    }

    private static RealtimeProtocolException Invalid(string message) => new("invalid_frame", message);

    private static ReadOnlyMemory<byte> Serialize<T>(T frame) => JsonSerializer.SerializeToUtf8Bytes(frame, CleanChatJson.Options);

    private sealed record NewMessageFrame(string Type, HotelMessage Message);

    private sealed record NewConversationFrame(string Type, HotelConversation Conversation);

    private sealed record ConnectedFrame(string Type, ParticipantType ParticipantType, long ParticipantId);

    private sealed record SubscriptionFrame(string Type, long StayId, long ConversationId);

    private sealed record PongFrame(string Type, DateTime Timestamp);

    private sealed record ErrorFrame(string Type, string Error, string Code);
}
