using CleanChat.Application.Common.Exceptions;
using CleanChat.Application.Common.Interfaces;
using CleanChat.Application.Common.Notifications;
using CleanChat.Application.Stays;
using CleanChat.Application.Stays.Commands.CreateStay;
using CleanChat.Application.Stays.Commands.UpdateStay;
using CleanChat.Domain.Accounts;
using CleanChat.Domain.Chats;
using CleanChat.Domain.Common;
using CleanChat.Domain.Stays;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;

namespace CleanChat.Application.UnitTests;

public class StayCommandTests
{
    private static readonly DateOnly Today = new(2026, 12, 4);
    private readonly IStayRepository _stays = Substitute.For<IStayRepository>();
    private readonly ICustomerRepository _customers = Substitute.For<ICustomerRepository>();
    private readonly IChatRepository _chats = Substitute.For<IChatRepository>();
    private readonly IMessageStore _messages = Substitute.For<IMessageStore>();
    private readonly IUnitOfWork _unitOfWork = Substitute.For<IUnitOfWork>();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 4, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task A_stay_id_the_hotel_used_already_is_a_conflict_and_nothing_is_added()
    {
        var guest = Saved.WithId(new Customer("+15550003333", "Gina", null, DateTime.UtcNow), 9);
        _stays.FindAsync(Callers.SalonId, 77, Arg.Any<CancellationToken>()).Returns(Stay.Open(Callers.SalonId, 77, guest, "1", Today, Today, DateTime.UtcNow));

        var refused = await Should.ThrowAsync<ConflictException>(() => CreateHandler().Handle(new CreateStayCommand(77, 9, null, null, "204", Today, Today), CancellationToken.None));

        refused.Code.ShouldBe("stay_exists");
        _stays.DidNotReceiveWithAnyArgs().Add(default!);
        _chats.DidNotReceiveWithAnyArgs().Add(default!);
    }

    [Fact]
    public async Task An_unknown_customer_id_is_refused_by_field()
    {
        var refused = await Should.ThrowAsync<RequestValidationException>(() => CreateHandler().Handle(new CreateStayCommand(77, 404, null, null, "204", Today, Today), CancellationToken.None));

        refused.Errors.Keys.ShouldContain("customer_id");
    }

    [Fact]
    public async Task A_stay_another_hotel_recorded_is_not_found_for_this_one()
    {
        var refused = await Should.ThrowAsync<NotFoundException>(() => UpdateHandler().Handle(new UpdateStayCommand(77, "310", null, null, CheckedOut: false), CancellationToken.None));

        refused.Message.ShouldBe("Stay was not found.");
        await _stays.Received(1).FindAsync(Callers.SalonId, 77, Arg.Any<CancellationToken>());
        await _unitOfWork.DidNotReceiveWithAnyArgs().SaveChangesAsync(default);
    }

    [Fact]
    public async Task A_checked_out_stay_takes_no_more_changes_and_nothing_is_posted()
    {
        var guest = Saved.WithId(new Customer("+15550003333", "Gina", null, DateTime.UtcNow), 9);
        var stay = Stay.Open(Callers.SalonId, 77, guest, "204", Today, Today.AddDays(1), DateTime.UtcNow);
        stay.Update(null, null, null, checkedOut: true, DateTime.UtcNow);
        _stays.FindAsync(Callers.SalonId, 77, Arg.Any<CancellationToken>()).Returns(stay);

        var refused = await Should.ThrowAsync<Domain.Common.DomainRuleViolationException>(() => UpdateHandler().Handle(new UpdateStayCommand(77, "310", null, null, false), CancellationToken.None));

        refused.Code.ShouldBe("stay_checked_out");
        await _messages.DidNotReceiveWithAnyArgs().AppendAsync(default!, default);
    }

    private StayConversationReader Reader() =>
        new(Substitute.For<IChatReadModel>(), Substitute.For<IParticipantProfiles>(), Substitute.For<IPresenceTracker>());

    private CreateStayCommandHandler CreateHandler() =>
        new(_stays, _customers, _chats, _messages, _unitOfWork, Reader(), Substitute.For<IChatNotifier>(), Callers.As(Callers.Staff), _time);

    private UpdateStayCommandHandler UpdateHandler() =>
        new(_stays, _chats, _messages, _unitOfWork, Reader(), Callers.As(Callers.Staff), _time);
}
