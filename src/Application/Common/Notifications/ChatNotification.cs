using CleanChat.Domain.Common;

namespace CleanChat.Application.Common.Notifications;

/// <summary>
/// Something the connected clients of a chat should hear about, typed, with the audience it is for.
/// Which sockets make up that audience is the notifier's business, and how it looks on the wire each
/// client protocol's codec decides.
/// </summary>
public abstract record ChatNotification(long ChatId)
{
    public abstract NotificationAudience Audience { get; }

    /// <summary>
    /// The announced message's place in the chat, for notifications of a new message: a socket that is
    /// catching up skips the ones its replay already carried.
    /// </summary>
    public virtual long? Seq => null;

    /// <summary>
    /// A participant who, once told, no longer follows the chat on any socket: a removed member must stop
    /// receiving the chat at once, not at their next join.
    /// </summary>
    public virtual ParticipantRef? StopsFollowing => null;

    /// <summary>
    /// A participant whose sockets that follow their chats by themselves (a hotel guest's) start following
    /// this chat once told, so what comes next in it reaches them.
    /// </summary>
    public virtual ParticipantRef? StartsFollowing => null;

    /// <summary>
    /// Who caused it, where a protocol shows that to them differently (the mentoring protocol's
    /// <c>is_own_message</c>): the sender of a message, the reader of a receipt.
    /// </summary>
    public virtual ParticipantRef? Actor => null;
}
