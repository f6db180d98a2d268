using CleanChat.Domain.Chats.Events;
using CleanChat.Domain.Common;

namespace CleanChat.Domain.Chats;

/// <summary>
/// One message of a chat. Its own aggregate (a chat's history is never loaded whole), created only
/// through <see cref="ChatSnapshot.PostMessage"/> so the membership and archive rules always apply.
/// </summary>
public sealed class ChatMessage : AggregateRoot
{
    public static readonly TimeSpan EditWindow = TimeSpan.FromMinutes(15);

    private List<MessageAttachment> _attachments = new();

    private ChatMessage()
    {
    }

    private ChatMessage(long chatId, ParticipantRef sender, MessageBody body, long? replyToMessageId, Guid? clientMessageId, DateTime now)
    {
        ChatId = chatId;
        ClientMessageId = clientMessageId;
        SenderType = sender.Type;
        SenderId = sender.Id;
        MessageType = body.Type;
        Content = body.Content;
        _attachments = body.Attachments?.ToList() ?? new List<MessageAttachment>();
        EntityType = body.Entity?.Type;
        EntityId = body.Entity?.Id;
        EntityTitle = body.Entity?.Title;
        ReplyToMessageId = replyToMessageId;
        CreatedAt = now;
        Raise(new MessageSent(this, now));
    }

    public long ChatId { get; private set; }

    /// <summary>Position in the chat: 1, 2, 3... in commit order, without gaps. 0 until stored.</summary>
    public long Seq { get; private set; }

    /// <summary>The sender's own id for the message, so that a retried send is recognised and stored once.</summary>
    public Guid? ClientMessageId { get; private set; }

    public ParticipantType SenderType { get; private set; }

    public long SenderId { get; private set; }

    public ParticipantRef Sender => new(SenderType, SenderId);

    public MessageType MessageType { get; private set; }

    /// <summary>Kept in the row after a soft delete for moderation; never returned by the API once deleted.</summary>
    public string? Content { get; private set; }

    /// <summary>
    /// The files of an image, voice or file message, in the order the sender gave them (none for text). Like
    /// the content, kept after a soft delete and never returned once deleted.
    /// </summary>
    public IReadOnlyList<MessageAttachment> Attachments => _attachments;

    public long? ReplyToMessageId { get; private set; }

    public string? EntityType { get; private set; }

    public long? EntityId { get; private set; }

    public string? EntityTitle { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public DateTime? EditedAt { get; private set; }

    public bool IsDeleted { get; private set; }

    public DateTime? DeletedAt { get; private set; }

    internal static ChatMessage ForChat(long chatId, ParticipantRef sender, MessageBody body, long? replyToMessageId, Guid? clientMessageId, DateTime now) =>
        new(chatId, sender, body, replyToMessageId, clientMessageId, now);

    /// <summary>Records the id and sequence number the store gave the message when it committed it.</summary>
    public void RecordStored(long id, long seq)
    {
        if (Id != 0 || Seq != 0)
            throw new InvalidOperationException("The message was stored already.");

        Id = Guard.Against.NegativeOrZero(id);
        Seq = Guard.Against.NegativeOrZero(seq);
    }

    public void Edit(ParticipantRef editor, string newContent, DateTime now)
    {
        Guard.Against.NotPermitted(editor != Sender, "not_message_sender", "Only the sender may edit a message.");
        Guard.Against.RuleBroken(IsDeleted, "message_deleted", "A deleted message cannot be edited.");
        Guard.Against.RuleBroken(MessageType != MessageType.Text, "only_text_editable", "Only text messages can be edited.");
        Guard.Against.RuleBroken(now - CreatedAt > EditWindow, "edit_window_expired", $"Messages can be edited only within {EditWindow.TotalMinutes:0} minutes of sending.");

        var body = MessageBody.Text(newContent).Normalized();
        if (body.Content == Content)
            return;

        Content = body.Content;
        EditedAt = now;
        Raise(new MessageEdited(this, now));
    }

    /// <summary>Hides the message from everyone. Only its sender or an admin of the chat's salon may do it.</summary>
    public void SoftDelete(Actor actor, long? chatSalonId, DateTime now)
    {
        Guard.Against.NotPermitted(actor.Participant != Sender && !actor.IsAdminOf(chatSalonId), "not_allowed_to_delete", "Only the sender or an admin of the salon may delete a message.");

        // Deleting is idempotent: a retried DELETE changes nothing and announces nothing.
        if (IsDeleted)
            return;

        IsDeleted = true;
        DeletedAt = now;
        Raise(new MessageDeleted(this, actor.Participant, now));
    }
}
