using CleanChat.Application.Common.Behaviours;
using CleanChat.Application.Common.Exceptions;
using CleanChat.Application.Common.Interfaces;
using CleanChat.Application.Messages;
using CleanChat.Application.Messages.Commands.SendMessage;
using CleanChat.Application.Messages.Queries.GetChatHistory;
using CleanChat.Domain.Chats;
using CleanChat.Domain.Common;
using MediatR;
using NSubstitute;

namespace CleanChat.Application.UnitTests;

public class AdmissionBehaviourTests
{
    private readonly IWriteAdmission _admission = Substitute.For<IWriteAdmission>();

    [Fact]
    public async Task A_send_the_service_cannot_admit_is_refused_as_busy_before_anything_else_runs()
    {
        _admission.TryAdmit(out Arg.Any<TimeSpan>()).Returns(call =>
        {
            call[0] = TimeSpan.FromMilliseconds(800);
            return false;
        });
        var behaviour = new AdmissionBehaviour<SendMessageCommand, MessageDto>(_admission);
        var nextRan = false;

        var busy = await Should.ThrowAsync<ServerBusyException>(() => behaviour.Handle(
            new SendMessageCommand(1, MessageType.Text, "hello"), CancellationToken.None, () =>
            {
                nextRan = true;
                return Task.FromResult(Answer());
            }));

        nextRan.ShouldBeFalse();
        busy.RetryAfter.ShouldBe(TimeSpan.FromMilliseconds(800));
        var refusal = Refusal.From(busy).ShouldNotBeNull();
        refusal.Kind.ShouldBe(RefusalKind.Busy);
        refusal.Code.ShouldBe("server_busy");
        refusal.RetryAfter.ShouldBe(TimeSpan.FromMilliseconds(800));
    }

    [Fact]
    public async Task An_admitted_send_goes_on()
    {
        _admission.TryAdmit(out Arg.Any<TimeSpan>()).Returns(true);
        var behaviour = new AdmissionBehaviour<SendMessageCommand, MessageDto>(_admission);
        var answer = Answer();

        (await behaviour.Handle(new SendMessageCommand(1, MessageType.Text, "hello"), CancellationToken.None, () => Task.FromResult(answer))).ShouldBeSameAs(answer);
    }

    [Fact]
    public async Task Reads_are_never_shed_and_do_not_ask()
    {
        _admission.TryAdmit(out Arg.Any<TimeSpan>()).Returns(false);
        var behaviour = new AdmissionBehaviour<GetChatHistoryQuery, Unit>(_admission);

        (await behaviour.Handle(new GetChatHistoryQuery(5), CancellationToken.None, () => Task.FromResult(Unit.Value))).ShouldBe(Unit.Value);
        _admission.DidNotReceive().TryAdmit(out Arg.Any<TimeSpan>());
    }

    private static MessageDto Answer() => new()
    {
        Id = 7, ChatId = 1, Seq = 1, SenderType = ParticipantType.Customer, MessageType = MessageType.Text, CreatedAt = DateTime.UnixEpoch, IsDeleted = false,
    };
}
