namespace CleanChat.Application.Common.Security;

public enum ChatAccessLevel
{
    /// <summary>Only an active participant of the chat.</summary>
    Participant,

    /// <summary>An active participant, or an admin of the chat's salon (moderation and oversight).</summary>
    ParticipantOrSalonAdmin,
}

/// <summary>
/// On a request that touches one chat (<see cref="IChatScopedRequest"/> or <see cref="IMessageScopedRequest"/>):
/// how close to the chat the caller must be. Anyone further away gets "not found", so a chat's existence is never revealed.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ChatAccessAttribute : Attribute
{
    public ChatAccessAttribute(ChatAccessLevel level) => Level = level;

    public ChatAccessLevel Level { get; }
}
