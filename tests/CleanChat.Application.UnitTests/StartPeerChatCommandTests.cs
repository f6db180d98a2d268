using CleanChat.Application.Chats.Commands.CreateChat;
using CleanChat.Application.Chats.Commands.StartPeerChat;
using CleanChat.Application.Common.Exceptions;
using CleanChat.Application.Common.Interfaces;
using CleanChat.Application.Common.Security;
using CleanChat.Application.Common.Validation;
using CleanChat.Domain.Chats;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;

namespace CleanChat.Application.UnitTests;

public class StartPeerChatCommandTests
{
    private readonly IChatRepository _chats = Substitute.For<IChatRepository>();
    private readonly ICustomerRepository _customers = Substitute.For<ICustomerRepository>();
    private readonly IChatReadModel _read = Substitute.For<IChatReadModel>();
    private readonly ICurrentCaller _caller = Substitute.For<ICurrentCaller>();

    public StartPeerChatCommandTests() => _caller.Caller.Returns(Callers.Customer);

    [Fact]
    public async Task A_conversation_with_oneself_is_refused_before_anything_is_looked_up()
    {
        var refusal = await Should.ThrowAsync<RequestValidationException>(() =>
            Handler().Handle(new StartPeerChatCommand(Callers.Customer.Participant.Id, "general", null, null, null), CancellationToken.None));

        refusal.Errors.Keys.ShouldBe(new[] { "other_customer_id" });
        await _customers.DidNotReceiveWithAnyArgs().FindAsync(default, default);
        _chats.DidNotReceiveWithAnyArgs().Add(default!);
    }

    [Fact]
    public async Task An_unknown_member_is_not_found_and_nothing_is_created()
    {
        await Should.ThrowAsync<NotFoundException>(() => Handler().Handle(new StartPeerChatCommand(7, "general", null, null, null), CancellationToken.None));

        await _chats.DidNotReceiveWithAnyArgs().FindChatIdByKeyAsync(default!, default);
        _chats.DidNotReceiveWithAnyArgs().Add(default!);
    }

    [Theory]
    [InlineData("service", true)]
    [InlineData(" Request ", true)]
    [InlineData("barter", false)]
    [InlineData("", false)]
    public void Only_the_configured_kinds_of_context_are_accepted(string type, bool valid) =>
        new StartPeerChatCommandValidator(Options.Create(new ChatContextOptions()))
            .Validate(new StartPeerChatCommand(7, type, null, null, null)).IsValid.ShouldBe(valid);

    [Fact]
    public void A_deployment_can_name_its_own_kinds()
    {
        var validator = new StartPeerChatCommandValidator(Options.Create(new ChatContextOptions { Types = new[] { "listing" } }));

        validator.Validate(new StartPeerChatCommand(7, "listing", 3, "Bike", null)).IsValid.ShouldBeTrue();
        validator.Validate(new StartPeerChatCommand(7, "service", 3, "Bike", null)).IsValid.ShouldBeFalse();
    }

    private StartPeerChatCommandHandler Handler()
    {
        var time = new FakeTimeProvider();
        var opener = new ChatOpener(_chats, Substitute.For<IMessageStore>(), Substitute.For<IUnitOfWork>(), _read,
            Substitute.For<IPresenceTracker>(), Substitute.For<IParticipantProfiles>(), new Push.OfflinePush(Substitute.For<IPushDelivery>(), Substitute.For<IPresenceTracker>()), time);
        return new StartPeerChatCommandHandler(opener, _chats, _customers, _read, Substitute.For<IPresenceTracker>(), _caller, time);
    }
}
