namespace CleanChat.Application.Common.Security;

/// <summary>A request about one chat, named by id; access is checked against that chat.</summary>
public interface IChatScopedRequest
{
    long ChatId { get; }
}

/// <summary>A request about one message, named by id; access is checked against the message's chat.</summary>
public interface IMessageScopedRequest
{
    long MessageId { get; }
}
