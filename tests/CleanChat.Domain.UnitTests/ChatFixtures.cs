using CleanChat.Domain.Chats;
using CleanChat.Domain.Common;

namespace CleanChat.Domain.UnitTests;

/// <summary>Builds chats with assigned ids, as they are after being saved.</summary>
internal static class ChatFixtures
{
    public static readonly DateTime Now = new(2026, 1, 9, 10, 30, 0, DateTimeKind.Utc);
    public static readonly ParticipantRef Staff = ParticipantRef.User(456);
    public static readonly ParticipantRef Customer = ParticipantRef.Customer(123);
    public const long SalonId = 10;

    public static Chat SavedChat(long id = 1)
    {
        var chat = Chat.Start(ChatType.UserCustomer, SalonId, "Support", Staff, new[] { Customer }, Now);
        AssignId(chat, id);
        chat.ClearDomainEvents();
        return chat;
    }

    public static ChatMessage SavedMessage(Chat chat, ParticipantRef sender, long id, MessageBody? body = null, DateTime? at = null)
    {
        var message = chat.ToSnapshot().PostMessage(sender, body ?? MessageBody.Text("hello"), null, null, at ?? Now);
        message.RecordStored(id, seq: id);
        message.ClearDomainEvents();
        return message;
    }

    // Ids are database-generated; tests stand in for the database here.
    public static void AssignId(Entity entity, long id) =>
        typeof(Entity).GetProperty(nameof(Entity.Id))!.SetValue(entity, id);
}
