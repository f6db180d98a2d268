using CleanChat.Application.Common.Behaviours;
using CleanChat.Application.Common.Exceptions;
using CleanChat.Application.Common.Interfaces;
using CleanChat.Application.Common.Security;
using CleanChat.Domain.Common;
using MediatR;
using NSubstitute;

namespace CleanChat.Application.UnitTests;

public class AuthorizationBehaviourTests
{
    private readonly IChatAccessQuery _access = Substitute.For<IChatAccessQuery>();
    private int _handlerRuns;

    [Fact]
    public async Task Anonymous_request_runs_without_a_caller()
    {
        await Run(new AnonymousRequest(), caller: null);

        _handlerRuns.ShouldBe(1);
    }

    [Fact]
    public async Task Request_without_a_declaration_is_refused_outright()
    {
        await Should.ThrowAsync<InvalidOperationException>(() => Run(new UndeclaredRequest(), Callers.Admin));

        _handlerRuns.ShouldBe(0);
    }

    [Fact]
    public async Task Missing_caller_is_unauthenticated()
    {
        await Should.ThrowAsync<UnauthenticatedException>(() => Run(new AnyCallerRequest(), caller: null));

        _handlerRuns.ShouldBe(0);
    }

    [Theory]
    [InlineData("customer")]
    [InlineData("staff")]
    public async Task Salon_admin_request_refuses_other_kinds_of_caller(string who)
    {
        var caller = who == "customer" ? Callers.Customer : Callers.Staff;

        await Should.ThrowAsync<ForbiddenException>(() => Run(new AdminOnlyRequest(), caller));

        _handlerRuns.ShouldBe(0);
    }

    [Fact]
    public async Task System_request_is_refused_to_any_signed_in_caller()
    {
        await Should.ThrowAsync<ForbiddenException>(() => Run(new SystemRequest(), Callers.Admin));

        await Run(new SystemRequest(), caller: null, isSystem: true);
        _handlerRuns.ShouldBe(1);
    }

    [Fact]
    public async Task Participant_passes_a_participant_only_chat_request()
    {
        _access.ForChatAsync(7, Callers.Customer.Participant, Arg.Any<CancellationToken>()).Returns(new ChatAccessInfo(7, Callers.SalonId, true));

        await Run(new ParticipantChatRequest(7), Callers.Customer);

        _handlerRuns.ShouldBe(1);
    }

    [Fact]
    public async Task Non_participant_gets_not_found_so_the_chat_is_not_revealed()
    {
        _access.ForChatAsync(7, Callers.Customer.Participant, Arg.Any<CancellationToken>()).Returns(new ChatAccessInfo(7, Callers.SalonId, false));

        await Should.ThrowAsync<NotFoundException>(() => Run(new ParticipantChatRequest(7), Callers.Customer));

        _handlerRuns.ShouldBe(0);
    }

    [Fact]
    public async Task Missing_chat_gets_the_same_not_found()
    {
        await Should.ThrowAsync<NotFoundException>(() => Run(new ParticipantChatRequest(404), Callers.Customer));
    }

    [Fact]
    public async Task Salon_admin_sees_a_chat_of_the_salon_without_being_in_it()
    {
        _access.ForChatAsync(7, Callers.Admin.Participant, Arg.Any<CancellationToken>()).Returns(new ChatAccessInfo(7, Callers.SalonId, false));

        await Run(new OversightChatRequest(7), Callers.Admin);

        _handlerRuns.ShouldBe(1);
    }

    [Fact]
    public async Task Salon_admin_who_is_not_in_the_chat_is_forbidden_participant_only_actions()
    {
        _access.ForChatAsync(7, Callers.Admin.Participant, Arg.Any<CancellationToken>()).Returns(new ChatAccessInfo(7, Callers.SalonId, false));

        await Should.ThrowAsync<ForbiddenException>(() => Run(new ParticipantChatRequest(7), Callers.Admin));
    }

    [Fact]
    public async Task Admin_of_another_salon_gets_not_found_even_if_listed_as_participant()
    {
        _access.ForChatAsync(7, Callers.OtherSalonAdmin.Participant, Arg.Any<CancellationToken>()).Returns(new ChatAccessInfo(7, Callers.SalonId, true));

        await Should.ThrowAsync<NotFoundException>(() => Run(new OversightChatRequest(7), Callers.OtherSalonAdmin));

        _handlerRuns.ShouldBe(0);
    }

    [Fact]
    public async Task At_a_front_desk_every_staff_user_of_the_salon_acts_as_a_participant_and_nobody_else_does()
    {
        _access.ForChatAsync(7, Callers.Staff.Participant, Arg.Any<CancellationToken>()).Returns(new ChatAccessInfo(7, Callers.SalonId, false, IsFrontDesk: true));
        _access.ForChatAsync(7, Callers.OtherSalonAdmin.Participant, Arg.Any<CancellationToken>()).Returns(new ChatAccessInfo(7, Callers.SalonId, false, IsFrontDesk: true));
        _access.ForChatAsync(7, Callers.Customer.Participant, Arg.Any<CancellationToken>()).Returns(new ChatAccessInfo(7, Callers.SalonId, false, IsFrontDesk: true));

        await Run(new ParticipantChatRequest(7), Callers.Staff);

        _handlerRuns.ShouldBe(1);
        await Should.ThrowAsync<NotFoundException>(() => Run(new ParticipantChatRequest(7), Callers.OtherSalonAdmin));
        await Should.ThrowAsync<NotFoundException>(() => Run(new ParticipantChatRequest(7), Callers.Customer));
        _handlerRuns.ShouldBe(1);
    }

    [Fact]
    public async Task Message_request_is_checked_against_the_messages_chat()
    {
        _access.ForMessageAsync(55, Callers.Staff.Participant, Arg.Any<CancellationToken>()).Returns(new ChatAccessInfo(7, Callers.SalonId, true));

        await Run(new MessageRequest(55), Callers.Staff);

        _handlerRuns.ShouldBe(1);
        await _access.DidNotReceiveWithAnyArgs().ForChatAsync(default, default, default);
    }

    private Task<Unit> Run<TRequest>(TRequest request, Caller? caller, bool isSystem = false)
    {
        var behaviour = new AuthorizationBehaviour<TRequest, Unit>(Callers.As(caller, isSystem), _access);
        return behaviour.Handle(request, CancellationToken.None, () =>
        {
            _handlerRuns++;
            return Task.FromResult(Unit.Value);
        });
    }

    [AllowAnonymous]
    private sealed record AnonymousRequest;

    private sealed record UndeclaredRequest;

    [Authorize]
    private sealed record AnyCallerRequest;

    [Authorize(Common.Security.Callers.SalonAdmin)]
    private sealed record AdminOnlyRequest;

    [Authorize(Common.Security.Callers.System)]
    private sealed record SystemRequest;

    [Authorize]
    [ChatAccess(ChatAccessLevel.Participant)]
    private sealed record ParticipantChatRequest(long ChatId) : IChatScopedRequest;

    [Authorize]
    [ChatAccess(ChatAccessLevel.ParticipantOrSalonAdmin)]
    private sealed record OversightChatRequest(long ChatId) : IChatScopedRequest;

    [Authorize]
    [ChatAccess(ChatAccessLevel.Participant)]
    private sealed record MessageRequest(long MessageId) : IMessageScopedRequest;
}
