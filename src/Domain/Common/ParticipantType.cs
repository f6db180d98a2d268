namespace CleanChat.Domain.Common;

/// <summary>
/// Who can be behind a message: the two kinds of people who chat, a business's staff (<c>user</c>) and its
/// customers, and the service itself, which writes system messages (a hotel stay's welcome, say).
/// </summary>
public enum ParticipantType
{
    User = 1,
    Customer = 2,

    /// <summary>The service; never a participant, never signed in, only the sender of system messages.</summary>
    System = 3,
}
