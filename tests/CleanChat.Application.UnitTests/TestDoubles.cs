using CleanChat.Application.Common.Security;
using CleanChat.Domain.Chats;
using CleanChat.Domain.Common;
using NSubstitute;

namespace CleanChat.Application.UnitTests;

internal static class Callers
{
    public const long SalonId = 10;

    public static readonly Caller Staff = new(ParticipantRef.User(456), SalonId, StaffRole.Staff, "Sam");
    public static readonly Caller Admin = new(ParticipantRef.User(1), SalonId, StaffRole.Admin, "Ada");
    public static readonly Caller OtherSalonAdmin = new(ParticipantRef.User(2), SalonId + 1, StaffRole.Admin, "Otto");
    public static readonly Caller Customer = new(ParticipantRef.Customer(123), null, null, "Carol");

    public static ICurrentCaller As(Caller? caller, bool isSystem = false)
    {
        var current = Substitute.For<ICurrentCaller>();
        current.Caller.Returns(caller);
        current.IsSystem.Returns(isSystem);
        return current;
    }
}

/// <summary>Aggregates as they are after being saved: ids are what the database would have assigned.</summary>
internal static class Saved
{
    public static Chat Chat(long id = 1)
    {
        var chat = Domain.Chats.Chat.Start(ChatType.UserCustomer, Callers.SalonId, "Support", Callers.Staff.Participant, new[] { Callers.Customer.Participant }, DateTime.UtcNow);
        SetId(chat, id);
        chat.ClearDomainEvents();
        return chat;
    }

    public static ChatMessage Message(Chat chat, ParticipantRef sender, long id, DateTime? at = null)
    {
        var message = chat.ToSnapshot().PostMessage(sender, MessageBody.Text("hello"), null, null, at ?? DateTime.UtcNow);
        message.RecordStored(id, seq: id);
        message.ClearDomainEvents();
        return message;
    }

    public static T WithId<T>(T entity, long id) where T : Entity
    {
        SetId(entity, id);
        return entity;
    }

    private static void SetId(Entity entity, long id) => typeof(Entity).GetProperty(nameof(Entity.Id))!.SetValue(entity, id);
}

/// <summary>Keeps what was logged, formatted as the log would show it, so a test can check the level and that no secret is in it.</summary>
internal sealed class RecordingLogger<T> : Microsoft.Extensions.Logging.ILogger<T>
{
    public List<(Microsoft.Extensions.Logging.LogLevel Level, string Message)> Entries { get; } = new();

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;

    public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception,
        Func<TState, Exception?, string> formatter) => Entries.Add((logLevel, formatter(state, exception)));
}
