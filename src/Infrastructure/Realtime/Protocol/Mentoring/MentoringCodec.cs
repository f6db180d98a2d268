using System.Globalization;
using System.Text.Json;
using CleanChat.Application.Common.Notifications;
using CleanChat.Application.Messages;
using CleanChat.Infrastructure.Serialization;

namespace CleanChat.Infrastructure.Realtime.Protocol.Mentoring;

/// <summary>
/// The mentoring seed's socket protocol: one conversation per socket, so frames name no chat. The client
/// sends <c>{"message": "…"}</c> and <c>{"type": "mark_read", "message_id": N}</c>; the server sends
/// <c>connection_established</c>, <c>new_message</c> (with <c>is_own_message</c>, hence a frame per side),
/// <c>update_message_status</c> and <c>{"error": "…"}</c>. Everything else the core announces (typing,
/// edits, membership) has no frame here and is not sent.
/// </summary>
public sealed class MentoringCodec : IRealtimeCodec
{
    public static MentoringCodec Instance { get; } = new();

    /// <summary>The seed's text for a frame sent while the socket follows no conversation.</summary>
    public const string NotEstablished = "Conversation not established.";

    public bool SetsOwnFrames => true;

    public string Dialect => "mentoring";

    public ClientFrame Decode(ReadOnlySpan<byte> payload)
    {
        try
        {
            var reader = new Utf8JsonReader(payload);
            using var document = JsonDocument.ParseValue(ref reader);
            var frame = document.RootElement;
            if (frame.ValueKind != JsonValueKind.Object)
                throw Invalid("Send a JSON object such as {\"message\": \"Hello\"}.");

            if (frame.TryGetProperty("type", out var type))
            {
                return type.ValueKind == JsonValueKind.String ? type.GetString() switch
                {
                    "mark_read" => new ClientFrame { Type = "read_message", MessageId = MessageId(frame) },
                    "ping" => new ClientFrame { Type = "ping" },
                    var other => throw new RealtimeProtocolException("unknown_type", $"Unknown message type '{other}'."),
                } : throw Invalid("'type' must be a string.");
            }

            if (!frame.TryGetProperty("message", out var message))
                throw Invalid("Send {\"message\": \"…\"} to post, or {\"type\": \"mark_read\", \"message_id\": N}.");
            return message.ValueKind is JsonValueKind.String or JsonValueKind.Null
                ? new ClientFrame { Type = "send_message", Content = message.GetString() }
                : throw Invalid("'message' must be a string.");
        }
        catch (JsonException)
        {
            throw Invalid("The frame is not valid JSON.");
        }
    }

    public ReadOnlyMemory<byte> Encode(ChatNotification notification, bool toActor) => notification switch
    {
        MessagePostedNotification n => Serialize(new NewMessageFrame("new_message", MentoringMessages.ToMessage(n.Message, n.SenderProfile, isOwn: toActor, isRead: false))),
        MessageRepeatedNotification n => Serialize(new NewMessageFrame("new_message", MentoringMessages.ToMessage(n.Message, null, isOwn: true, isRead: false))),
        ReadReceiptNotification n when !toActor => Serialize(new MessageStatusFrame("update_message_status", n.MessageId, IsRead: true)),
        _ => ReadOnlyMemory<byte>.Empty,
    };

    public ReadOnlyMemory<byte> Encode(SocketReply reply) => reply switch
    {
        // Joining the socket's conversation is what the seed calls establishing the connection.
        JoinedReply r => Serialize(new EstablishedFrame("connection_established", r.ChatId.ToString(CultureInfo.InvariantCulture), RoomName(r.ChatId))),
        ErrorReply { Code: "not_joined" } => Serialize(new ErrorFrame(NotEstablished)),
        ErrorReply r => Serialize(new ErrorFrame(r.Error)),
        PongReply r => Serialize(new PongFrame("pong", r.Timestamp)),
        _ => ReadOnlyMemory<byte>.Empty,
    };

    /// <summary>The seed's group name of a conversation (informational only).</summary>
    public static string RoomName(long chatId) => FormattableString.Invariant($"chat_{chatId}");

    private static long MessageId(JsonElement frame)
    {
        // The seed shows the id as a string placeholder; its clients send either form.
        if (frame.TryGetProperty("message_id", out var id))
        {
            if (id.ValueKind == JsonValueKind.Number && id.TryGetInt64(out var number))
                return number;
            if (id.ValueKind == JsonValueKind.String && long.TryParse(id.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
                return parsed;
        }

        throw Invalid("mark_read needs a numeric 'message_id'.");
    }

    private static RealtimeProtocolException Invalid(string message) => new("invalid_frame", message);

    private static ReadOnlyMemory<byte> Serialize<T>(T frame) => JsonSerializer.SerializeToUtf8Bytes(frame, CleanChatJson.Options);

    private sealed record NewMessageFrame(string Type, MentoringMessage Message);

    private sealed record MessageStatusFrame(string Type, long MessageId, bool IsRead);

    private sealed record EstablishedFrame(string Type, string ConversationId, string RoomGroupName);

    private sealed record ErrorFrame(string Error);

    private sealed record PongFrame(string Type, DateTime Timestamp);
}
