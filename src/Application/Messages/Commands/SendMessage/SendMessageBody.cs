using CleanChat.Domain.Chats;

namespace CleanChat.Application.Messages.Commands.SendMessage;

/// <summary>
/// The fields of a message to send, as the REST request body and the socket's <c>send_message</c> frame
/// both carry them. One type for both, turned into the command in one place by name, so the two
/// transports cannot drift apart or swap two fields of the same type.
/// </summary>
public record SendMessageBody
{
    public string? Content { get; init; }

    /// <summary>Text when absent.</summary>
    public MessageType? MessageType { get; init; }

    /// <summary>The one file of a media message; with <see cref="Attachments"/>, it must be the first of them.</summary>
    public string? MediaUrl { get; init; }

    /// <summary>The files of a media message, in order: the <c>file_url</c>s of the sender's uploads.</summary>
    public IReadOnlyList<string>? Attachments { get; init; }

    public long? ReplyToMessageId { get; init; }

    public string? EntityType { get; init; }

    public long? EntityId { get; init; }

    public string? EntityTitle { get; init; }

    /// <summary>The client's own id for the message, so a retried send is stored once.</summary>
    public Guid? ClientMessageId { get; init; }

    /// <summary>A voice note's length as the client measured it.</summary>
    public long? DurationMs { get; init; }

    public SendMessageCommand ToCommand(long chatId) => new(
        ChatId: chatId,
        MessageType: MessageType ?? Domain.Chats.MessageType.Text,
        Content: Content,
        MediaUrl: MediaUrl,
        ReplyToMessageId: ReplyToMessageId,
        EntityType: EntityType,
        EntityId: EntityId,
        EntityTitle: EntityTitle,
        ClientMessageId: ClientMessageId,
        DurationMs: DurationMs,
        Attachments: Attachments);
}
