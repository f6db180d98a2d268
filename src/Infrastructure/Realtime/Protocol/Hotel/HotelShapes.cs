using CleanChat.Application.Messages;
using CleanChat.Application.Stays;
using CleanChat.Domain.Common;

namespace CleanChat.Infrastructure.Realtime.Protocol.Hotel;

/// <summary>A message as the hotel seed shows it, in its REST answers and socket events alike.</summary>
/// <param name="SenderType"><c>guest</c>, <c>staff</c> or <c>system</c>.</param>
/// <param name="IsRead">Read by the other side: a guest's message by any of the staff, a staff or system message by the guest.</param>
public sealed record HotelMessage(long Id, long Conversation, string SenderType, long? SenderId, string? SenderName, string? Text, DateTime CreatedAt, bool IsRead);

public sealed record HotelGuest(long Id, string Name, string PhoneNumber);

public sealed record HotelConversation(long Id, long StayId, HotelGuest Guest, string RoomNumber, DateOnly CheckIn, DateOnly CheckOut, bool IsActive,
    HotelMessage? LastMessage, int UnreadCount, DateTime CreatedAt, DateTime UpdatedAt);

/// <summary>Core answers in the hotel seed's shapes. Ids are the core's: a conversation's id is the chat id.</summary>
public static class HotelShapes
{
    public static HotelMessage ToMessage(MessageDto message) => new(
        message.Id,
        message.ChatId,
        SenderTypeOf(message.SenderType),
        message.SenderUserId ?? message.SenderCustomerId,
        message.SenderName,
        // A file or voice message from another client has no text here: its link stands in for it.
        message.IsDeleted ? null : message.Content ?? message.MediaUrl,
        message.CreatedAt,
        IsRead: message.SenderType == ParticipantType.Customer
            ? message.ReadReceipts.Any(r => r.ReaderType == ParticipantType.User)
            : message.ReadReceipts.Any(r => r.ReaderType == ParticipantType.Customer));

    public static HotelConversation ToConversation(StayConversationDto found) => new(
        found.Chat.Id,
        found.Stay.StayId,
        new HotelGuest(found.Guest.Participant.Id, found.Guest.Name, found.Guest.Username),
        found.Stay.RoomNumber,
        found.Stay.CheckIn,
        found.Stay.CheckOut,
        IsActive: !found.Chat.IsArchived,
        found.LastMessage is null ? null : ToMessage(found.LastMessage),
        found.Chat.UnreadCount,
        found.Chat.CreatedAt,
        found.Chat.LastMessageAt is { } last && last > found.Chat.UpdatedAt ? last : found.Chat.UpdatedAt);

    private static string SenderTypeOf(ParticipantType type) => type switch
    {
        ParticipantType.Customer => "guest",
        ParticipantType.User => "staff",
        _ => "system",
    };
}
