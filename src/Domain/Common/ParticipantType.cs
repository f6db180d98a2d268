namespace CleanChat.Domain.Common;

/// <summary>The two kinds of people who chat: a business's staff (<c>user</c>) and its customers.</summary>
public enum ParticipantType
{
    User = 1,
    Customer = 2,
}
