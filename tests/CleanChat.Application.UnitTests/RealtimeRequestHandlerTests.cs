using CleanChat.Application.Chats.Commands.SendTyping;
using CleanChat.Application.Common.Interfaces;
using CleanChat.Application.Chats;
using CleanChat.Application.Common.Notifications;
using CleanChat.Application.Messages;
using NSubstitute;

namespace CleanChat.Application.UnitTests;

public class RealtimeRequestHandlerTests
{
    [Fact]
    public async Task Typing_is_announced_for_the_caller_and_nothing_else_happens()
    {
        var notifier = Substitute.For<IChatNotifier>();
        var handler = new SendTypingCommandHandler(notifier, Callers.As(Callers.Customer));

        await handler.Handle(new SendTypingCommand(7, IsTyping: true), CancellationToken.None);

        await notifier.Received(1).NotifyAsync(new TypingNotification(7, Callers.Customer.Participant, true), Arg.Any<CancellationToken>());
    }
}
