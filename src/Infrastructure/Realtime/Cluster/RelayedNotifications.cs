using System.Text.Json;
using CleanChat.Application.Chats;
using CleanChat.Application.Common.Notifications;
using CleanChat.Application.Messages;
using CleanChat.Application.Stays;

namespace CleanChat.Infrastructure.Realtime.Cluster;

/// <summary>
/// The notifications that are not made from a committed event on every node, so one node makes them and
/// the others must hear them whole: typing, delivery receipts (the delivery recorder's), a repeated send's
/// answer to its sender's other sockets, a stay conversation opened for the hotel's staff, a socket joining
/// or leaving a chat (<c>user_joined</c>, <c>user_left</c>). Anything else a
/// node makes itself from the committed events it hears.
/// </summary>
internal static class RelayedNotifications
{
    // Room for the item's own fields within PostgreSQL's 8,000-byte payload.
    private const int MaxBodyBytes = 7_000;

    private static readonly Dictionary<string, Type> ByName = new()
    {
        ["typing"] = typeof(TypingNotification),
        ["delivered"] = typeof(DeliveryReceiptNotification),
        ["repeated"] = typeof(MessageRepeatedNotification),
        ["stay_opened"] = typeof(StayConversationOpenedNotification),
        ["joined"] = typeof(ParticipantJoinedChatNotification),
        ["left"] = typeof(ParticipantLeftChatNotification),
    };

    private static readonly Dictionary<Type, string> NameOf = ByName.ToDictionary(p => p.Value, p => p.Key);

    /// <summary>The notification as an item, or null when it does not travel (or would not fit: then only this node's sockets hear it).</summary>
    public static NotificationItem? ToItem(ChatNotification notification, Guid? origin)
    {
        if (!NameOf.TryGetValue(notification.GetType(), out var name))
            return null;

        var body = JsonSerializer.SerializeToElement(notification, notification.GetType());
        return body.GetRawText().Length > MaxBodyBytes
            ? null
            : new NotificationItem { ChatId = notification.ChatId, Origin = origin, Name = name, Body = body };
    }

    public static ChatNotification? FromItem(NotificationItem item) =>
        ByName.TryGetValue(item.Name, out var type) ? (ChatNotification?)item.Body.Deserialize(type) : null;
}
